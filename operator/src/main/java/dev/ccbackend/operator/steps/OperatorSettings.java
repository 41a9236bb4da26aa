package dev.ccbackend.operator.steps;

import dev.ccbackend.operator.kube.ProgressSource;
import java.time.Duration;

/**
 * Operator-wide settings the steps need.
 *
 * @param migratorImage   cc-migrator image when the resource names none
 * @param pollInterval    how often a waiting step looks again
 * @param progressSource  where archive progress is read from
 * @param jobTtl          how long finished Jobs (and their logs) are kept
 */
public record OperatorSettings(String migratorImage, Duration pollInterval, ProgressSource progressSource,
                               Duration jobTtl) {
}

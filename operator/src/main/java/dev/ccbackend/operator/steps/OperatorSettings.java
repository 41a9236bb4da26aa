package dev.ccbackend.operator.steps;

import dev.ccbackend.operator.kube.LogSource;
import java.time.Duration;

/**
 * Operator-wide settings the steps need.
 *
 * @param migratorImage   cc-migrator image when the resource names none
 * @param pollInterval    how often a waiting step looks again
 * @param logSource  where the tail of a Job pod's output is read from
 * @param jobTtl          how long finished Jobs (and their logs) are kept
 */
public record OperatorSettings(String migratorImage, Duration pollInterval, LogSource logSource,
                               Duration jobTtl) {
}

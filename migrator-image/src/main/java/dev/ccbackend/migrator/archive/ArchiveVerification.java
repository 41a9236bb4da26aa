package dev.ccbackend.migrator.archive;

import java.util.List;

/**
 * What {@code archive verify} prints.
 *
 * @param violations     schema violations found (the first {@code listed} are in {@code examples})
 * @param newViolations  with a baseline: violations the baseline's same file did not have
 * @param ok             whether the command succeeds: no new violations, and none at all with --strict
 */
public record ArchiveVerification(String archive, Integer version, String baseline, boolean deep, boolean strict,
                                  List<String> clusters, long jobs, long filesChecked, long violations,
                                  Long newViolations, List<ArchiveSchemas.Violation> examples,
                                  List<ArchiveSchemas.Violation> newExamples, Long missing, List<String> missingExamples,
                                  boolean ok) {
}

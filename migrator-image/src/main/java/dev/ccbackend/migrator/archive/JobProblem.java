package dev.ccbackend.migrator.archive;

/**
 * Something about one job: a failure, a skip or a warning.
 *
 * @param job    path relative to the archive root, e.g. {@code emmy/1403/244/1608923076}
 * @param kind   FAILED, SKIPPED, EMPTY_FILE, MISSING_FILE, …
 * @param reason what is wrong and what to do
 */
public record JobProblem(String job, String kind, String reason) {
}

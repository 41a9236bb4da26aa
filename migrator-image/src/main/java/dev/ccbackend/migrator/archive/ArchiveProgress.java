package dev.ccbackend.migrator.archive;

/**
 * Progress of a migration (or one shard of it), as written to {@code --progress-file}, to the shard's
 * state file and, one JSON object per line, as {@code progress {json}} on stderr for the operator.
 *
 * @param jobsDone      jobs processed so far (migrated, unchanged, skipped or failed)
 * @param jobsTotal     jobs this run (shard) will process; known after the pre-scan
 * @param ratePerSecond jobs per second since the migration pass began
 * @param etaSeconds    seconds left at that rate, null while unknown
 * @param shard         {@code I/N}, {@code 0/1} when not sharded
 * @param finished      true in the last update of a run that completed
 */
public record ArchiveProgress(long jobsDone, long jobsTotal, long jobsFailed, long jobsSkipped, long bytesDone,
                              double ratePerSecond, Long etaSeconds, String shard, boolean finished) {
}

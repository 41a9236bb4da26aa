package dev.ccbackend.migrator.archive;

import java.util.List;

/**
 * What {@code archive migrate} prints.
 *
 * @param mode          copy or in-place
 * @param shard         {@code I/N}; {@code 0/1} when not sharded
 * @param jobs          jobs of this run (shard)
 * @param migrated      jobs written (rewritten in place, or put into the new archive)
 * @param unchanged     jobs already in the target form (in place)
 * @param skipped       jobs left as they are and listed in the report (empty meta.json, or failed with --on-error skip)
 * @param failed        jobs that failed (the run stopped)
 * @param linkedFiles   unchanged files hard-linked into the new archive
 * @param copiedFiles   unchanged files copied into the new archive
 * @param finalized     version.txt was written (unsharded runs; sharded ones need {@code archive finalize})
 * @param problems      the first failures, skips and warnings (all of them are in the report file)
 * @param problemCount  how many there were
 */
public record MigrationResult(String archive, String output, String mode, int fromVersion, int toVersion, String shard,
                              long jobs, long migrated, long unchanged, long skipped, long failed, long bytes,
                              long linkedFiles, long copiedFiles, double seconds, double jobsPerSecond,
                              boolean finalized, List<JobProblem> problems, long problemCount, String reportFile) {
}

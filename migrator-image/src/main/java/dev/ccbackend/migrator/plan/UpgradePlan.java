package dev.ccbackend.migrator.plan;

import java.util.List;

/**
 * What {@code cc-migrator plan} prints and what the operator reads from the plan Job's result.
 *
 * @param targetRelease  the release asked for (may be a custom one described by versions)
 * @param database       current and target DB state
 * @param archive        current and target archive state
 * @param config         whether and how the config changes
 * @param steps          work in execution order: database (conversion first), archive hops, config
 * @param blockers       reasons the plan cannot run; empty when it can
 * @param warnings       things to know that do not block (e.g. {@code addr} bound to localhost)
 * @param estimate       work to expect
 */
public record UpgradePlan(
        String targetRelease,
        DatabaseState database,
        ArchiveState archive,
        ConfigState config,
        List<PlannedStep> steps,
        List<Blocker> blockers,
        List<String> warnings,
        Estimate estimate) {

    public boolean runnable() {
        return blockers.isEmpty();
    }

    /** Serialised for readers of the JSON; derived, never set. */
    public boolean isRunnable() {
        return runnable();
    }

    /**
     * @param driver          sqlite3 or mysql
     * @param currentVersion  schema version on disk (0 = empty/missing)
     * @param targetVersion   schema version the target release needs
     * @param dirty           golang-migrate's dirty flag
     * @param jobs            rows in {@code job}
     * @param stoppedJobs     jobs in state 'stopped' (invalid from schema 9)
     */
    public record DatabaseState(String driver, int currentVersion, int targetVersion, boolean dirty,
                                long jobs, long stoppedJobs, Long sizeBytes) {
    }

    /**
     * @param currentVersion version.txt (null when unreadable)
     * @param targetVersion  version the target release needs
     */
    public record ArchiveState(String path, Integer currentVersion, int targetVersion, List<String> clusters,
                               long jobs, long bytes) {
    }

    /**
     * @param convert        whether the config must be rewritten
     * @param fromFormat     format found (null when no config was given)
     * @param toFormat       format the target release reads
     */
    public record ConfigState(boolean convert, String fromFormat, String toFormat) {
    }

    /** @param jobs jobs to touch @param bytes bytes to read @param freeBytes free space where work is written */
    public record Estimate(long jobs, long bytes, Long freeBytes) {
    }
}

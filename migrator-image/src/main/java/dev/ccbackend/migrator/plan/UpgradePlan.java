package dev.ccbackend.migrator.plan;

import dev.ccbackend.migrator.util.FileOwnership;
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
 * @param ownership      who owns the data on disk (the operator runs its Jobs as that uid)
 */
public record UpgradePlan(
        String targetRelease,
        DatabaseState database,
        ArchiveState archive,
        ConfigState config,
        List<PlannedStep> steps,
        List<Blocker> blockers,
        List<String> warnings,
        Estimate estimate,
        Ownership ownership) {

    public boolean runnable() {
        return blockers.isEmpty();
    }

    public UpgradePlan withOwnership(Ownership found) {
        return new UpgradePlan(targetRelease, database, archive, config, steps, blockers, warnings, estimate, found);
    }

    /** Serialised for readers of the JSON; derived, never set. */
    public boolean isRunnable() {
        return runnable();
    }

    /**
     * @param driver          sqlite3 or mysql
     * @param currentVersion  schema version on disk (0 = empty/missing)
     * @param targetVersion   schema version the target release needs (0 when the release is unknown)
     * @param dirty           golang-migrate's dirty flag
     * @param jobs            rows in {@code job}
     * @param stoppedJobs     jobs in state 'stopped' (invalid from schema 9)
     * @param convertTo       the new SQLite file a MariaDB database is converted into (null when not converting)
     */
    public record DatabaseState(String driver, int currentVersion, int targetVersion, boolean dirty,
                                long jobs, long stoppedJobs, Long sizeBytes, String convertTo) {

        public DatabaseState(String driver, int currentVersion, int targetVersion, boolean dirty,
                             long jobs, long stoppedJobs, Long sizeBytes) {
            this(driver, currentVersion, targetVersion, dirty, jobs, stoppedJobs, sizeBytes, null);
        }
    }

    /**
     * @param currentVersion version.txt (null when unreadable)
     * @param targetVersion  version the target release needs (0 when the release is unknown)
     */
    public record ArchiveState(String path, Integer currentVersion, int targetVersion, List<String> clusters,
                               long jobs, long bytes) {
    }

    /**
     * @param convert        whether the config must be rewritten
     * @param fromFormat     format found (null when no config was given)
     * @param toFormat       format the target release reads
     * @param path           the config inspected (null when none was given)
     */
    public record ConfigState(boolean convert, String fromFormat, String toFormat, String path) {

        public ConfigState(boolean convert, String fromFormat, String toFormat) {
            this(convert, fromFormat, toFormat, null);
        }
    }

    /**
     * @param jobs          jobs to touch
     * @param bytes         bytes to read
     * @param freeBytes     free space where work is written (the smallest of the volumes written to)
     * @param requiredBytes free space the steps need in total
     */
    public record Estimate(long jobs, long bytes, Long freeBytes, Long requiredBytes) {

        public Estimate(long jobs, long bytes, Long freeBytes) {
            this(jobs, bytes, freeBytes, null);
        }
    }

    /**
     * @param database the SQLite file's owner (null for a MariaDB server, or when it does not exist)
     * @param archive  the archive root's owner (null when it does not exist)
     */
    public record Ownership(FileOwnership.Owner database, FileOwnership.Owner archive) {
    }
}

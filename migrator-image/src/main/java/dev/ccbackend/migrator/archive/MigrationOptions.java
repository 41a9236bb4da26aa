package dev.ccbackend.migrator.archive;

import dev.ccbackend.migrator.catalog.StateMapping;

import java.nio.file.Path;
import java.time.Duration;

/**
 * One {@code archive migrate} run.
 *
 * @param output          NEWDIR in copy mode, null in place
 * @param states          {@code --map-state}
 * @param workers         parallel job workers
 * @param reportFile      JSON Lines of every failed, skipped or warned job (null: none)
 * @param progressFile    where progress JSON goes while running (null: only the state file)
 * @param addFootprints   1→2: add footprint attributes to cluster.json
 * @param fsyncEachFile   fsync every file before its rename instead of one sync at the end
 * @param terminal        draw a progress bar instead of log lines
 */
public record MigrationOptions(Path archive, Path output, int toVersion, StateMapping states, OnError onError,
                               int workers, Path reportFile, Path progressFile, boolean addFootprints, Shard shard,
                               boolean fsyncEachFile, Duration progressInterval, boolean terminal) {

    public enum OnError { FAIL, SKIP }

    public boolean copyMode() {
        return output != null;
    }

    /** Where the new archive (and the migration's state) lives. */
    public Path targetRoot() {
        return copyMode() ? output : archive;
    }

    public MigrationOptions withStates(StateMapping newStates) {
        return new MigrationOptions(archive, output, toVersion, newStates, onError, workers, reportFile, progressFile,
                addFootprints, shard, fsyncEachFile, progressInterval, terminal);
    }
}

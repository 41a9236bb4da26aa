package dev.ccbackend.migrator.archive;

import dev.ccbackend.migrator.util.FileOwnership;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code archive finalize}: once every shard has finished without failures, does the archive-wide
 * work no shard may do alone: cluster.json (and other cluster- and root-level files in copy mode),
 * one filesystem sync, version.txt last, then removes the journal. Refuses, changing nothing,
 * while any shard is missing, running or failed.
 */
public final class ArchiveFinalizer {
    private ArchiveFinalizer() {
    }

    /**
     * @param jobs     jobs of all shards
     * @param skipped  jobs the shards skipped (see their reports)
     */
    public record FinalizeResult(String archive, String output, int fromVersion, int toVersion, int shards, long jobs,
                                 long skipped, List<String> clusters, boolean versionWritten) {
    }

    /** {@code archive finalize}: alone on the archive (no shard may still be running). */
    public static FinalizeResult finalize(Path archive, Path output, int shards, int toVersion) throws IOException {
        try (ArchiveLock lock = ArchiveLock.acquire(archive.toAbsolutePath().normalize(), false, "archive finalize");
             ArchiveLock outputLock = output == null ? null
                     : ArchiveLock.acquire(output.toAbsolutePath().normalize(), false, "archive finalize")) {
            return finish(archive, output, shards, toVersion);
        }
    }

    /** The finalize, for a caller that holds the archive's lock already. */
    static FinalizeResult finish(Path archive, Path output, int shards, int toVersion) throws IOException {
        Path target = output != null ? output : archive;
        MigrationState state = new MigrationState(target);
        MigrationState.Run run = state.exists() ? state.readRun() : null;
        if (run == null && Files.isRegularFile(target.resolve(ArchiveVersion.FILE)) && ArchiveVersion.read(target) == toVersion) {
            // already finalized (e.g. a retried finalize Job): nothing left to do
            return new FinalizeResult(archive.toString(), output == null ? null : output.toString(), toVersion, toVersion, shards,
                    ArchiveInspector.inspect(target).jobs(), 0, ArchiveLayout.rootEntries(target).clusters(), false);
        }
        if (run == null) {
            throw new ArchiveException("no unfinished migration in " + target + " (no " + ArchiveLayout.STATE_DIR
                    + "/run.json); run 'cc-migrator archive migrate … --shard I/" + shards + "' for every shard first");
        }
        String mode = output != null ? "copy" : "in-place";
        if (run.toVersion() != toVersion || run.shards() != shards || !run.mode().equals(mode)
                || !run.source().equals(archive.toAbsolutePath().normalize().toString())) {
            throw new ArchiveException("the migration recorded in " + target + " is " + run.mode() + " from " + run.source()
                    + " to version " + run.toVersion() + " in " + run.shards() + " shards; finalize it with those values");
        }
        long jobs = 0;
        long skipped = 0;
        List<String> refusals = new ArrayList<>();
        for (int i = 0; i < shards; i++) {
            Shard shard = new Shard(i, shards);
            MigrationState.ShardStatus status = state.readShard(shard);
            if (status == null) {
                refusals.add("shard " + shard + " has not run");
            } else if (status.state() != MigrationState.ShardState.FINISHED) {
                refusals.add("shard " + shard + " is " + status.state().name().toLowerCase()
                        + progressOf(status) + (status.message() != null ? " (" + status.message() + ")" : ""));
            } else if (status.progress().jobsFailed() > 0) {
                refusals.add("shard " + shard + " had " + status.progress().jobsFailed() + " failed jobs");
            } else {
                jobs += status.progress().jobsTotal();
                skipped += status.progress().jobsSkipped();
            }
        }
        if (!refusals.isEmpty()) {
            throw new ArchiveException("cannot finalize: " + String.join("; ", refusals)
                    + "; rerun those shards with 'cc-migrator archive migrate … --shard I/" + shards + "', then finalize again");
        }
        List<String> clusters = ArchiveLayout.rootEntries(archive).clusters();
        finishTree(archive, output, clusters, run.addFootprints() && run.fromVersion() < 2 && toVersion >= 2);
        AtomicFiles.syncFilesystem(target);
        ArchiveVersion.write(target, toVersion, true);
        state.remove();
        return new FinalizeResult(archive.toString(), output == null ? null : output.toString(), run.fromVersion(),
                toVersion, shards, jobs, skipped, clusters, true);
    }

    private static String progressOf(MigrationState.ShardStatus status) {
        ArchiveProgress p = status.progress();
        return p == null ? "" : " at " + p.jobsDone() + "/" + p.jobsTotal() + " jobs";
    }

    /** What is not a job: every cluster's files (cluster.json, with footprints if asked) and, in copy mode, the root's. */
    static void finishTree(Path archive, Path output, List<String> clusters, boolean footprints) throws IOException {
        for (String cluster : clusters) {
            finishCluster(archive, output, cluster, footprints);
        }
        if (output != null) {
            copyRootFiles(archive, output);
        }
    }

    private static void finishCluster(Path archive, Path output, String cluster, boolean footprints) throws IOException {
        Path sourceDir = archive.resolve(cluster);
        Path clusterJson = sourceDir.resolve(ArchiveLayout.CLUSTER_JSON);
        byte[] withFootprints = footprints ? ClusterFootprints.add(Files.readAllBytes(clusterJson)) : null;
        if (output == null) {
            if (withFootprints != null) {
                AtomicFiles.replace(clusterJson, withFootprints, false);
            }
            return;
        }
        Path targetDir = output.resolve(cluster);
        Files.createDirectories(targetDir);
        FileOwnership.copy(sourceDir, targetDir);
        FileCopier copier = new FileCopier(false, archive);
        for (Path file : ArchiveLayout.sortedChildren(sourceDir, ArchiveFinalizer::notADirectory)) {
            Path target = targetDir.resolve(file.getFileName().toString());
            if (file.equals(clusterJson) && withFootprints != null) {
                AtomicFiles.replace(target, withFootprints, false);
                FileOwnership.copy(clusterJson, target);
            } else if (!AtomicFiles.isTemp(file.getFileName().toString())) {
                copier.copy(file, target, true);
            }
        }
    }

    /**
     * Root-level files other than version.txt (cc-backend keeps e.g. compress.txt there), and root
     * directories that are not clusters (a backup, lost+found): copy mode carries them over as they are.
     */
    private static void copyRootFiles(Path archive, Path output) throws IOException {
        FileCopier copier = new FileCopier(false, archive);
        for (Path file : ArchiveLayout.sortedChildren(archive, ArchiveFinalizer::notADirectory)) {
            String name = file.getFileName().toString();
            if (!name.equals(ArchiveVersion.FILE) && !name.equals(ArchiveLock.FILE) && !AtomicFiles.isTemp(name)) {
                copier.copy(file, output.resolve(name), true);
            }
        }
        FileCopier linking = new FileCopier(true, archive); // a backup beside the clusters may be large: link it
        for (String other : ArchiveLayout.rootEntries(archive).otherDirectories()) {
            if (!other.equals(ArchiveLayout.LOST_FOUND)) { // the filesystem's own, not the archive's
                TreeCarrier.carry(archive.resolve(other), output.resolve(other), linking);
            }
        }
    }

    private static boolean notADirectory(Path p) {
        return !Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS);
    }
}

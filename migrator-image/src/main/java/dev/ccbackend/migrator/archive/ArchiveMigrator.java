package dev.ccbackend.migrator.archive;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.ccbackend.migrator.catalog.StateMapping;
import dev.ccbackend.migrator.util.Directories;
import dev.ccbackend.migrator.util.FileOwnership;
import dev.ccbackend.migrator.util.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * {@code archive migrate}: checks, pre-scans (refusing before any write), migrates the jobs of one
 * shard in parallel, records the shard's outcome in the journal and, when not sharded, finalizes
 * (version.txt last). A rerun of the same command after a crash finishes the job: finished jobs are
 * recognised as such and temp files of the killed run are removed.
 */
public final class ArchiveMigrator {
    private final PrintWriter err;

    /** @param err where progress lines and warnings go (stderr) */
    public ArchiveMigrator(PrintWriter err) {
        this.err = err;
    }

    public MigrationResult migrate(MigrationOptions requested) throws IOException {
        Path archive = requested.archive().toAbsolutePath().normalize();
        if (!Files.isDirectory(archive)) {
            throw new ArchiveException(archive + " is not a directory; give the job archive's root with --archive");
        }
        boolean sharded = !requested.shard().isAll();
        String what = (sharded ? "shard " + requested.shard() + " of " : "") + "archive migrate --mode "
                + (requested.copyMode() ? "copy" : "in-place") + " of " + archive;
        Path output = requested.copyMode() ? requested.targetRoot().toAbsolutePath().normalize() : null;
        if (output != null) {
            checkOutputPlace(archive, output);
        }
        try (ArchiveLock lock = ArchiveLock.acquire(archive, sharded, what);
             ArchiveLock outputLock = output == null ? null : ArchiveLock.acquireOutput(output, sharded, what)) {
            return migrateLocked(archive, requested);
        } catch (IOException e) {
            if (DiskFullException.is(e)) { // before the first job: a lock or journal file did not fit
                throw new ArchiveException("the volume of " + (output != null ? output : archive) + " is full ("
                        + e.getMessage() + ") before the first job was migrated: free space there and run the same"
                        + " command again; the archive was not changed", e);
            }
            throw e;
        }
    }

    private MigrationResult migrateLocked(Path archive, MigrationOptions requested) throws IOException {
        MigrationOptions options = requested;
        if (options.toVersion() < 2 || options.toVersion() > ArchiveVersion.LATEST) {
            throw new ArchiveException("--to-version " + options.toVersion() + " is not an archive version cc-migrator can write (2 or 3)");
        }
        int current = ArchiveVersion.read(archive);
        Path target = options.targetRoot().toAbsolutePath().normalize();
        MigrationState state = new MigrationState(target);
        if (options.copyMode()) {
            checkOutput(target);
        }
        MigrationState.Run recorded = state.exists() ? state.readRun() : null;
        if (recorded != null) {
            options = adoptRecorded(options, recorded, archive);
        }
        String mode = options.copyMode() ? "copy" : "in-place";
        if (current >= options.toVersion()) {
            if (recorded != null && !options.copyMode() && current == recorded.toVersion()) {
                state.remove(); // a finalize wrote version.txt, then died before removing the journal
                return emptyResult(archive, options, mode, recorded.fromVersion(), current);
            }
            if (current == options.toVersion() && !options.copyMode()) {
                // a rerun after success: done already, as db migrate says for a database at its target
                err.println("the archive is already at version " + current + " (version.txt): nothing to do");
                return emptyResult(archive, options, mode, current, current);
            }
            throw new ArchiveException("the archive is already at version " + current + " (version.txt); nothing to migrate to version "
                    + options.toVersion() + (options.copyMode() ? " (no new archive was written)" : ""));
        }
        int from = recorded != null ? recorded.fromVersion() : current;
        if (from < 1) {
            throw new ArchiveException("archive version " + from + " predates cc-backend 1.0; convert it with cc-backend 1.0's archive-migration tool first");
        }
        if (!Files.isWritable(options.copyMode() ? MigrationPreflight.existingAncestor(target) : archive)) {
            throw new ArchiveException("cannot write to " + (options.copyMode() ? target : archive)
                    + "; run as the archive's owner or fix its permissions");
        }
        ArchiveLayout.RootEntries root = ArchiveLayout.rootEntries(archive);
        List<String> clusters = root.clusters();
        checkClusterFiles(archive, clusters);
        refuseUnusableRootDirectories(archive, root);
        boolean links = options.copyMode() && Directories.sameFilesystem(archive, MigrationPreflight.existingAncestor(target));
        FileCopier copier = new FileCopier(links, archive);
        JobMigrator migrator = new JobMigrator(from, options.toVersion(), options.states(),
                options.copyMode() ? target : null, options.fsyncEachFile(), copier,
                recorded != null && state.readShard(options.shard()) != null);

        MigrationPreflight.Scan scan;
        long scanStart = System.nanoTime();
        try (JobReport preReport = new JobReport(options.reportFile())) {
            scan = MigrationPreflight.scan(options, clusters, migrator, preReport, MigrationPreflight.blockSize(target));
        }
        err.printf("pre-scan: %d jobs of shard %s checked in %.1f s%n", scan.jobs(), options.shard(),
                (System.nanoTime() - scanStart) / 1e9);
        MigrationPreflight.refuseIfBlocked(options, scan);
        if (options.copyMode()) {
            MigrationPreflight.refuseIfNoSpace(target, links, scan);
        }
        MigrationState.Run run = new MigrationState.Run(archive.toString(), mode, from, options.toVersion(),
                options.states().specs(), options.addFootprints(), options.shard().count());
        MigrationState.Run inEffect = state.recordRun(run);
        if (options.copyMode()) {
            FileOwnership.copy(archive, target); // the new archive's root is cc-backend's, like the old one
        }
        if (!inEffect.equals(run)) {
            throw new ArchiveException("another migration of this archive is recorded in " + state.dir() + " (" + Json.compact(inEffect)
                    + "); rerun with the same options or remove that directory if it is stale");
        }
        ProgressTracker tracker = new ProgressTracker(scan.jobs(), options.shard());
        copier.onLinksRefused(() -> {
            try {
                MigrationPreflight.refuseIfCopiesDoNotFit(target, scan, tracker.done.sum());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        boolean finalized = options.shard().isAll();
        PassOutcome outcome;
        try {
            outcome = runPass(options, root, migrator, state, tracker, scan.jobs());
            if (outcome.error == null) {
                if (options.copyMode() && options.shard().index() == 0) {
                    // files and links between the job levels (cluster/1403/README): the new archive holds everything the old one did
                    for (ArchiveLayout.Stray stray : scan.strays()) {
                        TreeCarrier.carry(stray.path(), target.resolve(stray.relativePath()), copier);
                    }
                }
                if (finalized) {
                    ArchiveFinalizer.finish(archive, options.copyMode() ? target : null, 1, options.toVersion());
                }
            }
        } catch (IOException | RuntimeException e) {
            if (DiskFullException.is(e)) {
                throw DiskFullException.stopped(options, archive, target, scan, tracker.done.sum(), e);
            }
            throw e;
        }
        if (outcome.error != null) {
            throw new ArchiveException(outcome.error);
        }
        ArchiveProgress last = tracker.snapshot(true);
        return new MigrationResult(archive.toString(), options.copyMode() ? target.toString() : null, mode,
                from, options.toVersion(), options.shard().toString(), scan.jobs(), tracker.migrated.sum(),
                tracker.unchanged.sum(), last.jobsSkipped(), last.jobsFailed(), last.bytesDone(), copier.linked(),
                copier.copied(), round(tracker.seconds()), last.ratePerSecond(), finalized, outcome.problems,
                outcome.problemCount, options.reportFile() == null ? null : options.reportFile().toString());
    }

    private record PassOutcome(String error, List<JobProblem> problems, long problemCount) {
    }

    private PassOutcome runPass(MigrationOptions options, ArchiveLayout.RootEntries root, JobMigrator migrator,
                                MigrationState state, ProgressTracker tracker, long total) throws IOException {
        Shard shard = options.shard();
        state.writeShard(shard, new MigrationState.ShardStatus(shard.toString(), MigrationState.ShardState.RUNNING,
                tracker.snapshot(false), List.of(), null), false);
        String error = null;
        try (JobReport report = new JobReport(options.reportFile());
             ProgressReporter reporter = new ProgressReporter(tracker, total, options.terminal(), err, options.progressFile(),
                     options.progressInterval(), p -> writeShardQuietly(state, shard, p, report))) {
            if (shard.index() == 0) {
                for (String other : root.otherDirectories()) {
                    report.add(new JobProblem(other, "NON_CLUSTER_DIRECTORY", "no cluster.json, so not an archive cluster; "
                            + (options.copyMode() && !other.equals(ArchiveLayout.LOST_FOUND)
                            ? "carried over into the new archive as it is; " : "")
                            + "cc-backend 1.5 fails to start with it at the archive root: move it out"));
                }
            }
            RuntimeException diskFull = null;
            try {
                JobPipeline.run(options.archive().toAbsolutePath().normalize(), root.clusters(), shard, options.workers(),
                        job -> migrateJob(job, migrator, options.onError(), tracker, report));
            } catch (RuntimeException e) {
                error = e.getMessage();
                diskFull = DiskFullException.is(e) ? e : null;
            }
            reporter.finish(error == null);
            ArchiveProgress last = tracker.snapshot(error == null);
            state.writeShard(shard, new MigrationState.ShardStatus(shard.toString(), error == null
                    ? MigrationState.ShardState.FINISHED : MigrationState.ShardState.FAILED, last, report.first(), error),
                    true);
            if (diskFull != null) {
                throw diskFull;
            }
            return new PassOutcome(error, report.first(), report.count());
        }
    }

    private static void migrateJob(ArchiveLayout.JobDir job, JobMigrator migrator, MigrationOptions.OnError onError,
                                   ProgressTracker tracker, JobReport report) {
        JobMigrator.JobPlan plan = null;
        try {
            plan = migrator.plan(job);
            plan.warnings().forEach(report::add);
            if (plan.migratable()) {
                if (migrator.apply(job, plan)) {
                    tracker.migrated.increment();
                } else {
                    tracker.unchanged.increment();
                }
            } else if (plan.skip() != null) {
                report.add(plan.skip());
                migrator.keepAsIs(job, plan.files());
                tracker.skipped.increment();
            } else {
                fail(job, plan.error() != null ? plan.error() : "job state '" + plan.unmappedState() + "' has no --map-state",
                        onError, migrator, plan, tracker, report);
            }
        } catch (IOException e) {
            if (DiskFullException.is(e)) {
                throw new DiskFullException(e); // the volume's fault, not the job's: stop whatever --on-error says
            }
            fail(job, e.toString(), onError, migrator, plan, tracker, report);
        } finally {
            tracker.done.increment();
            if (plan != null) {
                tracker.bytes.add(plan.files().bytes());
            }
        }
    }

    private static void fail(ArchiveLayout.JobDir job, String reason, MigrationOptions.OnError onError, JobMigrator migrator,
                             JobMigrator.JobPlan plan, ProgressTracker tracker, JobReport report) {
        if (onError == MigrationOptions.OnError.SKIP) {
            report.add(new JobProblem(job.relativePath(), "SKIPPED", reason + "; job kept as it is"));
            tracker.skipped.increment();
            try {
                if (plan != null) {
                    migrator.keepAsIs(job, plan.files());
                }
            } catch (IOException e) {
                if (DiskFullException.is(e)) {
                    throw new DiskFullException(e);
                }
                report.add(new JobProblem(job.relativePath(), "FAILED", "cannot keep the job as it is: " + e));
            }
            return;
        }
        report.add(new JobProblem(job.relativePath(), "FAILED", reason));
        tracker.failed.increment();
        throw new JobPipeline.StopException(job.relativePath() + ": " + reason
                + "; version.txt is unchanged. Fix the job and rerun the same command (finished jobs are kept),"
                + " or rerun with --on-error skip");
    }

    private void writeShardQuietly(MigrationState state, Shard shard, ArchiveProgress progress, JobReport report) {
        try {
            state.writeShard(shard, new MigrationState.ShardStatus(shard.toString(), MigrationState.ShardState.RUNNING,
                    progress, report.first(), null), false);
        } catch (IOException e) {
            err.println("warning: cannot update " + state.shardFile(shard) + ": " + e.getMessage());
        }
    }

    private static MigrationOptions adoptRecorded(MigrationOptions options, MigrationState.Run recorded, Path archive) {
        String mode = options.copyMode() ? "copy" : "in-place";
        boolean same = recorded.toVersion() == options.toVersion() && recorded.mode().equals(mode)
                && recorded.source().equals(archive.toString()) && recorded.shards() == options.shard().count()
                && recorded.addFootprints() == options.addFootprints();
        if (!same) {
            throw new ArchiveException("an unfinished migration is recorded in " + options.targetRoot().resolve(ArchiveLayout.STATE_DIR)
                    + ": " + recorded.mode() + " from " + recorded.source() + " to version " + recorded.toVersion() + " in "
                    + recorded.shards() + " shard(s)" + (recorded.addFootprints() ? " with --add-footprints" : "")
                    + "; rerun it with the same options to finish it");
        }
        if (options.states().replacements().isEmpty() && !recorded.mapState().isEmpty()) {
            return options.withStates(StateMapping.parse(recorded.mapState()));
        }
        if (!Objects.equals(options.states().specs(), recorded.mapState())) {
            throw new ArchiveException("the unfinished migration was started with --map-state " + recorded.mapState()
                    + "; rerun it with the same mapping");
        }
        return options;
    }

    /** Refusals that come before the output directory is created (and locked). */
    private static void checkOutputPlace(Path archive, Path output) {
        if (output.startsWith(archive) || archive.startsWith(output)) {
            throw new ArchiveException("--output " + output + " must be outside the archive " + archive + " (and not contain it)");
        }
        if (Files.exists(output) && !Files.isDirectory(output)) {
            throw new ArchiveException("--output " + output + " exists and is not a directory");
        }
    }

    private static void checkOutput(Path output) throws IOException {
        if (!Files.isDirectory(output)) {
            return;
        }
        try (Stream<Path> children = Files.list(output)) {
            List<String> names = children.map(p -> p.getFileName().toString()).filter(n -> !n.equals(ArchiveLock.FILE))
                    .limit(3).toList();
            boolean ours = Files.isDirectory(output.resolve(ArchiveLayout.STATE_DIR));
            if (!names.isEmpty() && !ours) {
                throw new ArchiveException("--output " + output + " exists and is not empty (" + String.join(", ", names)
                        + "…); give a new or empty directory; cc-migrator never overwrites an archive");
            }
        }
    }

    /**
     * A symbolic link to a directory, or a directory that holds jobs but no cluster.json (cc-backend ignores
     * it, and a migration would leave its jobs behind at the old version): refused before anything is written.
     */
    private static void refuseUnusableRootDirectories(Path archive, ArchiveLayout.RootEntries root) {
        if (!root.symlinkedDirectories().isEmpty()) {
            String linked = root.symlinkedDirectories().get(0);
            throw MigrationPreflight.symlinkedDirectory(linked, archive.resolve(linked));
        }
        for (String other : root.otherDirectories()) {
            if (holdsJobs(archive.resolve(other))) {
                throw new ArchiveException(archive.resolve(other) + " holds job directories but no cluster.json, so it is"
                        + " not a cluster cc-backend can read, and its jobs would stay at the old version; restore its"
                        + " cluster.json (from a backup, or cc-backend's cluster configuration) or move the directory out"
                        + " of the archive, then run again; nothing was changed");
            }
        }
    }

    /** Whether {@code dir} has the cluster layout: some {@code <id/1000>/<id%1000>/<start>/meta.json}. */
    private static boolean holdsJobs(Path dir) {
        try (Stream<Path> jobs = Files.find(dir, 3, (p, a) -> a.isDirectory() && Files.exists(p.resolve(ArchiveLayout.META_JSON)))) {
            return jobs.findAny().isPresent();
        } catch (IOException | UncheckedIOException e) {
            return false;
        }
    }

    private static void checkClusterFiles(Path archive, List<String> clusters) {
        for (String cluster : clusters) {
            Path file = archive.resolve(cluster).resolve(ArchiveLayout.CLUSTER_JSON);
            try {
                Json.MAPPER.readTree(Files.readAllBytes(file));
            } catch (JsonProcessingException e) {
                throw new ArchiveException(file + " is not valid JSON (" + e.getOriginalMessage() + "); cc-backend cannot start with it either. Fix it first");
            } catch (IOException e) {
                throw new ArchiveException("cannot read " + file + ": " + e.getMessage());
            }
        }
    }

    private static MigrationResult emptyResult(Path archive, MigrationOptions options, String mode, int from, int to) {
        return new MigrationResult(archive.toString(), null, mode, from, to, options.shard().toString(), 0, 0, 0, 0, 0, 0, 0, 0,
                0, 0, true, List.of(), 0, null);
    }

    private static double round(double seconds) {
        return Math.round(seconds * 1000) / 1000.0;
    }
}

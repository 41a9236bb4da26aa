package dev.ccbackend.migrator.archive;

import dev.ccbackend.migrator.catalog.StateMapping;
import dev.ccbackend.migrator.util.Directories;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;

/**
 * {@code archive cutover}, with cc-backend stopped: every job directory whose signature differs from
 * the prepare's manifest (added, changed, marked for redo) is migrated again into the prepared
 * archive, removed ones are removed, what is not a job is carried over again; then version.txt and
 * the switch: the archive is kept as {@code <archive>.v<from>-<time>} and the prepared one takes its
 * name (rolling back is renaming back). An archive that is a mount point cannot be renamed: the
 * prepared archive then stays where it is, and the result names the path cc-backend's config must give.
 */
public final class ArchiveCutover {
    /**
     * @param archivePath where the migrated archive is now: the archive's path when switched, else the prepared one
     * @param backup      the archive as cc-backend left it (null when not switched: it is still at its path)
     */
    public record Result(String archive, String prepared, String archivePath, String backup, boolean switched, int from, int to,
                         long jobsChecked, long jobsRedone, long jobsRemoved, long durationMs) {
    }

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private ArchiveCutover() {
    }

    public static Path switchFile(Path archive) {
        Path a = archive.toAbsolutePath().normalize();
        return a.resolveSibling(a.getFileName() + ".cc-migrator-switch");
    }

    public static Result cutover(Path archiveDir, Path preparedDir, Clock clock, int workers) throws IOException {
        long start = System.nanoTime();
        Path archive = archiveDir.toAbsolutePath().normalize();
        Path prepared = preparedDir.toAbsolutePath().normalize();
        if (Files.exists(switchFile(archive))) {
            return finishSwitch(archive, prepared, start); // a cutover killed between its two renames
        }
        ArchivePrepare.Record record = ArchivePrepare.readRecord(prepared);
        if (!record.source().equals(archive.toString())) {
            throw new ArchiveException(prepared + " was prepared from " + record.source() + ", not " + archive + "; nothing was changed");
        }
        long[] counts;
        try (ArchiveLock lock = ArchiveLock.acquire(archive, false, "archive cutover of " + archive);
             ArchiveLock outputLock = ArchiveLock.acquire(prepared, false, "archive cutover of " + archive)) {
            counts = applyChanges(archive, prepared, record, workers);
            AtomicFiles.syncFilesystem(prepared);
            ArchiveVersion.write(prepared, record.to(), true);
        }
        Path state = ArchivePrepare.stateDir(prepared);
        if (isMountPoint(archive)) {
            Directories.deleteRecursively(state);
            return new Result(archive.toString(), prepared.toString(), prepared.toString(), null, false, record.from(), record.to(),
                    counts[0], counts[1], counts[2], (System.nanoTime() - start) / 1_000_000);
        }
        Path backup = archive.resolveSibling(archive.getFileName() + ".v" + record.from() + "-" + STAMP.format(clock.instant()));
        Files.writeString(switchFile(archive), backup.getFileName() + "\n");
        Files.move(archive, backup, StandardCopyOption.ATOMIC_MOVE);
        Result switched = finishSwitch(archive, prepared, start);
        return new Result(switched.archive(), switched.prepared(), switched.archivePath(), switched.backup(), true, record.from(),
                record.to(), counts[0], counts[1], counts[2], switched.durationMs());
    }

    /** The second rename and the cleanup; also what a rerun does after a kill between the renames. */
    private static Result finishSwitch(Path archive, Path prepared, long start) throws IOException {
        String backup = Files.readString(switchFile(archive)).strip();
        ArchivePrepare.Record record = ArchivePrepare.readRecord(prepared);
        if (Files.exists(prepared)) {
            Files.move(prepared, archive, StandardCopyOption.ATOMIC_MOVE);
        }
        Directories.deleteRecursively(ArchivePrepare.stateDir(prepared));
        Files.deleteIfExists(switchFile(archive));
        return new Result(archive.toString(), prepared.toString(), archive.toString(), archive.resolveSibling(backup).toString(),
                true, record.from(), record.to(), 0, 0, 0, (System.nanoTime() - start) / 1_000_000);
    }

    /** @return jobs checked, redone, removed */
    private static long[] applyChanges(Path archive, Path prepared, ArchivePrepare.Record record, int workers) throws IOException {
        ConcurrentHashMap<String, Long> manifest = ArchiveManifest.read(ArchivePrepare.stateDir(prepared).resolve(ArchivePrepare.MANIFEST));
        StateMapping states = StateMapping.parse(record.mapState());
        FileCopier copier = new FileCopier(true, archive);
        JobMigrator migrator = new JobMigrator(record.from(), record.to(), states, prepared, false, copier, true);
        LongAdder checked = new LongAdder();
        LongAdder redone = new LongAdder();
        Map<String, String> refused = new ConcurrentHashMap<>();
        List<ArchiveLayout.Stray> strays = new CopyOnWriteArrayList<>();
        ArchiveLayout.RootEntries root = ArchiveLayout.rootEntries(archive);
        JobPipeline.run(archive, root.clusters(), Shard.ALL, workers, job -> {
            checked.increment();
            Long seen = manifest.remove(job.relativePath());
            if (seen != null && seen != ArchiveManifest.REDO && seen == ArchiveManifest.signature(job.dir())) {
                return;
            }
            redone.increment();
            Directories.deleteRecursively(prepared.resolve(job.relativePath()));
            JobMigrator.JobPlan plan = migrator.plan(job);
            if (plan.unmappedState() != null) {
                refused.putIfAbsent(plan.unmappedState(), job.relativePath());
            } else if (plan.migratable()) {
                migrator.apply(job, plan);
            } else {
                migrator.keepAsIs(job, plan.files()); // as the prepare (and an offline run with --on-error skip) does
            }
        }, strays::add);
        if (!refused.isEmpty()) {
            Map.Entry<String, String> first = refused.entrySet().iterator().next();
            throw new ArchiveException("job " + first.getValue() + " came in state '" + first.getKey() + "' after the prepare,"
                    + " which archive version 3 does not have: prepare again with --map-state " + first.getKey()
                    + "=completed; the archive was not changed");
        }
        for (String removed : manifest.keySet()) {
            removeJob(archive, prepared, removed);
        }
        for (ArchiveLayout.Stray stray : strays) {
            Path target = prepared.resolve(stray.relativePath());
            Directories.deleteRecursively(target);
            TreeCarrier.carry(stray.path(), target, copier);
        }
        carryRoot(archive, prepared, root);
        return new long[]{checked.sum(), redone.sum(), manifest.size()};
    }

    /** A job cc-backend removed: gone from the new archive too, with the directories above it that it leaves empty. */
    private static void removeJob(Path archive, Path prepared, String relative) throws IOException {
        Path dir = prepared.resolve(relative);
        Directories.deleteRecursively(dir);
        Path parent = dir.getParent();
        for (int level = 0; level < 2 && parent != null && !Files.exists(archive.resolve(prepared.relativize(parent))); level++) {
            try (var children = Files.list(parent)) {
                if (children.findAny().isPresent()) {
                    break;
                }
            }
            Files.delete(parent);
            parent = parent.getParent();
        }
    }

    /** Root entries the archive no longer has go; the rest of the root (cluster.json, files, non-cluster directories) is carried again. */
    private static void carryRoot(Path archive, Path prepared, ArchiveLayout.RootEntries root) throws IOException {
        Set<String> keep = new HashSet<>(root.clusters());
        keep.add(ArchiveVersion.FILE);
        keep.add(ArchiveLock.FILE);
        try (var children = Files.list(archive)) {
            children.forEach(p -> keep.add(p.getFileName().toString()));
        }
        List<Path> gone = new ArrayList<>();
        try (var children = Files.list(prepared)) {
            children.filter(p -> !keep.contains(p.getFileName().toString())).forEach(gone::add);
        }
        for (Path p : gone) {
            Directories.deleteRecursively(p);
        }
        for (String other : root.otherDirectories()) {
            Directories.deleteRecursively(prepared.resolve(other));
        }
        ArchiveFinalizer.finishTree(archive, prepared, root.clusters(), false);
    }

    private static boolean isMountPoint(Path dir) {
        try {
            return !Objects.equals(Files.getAttribute(dir, "unix:dev", LinkOption.NOFOLLOW_LINKS),
                    Files.getAttribute(dir.getParent(), "unix:dev", LinkOption.NOFOLLOW_LINKS));
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }
}

package dev.ccbackend.migrator.archive;

import dev.ccbackend.migrator.catalog.StateMapping;
import dev.ccbackend.migrator.util.Directories;
import dev.ccbackend.migrator.util.Json;
import dev.ccbackend.migrator.util.SwitchBack;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * {@code archive cutover}, with cc-backend stopped: every job directory whose signature differs from
 * the prepare's manifest (added, changed, marked for redo) is migrated again into the prepared
 * archive, removed ones are removed, what is not a job is carried over again; then version.txt and
 * the switch: the archive is kept as {@code <archive>.v<from>-<time>} and the prepared one takes its
 * name (rolling back is renaming back).
 */
public final class ArchiveCutover {
    /**
     * @param backup the archive as cc-backend left it
     */
    public record Result(String archive, String prepared, String backup, int from, int to, long jobsChecked, long jobsRedone,
                         long jobsRemoved, long durationMs) {
    }

    /** What a switch is about to do, written before its first rename so that a rerun can finish it. */
    record Switch(String backup, int from, int to, String prepared) {
    }

    private ArchiveCutover() {
    }

    public static Path switchFile(Path archive) {
        Path a = archive.toAbsolutePath().normalize();
        return a.resolveSibling(a.getFileName() + ".cc-migrator-switch");
    }

    /** Undoes a cutover ({@link SwitchBack}); cc-backend must be stopped, as for the cutover. */
    public static SwitchBack.Result switchBack(Path archiveDir, Optional<String> kept) {
        Path archive = archiveDir.toAbsolutePath().normalize();
        if (archive.getFileName() == null) {
            throw new SwitchBack.RefusedException(archive + " is no archive a cutover switched: give the archive's directory");
        }
        return SwitchBack.run(archive, kept, switchFile(archive), List.of());
    }

    /** Deletes the archive a cutover kept ({@link SwitchBack#removeKept}). */
    public static SwitchBack.Result removeKept(Path archiveDir, String kept) {
        return SwitchBack.removeKept(archiveDir, kept, List.of());
    }

    public static Result cutover(Path archiveDir, Path preparedDir, Clock clock, int workers) throws IOException {
        long start = System.nanoTime();
        Path archive = archiveDir.toAbsolutePath().normalize();
        Path prepared = preparedDir.toAbsolutePath().normalize();
        if (Files.exists(switchFile(archive))) {
            Switch recorded = Json.MAPPER.readValue(Files.readString(switchFile(archive)), Switch.class);
            if (Files.exists(archive.resolveSibling(recorded.backup())) && SwitchBack.stale(archive, recorded.prepared(), prepared)) {
                throw new ArchiveException(switchFile(archive) + " is left from an earlier cutover (it names " + recorded.backup()
                        + ", yet the archive and the prepared copy are both in place): remove it, then run the cutover again;"
                        + " nothing was changed");
            }
            if (Files.exists(archive.resolveSibling(recorded.backup()))) { // killed between the two renames
                finishSwitch(archive, prepared, recorded);
                return new Result(archive.toString(), prepared.toString(), archive.resolveSibling(recorded.backup()).toString(),
                        recorded.from(), recorded.to(), 0, 0, 0, (System.nanoTime() - start) / 1_000_000);
            }
            Files.delete(switchFile(archive)); // killed before the first rename: start over
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
        Switch planned = new Switch(Directories.keptOriginalName(archive, record.from(), clock.instant()),
                record.from(), record.to(), prepared.toString());
        Files.writeString(switchFile(archive), Json.compact(planned));
        Files.move(archive, archive.resolveSibling(planned.backup()), StandardCopyOption.ATOMIC_MOVE);
        finishSwitch(archive, prepared, planned);
        return new Result(archive.toString(), prepared.toString(), archive.resolveSibling(planned.backup()).toString(),
                record.from(), record.to(), counts[0], counts[1], counts[2], (System.nanoTime() - start) / 1_000_000);
    }

    /** The second rename, then the cleanup, the switch file last: a rerun after any kill finds what it needs. */
    private static void finishSwitch(Path archive, Path prepared, Switch planned) throws IOException {
        if (!Files.exists(archive) && Files.exists(prepared)) {
            Files.move(prepared, archive, StandardCopyOption.ATOMIC_MOVE);
        }
        Directories.deleteRecursively(ArchivePrepare.stateDir(prepared));
        Files.deleteIfExists(switchFile(archive));
    }

    /** @return jobs checked, redone, removed */
    private static long[] applyChanges(Path archive, Path prepared, ArchivePrepare.Record record, int workers) throws IOException {
        StateMapping states = StateMapping.parse(record.mapState());
        FileCopier copier = new FileCopier(true, archive);
        JobMigrator migrator = new JobMigrator(record.from(), record.to(), states, prepared, false, copier, true);
        LongAdder redone = new LongAdder();
        Map<String, String> refused = new ConcurrentHashMap<>();
        ArchiveLayout.RootEntries root = ArchiveLayout.rootEntries(archive);
        List<String> oldStrays = ArchivePrepare.readStrays(prepared);
        for (String stray : oldStrays) { // a link or file the prepare carried, where the archive has a real directory now
            if (Files.isDirectory(archive.resolve(stray), LinkOption.NOFOLLOW_LINKS)) {
                clearWay(prepared, stray + "/");
            }
        }
        ArchiveChanges.Found found = ArchiveChanges.find(archive, prepared, root.clusters(), ArchivePrepare.stateDir(prepared)
                .resolve(ArchivePrepare.MANIFEST), ArchivePrepare.readRedo(prepared), oldStrays, workers, job -> {
            redone.increment();
            deleteFromCopy(prepared, job.relativePath());
            JobMigrator.JobPlan plan = migrator.plan(job);
            if (plan.unmappedState() != null) {
                refused.putIfAbsent(job.relativePath(), "its state '" + plan.unmappedState() + "' does not exist in archive"
                        + " version 3: prepare again with --map-state " + plan.unmappedState() + "=completed");
            } else if (plan.error() != null) {
                refused.putIfAbsent(job.relativePath(), plan.error() + ": fix it, then run the cutover again");
            } else if (plan.migratable()) {
                migrator.apply(job, plan);
            } else {
                migrator.keepAsIs(job, plan.files()); // no meta.json at all: kept as it is, as an offline run does
            }
        });
        if (!refused.isEmpty()) {
            Map.Entry<String, String> first = refused.entrySet().iterator().next();
            throw new ArchiveException(refused.size() + (refused.size() == 1 ? " job cannot" : " jobs cannot") + " be migrated"
                    + " (first: " + first.getKey() + ": " + first.getValue() + "); the archive was not changed");
        }
        for (ArchiveLayout.Stray stray : found.strays()) {
            if (stray.symlinkedDirectory()) { // refused as an offline migration refuses it
                throw MigrationPreflight.symlinkedDirectory(stray.relativePath(), stray.path());
            }
        }
        // removals first, then the strays: nothing is deleted through a link carried from the archive
        for (String removed : found.removed()) {
            removeJob(archive, prepared, removed);
        }
        for (String gone : found.gone()) {
            removeJob(archive, prepared, gone);
        }
        Set<String> strayPaths = new HashSet<>();
        found.strays().forEach(stray -> strayPaths.add(stray.relativePath()));
        for (String gone : oldStrays) { // what was beside the jobs at the prepare and is not now
            if (!strayPaths.contains(gone) && !Files.isDirectory(archive.resolve(gone), LinkOption.NOFOLLOW_LINKS)) { // not a job now
                deleteFromCopy(prepared, gone);
            }
        }
        for (ArchiveLayout.Stray stray : found.strays()) {
            deleteFromCopy(prepared, stray.relativePath());
            TreeCarrier.carry(stray.path(), prepared.resolve(stray.relativePath()), copier);
        }
        carryRoot(archive, prepared, root);
        return new long[]{found.jobsChecked(), redone.sum(), found.removed().size()};
    }

    /**
     * Deletes what is not a real directory on the way to {@code relative} in the prepared copy (a link or file carried
     * from where the archive has a directory now), the entry itself, never what it points to: whatever is then deleted
     * or written below it is the prepared copy's own.
     */
    private static void clearWay(Path prepared, String relative) throws IOException {
        Path p = prepared;
        String[] parts = relative.split("/");
        for (int i = 0; i < parts.length - 1 || relative.endsWith("/") && i < parts.length; i++) {
            p = p.resolve(parts[i]);
            if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                return;
            }
            if (!Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                Files.delete(p);
                return;
            }
        }
    }

    /** Deletes {@code relative} from the prepared copy, never through a link on the way ({@link #clearWay}). */
    private static void deleteFromCopy(Path prepared, String relative) throws IOException {
        clearWay(prepared, relative);
        Directories.deleteRecursively(prepared.resolve(relative));
    }

    /** A job cc-backend removed: gone from the new archive too, with the directories above it that it leaves empty. */
    private static void removeJob(Path archive, Path prepared, String relative) throws IOException {
        deleteFromCopy(prepared, relative);
        Path dir = prepared.resolve(relative);
        Path parent = dir.getParent();
        for (int level = 0; level < 2 && parent != null && Files.isDirectory(parent)
                && !Files.exists(archive.resolve(prepared.relativize(parent))); level++) {
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
        for (String cluster : root.clusters()) { // a cluster's own files (cluster.json, notes) that are gone now
            if (!Files.isDirectory(prepared.resolve(cluster))) {
                continue;
            }
            for (Path file : ArchiveLayout.sortedChildren(prepared.resolve(cluster), p -> !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))) {
                if (!Files.exists(archive.resolve(cluster).resolve(file.getFileName().toString()), LinkOption.NOFOLLOW_LINKS)) {
                    Files.delete(file);
                }
            }
        }
        ArchiveFinalizer.finishTree(archive, prepared, root.clusters(), false);
    }
}

package dev.ccbackend.migrator.archive;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.LongAdder;

/**
 * Finds, with cc-backend stopped, every job added, changed or removed since the prepare's {@link ArchiveManifest},
 * without listing what did not change: a directory whose stamp is unchanged has the children the manifest names,
 * so only the directories that changed are listed, and every job is checked with one lstat per entry. The
 * manifest is streamed, one bucket ({@code cluster/1403/244}) at a time to the workers: memory does not grow
 * with the archive, and the lstats run on all workers at once.
 */
final class ArchiveChanges {
    /** What the cutover does with what changed; {@link #changed} runs on the worker threads. */
    interface Handler {
        /** A job added or changed since the prepare (or marked to be done again). */
        void changed(ArchiveLayout.JobDir job) throws Exception;
    }

    /**
     * @param removed jobs the prepare saw that are gone
     * @param gone    what else the prepared copy has and the archive no longer has (copied after the manifest was
     *                taken and removed since, or below a level directory that is gone)
     * @param strays  what is beside the jobs now (the prepare's strays that are still there, and new ones)
     */
    record Found(long jobsChecked, List<String> removed, List<String> gone, List<ArchiveLayout.Stray> strays) {
    }

    /** A bucket of the manifest: a directory whose children are jobs, with the jobs the prepare saw in it. */
    private record Bucket(String relativePath, long stamp, List<ArchiveManifest.Entry> jobs) {
    }

    private final Path archive;
    private final Path prepared;
    private final Set<String> redo;
    private final Handler handler;
    private final LongAdder checked = new LongAdder();
    private final Set<String> removed = ConcurrentHashMap.newKeySet();
    private final Set<String> gone = ConcurrentHashMap.newKeySet();
    private final Queue<ArchiveLayout.Stray> strays = new ConcurrentLinkedQueue<>();
    /** Directories that hold a stray of the prepare's, and that this run listed (so those strays were found again). */
    private final Set<String> strayParents;
    private final Set<String> listed = ConcurrentHashMap.newKeySet();

    private ArchiveChanges(Path archive, Path prepared, Set<String> redo, List<String> oldStrays, Handler handler) {
        this.archive = archive;
        this.prepared = prepared;
        this.redo = redo;
        this.handler = handler;
        this.strayParents = new HashSet<>();
        oldStrays.forEach(s -> strayParents.add(parent(s)));
    }

    /**
     * @param clusters    the archive's clusters now (a cluster the prepare saw and that is gone is the root's business)
     * @param redo        jobs the prepare marked to be migrated again
     * @param oldStrays   what the prepare found beside the jobs
     */
    static Found find(Path archive, Path prepared, List<String> clusters, Path manifest, Set<String> redo, List<String> oldStrays,
                      int workers, Handler handler) throws IOException {
        ArchiveChanges changes = new ArchiveChanges(archive, prepared, redo, oldStrays, handler);
        try (ArchiveManifest.Reader reader = new ArchiveManifest.Reader(manifest)) {
            JobPipeline.run(workers, sink -> changes.stream(reader, clusters, sink), changes::check,
                    item -> item instanceof Bucket b ? b.relativePath() : ((ArchiveLayout.JobDir) item).relativePath());
        }
        changes.keepStillThere(oldStrays);
        return new Found(changes.checked.sum(), List.copyOf(changes.removed), List.copyOf(changes.gone), List.copyOf(changes.strays));
    }

    /**
     * The producer: checks clusters and first-level directories itself (few), hands each bucket to the workers, and
     * lists a directory whose stamp changed after its subtree in the manifest, to find what was added below it.
     */
    private void stream(ArchiveManifest.Reader reader, List<String> clusters, JobPipeline.Sink<Object> sink) throws Exception {
        Set<String> live = new HashSet<>(clusters);
        Set<String> seen = new HashSet<>();
        while (reader.peek() != null) {
            ArchiveManifest.Entry cluster = reader.next();
            if (cluster.kind() != ArchiveManifest.Kind.DIRECTORY || cluster.depth() != ArchiveLayout.CLUSTER_DEPTH) {
                throw damaged(cluster);
            }
            seen.add(cluster.relativePath());
            if (live.contains(cluster.relativePath())) {
                if (!level(cluster, reader, sink)) {
                    return;
                }
            } else {
                skipSubtree(reader); // no cluster now: the root's carry-over removes or copies it as a whole
            }
        }
        for (String cluster : clusters) {
            if (!seen.contains(cluster) && !walkNew(archive.resolve(cluster), cluster, ArchiveLayout.CLUSTER_DEPTH, sink)) {
                return;
            }
        }
    }

    /** A cluster or first-level directory and its subtree in the manifest. @return false when the run is failing */
    private boolean level(ArchiveManifest.Entry dir, ArchiveManifest.Reader reader, JobPipeline.Sink<Object> sink) throws Exception {
        int depth = dir.depth();
        Path path = archive.resolve(dir.relativePath());
        if (!isRealDirectory(path)) { // gone, or replaced by a link or a file: nothing below it is looked at through it
            while (reader.hasBelow(depth)) {
                ArchiveManifest.Entry below = reader.next();
                if (below.kind() == ArchiveManifest.Kind.JOB) {
                    removed.add(below.relativePath());
                }
            }
            noteListed(dir.relativePath());
            gone.add(dir.relativePath()); // the parent's listing finds a link or file that took its place
            return true;
        }
        boolean changed = !sameStamp(dir);
        Set<String> children = new HashSet<>();
        while (reader.hasBelow(depth)) {
            ArchiveManifest.Entry child = reader.next();
            if (child.kind() != ArchiveManifest.Kind.DIRECTORY || child.depth() != depth + 1) {
                throw damaged(child);
            }
            children.add(name(child.relativePath()));
            boolean goOn = depth + 1 == ArchiveLayout.JOB_PARENT_DEPTH ? sink.put(bucket(child, reader)) : level(child, reader, sink);
            if (!goOn) {
                return false;
            }
        }
        if (!changed) {
            return true;
        }
        noteListed(dir.relativePath());
        List<Path> now = list(path, dir.relativePath(), depth);
        goneFromPrepared(dir.relativePath(), now);
        for (Path child : now) {
            String name = child.getFileName().toString();
            if (!children.contains(name) && !walkNew(child, dir.relativePath() + "/" + name, depth + 1, sink)) {
                return false;
            }
        }
        return true;
    }

    /**
     * What the prepared copy has in a directory that changed and the archive no longer has: the copy ran after the
     * manifest was taken, so it may hold a job or a file that came and went since.
     */
    private void goneFromPrepared(String relative, List<Path> realDirectoriesNow) {
        if (relative.indexOf('/') < 0) {
            return; // a cluster's own files are the root carry-over's
        }
        if (!Files.isDirectory(prepared.resolve(relative), LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Set<String> now = new HashSet<>();
        realDirectoriesNow.forEach(p -> now.add(p.getFileName().toString()));
        for (Path child : ArchiveLayout.sortedChildren(prepared.resolve(relative), p -> true)) {
            String name = child.getFileName().toString();
            Path live = archive.resolve(relative).resolve(name);
            if (!now.contains(name) && !Files.exists(live, LinkOption.NOFOLLOW_LINKS)) {
                gone.add(relative + "/" + name);
            }
        }
    }

    private static Bucket bucket(ArchiveManifest.Entry dir, ArchiveManifest.Reader reader) throws IOException {
        List<ArchiveManifest.Entry> jobs = new ArrayList<>();
        while (reader.hasBelow(dir.depth())) {
            ArchiveManifest.Entry job = reader.next();
            if (job.kind() != ArchiveManifest.Kind.JOB || job.depth() != dir.depth() + 1) {
                throw damaged(job);
            }
            jobs.add(job);
        }
        return new Bucket(dir.relativePath(), dir.value(), jobs);
    }

    private static void skipSubtree(ArchiveManifest.Reader reader) throws IOException {
        while (reader.hasBelow(ArchiveLayout.CLUSTER_DEPTH)) {
            reader.next();
        }
    }

    /** A directory the prepare did not see: all of it is new. */
    private boolean walkNew(Path dir, String relative, int depth, JobPipeline.Sink<Object> sink) throws InterruptedException {
        noteListed(relative);
        return ArchiveLayout.walkBelow(dir, relative, depth, new ArchiveLayout.TreeVisitor() {
            @Override
            public void directory(Path d, String rel, int level) {
                noteListed(rel);
            }

            @Override
            public boolean job(ArchiveLayout.JobDir job) throws InterruptedException {
                return sink.put(job);
            }

            @Override
            public void stray(ArchiveLayout.Stray stray) {
                strays.add(stray);
            }
        });
    }

    /** The worker's part: a new job is migrated; a bucket's jobs are checked, its listing only when it changed. */
    private void check(Object item) throws Exception {
        if (item instanceof ArchiveLayout.JobDir job) {
            checked.increment();
            handler.changed(job);
            return;
        }
        Bucket bucket = (Bucket) item;
        Path dir = archive.resolve(bucket.relativePath());
        if (sameStamp(dir, bucket.stamp())) {
            for (ArchiveManifest.Entry job : bucket.jobs()) {
                checkJob(job, archive.resolve(job.relativePath()));
            }
            return;
        }
        noteListed(bucket.relativePath());
        boolean real = isRealDirectory(dir);
        List<Path> now = real ? list(dir, bucket.relativePath(), ArchiveLayout.JOB_PARENT_DEPTH) : List.of();
        if (real) {
            goneFromPrepared(bucket.relativePath(), now);
        } else {
            gone.add(bucket.relativePath());
        }
        Map<String, ArchiveManifest.Entry> jobs = new HashMap<>();
        bucket.jobs().forEach(j -> jobs.put(name(j.relativePath()), j));
        for (Path child : now) {
            ArchiveManifest.Entry job = jobs.remove(child.getFileName().toString());
            if (job != null) {
                checkJob(job, child);
            } else {
                checked.increment();
                handler.changed(new ArchiveLayout.JobDir(child, bucket.relativePath() + "/" + child.getFileName()));
            }
        }
        jobs.values().forEach(gone -> removed.add(gone.relativePath()));
    }

    private void checkJob(ArchiveManifest.Entry job, Path dir) throws Exception {
        long now;
        try {
            now = ArchiveManifest.signature(dir, job.names());
        } catch (FileSystemException e) { // missing, or "not a directory" on the way
            if (!isRealDirectory(dir)) {
                removed.add(job.relativePath());
                return;
            }
            now = ArchiveManifest.REDO; // an entry is gone
        }
        checked.increment();
        if (job.value() == ArchiveManifest.REDO || now != job.value() || redo.contains(job.relativePath())) {
            handler.changed(new ArchiveLayout.JobDir(dir, job.relativePath()));
        }
    }

    private List<Path> list(Path dir, String relative, int depth) {
        return ArchiveLayout.levelChildren(dir, relative, strays::add, depth > ArchiveLayout.CLUSTER_DEPTH);
    }

    private boolean sameStamp(ArchiveManifest.Entry dir) throws IOException {
        return sameStamp(archive.resolve(dir.relativePath()), dir.value());
    }

    private static boolean sameStamp(Path dir, long stamp) throws IOException {
        try {
            return stamp != ArchiveManifest.REDO && ArchiveManifest.currentStamp(dir) == stamp;
        } catch (FileSystemException e) {
            return false;
        }
    }

    /** A real directory (not a link to one), reached through real directories only. */
    private boolean isRealDirectory(Path dir) {
        for (Path p = dir; p != null && !p.equals(archive); p = p.getParent()) {
            if (!Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                return false;
            }
        }
        return true;
    }

    private void noteListed(String relative) {
        if (strayParents.contains(relative)) {
            listed.add(relative);
        }
    }

    private static String parent(String relative) {
        return relative.substring(0, Math.max(0, relative.lastIndexOf('/')));
    }

    /** The prepare's strays in directories this run did not list are there as they were: carried again if still there. */
    private void keepStillThere(List<String> oldStrays) {
        Set<String> found = new HashSet<>();
        strays.forEach(s -> found.add(s.relativePath()));
        for (String relative : oldStrays) {
            Path path = archive.resolve(relative);
            String parent = parent(relative);
            if (found.contains(relative) || listed.contains(parent) || !Files.exists(path, LinkOption.NOFOLLOW_LINKS)
                    || Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS) || !isRealDirectory(path.getParent())) {
                continue;
            }
            boolean linkedDirectory = Files.isDirectory(path);
            if (linkedDirectory || parent.contains("/")) { // in a cluster's own directory only a linked directory is one
                strays.add(new ArchiveLayout.Stray(path, relative, linkedDirectory));
            }
        }
    }

    private static String name(String relativePath) {
        return relativePath.substring(relativePath.lastIndexOf('/') + 1);
    }

    private static ArchiveException damaged(ArchiveManifest.Entry entry) {
        return new ArchiveException("the prepare's manifest is out of order at " + entry.relativePath() + ": remove the prepared"
                + " archive and its .prepared directory and prepare again; the archive was not changed");
    }
}

package dev.ccbackend.migrator.archive;

import dev.ccbackend.migrator.archive.ArchiveInspection.Problem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Walks a job archive without changing it: version, clusters, job count, bytes, and what is wrong. */
public final class ArchiveInspector {
    /** Problems listed in full; beyond this only a count (a broken archive must not flood the result). */
    static final int MAX_PROBLEMS = 1000;

    private ArchiveInspector() {
    }

    public static ArchiveInspection inspect(Path root) {
        if (!Files.isDirectory(root)) {
            return new ArchiveInspection(root.toString(), null, List.of(), 0, 0,
                    List.of(new Problem("ARCHIVE_MISSING", root.toString(), "not a directory")));
        }
        Problems problems = new Problems();
        Integer version = null;
        try {
            version = ArchiveVersion.read(root);
        } catch (ArchiveException e) {
            problems.add(Files.exists(root.resolve(ArchiveVersion.FILE)) ? "VERSION_UNREADABLE" : "VERSION_MISSING",
                    ArchiveVersion.FILE, e.getMessage());
        }
        ArchiveLayout.RootEntries entries = ArchiveLayout.rootEntries(root);
        for (String other : entries.otherDirectories()) {
            boolean lostFound = other.equals(ArchiveLayout.LOST_FOUND);
            problems.add(lostFound ? "LOST_FOUND" : "NON_CLUSTER_DIRECTORY", other,
                    (lostFound ? "lost+found" : "directory '" + other + "' has no cluster.json;")
                            + " cc-backend 1.5 treats every root directory as a cluster and will fail to start;"
                            + " keep the archive in a subdirectory of its volume or move this directory out");
        }
        if (Files.isDirectory(root.resolve(ArchiveLayout.STATE_DIR))) {
            problems.add("MIGRATION_UNFINISHED", ArchiveLayout.STATE_DIR,
                    "an archive migration has not finished (or not been finalized); rerun it or run 'archive finalize'");
        }
        long[] jobsAndBytes = new long[2];
        try {
            for (String cluster : entries.clusters()) {
                jobsAndBytes[1] += Files.size(root.resolve(cluster).resolve(ArchiveLayout.CLUSTER_JSON));
            }
            ArchiveLayout.walkJobs(root, entries.clusters(), job -> {
                jobsAndBytes[0]++;
                jobsAndBytes[1] += inspectJob(job, problems);
                return true;
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ArchiveException("interrupted while inspecting " + root);
        } catch (IOException | UncheckedIOException e) {
            problems.add("UNREADABLE", root.toString(), e.getMessage());
        }
        return new ArchiveInspection(root.toString(), version, entries.clusters(), jobsAndBytes[0], jobsAndBytes[1],
                problems.list());
    }

    private static long inspectJob(ArchiveLayout.JobDir job, Problems problems) {
        JobFiles files;
        try {
            files = JobFiles.list(job.dir());
        } catch (IOException e) {
            problems.add("UNREADABLE", job.relativePath(), e.getMessage());
            return 0;
        }
        JobFiles.FileEntry meta = files.meta();
        JobFiles.FileEntry data = files.data();
        if (meta == null) {
            problems.add("MISSING_FILE", job.relativePath() + "/" + ArchiveLayout.META_JSON, "job has no meta.json");
        } else if (meta.size() == 0) {
            problems.add("EMPTY_FILE", job.relativePath() + "/" + meta.name(), "meta.json is empty");
        }
        if (data == null) {
            problems.add("MISSING_FILE", job.relativePath() + "/" + ArchiveLayout.DATA_JSON,
                    "job has neither data.json.gz nor data.json");
        } else if (data.size() == 0) {
            problems.add("EMPTY_FILE", job.relativePath() + "/" + data.name(), data.name() + " is empty");
        }
        return files.bytes();
    }

    /** Collects problems up to a limit, then counts the rest. */
    static final class Problems {
        private final List<Problem> list = new ArrayList<>();
        private long dropped;

        void add(String kind, String path, String message) {
            if (list.size() < MAX_PROBLEMS) {
                list.add(new Problem(kind, path, message));
            } else {
                dropped++;
            }
        }

        List<Problem> list() {
            if (dropped == 0) {
                return list;
            }
            List<Problem> all = new ArrayList<>(list);
            all.add(new Problem("MORE_PROBLEMS", "", dropped + " more problems not listed"));
            return all;
        }
    }
}

package dev.ccbackend.migrator.archive;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * cc-backend's archive layout: {@code <root>/<cluster>/<jobId/1000>/<jobId%1000>/<startTime>/}. Walks it
 * one directory listing at a time so memory never grows with the number of jobs.
 */
public final class ArchiveLayout {
    public static final String CLUSTER_JSON = "cluster.json";
    public static final String META_JSON = "meta.json";
    public static final String DATA_JSON = "data.json";
    public static final String DATA_JSON_GZ = "data.json.gz";
    /** cc-migrator's own state (journal, shard results) inside an archive under migration. */
    public static final String STATE_DIR = ".cc-migrator";

    private ArchiveLayout() {
    }

    /** A job directory and its path relative to the root ({@code cluster/1403/244/1608923076}). */
    public record JobDir(Path dir, String relativePath) {
    }

    /** Root subdirectories, sorted: those with a cluster.json and the rest (lost+found, stray dirs). */
    public record RootEntries(List<String> clusters, List<String> otherDirectories) {
    }

    public static RootEntries rootEntries(Path root) {
        List<String> clusters = new ArrayList<>();
        List<String> others = new ArrayList<>();
        for (Path child : sortedChildren(root, Files::isDirectory)) {
            String name = child.getFileName().toString();
            if (name.equals(STATE_DIR)) {
                continue;
            }
            (Files.isRegularFile(child.resolve(CLUSTER_JSON)) ? clusters : others).add(name);
        }
        return new RootEntries(clusters, others);
    }

    /** Calls {@code visitor} for every job directory of every cluster, in a stable order. */
    public static void walkJobs(Path root, List<String> clusters, JobVisitor visitor) throws InterruptedException {
        for (String cluster : clusters) {
            for (Path level1 : sortedChildren(root.resolve(cluster), Files::isDirectory)) {
                String p1 = cluster + "/" + level1.getFileName() + "/";
                for (Path level2 : sortedChildren(level1, Files::isDirectory)) {
                    String p2 = p1 + level2.getFileName() + "/";
                    for (Path job : sortedChildren(level2, Files::isDirectory)) {
                        if (!visitor.visit(new JobDir(job, p2 + job.getFileName()))) {
                            return;
                        }
                    }
                }
            }
        }
    }

    @FunctionalInterface
    public interface JobVisitor {
        /** @return false to stop the walk */
        boolean visit(JobDir job) throws InterruptedException;
    }

    /** One directory's children; a level of the archive is small (at most a few thousand entries). */
    static List<Path> sortedChildren(Path dir, Predicate<Path> filter) {
        List<Path> children = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            for (Path child : stream) {
                if (filter.test(child)) {
                    children.add(child);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
        children.sort(null);
        return children;
    }
}

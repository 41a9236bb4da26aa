package dev.ccbackend.migrator.archive;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
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
    /** The filesystem's recovery directory at a volume's root: not part of the archive. */
    public static final String LOST_FOUND = "lost+found";
    /** The depth of a cluster directory; its children are at depth 1, theirs at 2, and the children of those are jobs. */
    public static final int CLUSTER_DEPTH = 0;
    public static final int JOB_PARENT_DEPTH = 2;

    private ArchiveLayout() {
    }

    /** A job directory and its path relative to the root ({@code cluster/1403/244/1608923076}). */
    public record JobDir(Path dir, String relativePath) {
    }

    /**
     * Root subdirectories, sorted: those with a cluster.json, the rest (lost+found, stray dirs), and
     * symbolic links to directories (never followed: a snapshot of the archive does not cover their data).
     */
    public record RootEntries(List<String> clusters, List<String> otherDirectories, List<String> symlinkedDirectories) {
    }

    /**
     * Something in a cluster's job levels that is not a job directory: a file or link between the
     * levels ({@code cluster/1403/README}), or a symbolic link to a directory.
     */
    public record Stray(Path path, String relativePath, boolean symlinkedDirectory) {
    }

    public static RootEntries rootEntries(Path root) {
        List<String> clusters = new ArrayList<>();
        List<String> others = new ArrayList<>();
        List<String> linked = new ArrayList<>();
        for (Path child : sortedChildren(root, Files::isDirectory)) {
            String name = child.getFileName().toString();
            if (name.equals(STATE_DIR)) {
                continue;
            }
            if (Files.isSymbolicLink(child)) {
                linked.add(name);
            } else {
                (Files.isRegularFile(child.resolve(CLUSTER_JSON)) ? clusters : others).add(name);
            }
        }
        return new RootEntries(clusters, others, linked);
    }

    /** Calls {@code visitor} for every job directory of every cluster, in a stable order. */
    public static void walkJobs(Path root, List<String> clusters, JobVisitor visitor) throws InterruptedException {
        walkJobs(root, clusters, visitor, stray -> { });
    }

    /** {@link #walkJobs(Path, List, JobVisitor)}, handing what is not a job directory to {@code strays}. */
    public static void walkJobs(Path root, List<String> clusters, JobVisitor visitor, Consumer<Stray> strays)
            throws InterruptedException {
        walkTree(root, clusters, new TreeVisitor() {
            @Override
            public boolean job(JobDir job) throws InterruptedException {
                return visitor.visit(job);
            }

            @Override
            public void stray(Stray stray) {
                strays.accept(stray);
            }
        });
    }

    /** Walks every cluster with {@code visitor}, directories included, in a stable order. */
    public static void walkTree(Path root, List<String> clusters, TreeVisitor visitor) throws InterruptedException {
        for (String cluster : clusters) {
            if (!walkBelow(root.resolve(cluster), cluster, CLUSTER_DEPTH, visitor)) {
                return;
            }
        }
    }

    /** What a walk sees, in walk order: a level directory just before it is listed, then what is in it. */
    public interface TreeVisitor {
        /** A cluster ({@link #CLUSTER_DEPTH}) or level directory, before it is listed. */
        default void directory(Path dir, String relativePath, int depth) throws IOException {
        }

        /** @return false to stop the walk */
        boolean job(JobDir job) throws InterruptedException;

        default void stray(Stray stray) {
        }
    }

    /**
     * Walks the cluster or level directory {@code dir} at {@code depth} and everything below it.
     * @return false when the visitor stopped the walk
     */
    public static boolean walkBelow(Path dir, String relativePath, int depth, TreeVisitor visitor) throws InterruptedException {
        try {
            visitor.directory(dir, relativePath, depth);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dir + ": " + e.getMessage(), e);
        }
        for (Path child : levelChildren(dir, relativePath, visitor::stray, depth > CLUSTER_DEPTH)) {
            String relative = relativePath + "/" + child.getFileName();
            boolean goOn = depth == JOB_PARENT_DEPTH ? visitor.job(new JobDir(child, relative)) : walkBelow(child, relative, depth + 1, visitor);
            if (!goOn) {
                return false;
            }
        }
        return true;
    }

    /**
     * The real directories below {@code dir}; symbolic links to directories, and with {@code filesAreStrays}
     * other files and links, go to {@code strays} (a cluster's own files are the finalizer's).
     */
    static List<Path> levelChildren(Path dir, String relative, Consumer<Stray> strays, boolean filesAreStrays) {
        List<Path> directories = new ArrayList<>();
        List<Path> children;
        try {
            children = sortedChildren(dir, p -> true);
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof NoSuchFileException) {
                return directories; // removed while an online prepare walks the archive: nothing below it
            }
            throw e;
        }
        for (Path child : children) {
            // one lstat per entry; only a symbolic link costs a second stat
            if (Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS)) {
                directories.add(child);
                continue;
            }
            boolean linkedDirectory = Files.isSymbolicLink(child) && Files.isDirectory(child);
            if (linkedDirectory || filesAreStrays) {
                strays.accept(new Stray(child, relative + "/" + child.getFileName(), linkedDirectory));
            }
        }
        return directories;
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

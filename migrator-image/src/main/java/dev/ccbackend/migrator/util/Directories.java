package dev.ccbackend.migrator.util;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

/** File-tree helpers shared by the engines and the operator's demo. */
public final class Directories {
    private Directories() {
    }

    /** Deletes {@code dir} and everything below it, children before parents, streaming (a million files fit), never following links. */
    public static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.deleteIfExists(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** Deletes everything in {@code dir} but the names in {@code keep}; {@code dir} itself stays (it may be a mount point). */
    public static void deleteContents(Path dir, Set<String> keep) throws IOException {
        try (Stream<Path> children = Files.list(dir)) {
            for (Path child : (Iterable<Path>) children::iterator) {
                if (!keep.contains(child.getFileName().toString())) {
                    deleteRecursively(child);
                }
            }
        }
    }

    /**
     * Whether two paths are on one filesystem (hard links and renames work between them); true when it cannot
     * be told, so that the link or rename itself says why not.
     */
    public static boolean sameFilesystem(Path a, Path b) {
        try {
            return Objects.equals(Files.getAttribute(a, "unix:dev"), Files.getAttribute(b, "unix:dev"));
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return true;
        }
    }

    /**
     * Whether {@code dir} is the root of a mount (a volume, or a bind mount of a sub-directory, as containers get
     * theirs): such a directory cannot be renamed. False when it cannot be told.
     */
    public static boolean isMountPoint(Path dir) {
        try {
            Path real = dir.toRealPath();
            if (real.getParent() != null && !Objects.equals(Files.getAttribute(real, "unix:dev"),
                    Files.getAttribute(real.getParent(), "unix:dev"))) {
                return true;
            }
            Path mountinfo = Path.of("/proc/self/mountinfo");
            if (!Files.isReadable(mountinfo)) {
                return false;
            }
            try (Stream<String> lines = Files.lines(mountinfo)) {
                // field 5 is the mount point, with spaces and the like written as octal escapes
                return lines.map(l -> l.split(" ")).filter(f -> f.length > 4)
                        .anyMatch(f -> f[4].replace("\\040", " ").equals(real.toString()));
            }
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return false;
        }
    }

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    /** The name an online cutover keeps an original under, beside it: {@code job.db.v7-20261202T100000Z}. */
    public static String keptOriginalName(Path original, int fromVersion, Instant now) {
        return original.getFileName() + ".v" + fromVersion + "-" + STAMP.format(now);
    }
}

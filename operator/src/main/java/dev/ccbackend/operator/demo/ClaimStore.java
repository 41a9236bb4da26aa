package dev.ccbackend.operator.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Directories standing for PersistentVolumeClaims and for snapshots of them. */
public final class ClaimStore {
    private final Path root;
    private final Map<String, Path> claims = new ConcurrentHashMap<>();

    public ClaimStore(Path root) {
        this.root = root;
    }

    /** The directory standing for {@code claim} (namespaces are not separated: the demo has one). */
    public Path claim(String claim) {
        return claims.computeIfAbsent(claim, c -> mkdirs(root.resolve("claims").resolve(c)));
    }

    public boolean hasClaim(String claim) {
        return claims.containsKey(claim);
    }

    /** Copies the claim's directory as it is now into the snapshot's directory. */
    public Path snapshot(String claim, String snapshotName) {
        Path target = root.resolve("snapshots").resolve(snapshotName);
        copyTree(claim(claim), target);
        return target;
    }

    /** A new claim holding what the snapshot holds. */
    public Path restore(String snapshotName, String claim) {
        Path target = claim(claim);
        copyTree(root.resolve("snapshots").resolve(snapshotName), target);
        return target;
    }

    public Path scratch(String name) {
        return mkdirs(root.resolve("scratch").resolve(name));
    }

    public static void copyTree(Path from, Path to) {
        try {
            Files.walkFileTree(from, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                    Files.createDirectories(to.resolve(from.relativize(dir).toString()));
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Path copy = to.resolve(from.relativize(file).toString());
                    Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
                    // Copies keep the source's mode; a claim is writable even when the source (fixtures) is not.
                    copy.toFile().setWritable(true, true);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path mkdirs(Path p) {
        try {
            return Files.createDirectories(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

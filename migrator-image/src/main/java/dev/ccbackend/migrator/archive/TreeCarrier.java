package dev.ccbackend.migrator.archive;

import dev.ccbackend.migrator.util.FileOwnership;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Puts what is not a job into the new archive as it is (copy mode must lose nothing): a file, a
 * symbolic link (re-targeted where needed) or a whole directory, links never followed, owners kept.
 */
final class TreeCarrier {
    private TreeCarrier() {
    }

    static void carry(Path source, Path target, FileCopier copier) throws IOException {
        ensureParents(source.getParent(), target.getParent());
        if (!Files.isDirectory(source, LinkOption.NOFOLLOW_LINKS)) {
            copier.linkOrCopy(source, target, true);
            return;
        }
        walk(source, target, copier);
    }

    /** Creates the missing directories above {@code target}, each with the ownership of its counterpart above {@code source}. */
    private static void ensureParents(Path sourceDir, Path targetDir) throws IOException {
        if (targetDir == null || Files.isDirectory(targetDir)) {
            return;
        }
        ensureParents(sourceDir.getParent(), targetDir.getParent());
        Files.createDirectory(targetDir);
        FileOwnership.copy(sourceDir, targetDir);
    }

    private static void walk(Path source, Path target, FileCopier copier) throws IOException {
        Files.walkFileTree(source, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Path copy = target.resolve(source.relativize(dir).toString());
                Files.createDirectories(copy);
                FileOwnership.copy(dir, copy);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (!AtomicFiles.isTemp(file.getFileName().toString())) {
                    copier.linkOrCopy(file, target.resolve(source.relativize(file).toString()), true);
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }
}

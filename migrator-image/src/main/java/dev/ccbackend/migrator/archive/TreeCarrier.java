package dev.ccbackend.migrator.archive;

import dev.ccbackend.migrator.util.FileOwnership;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
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
        mirrorDirectory(source.getParent(), target.getParent());
        if (!Files.isDirectory(source, LinkOption.NOFOLLOW_LINKS)) {
            copier.linkOrCopy(source, target, true);
            return;
        }
        walk(source, target, copier);
    }

    /**
     * mkdir {@code dir} in the new archive (a job directory, say), creating parents only when that fails:
     * one or two system calls where {@link Files#createDirectories} checks every ancestor first. A
     * directory this creates gets the ownership of its counterpart {@code sourceDir} in the old archive.
     */
    static void mirrorDirectory(Path sourceDir, Path dir) throws IOException {
        try {
            Files.createDirectory(dir);
        } catch (FileAlreadyExistsException e) {
            if (!Files.isDirectory(dir)) {
                throw e;
            }
            return;
        } catch (NoSuchFileException e) {
            mirrorDirectory(sourceDir.getParent(), dir.getParent());
            try {
                Files.createDirectory(dir);
            } catch (FileAlreadyExistsException raced) {
                return; // another worker created it
            }
        }
        FileOwnership.applyToNew(FileOwnership.of(sourceDir), dir, true);
    }

    private static void walk(Path source, Path target, FileCopier copier) throws IOException {
        Files.walkFileTree(source, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                mirrorDirectory(dir, target.resolve(source.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (!AtomicFiles.isTemp(file.getFileName().toString())) {
                    copier.linkOrCopy(file, attrs.isSymbolicLink(), target.resolve(source.relativize(file).toString()), true);
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }
}

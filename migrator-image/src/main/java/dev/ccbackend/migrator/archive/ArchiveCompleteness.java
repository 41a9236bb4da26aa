package dev.ccbackend.migrator.archive;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether a new archive (copy mode) holds everything its old one did: every directory, file and
 * symbolic link, links resolving to the same file, unchanged files of the same size (meta.json,
 * cluster.json and version.txt are rewritten by the migration and only have to be there).
 */
final class ArchiveCompleteness {
    static final int EXAMPLES = 20;

    /** @param missing paths of the old archive absent or different in the new one */
    record Result(long missing, List<String> examples) {
    }

    private ArchiveCompleteness() {
    }

    static Result compare(Path oldArchive, Path newArchive) throws IOException {
        List<String> examples = new ArrayList<>();
        long[] missing = {0};
        Files.walkFileTree(oldArchive, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
                if (name.equals(ArchiveLayout.STATE_DIR)) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                check(dir, "directory", Files.isDirectory(counterpart(dir), LinkOption.NOFOLLOW_LINKS));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                String name = file.getFileName().toString();
                if (AtomicFiles.isTemp(name) || name.equals(ArchiveLock.FILE)) {
                    return FileVisitResult.CONTINUE;
                }
                Path copy = counterpart(file);
                if (attrs.isSymbolicLink()) {
                    check(file, "symbolic link", Files.isSymbolicLink(copy) && sameTarget(file, copy, oldArchive, newArchive));
                } else if (name.equals(ArchiveLayout.META_JSON) || name.equals(ArchiveLayout.CLUSTER_JSON)
                        || name.equals(ArchiveVersion.FILE)) {
                    check(file, "file", Files.isRegularFile(copy, LinkOption.NOFOLLOW_LINKS));
                } else {
                    check(file, "file of " + attrs.size() + " bytes", Files.isRegularFile(copy, LinkOption.NOFOLLOW_LINKS)
                            && Files.size(copy) == attrs.size());
                }
                return FileVisitResult.CONTINUE;
            }

            private Path counterpart(Path p) {
                return newArchive.resolve(oldArchive.relativize(p).toString());
            }

            private void check(Path p, String what, boolean present) {
                if (!present) {
                    missing[0]++;
                    if (examples.size() < EXAMPLES) {
                        examples.add(oldArchive.relativize(p) + " (" + what + ")");
                    }
                }
            }
        });
        return new Result(missing[0], List.copyOf(examples));
    }

    /**
     * Both links lead to the same data, or both lead nowhere: a link into the old archive must lead to
     * its counterpart in the new one, a link out of it to the very same file.
     */
    private static boolean sameTarget(Path oldLink, Path newLink, Path oldArchive, Path newArchive) {
        if (!Files.exists(oldLink)) {
            return !Files.exists(newLink);
        }
        try {
            Path oldTarget = oldLink.toRealPath();
            Path oldRoot = oldArchive.toRealPath();
            if (oldTarget.startsWith(oldRoot)) {
                Path expected = newArchive.resolve(oldRoot.relativize(oldTarget).toString());
                return Files.exists(newLink) && newLink.toRealPath().equals(expected.toRealPath());
            }
            return Files.exists(newLink) && Files.isSameFile(oldLink, newLink);
        } catch (IOException e) {
            return false;
        }
    }
}

package dev.ccbackend.migrator.archive;

import dev.ccbackend.migrator.util.FileOwnership;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * Puts an unchanged file into the new archive: a hard link when both archives share a filesystem
 * (no second copy of hundreds of GB), else a kernel-side copy (sendfile) keeping mtime and mode
 * like {@code cp -a}.
 */
public final class FileCopier {
    private final AtomicBoolean links;
    private final Path oldArchive;
    private final LongAdder linked = new LongAdder();
    private final LongAdder copied = new LongAdder();
    private volatile Runnable linksRefused = () -> { };

    /** @param oldArchive the root files are copied from (symbolic links that leave it are re-targeted) */
    public FileCopier(boolean tryLinks, Path oldArchive) {
        this.links = new AtomicBoolean(tryLinks);
        this.oldArchive = oldArchive.toAbsolutePath().normalize();
    }

    /**
     * What to do when hard links turn out to be refused (EXDEV across mounts, {@code fs.protected_hardlinks},
     * a filesystem without them) and every further data file is copied: check that the copies still fit.
     */
    void onLinksRefused(Runnable check) {
        this.linksRefused = check;
    }

    public boolean linksEnabled() {
        return links.get();
    }

    public long linked() {
        return linked.sum();
    }

    public long copied() {
        return copied.sum();
    }

    /** @param mayExist the target may exist from an earlier, killed run (a fresh output needs no check) */
    public void linkOrCopy(Path source, Path target, boolean mayExist) throws IOException {
        linkOrCopy(source, Files.isSymbolicLink(source), target, mayExist);
    }

    /** {@link #linkOrCopy(Path, Path, boolean)} for a caller that knows from its listing whether {@code source} is a link. */
    void linkOrCopy(Path source, boolean symlink, Path target, boolean mayExist) throws IOException {
        if (symlink) {
            symlink(source, target, mayExist);
            return;
        }
        if (links.get()) {
            try {
                link(source, target);
                linked.increment();
                return;
            } catch (UnsupportedOperationException | FileSystemException e) {
                if (e instanceof FileAlreadyExistsException) {
                    throw e;
                }
                // e.g. EXDEV or a filesystem without hard links: copy from now on, if the copies fit
                if (links.compareAndSet(true, false)) {
                    linksRefused.run();
                }
            }
        }
        copyFile(source, target, mayExist);
    }

    private static void link(Path source, Path target) throws IOException {
        try {
            Files.createLink(target, source);
        } catch (FileAlreadyExistsException e) {
            // a rerun after a crash: replace whatever an earlier run left there
            Files.delete(target);
            Files.createLink(target, source);
        }
    }

    /**
     * A symbolic link in the new archive that points at what the old one pointed at: a relative link
     * within the old archive stays as it is (the new tree has the same shape); one that leaves it is
     * re-targeted relative to its new place, so it does not dangle at another depth. A dangling link
     * is kept as it is.
     */
    private void symlink(Path source, Path target, boolean mayExist) throws IOException {
        if (mayExist) {
            Files.deleteIfExists(target);
        }
        Path linkTarget = Files.readSymbolicLink(source);
        if (!linkTarget.isAbsolute()) {
            Path resolved = source.toAbsolutePath().getParent().resolve(linkTarget).normalize();
            if (!resolved.startsWith(oldArchive)) {
                linkTarget = target.toAbsolutePath().getParent().relativize(resolved);
            }
        }
        Files.createSymbolicLink(target, linkTarget);
        FileOwnership.copy(source, target);
        copied.increment();
    }

    public void copy(Path source, Path target, boolean mayExist) throws IOException {
        copy(source, Files.isSymbolicLink(source), target, mayExist);
    }

    /** {@link #copy(Path, Path, boolean)} for a caller that knows from its listing whether {@code source} is a link. */
    void copy(Path source, boolean symlink, Path target, boolean mayExist) throws IOException {
        if (symlink) {
            symlink(source, target, mayExist);
        } else {
            copyFile(source, target, mayExist);
        }
    }

    private void copyFile(Path source, Path target, boolean mayExist) throws IOException {
        if (mayExist) {
            // Never write through an existing name: after a rerun it may be a hard link to the source.
            Files.deleteIfExists(target);
        }
        try (FileChannel in = FileChannel.open(source, StandardOpenOption.READ);
             FileChannel out = FileChannel.open(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            long size = in.size();
            long position = 0;
            while (position < size) {
                long n = in.transferTo(position, size - position, out);
                if (n <= 0) {
                    break;
                }
                position += n;
            }
        }
        // A copy is cc-backend's file as much as the original: same owner, group, mode and mtime.
        FileOwnership.copy(source, target);
        Files.setLastModifiedTime(target, Files.getLastModifiedTime(source));
        copied.increment();
    }
}

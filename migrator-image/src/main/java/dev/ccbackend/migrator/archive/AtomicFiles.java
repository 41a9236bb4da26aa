package dev.ccbackend.migrator.archive;

import dev.ccbackend.migrator.util.FileOwnership;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;

/**
 * Replaces files so that a reader (or a crash) sees either the old or the new content, never a mix:
 * write a hidden temp file beside the target, optionally fsync it, rename it over the target.
 */
public final class AtomicFiles {
    /** Suffix of temp files; a rerun deletes leftovers of a killed run. */
    public static final String TEMP_SUFFIX = ".ccm-tmp";

    private AtomicFiles() {
    }

    public static Path tempFor(Path target) {
        return target.resolveSibling("." + target.getFileName() + TEMP_SUFFIX);
    }

    public static boolean isTemp(String fileName) {
        return fileName.startsWith(".") && fileName.endsWith(TEMP_SUFFIX);
    }

    /** Writes {@code content} to {@code target}, which keeps its owner, group and mode (a new file: its directory's). */
    public static void replace(Path target, byte[] content, boolean sync) throws IOException {
        Path temp = tempFor(target);
        FileOwnership.Owner owner = Files.exists(target, LinkOption.NOFOLLOW_LINKS) ? FileOwnership.of(target)
                : FileOwnership.forNewFileIn(target.toAbsolutePath().getParent());
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buffer = ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            if (sync) {
                channel.force(true);
            }
        } catch (IOException e) {
            Files.deleteIfExists(temp); // e.g. a full volume: a partial temp file only takes more of it
            throw e;
        }
        try {
            FileOwnership.applyToNew(owner, temp, false);
        } catch (IOException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.deleteIfExists(temp);
            throw new IOException("the filesystem of " + target + " cannot rename atomically", e);
        }
        if (sync) {
            syncDirectory(target.getParent());
        }
    }

    /** Makes a rename durable (Linux allows fsync on a directory opened read-only). */
    public static void syncDirectory(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Some filesystems refuse fsync on directories; the file itself was synced.
        }
    }

    /**
     * Flushes everything written below {@code root} in one call ({@code sync -f}, i.e. syncfs) instead
     * of one fsync per file: the batched durability point before version.txt is written.
     */
    public static void syncFilesystem(Path root) throws IOException {
        try {
            Process process = new ProcessBuilder("sync", "-f", root.toString()).redirectErrorStream(true).start();
            process.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
            if (process.waitFor(10, TimeUnit.MINUTES) && process.exitValue() == 0) {
                return;
            }
        } catch (IOException e) {
            // no sync(1) on this system: fall through to per-file fsync
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while syncing " + root, e);
        }
        try (var paths = Files.walk(root)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                if (Files.isRegularFile(p)) {
                    try (FileChannel channel = FileChannel.open(p, StandardOpenOption.READ)) {
                        channel.force(true);
                    }
                }
            }
        }
    }
}

package dev.ccbackend.migrator.db;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One cc-migrator at a time on a prepared database: prepare, catch-up and cutover each hold an OS lock on
 * {@code <prepared>.lock} (released however the process ends), so that two of them (two catch-ups, a catch-up and
 * the cutover, two `upgrade --online` runs) never apply to the prepared copy or move its base at once.
 */
final class PreparedLock implements AutoCloseable {
    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private PreparedLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    static PreparedLock acquire(Path prepared) {
        Path file = prepared.resolveSibling(prepared.getFileName() + ".lock");
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null; // this process holds it already
            }
            if (lock == null || !Files.exists(file)) { // taken, or its holder just ended and removed it
                throw new MigrationRefusedException("another cc-migrator is working on " + prepared + " (it holds " + file
                        + "): wait until it ends, then run again; nothing was changed");
            }
            return new PreparedLock(file, channel, lock);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new MigrationRefusedException("cannot lock " + file + " (" + e.getMessage() + "): the directory of the"
                    + " database must be writable; nothing was changed", e);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    @Override
    public void close() {
        try {
            Files.deleteIfExists(file); // while still held: whoever opens it now finds it gone and refuses
            lock.release();
        } catch (IOException e) {
            // the lock goes with the channel; a file left behind is only a name
        }
        closeQuietly(channel);
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            if (channel != null) {
                channel.close();
            }
        } catch (IOException e) {
            // nothing held
        }
    }
}

package dev.ccbackend.migrator.archive;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * One migration of an archive at a time: an OS lock on {@code <archive>/.cc-migrator.lock}, released
 * when the process ends however it ends. The shards of one sharded run share it (they run side by
 * side by design); an unsharded run or a finalize needs it alone. The file says who holds it. A
 * read-only archive is not locked: nothing can write it. Copy mode locks its output directory the
 * same way, so that two runs (of one archive or of two) never write into one new archive.
 */
final class ArchiveLock implements AutoCloseable {
    static final String FILE = ".cc-migrator.lock";
    /** The OS lock is per process: the shards of this JVM share one, counted. */
    private static final Map<Path, Held> HELD = new HashMap<>();

    private record Held(FileChannel channel, FileLock lock, int users) {
    }

    private final Path file;
    /** A directory this lock created (a new archive's), removed again when the run leaves it empty. */
    private final Path created;

    private ArchiveLock(Path file, Path created) {
        this.file = file;
        this.created = created;
    }

    /**
     * {@link #acquire} on the output directory of a copy-mode run, creating it when it does not exist yet:
     * the lock file inside is what a second run finds.
     */
    static ArchiveLock acquireOutput(Path output, boolean shared, String what) throws IOException {
        Path created = null;
        if (!Files.exists(output)) {
            Path parent = output.getParent();
            if (parent == null || !Files.isDirectory(parent) || !Files.isWritable(parent)) {
                return new ArchiveLock(null, null); // the migration refuses it with its own message
            }
            try {
                Files.createDirectory(output);
                created = output;
            } catch (java.nio.file.FileAlreadyExistsException e) {
                // another run created it a moment ago: its lock decides
            }
        }
        ArchiveLock lock;
        try {
            lock = acquire(output, shared, what);
        } catch (ArchiveException | IOException e) {
            deleteIfEmpty(created);
            throw e;
        }
        return new ArchiveLock(lock.file, created);
    }

    /** @param shared a shard of a sharded run; {@code what} says which, for whoever finds the lock taken */
    static ArchiveLock acquire(Path archive, boolean shared, String what) throws IOException {
        if (!Files.isDirectory(archive) || !Files.isWritable(archive)) {
            // a read-only archive (a snapshot mounted read-only) is only ever read: copy mode needs no lock on it,
            // and an in-place run is refused for it with its own message
            return new ArchiveLock(null, null);
        }
        Path file = archive.resolve(FILE);
        synchronized (HELD) {
            Held held = HELD.get(file);
            if (held != null) {
                if (shared && held.lock().isShared()) {
                    HELD.put(file, new Held(held.channel(), held.lock(), held.users() + 1));
                    return new ArchiveLock(file, null);
                }
                throw inUse(archive, file);
            }
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock(0, Long.MAX_VALUE, shared);
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                channel.close();
                throw inUse(archive, file);
            }
            if (!shared) {
                try {
                    channel.truncate(0);
                    channel.write(ByteBuffer.wrap((holder(what) + "\n").getBytes(StandardCharsets.UTF_8)), 0);
                } catch (IOException e) { // e.g. a full volume: leave no lock file behind
                    lock.release();
                    channel.close();
                    Files.deleteIfExists(file);
                    throw e;
                }
            }
            HELD.put(file, new Held(channel, lock, 1));
            return new ArchiveLock(file, null);
        }
    }

    private static ArchiveException inUse(Path archive, Path file) throws IOException {
        String holder = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).strip();
        return new ArchiveException(archive + " is in use by another cc-migrator run" + (holder.isEmpty() ? "" : " (" + holder + ")")
                + ": wait for it to end or stop it, then run again; nothing was changed");
    }

    private static String holder(String what) {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "?";
        }
        return what + ", pid " + ProcessHandle.current().pid() + " on " + host + ", since " + Instant.now();
    }

    @Override
    public void close() throws IOException {
        if (file == null) {
            return;
        }
        synchronized (HELD) {
            Held held = HELD.get(file);
            if (held.users() > 1) {
                HELD.put(file, new Held(held.channel(), held.lock(), held.users() - 1));
                return;
            }
            HELD.remove(file);
            boolean exclusive = !held.lock().isShared();
            held.lock().release();
            held.channel().close();
            if (exclusive) {
                Files.deleteIfExists(file); // shards leave it: the finalize, which runs alone, removes it
            }
        }
        deleteIfEmpty(created);
    }

    private static void deleteIfEmpty(Path dir) throws IOException {
        if (dir != null && Files.isDirectory(dir)) {
            try (var children = Files.list(dir)) {
                if (children.findAny().isEmpty()) {
                    Files.delete(dir);
                }
            }
        }
    }
}

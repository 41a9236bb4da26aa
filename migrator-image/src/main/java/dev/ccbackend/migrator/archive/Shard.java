package dev.ccbackend.migrator.archive;

import java.nio.charset.StandardCharsets;

/**
 * {@code --shard I/N}: shard I (0-based) of N. A job belongs to the shard chosen by a hash of its
 * path relative to the archive root, so every process computes the same partition on its own
 * (no coordinator), shards are balanced by job count whatever the clusters look like, and a
 * rerun of one shard touches exactly the same jobs.
 */
public record Shard(int index, int count) {
    public static final Shard ALL = new Shard(0, 1);

    public Shard {
        if (count < 1 || index < 0 || index >= count) {
            throw new ArchiveException("--shard I/N needs 0 <= I < N, got " + index + "/" + count);
        }
    }

    public static Shard parse(String text) {
        int slash = text.indexOf('/');
        try {
            return new Shard(Integer.parseInt(text.substring(0, slash).trim()), Integer.parseInt(text.substring(slash + 1).trim()));
        } catch (RuntimeException e) {
            if (e instanceof ArchiveException a) {
                throw a;
            }
            throw new ArchiveException("--shard takes I/N (e.g. 0/4 for the first of four shards), got '" + text + "'");
        }
    }

    public boolean isAll() {
        return count == 1;
    }

    public boolean contains(String relativeJobPath) {
        return count == 1 || Math.floorMod(fnv1a(relativeJobPath), count) == index;
    }

    /** 64-bit FNV-1a over UTF-8: stable across JVMs and releases, unlike anything we do not define. */
    static long fnv1a(String text) {
        long hash = 0xcbf29ce484222325L;
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            hash ^= (b & 0xff);
            hash *= 0x100000001b3L;
        }
        return hash ^ (hash >>> 29);
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }

    public String fileStem() {
        return "shard-" + index + "-of-" + count;
    }
}

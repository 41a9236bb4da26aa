package dev.ccbackend.operator.demo;

import dev.ccbackend.migrator.util.FileOwnership;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The uid:gid cc-backend runs as and owns its data with, as on a real installation (never root).
 * Installing data gives it to this owner with the modes cc-backend's own files have: 0644 files,
 * 0755 directories.
 */
public record DataOwner(int uid, int gid) {
    private static final int FILE_MODE = 0644;
    private static final int DIR_MODE = 0755;

    /** "UID:GID" (or "UID", meaning the same gid). */
    public static DataOwner parse(String text) {
        String[] parts = text.split(":", -1);
        try {
            int uid = Integer.parseInt(parts[0]);
            int gid = parts.length > 1 ? Integer.parseInt(parts[1]) : uid;
            if (parts.length > 2 || uid < 0 || gid < 0) {
                throw new NumberFormatException();
            }
            return new DataOwner(uid, gid);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not UID:GID (e.g. 1000:1000)");
        }
    }

    /** 1000:1000 where this process may give files away (root), else this process's own uid and gid. */
    public static DataOwner forThisMachine() {
        int uid = FileOwnership.processUid();
        if (uid == 0) {
            return new DataOwner(1000, 1000);
        }
        try {
            return new DataOwner(uid, (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:gid"));
        } catch (IOException e) {
            return new DataOwner(uid, uid);
        }
    }

    /** Gives every file and directory below {@code root} to this owner, with cc-backend's modes. */
    public void install(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                if (Files.isSymbolicLink(p)) {
                    continue;
                }
                int mode = Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) ? DIR_MODE : FILE_MODE;
                try {
                    FileOwnership.apply(new FileOwnership.Owner(uid, gid, mode), p);
                } catch (IOException e) {
                    throw new IOException("cannot give " + p + " to " + this + ": run as root, or choose this user's own uid:gid", e);
                }
            }
        }
    }

    @Override
    public String toString() {
        return uid + ":" + gid;
    }
}

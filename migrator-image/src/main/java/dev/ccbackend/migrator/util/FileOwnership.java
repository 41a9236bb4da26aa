package dev.ccbackend.migrator.util;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * Keeps cc-backend's ownership on what the migrator writes. cc-backend runs as its own uid and
 * rewrites meta.json and its database later, so a file the migrator replaces keeps the owner, group
 * and mode of the file it replaces; a new file takes those of its directory (without execute bits).
 * Run as the owner this changes nothing; run as root it gives the files back to their owner.
 */
public final class FileOwnership {
    /** uid, gid and permission bits of a file or directory. */
    public record Owner(int uid, int gid, int mode) {
        public String describe() {
            return "uid " + uid + ", gid " + gid + ", mode " + String.format("%04o", mode);
        }
    }

    private static final int PERMISSION_BITS = 07777;
    private static final int EXECUTE_BITS = 0111;
    private static final int SPECIAL_BITS = 07000;
    private static final int PROCESS_UID = processUid();
    private static final int PROCESS_GID = processGid();

    private FileOwnership() {
    }

    public static Owner of(Path path) throws IOException {
        var a = Files.readAttributes(path, "unix:uid,gid,mode", LinkOption.NOFOLLOW_LINKS);
        return new Owner((Integer) a.get("uid"), (Integer) a.get("gid"), (Integer) a.get("mode") & PERMISSION_BITS);
    }

    /** The owner a new file in {@code dir} gets: the directory's owner and group, its mode less execute and special bits. */
    public static Owner forNewFileIn(Path dir) throws IOException {
        Owner d = of(dir);
        return new Owner(d.uid(), d.gid(), d.mode() & ~EXECUTE_BITS & ~SPECIAL_BITS);
    }

    /** Gives {@code path} the owner, group and mode of {@code owner}, touching only what differs. */
    public static void apply(Owner owner, Path path) throws IOException {
        Owner now = of(path);
        try {
            if (now.uid() != owner.uid()) {
                Files.setAttribute(path, "unix:uid", owner.uid(), LinkOption.NOFOLLOW_LINKS);
            }
            if (now.gid() != owner.gid()) {
                Files.setAttribute(path, "unix:gid", owner.gid(), LinkOption.NOFOLLOW_LINKS);
            }
        } catch (FileSystemException e) {
            throw new IOException("cannot give " + path + " the owner of the file it replaces (" + owner.describe()
                    + ") while running as uid " + PROCESS_UID + ": run cc-migrator as uid " + owner.uid()
                    + " (the owner of cc-backend's data) or as root", e);
        }
        if (now.mode() != owner.mode() && !Files.isSymbolicLink(path)) { // a link's mode means nothing (and cannot be set)
            // chown may clear setuid/setgid bits, so the mode is set last
            Files.setAttribute(path, "unix:mode", owner.mode(), LinkOption.NOFOLLOW_LINKS);
        }
    }

    /**
     * {@link #apply} to a file or directory this process has just created: what it has is known (this
     * process's uid and gid, the umask's mode), so nothing is read and only what differs is set. The hot
     * path of a migration: a replaced meta.json of the usual owner and mode costs no system call here.
     */
    public static void applyToNew(Owner owner, Path path, boolean directory) throws IOException {
        int newMode = NewModes.MODES[directory ? 1 : 0];
        if (owner.uid() == PROCESS_UID && owner.gid() == PROCESS_GID && owner.mode() == newMode && newMode >= 0) {
            return;
        }
        apply(owner, path);
    }

    /** {@link #apply} with the ownership {@code like} has. */
    public static void copy(Path like, Path path) throws IOException {
        apply(of(like), path);
    }

    private static int processGid() {
        try {
            return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:gid");
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return -1;
        }
    }

    /**
     * The modes this process's new files and directories get (umask applied), learnt on first use
     * (a holder class: a plan, which only reads owners, never creates the probe files).
     */
    private static final class NewModes {
        static final int[] MODES = newModes();
    }

    /** The modes of a new file and a new directory of this process; -1 where they cannot be learnt. */
    private static int[] newModes() {
        try {
            Path dir = Files.createTempDirectory("ccm-umask");
            Path file = Files.createFile(dir.resolve("f"));
            Path sub = Files.createDirectory(dir.resolve("d"));
            // createTempDirectory makes 0700 whatever the umask; createFile and createDirectory apply it
            int[] modes = {of(file).mode(), of(sub).mode()};
            Files.delete(file);
            Files.delete(sub);
            Files.delete(dir);
            return modes;
        } catch (IOException | UnsupportedOperationException e) {
            return new int[]{-1, -1};
        }
    }

    /**
     * Why this process cannot write {@code path}, and what to do: run as its owner when another uid owns it,
     * else make it writable. For error messages; never throws.
     */
    public static String notWritable(Path path) {
        try {
            Owner owner = of(path);
            if (owner.uid() != PROCESS_UID && PROCESS_UID != 0) {
                return path + " belongs to " + owner.describe() + ", and cc-migrator runs as uid " + PROCESS_UID
                        + ": run it as uid " + owner.uid() + " (the owner of cc-backend's data; in a container --user "
                        + owner.uid() + ":" + owner.gid() + ")";
            }
            return path + " is not writable (" + owner.describe() + "): make it writable for its owner (chmod u+w),"
                    + " or mount the volume read-write";
        } catch (IOException e) {
            return path + " is not writable: check its owner and permissions";
        }
    }

    /** The uid this process runs as (from /proc/self; -1 where there is none). */
    public static int processUid() {
        try {
            return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return -1;
        }
    }
}

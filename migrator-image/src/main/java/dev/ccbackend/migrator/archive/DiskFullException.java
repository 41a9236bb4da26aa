package dev.ccbackend.migrator.archive;

import dev.ccbackend.migrator.util.Directories;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;

/**
 * The volume being written ran out of blocks or inodes (ENOSPC) or the user's quota (EDQUOT). Never
 * one job's fault, so it stops the run whatever {@code --on-error} says; the migrator turns it into a
 * message that says where and what to free.
 */
final class DiskFullException extends ArchiveException {
    DiskFullException(IOException cause) {
        super(cause.getMessage(), cause);
    }

    /** Whether {@code e}, or anything that caused it, is a full volume. */
    static boolean is(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String m = String.valueOf(t.getMessage());
            if (t instanceof DiskFullException || m.contains("No space left on device") || m.contains("Disk quota exceeded")) {
                return true;
            }
        }
        return false;
    }

    /**
     * What a run stopped by a full volume tells the user, after freeing what it can: an unsharded copy-mode run
     * removes its partial new archive (a rerun starts it again), an in-place run has only replaced whole files.
     */
    static ArchiveException stopped(MigrationOptions options, Path archive, Path output, MigrationPreflight.Scan scan,
                                    long jobsDone, Throwable e) {
        String cause = causeMessage(e);
        String progress = " after " + jobsDone + " of " + scan.jobs() + " jobs";
        if (!options.copyMode()) {
            return new ArchiveException("the archive's volume is full (" + cause + ")" + progress + ": every job has its old or"
                    + " its new meta.json and version.txt is unchanged. Free some space on the volume of " + archive + " ("
                    + free(archive) + " MiB free now; each job needs room for one more meta.json while it is rewritten), then"
                    + " rerun the same command: finished jobs are kept", e);
        }
        boolean links = Directories.sameFilesystem(archive, MigrationPreflight.existingAncestor(output));
        String need = "the new archive needs about " + MigrationPreflight.mib(MigrationPreflight.needed(scan, links)) + " MiB";
        if (!options.shard().isAll()) {
            return new ArchiveException("the volume of " + output + " is full (" + cause + ")" + progress + " of shard "
                    + options.shard() + "; the archive was not changed. Stop every shard, remove " + output + ", free space ("
                    + need + "; " + free(output) + " MiB free now) and start the migration again", e);
        }
        String cleanup;
        try {
            Directories.deleteContents(output, Set.of(ArchiveLock.FILE));
            cleanup = "the partial new archive was removed and ";
        } catch (IOException | RuntimeException cleanupFailure) {
            cleanup = "removing the partial new archive failed too (" + cleanupFailure.getMessage() + "): remove " + output
                    + " by hand; ";
        }
        return new ArchiveException("the volume of " + output + " is full (" + cause + ")" + progress + ": " + cleanup
                + "the archive was not changed. " + capitalized(need) + " (" + free(output) + " MiB free now): free that much"
                + " on the volume of " + output + (links ? "" : ", or give --output on the archive's filesystem, where data"
                + " files are hard-linked instead of copied,") + " and run again", e);
    }

    private static String causeMessage(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String m = String.valueOf(t.getMessage());
            if (m.contains("No space left on device")) {
                return "no space or no free inodes left on the device";
            }
            if (m.contains("Disk quota exceeded")) {
                return "disk quota exceeded";
            }
        }
        return String.valueOf(e.getMessage());
    }

    private static String free(Path path) {
        try {
            return MigrationPreflight.mib(MigrationPreflight.usableSpace(path));
        } catch (IOException e) {
            return "?";
        }
    }

    private static String capitalized(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}

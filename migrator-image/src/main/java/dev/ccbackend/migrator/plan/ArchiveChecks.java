package dev.ccbackend.migrator.plan;

import dev.ccbackend.migrator.archive.ArchiveInspection;
import dev.ccbackend.migrator.catalog.Release;
import dev.ccbackend.migrator.catalog.ReleaseCatalog;
import java.util.Set;

/** What in the job archive stops an upgrade to the target, each with the fix. */
final class ArchiveChecks {
    /** From archive 3 (v1.5) every directory at the root is read as a cluster. */
    private static final int EVERY_DIRECTORY_IS_A_CLUSTER = 3;
    private static final Set<String> ROOT_DIRECTORY_PROBLEMS = Set.of("LOST_FOUND", "NON_CLUSTER_DIRECTORY");

    private ArchiveChecks() {
    }

    static void check(PlanInputs in, Release target, Findings f) {
        ArchiveInspection archive = in.archive();
        if (archive == null) {
            f.block(BlockerCode.ARCHIVE_UNREADABLE, "cannot inspect the job archive: " + in.archiveError(),
                    "check --archive: it must be the archive root, the directory holding version.txt");
            return;
        }
        Integer version = archive.version();
        if (version == null || !ReleaseCatalog.shippedArchiveVersions().contains(version)) {
            f.block(BlockerCode.ARCHIVE_VERSION_INVALID, version == null
                            ? "the archive's version.txt is missing or unreadable"
                            : "archive version " + version + " is not one a release used (" + ReleaseCatalog.shippedArchiveVersions() + ")",
                    "point --archive at the archive root (with version.txt); an archive from before v1.0 must first be migrated with cc-backend v1.0's tool");
        } else if (version > target.archiveVersion()) {
            f.block(BlockerCode.DOWNGRADE, "the archive is at version " + version + ", newer than " + target.name()
                    + " needs (" + target.archiveVersion() + ")", "choose a newer release or restore the archive backup taken before the upgrade");
        }
        for (ArchiveInspection.Problem p : archive.problems()) {
            if (ROOT_DIRECTORY_PROBLEMS.contains(p.kind())) {
                rootDirectory(p, target, f);
            } else if (!"VERSION_UNREADABLE".equals(p.kind())) {
                f.warn("archive: " + p.path() + ": " + p.message());
            }
        }
        if (Boolean.FALSE.equals(in.archiveWritable())) {
            f.block(BlockerCode.READ_ONLY, "the job archive is not writable", "mount its volume read-write and run as a user that may write it");
        }
    }

    private static void rootDirectory(ArchiveInspection.Problem p, Release target, Findings f) {
        String what = p.kind().equals("LOST_FOUND") ? "lost+found" : "a directory without cluster.json";
        if (target.archiveVersion() < EVERY_DIRECTORY_IS_A_CLUSTER) {
            f.warn("archive root holds " + what + " (" + p.path() + "); harmless before v1.5, fatal from v1.5 on");
            return;
        }
        f.block(BlockerCode.LOST_FOUND, "the archive root holds " + what + " (" + p.path() + "): " + target.name()
                        + " reads every directory there as a cluster and refuses to start",
                p.kind().equals("LOST_FOUND")
                        ? "keep the archive in a subdirectory of its volume (move the clusters and version.txt into e.g. job-archive/ and point cc-backend there)"
                        : "move " + p.path() + " out of the archive root");
    }
}

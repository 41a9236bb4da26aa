package dev.ccbackend.migrator.plan;

import dev.ccbackend.migrator.catalog.Driver;
import dev.ccbackend.migrator.catalog.Release;

/** What an online upgrade cannot do: it prepares beside the data and switches by renaming. */
final class OnlineChecks {
    private OnlineChecks() {
    }

    static void check(PlanInputs in, Release target, PlanOptions options, DiskSpace space, Findings f) {
        if (!options.online()) {
            return;
        }
        if (in.driver() == Driver.MYSQL) {
            f.block(BlockerCode.ONLINE_NEEDS_SQLITE, "an online upgrade needs a SQLite database: a MariaDB database is"
                    + " converted, and migrated, with cc-backend stopped", "upgrade offline (drop --online; operator:"
                    + " spec.strategy: Offline)");
        }
        boolean archiveMigrates = in.archive() != null && in.archive().version() != null
                && in.archive().version() < target.archiveVersion();
        if (archiveMigrates && space.archiveIsVolumeRoot()) {
            f.block(BlockerCode.ARCHIVE_IS_VOLUME_ROOT, "the archive " + in.archive().path() + " is the root of its volume (a"
                    + " mount point): the online switch renames it, which a mount point refuses", "keep the archive in a"
                    + " sub-directory of its volume (operator: spec.archive.path) and point cc-backend at it, or upgrade offline");
        }
    }
}

package dev.ccbackend.migrator.catalog;

import java.util.List;

/**
 * What moving an installation from one release to another involves, judged from the catalog
 * alone (the plan then checks it against what is really on disk).
 *
 * @param from         release running now
 * @param to           release wanted
 * @param archiveHops  archive version steps in order (empty when the version stays)
 */
public record UpgradePath(Release from, Release to, List<Hop> archiveHops) {

    public static UpgradePath between(Release from, Release to) {
        return new UpgradePath(from, to, Hop.successive(from.archiveVersion(), to.archiveVersion()));
    }

    /** Either on-disk version would go backwards: cc-backend has no safe way down. */
    public boolean isDowngrade() {
        return to.dbVersion() < from.dbVersion() || to.archiveVersion() < from.archiveVersion();
    }

    public boolean migratesDatabase() {
        return to.dbVersion() > from.dbVersion();
    }

    public boolean convertsConfig() {
        return to.configFormat() != from.configFormat();
    }

    /** A site on this driver must move its data to SQLite first (MariaDB to v1.5+). */
    public boolean requiresDatabaseConversion(Driver driver) {
        return from.supports(driver) && !to.supports(driver);
    }
}

package dev.ccbackend.migrator.db;

import dev.ccbackend.migrator.catalog.Driver;
import dev.ccbackend.migrator.catalog.ReleaseCatalog;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/** Which schema versions a driver can be migrated to and from: those some release shipped. */
public final class VersionPolicy {
    /** MariaDB support starts at v1.0.0 (schema 6): v1.0.0-rc.1's schema 4 is SQLite only here. */
    static final int MYSQL_MINIMUM = 6;

    private VersionPolicy() {
    }

    public static SortedSet<Integer> supportedVersions(Driver driver) {
        SortedSet<Integer> versions = new TreeSet<>(ReleaseCatalog.shippedDbVersions(driver));
        if (driver == Driver.MYSQL) {
            versions.removeIf(v -> v < MYSQL_MINIMUM);
        }
        return versions;
    }

    /** Refuses a target no release shipped for this driver. */
    public static void checkTarget(Driver driver, int version) {
        SortedSet<Integer> supported = supportedVersions(driver);
        if (supported.contains(version)) {
            return;
        }
        if (driver == Driver.MYSQL && version > supported.last()) {
            throw new MigrationRefusedException("MySQL/MariaDB ends at schema " + supported.last() + " (cc-backend "
                    + ReleaseCatalog.newestSupporting(Driver.MYSQL).name() + "); cc-backend v1.5 needs SQLite: migrate to "
                    + supported.last() + ", then move the data with `cc-migrator db convert` to SQLite");
        }
        if (driver == Driver.MYSQL && version < MYSQL_MINIMUM && ReleaseCatalog.shippedDbVersions(Driver.SQLITE3).contains(version)) {
            throw new MigrationRefusedException("MySQL/MariaDB is supported from schema " + MYSQL_MINIMUM
                    + " (cc-backend v1.0.0); schema " + version + " is a SQLite-only pre-release; choose one of " + supported);
        }
        throw new MigrationRefusedException("schema version " + version + " is a version no release shipped for "
                + driver.configName() + "; choose one of " + supported + " or use --to-release");
    }

    /** Refuses a database at a version we cannot start from (e.g. 9 or 5: development builds). */
    public static void checkCurrent(Driver driver, int version) {
        if (version != 0 && !supportedVersions(driver).contains(version)) {
            throw new MigrationRefusedException("the database is at schema version " + version + ", which no cc-backend release "
                    + "shipped for " + driver.configName() + " (known: " + supportedVersions(driver)
                    + "); restore it from a backup of a released version");
        }
    }

    /** The supported versions after {@code from} up to {@code to}: the steps of an unfused run. */
    static List<Integer> stepsBetween(Driver driver, int from, int to) {
        return supportedVersions(driver).stream().filter(v -> v > from && v <= to).toList();
    }
}

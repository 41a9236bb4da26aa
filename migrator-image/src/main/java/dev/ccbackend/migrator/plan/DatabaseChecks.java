package dev.ccbackend.migrator.plan;

import dev.ccbackend.migrator.catalog.Driver;
import dev.ccbackend.migrator.catalog.Release;
import dev.ccbackend.migrator.catalog.ReleaseCatalog;
import dev.ccbackend.migrator.db.DbInspection;

/** What in the database stops an upgrade to the target, each with the fix. */
final class DatabaseChecks {
    /** The schema step that rejects jobs in state 'stopped' (its CHECK constraint no longer lists it). */
    static final int STOPPED_REJECTED_FROM_DB = 9;
    static final int STOPPED_REJECTED_FROM_ARCHIVE = 3;
    /** The schema the MariaDB → SQLite converter reads and writes: the newest MariaDB one (as in db convert). */
    static final int CONVERSION_SCHEMA = ReleaseCatalog.newestSupporting(Driver.MYSQL).dbVersion();

    private DatabaseChecks() {
    }

    static void check(PlanInputs in, Release target, PlanOptions options, Findings f) {
        DbInspection db = in.database();
        if (db == null) {
            f.block(BlockerCode.DATABASE_UNREADABLE, "cannot inspect the database: " + in.databaseError(),
                    "check --driver and --db (a SQLite path, a MariaDB DSN user:pass@tcp(host:3306)/db, or env:VAR) and that it is reachable");
            return;
        }
        int version = db.version();
        if (db.dirty()) {
            f.block(BlockerCode.DIRTY_DATABASE, "the database is at version " + version + " marked dirty: a migration to "
                            + version + " failed half-way" + (version == STOPPED_REJECTED_FROM_DB
                            ? " (upstream's v1.5 migration fails there when jobs are in state 'stopped')" : ""),
                    "restore the database from the backup taken before that migration, then run the plan again;"
                            + " only clear the flag by hand if you are sure version " + version + " is complete");
        } else if (version != 0 && !ReleaseCatalog.shippedDbVersions(in.driver()).contains(version)) {
            f.block(BlockerCode.UNSHIPPED_DB_VERSION, "schema version " + version + " was never shipped by a release for "
                            + in.driver() + " (shipped: " + ReleaseCatalog.shippedDbVersions(in.driver()) + ")",
                    "restore the database from a backup made by a released cc-backend");
        }
        if (version > target.dbVersion()) {
            f.block(BlockerCode.DOWNGRADE, "the database is at schema " + version + ", newer than " + target.name()
                            + " needs (" + target.dbVersion() + ")",
                    "choose a release with schema " + version + " or newer" + ReleaseCatalog.firstWithDbVersion(version)
                            .map(r -> " (e.g. " + r.name() + ")").orElse("") + ", or restore the backup taken before the upgrade");
        }
        if (version == 0) {
            f.block(BlockerCode.DATABASE_MISSING, "the database is missing or empty (no schema): an upgrade needs cc-backend's "
                    + "existing database", "check --db (for the operator: spec.database); a new installation needs no upgrade"
                    + " (cc-migrator db migrate --create makes an empty database)");
        }
        checkStoppedJobs(db, target, options, f);
        checkConversion(in, target, options, f);
        if (Boolean.FALSE.equals(in.databaseWritable())) {
            f.block(BlockerCode.READ_ONLY, "the database (or the directory it is written to) is not writable",
                    "mount its volume read-write and run as a user that may write it");
        }
    }

    private static void checkStoppedJobs(DbInspection db, Release target, PlanOptions options, Findings f) {
        boolean rejected = (target.dbVersion() >= STOPPED_REJECTED_FROM_DB && db.version() < STOPPED_REJECTED_FROM_DB)
                || target.archiveVersion() >= STOPPED_REJECTED_FROM_ARCHIVE;
        if (db.stoppedJobs() > 0 && rejected && !options.mapState().containsKey("stopped")) {
            f.block(BlockerCode.STOPPED_JOBS, db.stoppedJobs() + " job(s) are in state 'stopped', which " + target.name()
                            + " no longer accepts (upstream's migration fails on them and leaves the database dirty)",
                    "add --map-state stopped=completed (or another v1.5 state such as failed) to rewrite them during the upgrade");
        }
    }

    private static void checkConversion(PlanInputs in, Release target, PlanOptions options, Findings f) {
        boolean mysql = in.driver() == Driver.MYSQL;
        if (mysql && !target.supports(Driver.MYSQL) && options.sqliteOut() == null) {
            f.block(BlockerCode.MARIADB_NEEDS_CONVERSION, target.name() + " supports SQLite only; this database is MariaDB/MySQL",
                    "add --sqlite-out /path/to/job.db: the plan then converts the database to that new SQLite file first"
                            + " (or stay on " + ReleaseCatalog.newestSupporting(Driver.MYSQL).name() + ")");
        }
        if (!mysql && options.sqliteOut() != null) {
            f.warn("--sqlite-out is ignored: the database already is SQLite");
        }
        if (mysql && options.sqliteOut() != null && options.sqliteOutExists()) {
            f.block(BlockerCode.CONVERSION_TARGET_EXISTS, options.sqliteOut() + " already exists; the conversion never overwrites a file",
                    "if a previous run converted the database already, continue with --driver sqlite3 --db " + options.sqliteOut()
                            + "; otherwise remove the file or choose another --sqlite-out");
        }
    }
}

package dev.ccbackend.migrator.plan;

import dev.ccbackend.migrator.archive.ArchiveInspection;
import dev.ccbackend.migrator.catalog.Driver;
import dev.ccbackend.migrator.catalog.Hop;
import dev.ccbackend.migrator.catalog.Release;
import dev.ccbackend.migrator.config.ConversionResult;
import dev.ccbackend.migrator.db.DbInspection;
import dev.ccbackend.migrator.plan.PlannedStep.Kind;
import java.util.ArrayList;
import java.util.List;

/**
 * The steps in the order they run: database (a MariaDB conversion first), archive hops, config.
 * Each carries an estimate of its work and of the free space it needs; the figures are deliberately
 * generous because running out of space half-way costs far more than a refusal up front.
 */
final class StepPlanner {
    /** SQLite rebuilds the job table inside one transaction (steps 4, 8, 9): the copy plus its journal. */
    static final int SQLITE_MIGRATION_SPACE_FACTOR = 2;
    /** A converted job row with its JSON columns, tags and index entries. */
    static final long CONVERTED_BYTES_PER_JOB = 4096;
    /** Room for the original meta.json of every job until a 2→3 hop is verified. */
    static final long ARCHIVE_BYTES_PER_JOB = 2048;
    /** cluster.json files and version.txt: all that hop 1→2 rewrites. */
    static final long ARCHIVE_METADATA_BYTES = 1 << 20;
    /** An online prepare's copy of a job: its directory and new meta.json (a 4 KiB block each), its manifest line. */
    static final long ONLINE_ARCHIVE_BYTES_PER_JOB = 2 * 4096 + 256;

    private StepPlanner() {
    }

    static List<PlannedStep> plan(PlanInputs in, Release target, PlanOptions options) {
        List<PlannedStep> steps = new ArrayList<>();
        if (in.database() != null) {
            database(in.driver(), in.database(), target, options, steps);
        }
        ArchiveInspection archive = in.archive();
        if (options.online() && archive != null && archive.version() != null && archive.version() < target.archiveVersion()) {
            // one prepare straight to the target (the engine fuses the hops); the data files are hard-linked
            steps.add(new PlannedStep(Kind.ARCHIVE, archive.version(), target.archiveVersion(), "job archive "
                    + archive.version() + " → " + target.archiveVersion() + " prepared beside it while cc-backend runs ("
                    + archive.jobs() + " jobs), then cut over", null, archive.jobs(), archive.bytes(),
                    archive.jobs() * ONLINE_ARCHIVE_BYTES_PER_JOB));
        } else if (archive != null && archive.version() != null) {
            for (Hop hop : Hop.successive(archive.version(), target.archiveVersion())) {
                long required = hop.to() == 2 ? ARCHIVE_METADATA_BYTES : archive.jobs() * ARCHIVE_BYTES_PER_JOB;
                steps.add(new PlannedStep(Kind.ARCHIVE, hop.from(), hop.to(), "job archive " + hop + " in place (" + archive.jobs() + " jobs)",
                        null, archive.jobs(), archive.bytes(), required));
            }
        }
        ConversionResult config = in.config();
        if (config != null && config.converts()) {
            steps.add(new PlannedStep(Kind.CONFIG, 0, 0, "config.json " + config.fromFormat() + " → " + config.toFormat(), null, 0, null, 0L));
        }
        return List.copyOf(steps);
    }

    private static void database(Driver driver, DbInspection db, Release target, PlanOptions options, List<PlannedStep> steps) {
        int version = db.version();
        if (driver == Driver.MYSQL && options.sqliteOut() != null) {
            int schema = DatabaseChecks.CONVERSION_SCHEMA;
            if (version < schema) {
                steps.add(migrate(driver, db, version, schema));
            }
            steps.add(new PlannedStep(Kind.DATABASE_CONVERT, schema, schema, "convert MariaDB (schema " + schema + ") to the new SQLite file "
                    + options.sqliteOut() + " (" + db.jobs() + " jobs)", driver.configName(), db.jobs(), null, db.jobs() * CONVERTED_BYTES_PER_JOB));
            if (target.dbVersion() > schema) {
                long convertedSize = db.jobs() * CONVERTED_BYTES_PER_JOB;
                steps.add(new PlannedStep(Kind.DATABASE, schema, target.dbVersion(), "database " + schema + " → " + target.dbVersion()
                        + " (sqlite3, " + db.jobs() + " jobs)", Driver.SQLITE3.configName(), db.jobs(), convertedSize,
                        convertedSize * SQLITE_MIGRATION_SPACE_FACTOR));
            }
        } else if (version < target.dbVersion() && options.online() && driver == Driver.SQLITE3) {
            // the pristine copy the cutover compares with, plus the migrated copy with its migration's room (or a catch-up's copy)
            Long size = db.sizeBytes();
            steps.add(new PlannedStep(Kind.DATABASE, version, target.dbVersion(), "database " + version + " → " + target.dbVersion()
                    + " prepared beside it while cc-backend runs (sqlite3, " + db.jobs() + " jobs), then cut over",
                    driver.configName(), db.jobs(), size, size == null ? null : size * (1 + SQLITE_MIGRATION_SPACE_FACTOR)));
        } else if (version < target.dbVersion()) {
            steps.add(migrate(driver, db, version, target.dbVersion()));
        }
    }

    private static PlannedStep migrate(Driver driver, DbInspection db, int from, int to) {
        boolean sqlite = driver == Driver.SQLITE3;
        Long size = sqlite ? db.sizeBytes() : null;
        return new PlannedStep(Kind.DATABASE, from, to, "database " + from + " → " + to + " (" + driver + ", " + db.jobs() + " jobs)",
                driver.configName(), db.jobs(), size, size == null ? null : size * SQLITE_MIGRATION_SPACE_FACTOR);
    }
}

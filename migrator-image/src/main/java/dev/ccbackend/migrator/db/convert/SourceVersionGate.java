package dev.ccbackend.migrator.db.convert;

import dev.ccbackend.migrator.catalog.Driver;
import dev.ccbackend.migrator.catalog.ReleaseCatalog;
import dev.ccbackend.migrator.cli.CcMigrator;
import dev.ccbackend.migrator.db.DatabaseInspector;
import dev.ccbackend.migrator.db.DbTarget;
import dev.ccbackend.migrator.db.DbInspection;
import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * Admits only a clean MariaDB database at the last schema MariaDB ever had (8, cc-backend v1.4.4),
 * or, with {@code --migrate-source}, one at an older shipped version, which it migrates to 8 with
 * {@code cc-migrator db migrate} first. That is the one write to MariaDB, and only on request.
 */
final class SourceVersionGate {
    /** The newest schema a MariaDB-capable cc-backend release shipped. */
    static final int SCHEMA = ReleaseCatalog.newestSupporting(Driver.MYSQL).dbVersion();

    private SourceVersionGate() {
    }

    /**
     * @param dsn the source as the user gave it, handed on to {@code db migrate}
     * @return the version the source had if it was migrated, else null
     */
    static Integer admit(DbTarget source, String dsn, boolean migrateSource) {
        DbInspection found = DatabaseInspector.inspect(source);
        int version = found.version();
        if (found.dirty()) {
            throw new ConversionException("the MariaDB database " + source.displayName() + " is dirty at version " + version
                    + " (a migration failed halfway): repair it and clear the dirty flag (or restore the backup) before converting");
        }
        if (version == SCHEMA) {
            return null;
        }
        if (version == 0) {
            throw new ConversionException("the MariaDB database " + source.displayName()
                    + " has no cc-backend schema version (schema_migrations is missing or empty): point --from at cc-backend's database");
        }
        if (!ReleaseCatalog.shippedDbVersions(Driver.MYSQL).contains(version) || version > SCHEMA) {
            throw new ConversionException("the MariaDB database " + source.displayName() + " is at schema version " + version
                    + ", which no cc-backend release with MariaDB shipped: cannot tell what its tables mean; restore a backup of a released version");
        }
        if (!migrateSource) {
            throw new ConversionException("the MariaDB database " + source.displayName() + " is at schema version " + version
                    + " but convert reads version " + SCHEMA + ": rerun with --migrate-source to migrate it first (this writes to MariaDB: back it up)");
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int rc = CcMigrator.execute(new PrintWriter(out, true), new PrintWriter(err, true),
                "db", "migrate", "--driver", "mysql", "--db", dsn, "--to-version", String.valueOf(SCHEMA));
        if (rc != 0) {
            throw new ConversionException("migrating the MariaDB database to version " + SCHEMA + " failed: "
                    + err.toString().strip().replaceFirst("^error: ", ""));
        }
        return version;
    }
}

package dev.ccbackend.migrator.db;

import dev.ccbackend.migrator.catalog.Driver;

/** Reads a database's version and size without changing it. */
public final class DatabaseInspector {
    private DatabaseInspector() {
    }

    /**
     * @param driver the cc-backend driver
     * @param dsn    what cc-backend's config accepts: a SQLite path, a go-sql-driver DSN, or env:VAR
     */
    public static DbInspection inspect(Driver driver, String dsn) {
        // PLACEHOLDER: implemented by the database engine.
        throw new UnsupportedOperationException("database inspection is not implemented yet");
    }
}

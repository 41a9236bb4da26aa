package dev.ccbackend.migrator.db.convert;

import java.nio.file.Path;

/**
 * What to convert.
 *
 * @param from          the MariaDB DSN (cc-backend's form, env:VAR, or a jdbc:mariadb URL)
 * @param to            the SQLite file to create; must not exist
 * @param migrateSource bring an older MariaDB database to schema 8 first (writes to MariaDB)
 * @param batchSize     rows per fetch from MariaDB and per batch insert into SQLite
 * @param nullAsEmpty   store '' where MariaDB holds NULL in a text column SQLite declares NOT NULL
 */
public record ConvertRequest(String from, Path to, boolean migrateSource, int batchSize, boolean nullAsEmpty) {
    public ConvertRequest {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1");
        }
    }
}

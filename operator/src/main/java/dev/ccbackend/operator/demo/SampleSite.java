package dev.ccbackend.operator.demo;

import dev.ccbackend.migrator.archive.SampleArchiveGenerator;
import dev.ccbackend.migrator.db.SampleDatabaseGenerator;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;

/**
 * The data of a v1.3.1 site on the claim, made by the migrator's generators: {@code job.db}
 * (schema 7) and {@code job-archive/} (version 1), plus the config.json for its ConfigMap.
 */
public record SampleSite(Path claim, long jobs) {
    static final int DB_SCHEMA = 7;
    static final int ARCHIVE_VERSION = 1;
    static final String CONFIG = """
            {
              "addr": "0.0.0.0:8080",
              "archive": {"kind": "file", "path": "./var/job-archive"},
              "db-driver": "sqlite3",
              "db": "./var/job.db",
              "jwts": {"max-age": "2000h"}
            }
            """;

    /** Writes the sample site into {@code claim}. */
    public static SampleSite write(Path claim, int jobs) throws IOException {
        try {
            SampleDatabaseGenerator.generate(claim.resolve("job.db"),
                    new SampleDatabaseGenerator.Options(DB_SCHEMA, jobs, 0, 42));
        } catch (SQLException e) {
            throw new IOException("cannot generate the sample database: " + e.getMessage(), e);
        }
        SampleArchiveGenerator.generate(claim.resolve("job-archive"),
                SampleArchiveGenerator.Spec.of(ARCHIVE_VERSION, jobs).withData(2048, true));
        return new SampleSite(claim, jobs);
    }

    public String describe() {
        return jobs + " jobs (database schema " + DB_SCHEMA + ", archive version " + ARCHIVE_VERSION + ")";
    }

    public String configJson() {
        return CONFIG;
    }
}

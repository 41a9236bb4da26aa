package dev.ccbackend.migrator.db;

import dev.ccbackend.migrator.catalog.StateMapping;

import static dev.ccbackend.migrator.db.TestingDatabases.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ccbackend.migrator.catalog.Driver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Everything unsafe is refused up front, with a message that says what to do, and the file stays as it was. */
class RefusalTest {
    @TempDir
    Path dir;

    private static void assertRefusedUnchanged(Path db, int to, String... messageParts) throws Exception {
        byte[] before = Files.readAllBytes(db);
        assertThatThrownBy(() -> migrate(db, to, true))
                .isInstanceOf(MigrationRefusedException.class)
                .hasMessageContainingAll(messageParts);
        assertThat(Arrays.equals(Files.readAllBytes(db), before)).as("file unchanged").isTrue();
    }

    @Test
    void refusesStoppedJobsNamingTheCountAndTheFlag() throws Exception {
        Path db = generate(dir, 7, 500, 12);
        assertRefusedUnchanged(db, 11, "12 jobs", "'stopped'", "--map-state stopped=completed");
    }

    @Test
    void refusesADirtyDatabase() throws Exception {
        Path db = generate(dir, 7, 50, 0);
        exec(db, "UPDATE schema_migrations SET version = 8, dirty = 1");
        assertRefusedUnchanged(db, 11, "dirty", "--retry-dirty");
    }

    @Test
    void retriesADirtyStepWhenAsked() throws Exception {
        // What upstream leaves behind when step 9 fails on a 'stopped' job: SQLite rolled the step back, (9, dirty).
        Path db = generate(dir, 8, 50, 0);
        exec(db, "UPDATE schema_migrations SET version = 9, dirty = 1");

        MigrationResult result = DatabaseMigrator.migrate(new DatabaseMigrator.Request(sqlite(db), 11, StateMapping.NONE, true, true));

        assertThat(result.from()).isEqualTo(8);
        assertThat(column(db, "SELECT version, dirty FROM schema_migrations")).containsExactly("11|0");
        assertThat(SchemaVerifier.verify(sqlite(db), 11).matches()).isTrue();
    }

    @Test
    void refusesDowngrades() throws Exception {
        Path db = generate(dir, 10, 20, 0);
        assertRefusedUnchanged(db, 8, "newer than the target", "downgrades are not supported", "snapshot");
    }

    @Test
    void refusesVersionsNoReleaseShipped() throws Exception {
        Path db = generate(dir, 7, 20, 0);
        assertRefusedUnchanged(db, 9, "a version no release shipped");
        assertRefusedUnchanged(db, 5, "a version no release shipped");
    }

    @Test
    void refusesADatabaseAtAnUnshippedVersion() throws Exception {
        Path db = generate(dir, 8, 20, 0);
        exec(db, "UPDATE schema_migrations SET version = 9");
        assertRefusedUnchanged(db, 11, "schema version 9", "no cc-backend release");
    }

    @Test
    void mysqlEndsAtEightAndPointsToConvert() {
        DbTarget target = DbTarget.parse(Driver.MYSQL, "u:p@tcp(127.0.0.1:1)/none");
        assertThatThrownBy(() -> DatabaseMigrator.migrate(new DatabaseMigrator.Request(target, 10, StateMapping.NONE, true, false)))
                .hasMessageContainingAll("ends at schema 8", "db convert");
        assertThatThrownBy(() -> DatabaseMigrator.migrate(new DatabaseMigrator.Request(target, 4, StateMapping.NONE, true, false)))
                .hasMessageContaining("supported from schema 6");
        assertThatThrownBy(() -> DatabaseMigrator.migrate(new DatabaseMigrator.Request(target, 9, StateMapping.NONE, true, false)))
                .hasMessageContaining("ends at schema 8");
    }

    @Test
    void refusesAFileHeldByAnotherConnectionInWalMode() throws Exception {
        Path db = generate(dir, 7, 20, 0);
        exec(db, "PRAGMA journal_mode=WAL");
        try (Connection server = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = server.createStatement()) {
            s.executeQuery("SELECT COUNT(*) FROM job").close(); // idle, like cc-backend between requests
            assertThatThrownBy(() -> migrate(db, 8, true))
                    .hasMessageContainingAll("in use by another process", "cc-backend", "replicas=0");
        }
        assertThat(column(db, "SELECT version FROM schema_migrations")).containsExactly("7");
        assertThat(column(db, "PRAGMA journal_mode")).containsExactly("wal");
    }

    @Test
    void aWalDatabaseIsMigratedAndLeftInWalMode() throws Exception {
        Path db = generate(dir, 7, 200, 0);
        exec(db, "PRAGMA journal_mode=WAL");

        migrate(db, 11, true);

        assertThat(column(db, "PRAGMA journal_mode")).containsExactly("wal");
        assertThat(column(db, "SELECT version, dirty FROM schema_migrations")).containsExactly("11|0");
    }

    @Test
    void refusesAFileWithAnOpenTransaction() throws Exception {
        Path db = generate(dir, 7, 20, 0);
        try (Connection server = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = server.createStatement()) {
            s.execute("BEGIN IMMEDIATE");
            assertThatThrownBy(() -> migrate(db, 8, true)).hasMessageContaining("in use by another process");
            s.execute("ROLLBACK");
        }
    }

    @Test
    void refusesAReadOnlyFileAndDirectory() throws Exception {
        Path db = generate(dir, 7, 20, 0);
        Files.setPosixFilePermissions(db, PosixFilePermissions.fromString("r--r--r--"));
        assertRefusedUnchanged(db, 8, "read-only", "make it writable");

        Files.setPosixFilePermissions(db, PosixFilePermissions.fromString("rw-r--r--"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            assertRefusedUnchanged(db, 8, "directory", "read-only");
        } finally {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void refusesWhenTheDiskCannotHoldTheRebuild() {
        Path db = dir.resolve("job.db");
        double crossingEight = SqliteFileChecks.spaceFactor(7, 11);
        assertThat(crossingEight).isEqualTo(3.0);
        assertThat(SqliteFileChecks.spaceFactor(8, 11)).isEqualTo(1.5);
        assertThatThrownBy(() -> SqliteFileChecks.checkFreeSpace(db, 1_000_000_000L, 2_000_000_000L, crossingEight))
                .hasMessageContainingAll("not enough free disk", "1907 MiB free", "2861 MiB needed", "nothing was changed");
        SqliteFileChecks.checkFreeSpace(db, 1_000_000_000L, 3_100_000_000L, crossingEight);
    }

    @Test
    void refusesADatabaseThatIsNotCcBackends() throws Exception {
        Path db = dir.resolve("other.db");
        exec(db, "CREATE TABLE something (x)");
        assertRefusedUnchanged(db, 7, "not a cc-backend database");
    }
}

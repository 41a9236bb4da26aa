package dev.ccbackend.migrator.db;

import dev.ccbackend.migrator.catalog.StateMapping;

import static dev.ccbackend.migrator.db.TestingDatabases.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ccbackend.migrator.catalog.Driver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Everything unsafe is refused up front, with a message that says what to do, and the file stays as it was. */
class RefusalTest {
    @TempDir
    Path dir;

    /** In WAL mode, as cc-backend leaves it: the mode a probe for a running cc-backend would flip. */
    private static void assertRefusedUnchanged(Path db, int to, String... messageParts) throws Exception {
        if (Files.isWritable(db) && Files.isWritable(db.getParent())) {
            exec(db, "PRAGMA journal_mode=WAL");
        }
        byte[] before = Files.readAllBytes(db);
        List<String> filesBefore = listing(db.getParent());
        assertThatThrownBy(() -> migrate(db, to, true))
                .isInstanceOf(MigrationRefusedException.class)
                .hasMessageContainingAll(messageParts);
        assertThat(Arrays.equals(Files.readAllBytes(db), before)).as("file unchanged, byte for byte").isTrue();
        assertThat(listing(db.getParent())).as("no journal, -wal, -shm or marker left").isEqualTo(filesBefore);
    }

    private static List<String> listing(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
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
        exec(db, "PRAGMA journal_mode=WAL");
        Files.setPosixFilePermissions(db, PosixFilePermissions.fromString("r--r--r--"));
        assertRefusedUnchanged(db, 8, "not writable", "uid", "mode 0444", "chmod u+w");

        Files.setPosixFilePermissions(db, PosixFilePermissions.fromString("rw-r--r--"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            assertRefusedUnchanged(db, 8, "directory for its journal", "not writable");
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
    void aRunKilledOutsideWalModeIsPutBackIntoWalByTheNextRun() throws Exception {
        Path db = generate(dir, 7, 20, 0);
        exec(db, "PRAGMA journal_mode=WAL");
        // what a kill between leaving WAL and restoring it leaves behind
        Files.writeString(SqliteFileChecks.walMarker(db), "journal_mode was WAL\n");
        exec(db, "PRAGMA journal_mode=DELETE");

        migrate(db, 7, true); // at its target already: nothing else to do

        assertThat(column(db, "PRAGMA journal_mode")).containsExactly("wal");
        assertThat(SqliteFileChecks.walMarker(db)).doesNotExist();
    }

    @Test
    void aMigrationLeavesNoMarkerBehind() throws Exception {
        Path db = generate(dir, 7, 20, 0);
        exec(db, "PRAGMA journal_mode=WAL");
        migrate(db, 11, true);
        assertThat(listing(dir)).containsExactly(db.getFileName().toString());
    }

    @Test
    void aCorruptDatabaseIsNamedSoAndSentBackToTheBackup() throws Exception {
        Path db = generate(dir, 7, 2000, 0);
        byte[] whole = Files.readAllBytes(db);
        Path truncated = dir.resolve("truncated.db");
        Files.write(truncated, Arrays.copyOf(whole, whole.length / 3));
        Path notADatabase = dir.resolve("header.db");
        byte[] header = whole.clone();
        Arrays.fill(header, 0, 16, (byte) 'X');
        Files.write(notADatabase, header);
        Path damagedPages = dir.resolve("pages.db");
        byte[] pages = whole.clone();
        Arrays.fill(pages, whole.length / 3, whole.length / 3 * 2, (byte) 0x41);
        Files.write(damagedPages, pages);

        for (Path corrupt : List.of(truncated, notADatabase, damagedPages)) {
            byte[] before = Files.readAllBytes(corrupt);
            assertThatThrownBy(() -> migrate(corrupt, 11, true)).as(corrupt.toString())
                    .isInstanceOf(MigrationRefusedException.class)
                    .hasMessageContainingAll("source database " + corrupt + " is corrupt", "restore it from the backup",
                            "nothing was changed");
            assertThat(Files.readAllBytes(corrupt)).as(corrupt.toString()).isEqualTo(before);
        }
    }

    @Test
    void refusesADatabaseThatIsNotCcBackends() throws Exception {
        Path db = dir.resolve("other.db");
        exec(db, "CREATE TABLE something (x)");
        assertRefusedUnchanged(db, 7, "not a cc-backend database");
    }
}

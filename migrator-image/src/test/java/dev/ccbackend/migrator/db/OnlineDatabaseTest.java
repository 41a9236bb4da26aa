package dev.ccbackend.migrator.db;

import static dev.ccbackend.migrator.db.TestingDatabases.column;
import static dev.ccbackend.migrator.db.TestingDatabases.exec;
import static dev.ccbackend.migrator.db.TestingDatabases.generate;
import static dev.ccbackend.migrator.db.TestingDatabases.sqlite;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ccbackend.migrator.catalog.StateMapping;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Prepare while cc-backend writes, cut over once it is stopped: the result is what an offline migration gives. */
class OnlineDatabaseTest {
    static final StateMapping STOPPED = StateMapping.parse(List.of("stopped=completed"));
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-02T10:00:00Z"), ZoneOffset.UTC);
    /** cc-backend's tables at schema 11, each ordered by its key. */
    private static final Map<String, String> DUMPS = Map.of(
            "job", "SELECT * FROM job ORDER BY id", "tag", "SELECT * FROM tag ORDER BY id",
            "jobtag", "SELECT * FROM jobtag ORDER BY job_id, tag_id", "hpc_user", "SELECT * FROM hpc_user ORDER BY username",
            "configuration", "SELECT * FROM configuration ORDER BY username, confkey");

    @TempDir
    Path dir;

    /** What cc-backend does between the prepare and the cutover, with each kind of change. */
    static void changeAsCcBackendDoes(Path db) throws Exception {
        exec(db,
                "CREATE TEMP TABLE fresh AS SELECT * FROM job WHERE id <= 50",
                "UPDATE fresh SET id = id + 1000000, job_id = job_id + 1000000",
                "INSERT INTO job SELECT * FROM fresh",
                "UPDATE job SET job_state = 'stopped' WHERE id = 1000001",
                "UPDATE job SET job_state = 'completed', duration = 3600 WHERE id IN"
                        + " (SELECT id FROM job WHERE job_state = 'running' ORDER BY id LIMIT 20)",
                "INSERT INTO tag (id, tag_type, tag_name) VALUES (9001, 'issue', 'online-test')",
                "INSERT INTO jobtag (job_id, tag_id) SELECT id, 9001 FROM job WHERE id BETWEEN 100 AND 130",
                "DELETE FROM jobtag WHERE rowid IN (SELECT rowid FROM jobtag WHERE tag_id <> 9001 ORDER BY rowid LIMIT 7)",
                "DELETE FROM jobtag WHERE job_id IN (SELECT id FROM job WHERE id < 1000000 ORDER BY id DESC LIMIT 10)",
                "DELETE FROM job WHERE id IN (SELECT id FROM job WHERE id < 1000000 ORDER BY id DESC LIMIT 10)",
                "UPDATE user SET name = 'Renamed While Prepared' WHERE username = (SELECT MIN(username) FROM user)",
                "INSERT INTO configuration (username, confkey, value) VALUES ('', 'online.test', '\"yes\"')");
    }

    /** Every row of cc-backend's tables at schema 11 is the same in both. */
    static void assertSameRows(Path db, Path offline) throws Exception {
        for (Map.Entry<String, String> dump : DUMPS.entrySet()) {
            assertThat(column(db, dump.getValue())).as(dump.getKey()).isEqualTo(column(offline, dump.getValue()));
        }
    }

    @Test
    void theCutoverAppliesWhatChangedSinceThePrepareAndEqualsAnOfflineMigration() throws Exception {
        Path db = generate(dir, 7, 600, 3);
        exec(db, "PRAGMA journal_mode=WAL");
        Path prepared = dir.resolve("job.db.next");

        DatabasePrepare.Result prep = DatabasePrepare.prepare(sqlite(db), prepared, 11, STOPPED, false);
        assertThat(prep.from()).isEqualTo(7);
        assertThat(prep.extraDiskBytes()).isPositive();
        changeAsCcBackendDoes(db);
        Path offline = dir.resolve("offline.db");
        Files.copy(db, offline);
        DatabaseMigrator.migrate(new DatabaseMigrator.Request(sqlite(offline), 11, STOPPED, true, false));

        DatabaseCutover.Result cut = DatabaseCutover.cutover(sqlite(db), prepared, CLOCK);

        assertThat(cut.changed().get("job")).isEqualTo(50 + 20 + 10);
        assertThat(cut.rowsAfter().get("job")).as("what cc-backend will see").isEqualTo(column(offline, "SELECT COUNT(*) FROM job")
                .stream().mapToLong(Long::parseLong).sum());
        assertThat(cut.backup()).endsWith("job.db.v7-20261202T100000Z".replace("job.db", db.getFileName().toString()));
        assertThat(column(Path.of(cut.backup()), "SELECT version FROM schema_migrations")).containsExactly("7");
        assertThat(column(Path.of(cut.backup()), "PRAGMA journal_mode")).containsExactly("wal");
        assertThat(column(db, "PRAGMA journal_mode")).containsExactly("wal");
        assertThat(SchemaVerifier.verify(sqlite(db), 11).matches()).isTrue();
        assertSameRows(db, offline);
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left.map(p -> p.getFileName().toString())).as("base, record and switch file removed")
                    .containsExactlyInAnyOrder(db.getFileName().toString(), Path.of(cut.backup()).getFileName().toString(),
                            "offline.db");
        }
    }

    @Test
    void theCutoverIsRefusedWhileCcBackendHoldsTheDatabaseAndChangesNothing() throws Exception {
        Path db = generate(dir, 7, 100, 0);
        exec(db, "PRAGMA journal_mode=WAL");
        Path prepared = dir.resolve("next.db");
        DatabasePrepare.prepare(sqlite(db), prepared, 11, StateMapping.NONE, false);
        byte[] preparedBefore = Files.readAllBytes(prepared);

        try (Connection server = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = server.createStatement()) {
            s.executeQuery("SELECT COUNT(*) FROM job").close();
            assertThatThrownBy(() -> DatabaseCutover.cutover(sqlite(db), prepared, CLOCK))
                    .hasMessageContainingAll("in use by another process", "cc-backend");
        }
        assertThat(Files.readAllBytes(prepared)).isEqualTo(preparedBefore);
        assertThat(column(db, "SELECT version FROM schema_migrations")).containsExactly("7");
    }

    @Test
    void theWaitSeesCcBackendLetGoAndLeavesTheDatabaseAsItWas() throws Exception {
        Path db = generate(dir, 7, 20, 0);
        exec(db, "PRAGMA journal_mode=WAL");
        try (Connection server = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = server.createStatement()) {
            s.executeQuery("SELECT COUNT(*) FROM job").close();
            assertThat(DatabaseCutover.heldByAnotherProcess(sqlite(db))).isTrue();
        }
        assertThat(DatabaseCutover.heldByAnotherProcess(sqlite(db))).isFalse();
        assertThat(column(db, "PRAGMA journal_mode")).containsExactly("wal");
        assertThat(SqliteFileChecks.walMarker(db)).doesNotExist();
    }

    @Test
    void aCutoverKilledBetweenItsRenamesIsFinishedByTheRerun() throws Exception {
        Path db = generate(dir, 7, 100, 0);
        Path prepared = dir.resolve("next.db");
        DatabasePrepare.prepare(sqlite(db), prepared, 11, StateMapping.NONE, false);
        // the state a kill after the first rename leaves
        Path backup = dir.resolve(db.getFileName() + ".v7-20261202T100000Z");
        Files.writeString(DatabaseCutover.switchFile(db), dev.ccbackend.migrator.util.Json.compact(new DatabaseCutover.Switch(
                backup.getFileName().toString(), 7, 11, DatabasePrepare.baseOf(prepared).toString(), prepared.toString())));
        Files.move(db, backup);

        DatabaseCutover.Result rerun = DatabaseCutover.cutover(sqlite(db), prepared, CLOCK);

        assertThat(rerun.backup()).isEqualTo(backup.toString());
        assertThat(column(db, "SELECT version FROM schema_migrations")).containsExactly("11");
        assertThat(DatabaseCutover.switchFile(db)).doesNotExist();
        assertThat(prepared).doesNotExist();
    }

    @Test
    void aSwitchFileFromAKillBeforeTheFirstRenameNeverPutsTheCopyOverTheOriginal() throws Exception {
        Path db = generate(dir, 7, 100, 0);
        Path prepared = dir.resolve("next.db");
        DatabasePrepare.prepare(sqlite(db), prepared, 11, StateMapping.NONE, false);
        exec(db, "UPDATE job SET duration = duration + 1 WHERE id <= 5"); // after the prepare
        Files.writeString(DatabaseCutover.switchFile(db), dev.ccbackend.migrator.util.Json.compact(new DatabaseCutover.Switch(
                db.getFileName() + ".v7-20261202T095900Z", 7, 11, DatabasePrepare.baseOf(prepared).toString(), prepared.toString())));

        DatabaseCutover.Result rerun = DatabaseCutover.cutover(sqlite(db), prepared, CLOCK);

        assertThat(rerun.changed().get("job")).as("a full cutover, with the changes since the prepare").isEqualTo(5);
        assertThat(Path.of(rerun.backup())).exists();
        assertThat(column(Path.of(rerun.backup()), "SELECT version FROM schema_migrations")).containsExactly("7");
        assertThat(DatabaseCutover.switchFile(db)).doesNotExist();
    }

    @Test
    void rowsOfEveryTableAreCarriedOverIncludingTheJobCacheAndNodesOfSchema10() throws Exception {
        Path db = generate(dir, 10, 50, 0);
        Path prepared = dir.resolve("next.db");
        DatabasePrepare.prepare(sqlite(db), prepared, 11, StateMapping.NONE, false);
        exec(db, "INSERT INTO job_cache SELECT * FROM job WHERE id = 1",
                "INSERT INTO node (hostname, cluster, subcluster) VALUES ('n001', 'alex', 'main')");
        Path offline = dir.resolve("offline.db");
        Files.copy(db, offline);
        DatabaseMigrator.migrate(new DatabaseMigrator.Request(sqlite(offline), 11, StateMapping.NONE, true, false));

        DatabaseCutover.Result cut = DatabaseCutover.cutover(sqlite(db), prepared, CLOCK);

        assertThat(cut.changed()).containsEntry("job_cache", 1L).containsEntry("node", 1L);
        for (String table : List.of("job_cache", "node", "node_state")) {
            assertThat(column(db, "SELECT * FROM " + table + " ORDER BY id")).as(table)
                    .isEqualTo(column(offline, "SELECT * FROM " + table + " ORDER BY id"));
        }
    }

    @Test
    void prepareRefusesWhatAnOfflineMigrationRefusesAndLeavesNoCopies() throws Exception {
        Path db = generate(dir, 7, 100, 4);
        byte[] before = Files.readAllBytes(db);
        Path prepared = dir.resolve("next.db");

        assertThatThrownBy(() -> DatabasePrepare.prepare(sqlite(db), prepared, 11, StateMapping.NONE, false))
                .hasMessageContaining("--map-state stopped=completed");

        assertThat(Files.readAllBytes(db)).isEqualTo(before);
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactly(db.getFileName().toString());
        }
    }

    @Test
    void switchBackPutsTheKeptOriginalBackAndSetsTheUpgradedOneAsideWithWhatTheNewVersionWrote() throws Exception {
        Path db = generate(dir, 7, 100, 0);
        exec(db, "PRAGMA journal_mode=WAL");
        Path prepared = dir.resolve("job.db.next");
        DatabasePrepare.prepare(sqlite(db), prepared, 11, StateMapping.NONE, false);
        List<String> original = column(db, DUMPS.get("job"));
        DatabaseCutover.Result cut = DatabaseCutover.cutover(sqlite(db), prepared, CLOCK);
        String kept = Path.of(cut.backup()).getFileName().toString();
        exec(db, "UPDATE job SET duration = 4242 WHERE id = 1"); // the new version ran for a while

        try (Connection server = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = server.createStatement()) {
            s.executeQuery("SELECT COUNT(*) FROM job").close();
            var held = dev.ccbackend.migrator.testing.TestingCli.run("db", "switch-back", "--driver", "sqlite3", "--db",
                    db.toString(), "--kept", kept);
            assertThat(held.err().strip()).startsWith("error: ").contains("held by another process", "nothing was renamed");
        }
        var back = dev.ccbackend.migrator.testing.TestingCli.run("db", "switch-back", "--driver", "sqlite3", "--db",
                db.toString(), "--kept", kept);
        var again = dev.ccbackend.migrator.testing.TestingCli.run("db", "switch-back", "--driver", "sqlite3", "--db",
                db.toString(), "--kept", kept);

        assertThat(back.exitCode()).as(back.printed()).isZero();
        assertThat(column(db, "SELECT version FROM schema_migrations")).containsExactly("7");
        assertThat(column(db, DUMPS.get("job"))).isEqualTo(original);
        Path aside = dir.resolve(db.getFileName() + ".rolled-back-20261202T100000Z");
        assertThat(column(aside, "SELECT version FROM schema_migrations")).containsExactly("11");
        assertThat(column(aside, "SELECT duration FROM job WHERE id = 1")).containsExactly("4242");
        assertThat(again.exitCode()).isZero();
        assertThat(again.out()).contains("switched back already");
    }

    @Test
    void switchBackOfAnInterruptedCutoverRenamesOnlyWhatItHadRenamed() throws Exception {
        Path db = generate(dir, 7, 50, 0);
        Path prepared = dir.resolve("next.db");
        DatabasePrepare.prepare(sqlite(db), prepared, 11, StateMapping.NONE, false);
        List<String> original = column(db, DUMPS.get("job"));
        var nothing = dev.ccbackend.migrator.testing.TestingCli.run("db", "switch-back", "--driver", "sqlite3", "--db",
                db.toString(), "--interrupted");
        Path backup = dir.resolve(db.getFileName() + ".v7-20261202T100000Z"); // killed after the first rename
        Files.writeString(DatabaseCutover.switchFile(db), dev.ccbackend.migrator.util.Json.compact(new DatabaseCutover.Switch(
                backup.getFileName().toString(), 7, 11, DatabasePrepare.baseOf(prepared).toString(), prepared.toString())));
        Files.move(db, backup);

        var back = dev.ccbackend.migrator.testing.TestingCli.run("db", "switch-back", "--driver", "sqlite3", "--db",
                db.toString(), "--interrupted");
        var neither = dev.ccbackend.migrator.testing.TestingCli.run("db", "switch-back", "--driver", "sqlite3", "--db", db.toString());
        var foreign = dev.ccbackend.migrator.testing.TestingCli.run("db", "switch-back", "--driver", "sqlite3", "--db",
                db.toString(), "--kept", "../etc/passwd");

        assertThat(nothing.exitCode()).isZero();
        assertThat(nothing.out()).contains("never renamed");
        assertThat(back.exitCode()).as(back.printed()).isZero();
        assertThat(column(db, "SELECT version FROM schema_migrations")).containsExactly("7");
        assertThat(column(db, DUMPS.get("job"))).isEqualTo(original);
        assertThat(DatabaseCutover.switchFile(db)).doesNotExist();
        assertThat(prepared).as("the prepared copy stays for a later cutover").exists();
        assertThat(neither.exitCode()).isEqualTo(2);
        assertThat(foreign.err().strip()).startsWith("error: ").contains("is not a name a cutover keeps");
    }

    @Test
    void aSwitchFileLeftFromAnEarlierCutoverIsRefusedAndChangesNothing() throws Exception {
        Path db = generate(dir, 7, 50, 0);
        Path older = Files.writeString(dir.resolve(db.getFileName() + ".v6-20251201T100000Z"), "last year's original");
        Files.writeString(DatabaseCutover.switchFile(db), dev.ccbackend.migrator.util.Json.compact(new DatabaseCutover.Switch(
                older.getFileName().toString(), 6, 7, dir.resolve("job.db.next.base").toString(), dir.resolve("job.db.next").toString())));
        Path prepared = dir.resolve("job.db.next"); // the same name every upgrade prepares under
        DatabasePrepare.prepare(sqlite(db), prepared, 11, StateMapping.NONE, false);
        byte[] before = Files.readAllBytes(db);

        var cutover = dev.ccbackend.migrator.testing.TestingCli.run("db", "cutover", "--driver", "sqlite3", "--db", db.toString(),
                "--prepared", prepared.toString());
        var interrupted = dev.ccbackend.migrator.testing.TestingCli.run("db", "switch-back", "--driver", "sqlite3", "--db",
                db.toString(), "--interrupted");
        var foreign = dev.ccbackend.migrator.testing.TestingCli.run("db", "switch-back", "--driver", "sqlite3", "--db",
                db.toString(), "--kept", "../../etc/passwd");

        assertThat(cutover.exitCode()).isEqualTo(1);
        assertThat(cutover.errorLine()).contains("is left from an earlier cutover", "nothing was changed");
        assertThat(interrupted.exitCode()).as("the last cutover refused before renaming anything").isZero();
        assertThat(interrupted.out()).contains("is left from an earlier cutover", "never renamed");
        assertThat(foreign.errorLine()).contains("is not a name a cutover keeps");
        assertThat(Files.readAllBytes(db)).as("not even the journal mode touched").isEqualTo(before);
        assertThat(Files.readString(older)).isEqualTo("last year's original");
        assertThat(DatabasePrepare.isPrepared(prepared)).isTrue();
        assertThat(SqliteFileChecks.walMarker(db)).doesNotExist();
    }

    @Test
    void reuseStartsOverWhatASwitchedBackCutoverLeft() throws Exception {
        Path db = generate(dir, 7, 50, 0);
        Path prepared = dir.resolve("job.db.next");
        DatabasePrepare.prepare(sqlite(db), prepared, 11, StateMapping.NONE, false);
        Files.delete(prepared); // the record and the base are left: a cutover killed after its renames, then switched back

        DatabasePrepare.Result again = DatabasePrepare.prepare(sqlite(db), prepared, 11, StateMapping.NONE, true);

        assertThat(again.reused()).isFalse();
        assertThat(DatabasePrepare.isPreparedFor(prepared, 11, List.of())).isTrue();
    }

    @Test
    void reuseKeepsAFinishedPrepareForTheSameTargetAndStartsAKilledOneOver() throws Exception {
        Path db = generate(dir, 7, 50, 0);
        Path prepared = dir.resolve("next.db");
        DatabasePrepare.prepare(sqlite(db), prepared, 11, StateMapping.NONE, false);
        byte[] first = Files.readAllBytes(prepared);

        DatabasePrepare.Result reused = DatabasePrepare.prepare(sqlite(db), prepared, 11, StateMapping.NONE, true);
        assertThat(reused.reused()).isTrue();
        assertThat(Files.readAllBytes(prepared)).isEqualTo(first);
        assertThatThrownBy(() -> DatabasePrepare.prepare(sqlite(db), prepared, 10, StateMapping.NONE, true))
                .hasMessageContaining("prepared already for another database, target or --map-state");

        Files.delete(DatabasePrepare.Record.file(prepared)); // what a kill before the record leaves
        DatabasePrepare.Result redone = DatabasePrepare.prepare(sqlite(db), prepared, 11, StateMapping.NONE, true);
        assertThat(redone.reused()).isFalse();
        assertThat(DatabasePrepare.isPreparedFor(prepared, 11, List.of())).isTrue();
    }

    @Test
    void badInputToTheCommandsIsOneErrorLineAndChangesNothing() throws Exception {
        Path db = generate(dir, 7, 20, 0);
        byte[] before = Files.readAllBytes(db);

        var noPrepare = dev.ccbackend.migrator.testing.TestingCli.run("db", "cutover", "--driver", "sqlite3", "--db", db.toString(),
                "--prepared", dir.resolve("never-prepared.db").toString());
        var elsewhere = dev.ccbackend.migrator.testing.TestingCli.run("db", "prepare", "--driver", "sqlite3", "--db", db.toString(),
                "--to-version", "11", "--output", "/dev/shm/ccm-online-test-" + ProcessHandle.current().pid() + ".db");
        var mariadb = dev.ccbackend.migrator.testing.TestingCli.run("db", "prepare", "--driver", "mysql", "--db",
                "u:p@tcp(127.0.0.1:1)/cc", "--to-version", "8", "--output", dir.resolve("x.db").toString());

        assertThat(noPrepare.exitCode()).isEqualTo(1);
        assertThat(noPrepare.err().strip()).startsWith("error: ").contains("was not made by `cc-migrator db prepare`");
        assertThat(elsewhere.exitCode()).isEqualTo(1);
        assertThat(elsewhere.err().strip()).startsWith("error: ").contains("on another filesystem");
        assertThat(mariadb.err().strip()).startsWith("error: ").contains("MariaDB database is converted offline");
        assertThat(Files.readAllBytes(db)).isEqualTo(before);
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactly(db.getFileName().toString());
        }
    }
}

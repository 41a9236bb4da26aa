package dev.ccbackend.migrator.db;

import static dev.ccbackend.migrator.db.OnlineDatabaseTest.CLOCK;
import static dev.ccbackend.migrator.db.OnlineDatabaseTest.STOPPED;
import static dev.ccbackend.migrator.db.OnlineDatabaseTest.assertSameRows;
import static dev.ccbackend.migrator.db.TestingDatabases.column;
import static dev.ccbackend.migrator.db.TestingDatabases.exec;
import static dev.ccbackend.migrator.db.TestingDatabases.generate;
import static dev.ccbackend.migrator.db.TestingDatabases.sqlite;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ccbackend.migrator.testing.TestingCli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A catch-up while cc-backend runs leaves the cutover only what changed after it, and the result is still an
 * offline migration's, whatever point a catch-up was killed at.
 */
class DatabaseCatchUpTest {
    @TempDir
    Path dir;

    /**
     * After the catch-up: rows it applied are changed again or deleted, new ones come, and the first user's name goes
     * back to what the prepare saw ({@code nameAtPrepare}): only the catch-up's base tells that it changed.
     */
    private static void changeAgain(Path db, String nameAtPrepare) throws Exception {
        exec(db,
                "UPDATE job SET duration = 7, job_state = 'completed' WHERE id = 1000002",
                "DELETE FROM job WHERE id = 1000003",
                "UPDATE configuration SET value = '\"no\"' WHERE confkey = 'online.test'",
                "DELETE FROM jobtag WHERE tag_id = 9001 AND job_id = 100",
                "CREATE TEMP TABLE late AS SELECT * FROM job WHERE id BETWEEN 60 AND 64",
                "UPDATE late SET id = id + 2000000, job_id = job_id + 2000000",
                "INSERT INTO job SELECT * FROM late",
                "UPDATE user SET name = '" + nameAtPrepare.replace("'", "''") + "' WHERE username = (SELECT MIN(username) FROM user)");
    }

    private static String firstUsersName(Path db) throws Exception {
        return column(db, "SELECT name FROM user WHERE username = (SELECT MIN(username) FROM user)").get(0);
    }

    private Path prepared(Path db) {
        Path prepared = dir.resolve("job.db.next");
        DatabasePrepare.prepare(sqlite(db), prepared, 11, STOPPED, false);
        return prepared;
    }

    private Path offlineMigrationOf(Path db) throws Exception {
        Path offline = dir.resolve("offline.db");
        Files.copy(db, offline);
        DatabaseMigrator.migrate(new DatabaseMigrator.Request(sqlite(offline), 11, STOPPED, true, false));
        return offline;
    }

    @Test
    void aCatchUpWhileCcBackendRunsLeavesTheCutoverOnlyTheLaterChanges() throws Exception {
        Path db = generate(dir, 7, 300, 2);
        exec(db, "PRAGMA journal_mode=WAL");
        Path prepared = prepared(db);
        String name = firstUsersName(db);
        OnlineDatabaseTest.changeAsCcBackendDoes(db);

        DatabaseCatchUp.Result caughtUp;
        try (Connection server = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = server.createStatement()) {
            s.executeQuery("SELECT COUNT(*) FROM job").close(); // cc-backend holds the database meanwhile
            caughtUp = DatabaseCatchUp.catchUp(sqlite(db), prepared);
        }
        changeAgain(db, name);
        Path offline = offlineMigrationOf(db);
        DatabaseCutover.Result cut = DatabaseCutover.cutover(sqlite(db), prepared, CLOCK);

        assertThat(caughtUp.changed().get("job")).as("50 new, 20 finished, 10 deleted").isEqualTo(80);
        assertThat(cut.changed().get("job")).as("2 changed again, 5 new").isEqualTo(2 + 5);
        assertThat(cut.changed().get("hpc_user")).as("changed back to the prepare's value").isEqualTo(1);
        assertSameRows(db, offline);
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left.map(p -> p.getFileName().toString())).as("the catch-up's copies are gone with the base")
                    .containsExactlyInAnyOrder(db.getFileName().toString(), Path.of(cut.backup()).getFileName().toString(),
                            "offline.db");
        }
    }

    @Test
    void aCatchUpKilledAfterItsCopyIsFinishedByTheCutover() throws Exception {
        Path db = generate(dir, 7, 200, 1);
        Path prepared = prepared(db);
        String name = firstUsersName(db);
        OnlineDatabaseTest.changeAsCcBackendDoes(db);
        DatabasePrepare.snapshot(sqlite(db), DatabaseCatchUp.nextBaseOf(prepared)); // the kill came before the apply
        changeAgain(db, name);
        Path offline = offlineMigrationOf(db);

        DatabaseCutover.Result cut = DatabaseCutover.cutover(sqlite(db), prepared, CLOCK);

        assertThat(cut.changed().get("job")).as("what changed after the killed round's copy").isEqualTo(2 + 5);
        assertThat(DatabaseCatchUp.nextBaseOf(prepared)).doesNotExist();
        assertSameRows(db, offline);
    }

    @Test
    void aCatchUpKilledAfterItsApplyButBeforeTheBaseMovedIsFinishedByTheNextOne() throws Exception {
        Path db = generate(dir, 7, 200, 1);
        Path prepared = prepared(db);
        Path base = DatabasePrepare.baseOf(prepared);
        Path oldBase = dir.resolve("old-base");
        Files.copy(base, oldBase);
        String name = firstUsersName(db);
        OnlineDatabaseTest.changeAsCcBackendDoes(db);
        DatabaseCatchUp.catchUp(sqlite(db), prepared);
        // the state a kill between the apply's commit and the rename leaves: the copy applied, the base still the old one
        Files.move(base, DatabaseCatchUp.nextBaseOf(prepared));
        Files.move(oldBase, base);
        changeAgain(db, name);

        DatabaseCatchUp.Result again = DatabaseCatchUp.catchUp(sqlite(db), prepared);
        Path offline = offlineMigrationOf(db);
        DatabaseCutover.Result cut = DatabaseCutover.cutover(sqlite(db), prepared, CLOCK);

        assertThat(again.changed().get("job")).as("only what changed after the killed round").isEqualTo(2 + 5);
        assertThat(cut.changed().values()).as("nothing changed after the second catch-up").containsOnly(0L);
        assertSameRows(db, offline);
    }

    @Test
    void aCopyLeftHalfWrittenByAKillIsDiscarded() throws Exception {
        Path db = generate(dir, 7, 300, 0);
        Path prepared = prepared(db);
        Files.writeString(DatabaseCatchUp.partialOf(prepared), "half a database");
        OnlineDatabaseTest.changeAsCcBackendDoes(db);

        DatabaseCatchUp.Result caughtUp = DatabaseCatchUp.catchUp(sqlite(db), prepared);

        assertThat(caughtUp.changed().get("job")).isEqualTo(80);
        assertThat(DatabaseCatchUp.partialOf(prepared)).doesNotExist();
        assertThat(DatabaseCatchUp.nextBaseOf(prepared)).doesNotExist();
    }

    @Test
    void rowsACutoverAppliedBeforeItFailedAreRightEvenWhenCcBackendChangedThemBack() throws Exception {
        Path db = generate(dir, 7, 300, 2);
        Path prepared = prepared(db);
        String name = firstUsersName(db);
        OnlineDatabaseTest.changeAsCcBackendDoes(db);
        // a cutover that applied, then failed before its switch (a check, a kill): the base is still the prepare's
        DatabasePrepare.Record record = DatabasePrepare.Record.read(prepared);
        DatabaseCutover.apply(sqlite(prepared), db, DatabasePrepare.baseOf(prepared), record);
        // cc-backend runs again: the user's name goes back to what the prepare (the base) has, a new job goes again
        changeAgain(db, name);
        exec(db, "DELETE FROM job WHERE id = 1000004");

        DatabaseCatchUp.catchUp(sqlite(db), prepared);
        Path offline = offlineMigrationOf(db);
        DatabaseCutover.cutover(sqlite(db), prepared, CLOCK);

        assertSameRows(db, offline);
        assertThat(DatabaseCutover.appliedOf(prepared)).doesNotExist();
    }

    @Test
    void oneAtATimeASecondRunIsRefusedAndChangesNothing() throws Exception {
        Path db = generate(dir, 7, 50, 0);
        Path prepared = prepared(db);
        OnlineDatabaseTest.changeAsCcBackendDoes(db);
        byte[] before = Files.readAllBytes(db);
        byte[] preparedBefore = Files.readAllBytes(prepared);

        try (PreparedLock running = PreparedLock.acquire(prepared)) {
            var catchUp = TestingCli.run("db", "catch-up", "--driver", "sqlite3", "--db", db.toString(), "--prepared",
                    prepared.toString());
            var cutover = TestingCli.run("db", "cutover", "--driver", "sqlite3", "--db", db.toString(), "--prepared",
                    prepared.toString());
            var prepare = TestingCli.run("db", "prepare", "--driver", "sqlite3", "--db", db.toString(), "--to-version", "11",
                    "--output", prepared.toString(), "--reuse");
            for (var refused : List.of(catchUp, cutover, prepare)) {
                assertThat(refused.exitCode()).isEqualTo(1);
                assertThat(refused.err().strip()).startsWith("error: another cc-migrator is working on " + prepared)
                        .endsWith("nothing was changed");
            }
        }
        assertThat(Files.readAllBytes(db)).isEqualTo(before);
        assertThat(Files.readAllBytes(prepared)).isEqualTo(preparedBefore);
        assertThat(DatabaseCatchUp.catchUp(sqlite(db), prepared).changed().get("job")).as("free again").isPositive();
    }

    @Test
    void badInputIsOneErrorLineAndChangesNothing() throws Exception {
        Path db = generate(dir, 7, 20, 0);
        Path other = dir.resolve("other.db");
        Files.copy(db, other);
        Path prepared = prepared(db);
        byte[] before = Files.readAllBytes(db);
        byte[] preparedBefore = Files.readAllBytes(prepared);

        var never = TestingCli.run("db", "catch-up", "--driver", "sqlite3", "--db", db.toString(), "--prepared",
                dir.resolve("never-prepared.db").toString());
        var wrongDb = TestingCli.run("db", "catch-up", "--driver", "sqlite3", "--db", other.toString(), "--prepared",
                prepared.toString());

        assertThat(never.exitCode()).isEqualTo(1);
        assertThat(never.err().strip()).startsWith("error: ").contains("was not made by `cc-migrator db prepare`");
        assertThat(wrongDb.exitCode()).isEqualTo(1);
        assertThat(wrongDb.err().strip()).startsWith("error: ").contains("was prepared from " + db);
        assertThat(Files.readAllBytes(db)).isEqualTo(before);
        assertThat(Files.readAllBytes(prepared)).isEqualTo(preparedBefore);
        assertThat(DatabaseCatchUp.nextBaseOf(prepared)).doesNotExist();
    }
}

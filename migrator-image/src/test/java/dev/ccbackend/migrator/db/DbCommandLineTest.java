package dev.ccbackend.migrator.db;

import static dev.ccbackend.migrator.db.TestingDatabases.*;
import static dev.ccbackend.migrator.testing.TestingCli.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ccbackend.migrator.cli.ExitCode;
import dev.ccbackend.migrator.testing.TestingCli;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code db} and {@code generate db} commands end to end: JSON on stdout, one error line, exit codes. */
class DbCommandLineTest {
    @TempDir
    Path dir;

    @Test
    void generatesMigratesInspectsAndVerifies() throws Exception {
        String db = dir.resolve("job.db").toString();
        TestingCli gen = run("generate", "db", "--out", db, "--jobs", "400", "--schema", "7");
        assertThat(gen.exitCode()).isEqualTo(ExitCode.OK);
        assertThat(gen.json().get("taggedJobs").asInt()).isEqualTo(40);

        TestingCli migrate = run("db", "migrate", "--driver", "sqlite3", "--db", db, "--to-release", "v1.5.4");
        assertThat(migrate.exitCode()).as(migrate.err()).isEqualTo(ExitCode.OK);
        assertThat(migrate.err()).isEmpty();
        JsonNode summary = migrate.json();
        assertThat(summary.get("from").asInt()).isEqualTo(7);
        assertThat(summary.get("to").asInt()).isEqualTo(11);
        assertThat(summary.get("steps").get(0).has("durationMs")).isTrue();
        assertThat(summary.get("rowsBefore").get("jobtag").asLong()).isEqualTo(40);
        assertThat(summary.get("rowsAfter").get("jobtag").asLong()).isEqualTo(40);

        TestingCli inspect = run("db", "inspect", "--driver", "sqlite3", "--db", db);
        assertThat(inspect.json().get("version").asInt()).isEqualTo(11);
        assertThat(inspect.json().get("jobs").asLong()).isEqualTo(400);
        assertThat(inspect.json().get("sizeBytes").asLong()).isPositive();

        TestingCli verify = run("db", "verify", "--driver", "sqlite3", "--db", db, "--version", "11");
        assertThat(verify.exitCode()).isEqualTo(ExitCode.OK);
        assertThat(verify.json().get("matches").asBoolean()).isTrue();
    }

    @Test
    void verifyListsDifferencesAndFails() throws Exception {
        Path db = generate(dir, 7, 10, 0);
        exec(db, "DROP INDEX job_stats");
        TestingCli verify = run("db", "verify", "--driver", "sqlite3", "--db", db.toString(), "--version", "7");
        assertThat(verify.exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(verify.json().get("differences").toString()).contains("index job_stats missing");
        assertThat(verify.err().lines()).singleElement().asString().startsWith("error: ")
                .contains("says schema 7 but its tables differ", "restore the backup");
    }

    @Test
    void verifyAdvisesWhatFitsWhereTheDatabaseIs() throws Exception {
        Path db = generate(dir, 11, 10, 0);
        TestingCli older = run("db", "verify", "--driver", "sqlite3", "--db", db.toString(), "--version", "10");
        assertThat(older.err().strip()).startsWith("error: ").contains("at schema 11, newer than 10", "--version 11")
                .doesNotContain("--to-version 10");

        Path behind = generate(dir, 7, 10, 0);
        TestingCli newer = run("db", "verify", "--driver", "sqlite3", "--db", behind.toString(), "--version", "11");
        assertThat(newer.err().strip()).contains("at schema 7: migrate it with `cc-migrator db migrate --to-version 11`");
    }

    @Test
    void refusalsAreOneErrorLineWithExitCodeOne() throws Exception {
        Path db = generate(dir, 7, 100, 4);
        TestingCli run = run("db", "migrate", "--driver", "sqlite3", "--db", db.toString(), "--to-version", "11");
        assertThat(run.exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().lines()).singleElement().asString()
                .startsWith("error: 4 jobs are in state 'stopped'").contains("--map-state stopped=completed");

        TestingCli mapped = run("db", "migrate", "--driver", "sqlite3", "--db", db.toString(), "--to-version", "11",
                "--map-state", "stopped=completed");
        assertThat(mapped.exitCode()).as(mapped.err()).isEqualTo(ExitCode.OK);
        assertThat(mapped.json().get("mappedStates").get("stopped=completed").asLong()).isEqualTo(4);
    }

    @Test
    void aMissingOrEmptyDatabaseIsRefusedUnlessCreateIsGiven() throws Exception {
        Path missing = dir.resolve("jobs.db");
        Path empty = Files.createFile(dir.resolve("empty.db"));

        TestingCli typo = run("db", "migrate", "--driver", "sqlite3", "--db", missing.toString(), "--to-version", "11");
        TestingCli zero = run("db", "migrate", "--driver", "sqlite3", "--db", empty.toString(), "--to-version", "11");

        assertThat(typo.exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(typo.err().strip()).startsWith("error: ").contains("does not exist").contains("check --db").contains("--create");
        assertThat(missing).doesNotExist();
        assertThat(zero.exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(zero.err()).contains("is empty (0 bytes)");
        assertThat(Files.size(empty)).isZero();

        TestingCli created = run("db", "migrate", "--driver", "sqlite3", "--db", missing.toString(), "--to-version", "11", "--create");
        assertThat(created.exitCode()).as(created.err()).isEqualTo(ExitCode.OK);
        assertThat(created.json().get("to").asInt()).isEqualTo(11);
    }

    @Test
    void usageErrorsExitWithTwo() {
        assertThat(run("db", "migrate", "--driver", "sqlite3", "--db", "x.db").exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(run("db", "migrate", "--driver", "oracle", "--db", "x.db", "--to-version", "7").exitCode()).isEqualTo(ExitCode.USAGE);
        TestingCli badMap = run("db", "migrate", "--driver", "sqlite3", "--db", "x.db", "--to-version", "11", "--map-state", "stopped=gone");
        assertThat(badMap.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(badMap.err()).contains("not a job state");
        TestingCli mysqlRelease = run("db", "migrate", "--driver", "mysql", "--db", "u:p@tcp(h:1)/d", "--to-release", "v1.5.0");
        assertThat(mysqlRelease.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(mysqlRelease.err()).contains("db convert");
    }

    @Test
    void everyCommandHasHelp() {
        for (String[] args : new String[][]{{"db", "--help"}, {"db", "inspect", "--help"}, {"db", "migrate", "--help"},
                {"db", "verify", "--help"}, {"generate", "db", "--help"}}) {
            TestingCli help = run(args);
            assertThat(help.exitCode()).isEqualTo(ExitCode.OK);
            assertThat(help.out()).contains("Usage:");
        }
    }

    @Test
    void everySubcommandPrintsTheVersion() {
        for (String[] args : new String[][]{{"-V"}, {"db", "inspect", "-V"}, {"db", "migrate", "--version"}, {"db", "convert", "-V"}}) {
            TestingCli version = run(args);
            assertThat(version.exitCode()).isEqualTo(ExitCode.OK);
            assertThat(version.out()).as(String.join(" ", args)).startsWith("cc-migrator ");
        }
    }
}

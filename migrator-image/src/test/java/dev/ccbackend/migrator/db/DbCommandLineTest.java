package dev.ccbackend.migrator.db;

import static dev.ccbackend.migrator.db.TestingDatabases.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ccbackend.migrator.cli.CcMigrator;
import dev.ccbackend.migrator.cli.ExitCode;
import dev.ccbackend.migrator.util.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code db} and {@code generate db} commands end to end: JSON on stdout, one error line, exit codes. */
class DbCommandLineTest {
    @TempDir
    Path dir;

    private record Run(int code, String out, String err) {
        JsonNode json() throws Exception {
            return Json.MAPPER.readTree(out);
        }
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = CcMigrator.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void generatesMigratesInspectsAndVerifies() throws Exception {
        String db = dir.resolve("job.db").toString();
        Run gen = run("generate", "db", "--out", db, "--jobs", "400", "--schema", "7");
        assertThat(gen.code()).isEqualTo(ExitCode.OK);
        assertThat(gen.json().get("taggedJobs").asInt()).isEqualTo(40);

        Run migrate = run("db", "migrate", "--driver", "sqlite3", "--db", db, "--to-release", "v1.5.4");
        assertThat(migrate.code()).as(migrate.err()).isEqualTo(ExitCode.OK);
        assertThat(migrate.err()).isEmpty();
        JsonNode summary = migrate.json();
        assertThat(summary.get("from").asInt()).isEqualTo(7);
        assertThat(summary.get("to").asInt()).isEqualTo(11);
        assertThat(summary.get("steps").get(0).has("durationMs")).isTrue();
        assertThat(summary.get("rowsBefore").get("jobtag").asLong()).isEqualTo(40);
        assertThat(summary.get("rowsAfter").get("jobtag").asLong()).isEqualTo(40);

        Run inspect = run("db", "inspect", "--driver", "sqlite3", "--db", db);
        assertThat(inspect.json().get("version").asInt()).isEqualTo(11);
        assertThat(inspect.json().get("jobs").asLong()).isEqualTo(400);
        assertThat(inspect.json().get("sizeBytes").asLong()).isPositive();

        Run verify = run("db", "verify", "--driver", "sqlite3", "--db", db, "--version", "11");
        assertThat(verify.code()).isEqualTo(ExitCode.OK);
        assertThat(verify.json().get("matches").asBoolean()).isTrue();
    }

    @Test
    void verifyListsDifferencesAndFails() throws Exception {
        Path db = generate(dir, 7, 10, 0);
        exec(db, "DROP INDEX job_stats");
        Run verify = run("db", "verify", "--driver", "sqlite3", "--db", db.toString(), "--version", "7");
        assertThat(verify.code()).isEqualTo(ExitCode.FAILED);
        assertThat(verify.json().get("differences").toString()).contains("index job_stats missing");
        assertThat(verify.err().lines()).singleElement().asString().startsWith("error: ");
    }

    @Test
    void refusalsAreOneErrorLineWithExitCodeOne() throws Exception {
        Path db = generate(dir, 7, 100, 4);
        Run run = run("db", "migrate", "--driver", "sqlite3", "--db", db.toString(), "--to-version", "11");
        assertThat(run.code()).isEqualTo(ExitCode.FAILED);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().lines()).singleElement().asString()
                .startsWith("error: 4 jobs are in state 'stopped'").contains("--map-state stopped=completed");

        Run mapped = run("db", "migrate", "--driver", "sqlite3", "--db", db.toString(), "--to-version", "11",
                "--map-state", "stopped=completed");
        assertThat(mapped.code()).as(mapped.err()).isEqualTo(ExitCode.OK);
        assertThat(mapped.json().get("mappedStates").get("stopped=completed").asLong()).isEqualTo(4);
    }

    @Test
    void usageErrorsExitWithTwo() {
        assertThat(run("db", "migrate", "--driver", "sqlite3", "--db", "x.db").code()).isEqualTo(ExitCode.USAGE);
        assertThat(run("db", "migrate", "--driver", "oracle", "--db", "x.db", "--to-version", "7").code()).isEqualTo(ExitCode.USAGE);
        Run badMap = run("db", "migrate", "--driver", "sqlite3", "--db", "x.db", "--to-version", "11", "--map-state", "stopped=gone");
        assertThat(badMap.code()).isEqualTo(ExitCode.USAGE);
        assertThat(badMap.err()).contains("not a job state");
        Run mysqlRelease = run("db", "migrate", "--driver", "mysql", "--db", "u:p@tcp(h:1)/d", "--to-release", "v1.5.0");
        assertThat(mysqlRelease.code()).isEqualTo(ExitCode.USAGE);
        assertThat(mysqlRelease.err()).contains("db convert");
    }

    @Test
    void everyCommandHasHelp() {
        for (String[] args : new String[][]{{"db", "--help"}, {"db", "inspect", "--help"}, {"db", "migrate", "--help"},
                {"db", "verify", "--help"}, {"generate", "db", "--help"}}) {
            Run help = run(args);
            assertThat(help.code()).isEqualTo(ExitCode.OK);
            assertThat(help.out()).contains("Usage:");
        }
    }
}

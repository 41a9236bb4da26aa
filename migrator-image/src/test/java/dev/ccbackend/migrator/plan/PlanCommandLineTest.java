package dev.ccbackend.migrator.plan;

import static dev.ccbackend.migrator.testing.TestingCli.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ccbackend.migrator.cli.ExitCode;
import dev.ccbackend.migrator.db.SampleDatabaseGenerator;
import dev.ccbackend.migrator.testing.TestingCli;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code plan} and {@code upgrade} share their options: both refuse bad ones the same way, before looking at anything. */
class PlanCommandLineTest {
    @TempDir
    Path dir;

    private TestingCli planOrUpgrade(String command, String... extra) {
        List<String> args = new ArrayList<>(List.of(command, "--driver", "sqlite3", "--db", dir.resolve("job.db").toString(),
                "--archive", dir.toString(), "--to-release", "v1.5.4"));
        args.addAll(List.of(extra));
        return run(args.toArray(String[]::new));
    }

    @ParameterizedTest
    @ValueSource(strings = {"plan", "upgrade"})
    void helpDescribesEveryOption(String command) {
        TestingCli help = run(command, "--help");

        assertThat(help.exitCode()).isEqualTo(ExitCode.OK);
        assertThat(help.out()).contains("--driver=sqlite3|mysql", "--db=DSN", "env:VARNAME", "--map-state=OLD=NEW", "--format=json|text",
                "--result-file=FILE", "--to-release=vX.Y.Z");
    }

    @ParameterizedTest
    @ValueSource(strings = {"plan", "upgrade"})
    void aStateV15RejectsIsAUsageErrorNamingTheAcceptedOnes(String command) {
        TestingCli run = planOrUpgrade(command, "--map-state", "stopped=gone");

        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(run.errorLine()).contains("'gone' is not a job state").contains("completed");
        assertThat(dir.resolve("job.db")).doesNotExist();
    }

    @ParameterizedTest
    @ValueSource(strings = {"plan", "upgrade"})
    void anUnknownDriverIsAUsageError(String command) {
        TestingCli run = run(command, "--driver", "oracle", "--db", "x", "--archive", dir.toString(), "--to-release", "v1.5.4");

        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(run.errorLine()).contains("--driver").contains("sqlite3 or mysql");
    }

    @ParameterizedTest
    @ValueSource(strings = {"plan", "upgrade"})
    void aMistypedOptionIsNamedAsUnknownWithTheOneMeantNotAsAMissingOne(String command) {
        TestingCli run = run(command, "--driver", "sqlite3", "--db", dir.resolve("job.db").toString(), "--archive",
                dir.toString(), "--to-relase", "v1.5.4");

        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err().lines().toList()).first().asString().startsWith("error: Unknown option").contains("'--to-relase'");
        assertThat(run.err()).contains("Did you mean --to-release?").doesNotContain("Missing required");
    }

    @Test
    void anUnknownReleaseShowsNoVersionZero() throws Exception {
        SampleDatabaseGenerator.generate(dir.resolve("job.db"), new SampleDatabaseGenerator.Options(8, 5, 0, 7));
        TestingCli run = run("plan", "--driver", "sqlite3", "--db", dir.resolve("job.db").toString(), "--archive",
                dir.toString(), "--to-release", "v1.6.0", "--format", "text");

        assertThat(run.exitCode()).isEqualTo(ExitCode.BLOCKED);
        assertThat(run.out()).contains("schema 8 → ?", "UnknownRelease").doesNotContain("→ 0");
    }
}

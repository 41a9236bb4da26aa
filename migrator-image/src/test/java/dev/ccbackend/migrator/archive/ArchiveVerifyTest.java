package dev.ccbackend.migrator.archive;

import static dev.ccbackend.migrator.archive.TestingArchives.cli;
import static dev.ccbackend.migrator.archive.TestingArchives.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ccbackend.migrator.cli.ExitCode;
import dev.ccbackend.migrator.util.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArchiveVerifyTest {
    @TempDir
    Path tmp;

    @Test
    void upstreamFixturesHaveOldViolationsThatOnlyStrictRejects() throws Exception {
        Path archive = fixture("v1.4.4", tmp);
        TestingArchives.Run lenient = cli("archive", "verify", "--archive", archive.toString());
        assertThat(lenient.exitCode()).as(lenient.err()).isEqualTo(ExitCode.OK);
        JsonNode result = Json.MAPPER.readTree(lenient.out());
        assertThat(result.get("violations").asLong()).isPositive();
        assertThat(result.get("examples").findValuesAsText("property")).contains("cpu_user");

        TestingArchives.Run strict = cli("archive", "verify", "--archive", archive.toString(), "--strict");
        assertThat(strict.exitCode()).isEqualTo(ExitCode.FAILED);
    }

    @Test
    void migratingTheFixturesAddsNoViolationEvenInDataFiles() throws Exception {
        for (String release : new String[]{"v1.3.1", "v1.4.4"}) {
            Path source = fixture(release, tmp);
            Path out = tmp.resolve(release + "-v3");
            assertThat(cli("archive", "migrate", "--archive", source.toString(), "--to-version", "3", "--mode", "copy",
                    "--output", out.toString()).exitCode()).isEqualTo(ExitCode.OK);

            TestingArchives.Run run = cli("archive", "verify", "--archive", out.toString(), "--baseline", source.toString(), "--deep");

            assertThat(run.exitCode()).as(run.out()).isEqualTo(ExitCode.OK);
            JsonNode result = Json.MAPPER.readTree(run.out());
            assertThat(result.get("version").asInt()).isEqualTo(3);
            assertThat(result.get("newViolations").asLong()).as(release).isZero();
        }
    }

    @Test
    void generatedArchivesAreValidBeforeAndAfterMigration() throws Exception {
        Path source = tmp.resolve("v1");
        SampleArchiveGenerator.generate(source, SampleArchiveGenerator.Spec.of(1, 20).withStopped(2));
        assertThat(cli("archive", "verify", "--archive", source.toString(), "--deep", "--strict").exitCode()).isEqualTo(ExitCode.OK);
        Path out = tmp.resolve("v3");
        assertThat(cli("archive", "migrate", "--archive", source.toString(), "--to-version", "3", "--mode", "copy",
                "--output", out.toString(), "--map-state", "stopped=completed").exitCode()).isEqualTo(ExitCode.OK);

        TestingArchives.Run run = cli("archive", "verify", "--archive", out.toString(), "--deep", "--strict");
        assertThat(run.exitCode()).as(run.out()).isEqualTo(ExitCode.OK);
        assertThat(Json.MAPPER.readTree(run.out()).get("violations").asLong()).isZero();
    }

    @Test
    void aViolationTheBaselineDidNotHaveFailsVerification() throws Exception {
        Path source = fixture("v1.4.4", tmp);
        Path out = tmp.resolve("v3");
        assertThat(cli("archive", "migrate", "--archive", source.toString(), "--to-version", "3", "--mode", "copy",
                "--output", out.toString()).exitCode()).isEqualTo(ExitCode.OK);
        String job = ArchiveMigrateTest.firstJob(out);
        Path meta = out.resolve(job).resolve("meta.json");
        Files.writeString(meta, Files.readString(meta).replace("\"shared\"", "\"sharing\""));

        TestingArchives.Run run = cli("archive", "verify", "--archive", out.toString(), "--baseline", source.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCode.FAILED);
        JsonNode result = Json.MAPPER.readTree(run.out());
        assertThat(result.get("newViolations").asLong()).isEqualTo(1);
        assertThat(result.get("newExamples").get(0).get("property").asText()).isEqualTo("shared");
    }
}

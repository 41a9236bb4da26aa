package dev.ccbackend.migrator.archive;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ccbackend.migrator.cli.ExitCode;
import dev.ccbackend.migrator.cli.GenerateArchiveCommand;
import dev.ccbackend.migrator.util.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class GenerateArchiveCommandTest {
    @TempDir
    Path tmp;

    private static int run(StringWriter out, String... args) {
        CommandLine cli = new CommandLine(new GenerateArchiveCommand());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(new StringWriter(), true));
        return cli.execute(args);
    }

    @Test
    void generatesAVersion1ArchiveLikeAVersion131Site() throws Exception {
        Path out = tmp.resolve("a");
        StringWriter stdout = new StringWriter();

        int code = run(stdout, "--out", out.toString(), "--jobs", "30", "--version", "1", "--data-bytes", "8192", "--plain",
                "--stopped", "3", "--clusters", "emmy,fritz");

        assertThat(code).isEqualTo(ExitCode.OK);
        assertThat(Json.MAPPER.readTree(stdout.toString()).get("jobs").asLong()).isEqualTo(30);
        ArchiveInspection inspection = ArchiveInspector.inspect(out);
        assertThat(inspection.version()).isEqualTo(1);
        assertThat(inspection.clusters()).containsExactly("emmy", "fritz");
        assertThat(inspection.jobs()).isEqualTo(30);
        assertThat(inspection.problems()).isEmpty();
        long stopped = 0;
        for (String job : ArchiveMigrateTest.jobs(out)) {
            JsonNode meta = Json.MAPPER.readTree(out.resolve(job).resolve("meta.json").toFile());
            assertThat(meta.get("exclusive").asInt()).isBetween(0, 2);
            assertThat(job).startsWith(meta.get("cluster").asText() + "/" + meta.get("jobId").asLong() / 1000 + "/");
            stopped += meta.get("jobState").asText().equals("stopped") ? 1 : 0;
            assertThat(Files.size(out.resolve(job).resolve("data.json"))).isEqualTo(8192);
        }
        assertThat(stopped).isEqualTo(3);
    }

    @Test
    void gzipDataIsCloseToTheAskedSizeAndVersion3UsesShared() throws Exception {
        Path out = tmp.resolve("b");
        assertThat(run(new StringWriter(), "--out", out.toString(), "--jobs", "4", "--version", "3", "--data-bytes", "262144"))
                .isEqualTo(ExitCode.OK);
        String job = ArchiveMigrateTest.firstJob(out);
        assertThat(Files.size(out.resolve(job).resolve("data.json.gz"))).isBetween(200_000L, 262_144L);
        assertThat(Json.MAPPER.readTree(out.resolve(job).resolve("meta.json").toFile()).has("shared")).isTrue();
        assertThat(run(new StringWriter(), "--out", tmp.resolve("c").toString(), "--version", "3", "--stopped", "1"))
                .as("version 3 has no state 'stopped'").isEqualTo(ExitCode.USAGE);
    }
}

package dev.ccbackend.migrator.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ccbackend.migrator.cli.ExitCode;
import dev.ccbackend.migrator.testing.TestingCli;
import dev.ccbackend.migrator.util.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProbeOutputCommandTest {
    @TempDir
    Path tmp;

    @Test
    void printsTheVersionsAsJsonAndRecordsTheResult() throws Exception {
        Path file = Files.writeString(tmp.resolve("version.txt"), "Version:\t1.6.0\nSQL db version:\t12\nJob archive version:\t3\n");
        Path result = tmp.resolve("result.json");

        TestingCli run = TestingCli.run("probe-output", "--file", file.toString(), "--result-file", result.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCode.OK);
        JsonNode json = run.json();
        assertThat(json.get("dbVersion").asInt()).isEqualTo(12);
        assertThat(json.get("archiveVersion").asInt()).isEqualTo(3);
        assertThat(Json.MAPPER.readTree(Files.readString(result)).at("/result/dbVersion").asInt()).isEqualTo(12);
    }

    @Test
    void garbageExitsOneWithAClearError() throws Exception {
        Path file = Files.writeString(tmp.resolve("version.txt"), "exec format error\n");

        TestingCli run = TestingCli.run("probe-output", "--file", file.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).startsWith("error: ").contains("SQL db version").contains("cc-backend -version");
    }

    @Test
    void missingFileExitsOne() {
        TestingCli run = TestingCli.run("probe-output", "--file", tmp.resolve("nope").toString());

        assertThat(run.exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(run.err()).contains("no such file");
    }
}

package dev.ccbackend.migrator.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ccbackend.migrator.cli.CcMigrator;
import dev.ccbackend.migrator.cli.ExitCode;
import dev.ccbackend.migrator.util.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProbeOutputCommandTest {
    @TempDir
    Path tmp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return CcMigrator.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void printsTheVersionsAsJsonAndRecordsTheResult() throws Exception {
        Path file = Files.writeString(tmp.resolve("version.txt"), "Version:\t1.6.0\nSQL db version:\t12\nJob archive version:\t3\n");
        Path result = tmp.resolve("result.json");

        int code = run("probe-output", "--file", file.toString(), "--result-file", result.toString());

        assertThat(code).isEqualTo(ExitCode.OK);
        JsonNode json = Json.MAPPER.readTree(out.toString());
        assertThat(json.get("dbVersion").asInt()).isEqualTo(12);
        assertThat(json.get("archiveVersion").asInt()).isEqualTo(3);
        assertThat(Json.MAPPER.readTree(Files.readString(result)).at("/result/dbVersion").asInt()).isEqualTo(12);
    }

    @Test
    void garbageExitsOneWithAClearError() throws Exception {
        Path file = Files.writeString(tmp.resolve("version.txt"), "exec format error\n");

        int code = run("probe-output", "--file", file.toString());

        assertThat(code).isEqualTo(ExitCode.FAILED);
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString()).startsWith("error: ").contains("SQL db version").contains("cc-backend -version");
    }

    @Test
    void missingFileExitsOne() {
        assertThat(run("probe-output", "--file", tmp.resolve("nope").toString())).isEqualTo(ExitCode.FAILED);
        assertThat(err.toString()).contains("no such file");
    }
}

package dev.ccbackend.migrator.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ccbackend.migrator.cli.ExitCode;
import dev.ccbackend.migrator.testing.TestingCli;
import dev.ccbackend.migrator.testing.SharedFixtures;
import dev.ccbackend.migrator.util.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigConvertCommandTest {
    @TempDir
    Path tmp;

    @Test
    void convertsAndReportsWhatItDid() throws Exception {
        Path in = SharedFixtures.release("v1.4.4").resolve("configs/config.json");
        Path outFile = tmp.resolve("new/config.json");

        TestingCli run = TestingCli.run("config", "convert", "--in", in.toString(), "--to-release", "v1.5.4", "--out", outFile.toString());

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.OK);
        JsonNode result = run.json();
        assertThat(result.get("output").asText()).isEqualTo(outFile.toString());
        assertThat(result.get("fromFormat").asText()).isEqualTo("FLAT_V1_4_4");
        assertThat(result.get("toFormat").asText()).isEqualTo("SECTIONED_V1_5");
        assertThat(result.get("changes").size()).isGreaterThan(10);
        assertThat(result.get("unmapped").get(0).get("key").asText()).isEqualTo("clusters[0](test).filterRanges");
        assertThat(result.has("warnings")).isTrue();
        assertThat(Json.MAPPER.readTree(Files.readString(outFile)).at("/auth/ldap/search-dn").asText()).startsWith("cn=hpcmonitoring");
    }

    @Test
    void mysqlWithoutNewDatabaseIsRefusedAndNothingIsWritten() throws Exception {
        Path in = SharedFixtures.release("v1.4.4").resolve("configs/config-mariadb.json");
        Path outFile = tmp.resolve("config.json");

        TestingCli run = TestingCli.run("config", "convert", "--in", in.toString(), "--to-release", "v1.5.4", "--out", outFile.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(Files.exists(outFile)).isFalse();
        assertThat(run.err()).startsWith("error: ").contains("mysql").contains("nothing was written");
        assertThat(run.json().get("errors").size()).isEqualTo(1);
    }

    @Test
    void withTheNewDatabaseTheConfigIsSwitchedToIt() throws Exception {
        Path in = SharedFixtures.release("v1.4.4").resolve("configs/config-mariadb.json");
        Path outFile = tmp.resolve("config.json");

        TestingCli run = TestingCli.run("config", "convert", "--in", in.toString(), "--to-release", "v1.5.4", "--out", outFile.toString(),
                "--db", "./var/job.db");

        assertThat(run.exitCode()).isEqualTo(ExitCode.OK);
        assertThat(Json.MAPPER.readTree(Files.readString(outFile)).at("/main/db").asText()).isEqualTo("./var/job.db");
    }

    @Test
    void refusesToOverwriteItsInputAndUnknownReleases() throws Exception {
        Path in = Files.copy(SharedFixtures.release("v1.3.1").resolve("configs/config.json"), tmp.resolve("config.json"));
        String before = Files.readString(in);

        TestingCli sameFile = TestingCli.run("config", "convert", "--in", in.toString(), "--to-release", "v1.5.4", "--out", in.toString());
        assertThat(sameFile.exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(sameFile.err()).contains("never modified");
        assertThat(Files.readString(in)).isEqualTo(before);
        assertThat(TestingCli.run("config", "convert", "--in", in.toString(), "--to-release", "v1.4.9", "--out", tmp.resolve("x.json").toString())
                .exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(TestingCli.run("config", "convert", "--in", in.toString(), "--to-release", "v1.5.4").exitCode()).isEqualTo(ExitCode.USAGE);
    }
}

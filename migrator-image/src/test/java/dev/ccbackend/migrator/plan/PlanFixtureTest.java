package dev.ccbackend.migrator.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ccbackend.migrator.archive.ArchiveInspector;
import dev.ccbackend.migrator.catalog.Driver;
import dev.ccbackend.migrator.cli.ExitCode;
import dev.ccbackend.migrator.db.DatabaseInspector;
import dev.ccbackend.migrator.testing.SharedFixtures;
import dev.ccbackend.migrator.testing.TestingCli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cc-migrator plan} on cc-backend's own v1.3.1 data (a writable copy in a temp directory:
 * the shared fixtures are read-only). Needs the real database and archive inspectors.
 */
class PlanFixtureTest {
    @TempDir
    Path tmp;

    private Path install;

    @BeforeEach
    void copyFixture() throws IOException {
        Path fixture = SharedFixtures.release("v1.3.1");
        install = tmp.resolve("cc-backend");
        copyTree(fixture, install);
        Files.writeString(install.resolve(".env"), "");
        assumeInspectorsImplemented();
    }

    private void assumeInspectorsImplemented() {
        boolean placeholder;
        try {
            DatabaseInspector.inspect(Driver.SQLITE3, install.resolve("job.db").toString());
            ArchiveInspector.inspect(install.resolve("job-archive"));
            placeholder = false;
        } catch (UnsupportedOperationException e) {
            placeholder = true;
        }
        assumeFalse(placeholder, "skipped: the database/archive inspectors are still placeholders on this branch");
    }

    @Test
    void v131ToV154PlansDatabaseArchiveHopsAndConfig() throws Exception {
        TestingCli run = TestingCli.run("plan", "--driver", "sqlite3",
                "--db", install.resolve("job.db").toString(), "--archive", install.resolve("job-archive").toString(),
                "--config", install.resolve("configs/config.json").toString(), "--env-file", install.resolve(".env").toString(),
                "--to-release", "v1.5.4");

        assertThat(run.exitCode()).as(run.printed()).isEqualTo(ExitCode.OK);
        JsonNode plan = run.json();
        assertThat(plan.get("runnable").asBoolean()).isTrue();
        assertThat(plan.at("/database/currentVersion").asInt()).isEqualTo(7);
        assertThat(plan.at("/database/targetVersion").asInt()).isEqualTo(11);
        assertThat(plan.at("/database/jobs").asLong()).isEqualTo(6);
        assertThat(plan.at("/archive/currentVersion").asInt()).isEqualTo(1);
        assertThat(plan.at("/archive/targetVersion").asInt()).isEqualTo(3);
        assertThat(plan.at("/config/convert").asBoolean()).isTrue();
        JsonNode steps = plan.get("steps");
        assertThat(steps).hasSize(4);
        assertThat(steps.get(0).get("kind").asText()).isEqualTo("DATABASE");
        assertThat(steps.get(0).get("fromVersion").asInt()).isEqualTo(7);
        assertThat(steps.get(0).get("toVersion").asInt()).isEqualTo(11);
        assertThat(steps.get(1).get("kind").asText()).isEqualTo("ARCHIVE");
        assertThat(steps.get(1).get("toVersion").asInt()).isEqualTo(2);
        assertThat(steps.get(2).get("kind").asText()).isEqualTo("ARCHIVE");
        assertThat(steps.get(2).get("fromVersion").asInt()).isEqualTo(2);
        assertThat(steps.get(2).get("toVersion").asInt()).isEqualTo(3);
        assertThat(steps.get(3).get("kind").asText()).isEqualTo("CONFIG");
    }

    @Test
    void missingEnvFileBlocksWithExitThree() throws Exception {
        TestingCli run = TestingCli.run("plan", "--driver", "sqlite3",
                "--db", install.resolve("job.db").toString(), "--archive", install.resolve("job-archive").toString(),
                "--env-file", install.resolve("no.env").toString(), "--to-release", "v1.5.4", "--format", "text");

        assertThat(run.exitCode()).isEqualTo(ExitCode.BLOCKED);
        assertThat(run.out()).contains("BLOCKED").contains("[EnvFileMissing]");
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                    target.toFile().setWritable(true, true);
                }
                target.toFile().setWritable(true, true);
            }
        }
    }
}

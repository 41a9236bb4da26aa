package dev.ccbackend.migrator.db;

import static dev.ccbackend.migrator.db.TestingDatabases.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kill -9 in the middle of a migration leaves a database the next run continues from. */
class KillMidRunTest {
    @TempDir
    Path dir;

    @Test
    void aKilledRunLeavesAConsistentVersionAndTheNextRunFinishes() throws Exception {
        Path db = generate(dir, 7, 60_000, 0);
        Set<String> links = rows(db, "SELECT job_id, tag_id FROM jobtag");
        Path journal = Path.of(db + "-journal");

        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.ccbackend.migrator.cli.CcMigrator",
                "db", "migrate", "--driver", "sqlite3", "--db", db.toString(), "--to-version", "11", "--step-by-step")
                .redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(journal) && child.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        Thread.sleep(300); // well inside the first step's rebuild
        child.destroyForcibly(); // SIGKILL on Linux
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).as(Files.readString(dir.resolve("child.log"))).isNotZero();

        List<String> state = column(db, "SELECT version, dirty FROM schema_migrations");
        assertThat(state).hasSize(1);
        int version = Integer.parseInt(state.get(0).split("\\|")[0]);
        assertThat(version).isIn(7, 8, 10);
        assertThat(state.get(0)).endsWith("|0");
        assertThat(SchemaVerifier.verify(sqlite(db), version).differences()).isEmpty();
        assertThat(healthy(db)).isTrue();
        assertThat(rows(db, "SELECT job_id, tag_id FROM jobtag")).isEqualTo(links);

        MigrationResult rerun = migrate(db, 11, true);

        assertThat(rerun.from()).isEqualTo(version);
        assertThat(SchemaVerifier.verify(sqlite(db), 11).differences()).isEmpty();
        assertThat(rows(db, "SELECT job_id, tag_id FROM jobtag")).isEqualTo(links);
        assertThat(column(db, "SELECT COUNT(*) FROM job")).containsExactly("60000");
    }
}

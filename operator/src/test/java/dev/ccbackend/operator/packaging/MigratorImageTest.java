package dev.ccbackend.operator.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ccbackend.migrator.catalog.Driver;
import dev.ccbackend.migrator.db.DatabaseInspector;
import dev.ccbackend.migrator.util.FileOwnership;
import dev.ccbackend.operator.PodmanForTests;
import dev.ccbackend.operator.demo.DataOwner;
import dev.ccbackend.operator.demo.RuntimeChoice;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The migrator image as a user runs it on their own, by hand, as the owner of the data (README). */
class MigratorImageTest {
    @TempDir
    Path data;

    @Test
    void migratesACopyOfTheV131DatabaseAsItsOwnerWithAReadOnlyRoot() throws Exception {
        Path fixture = ProjectFiles.root().resolveSibling("shared").resolve("fixtures/cc-backend/v1.3.1/job.db");
        assumeTrue(Files.exists(fixture), "no fixture " + fixture + ": skipping");
        assumeTrue(FileOwnership.processUid() == 0, "giving the data to uid 1000 needs root: skipping");
        PodmanForTests.podmanOrSkip();
        Files.copy(fixture, data.resolve("job.db"));
        new DataOwner(1000, 1000).install(data);

        Process run = new ProcessBuilder(List.of("podman", "run", "--rm", "--user", "1000:1000", "--read-only", "--tmpfs", "/tmp",
                "-v", data + ":/data", RuntimeChoice.DEFAULT_IMAGE,
                "db", "migrate", "--driver", "sqlite3", "--db", "job.db", "--to-version", "11"))
                .redirectErrorStream(true).start();
        String output = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(run.waitFor()).as(output).isZero();
        assertThat(DatabaseInspector.inspect(Driver.SQLITE3, data.resolve("job.db").toString()).version()).isEqualTo(11);
        assertThat(FileOwnership.of(data.resolve("job.db"))).isEqualTo(new FileOwnership.Owner(1000, 1000, 0644));
        try (var files = Files.list(data)) {
            assertThat(files.map(p -> p.getFileName().toString())).as("no -wal/-shm left behind").containsExactly("job.db");
        }
    }

    @Test
    void runAsAnotherUidThanTheDatabasesOwnerItSaysWhichUidToRunAsAndChangesNothing() throws Exception {
        Path fixture = ProjectFiles.root().resolveSibling("shared").resolve("fixtures/cc-backend/v1.3.1/job.db");
        assumeTrue(Files.exists(fixture), "no fixture " + fixture + ": skipping");
        assumeTrue(FileOwnership.processUid() == 0, "a root-owned database needs root: skipping");
        PodmanForTests.podmanOrSkip();
        Path db = data.resolve("job.db");
        Files.copy(fixture, db);
        Files.setPosixFilePermissions(db, PosixFilePermissions.fromString("rw-r--r--"));
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));
        byte[] before = Files.readAllBytes(db);

        Process run = new ProcessBuilder(List.of("podman", "run", "--rm", "--user", "1000:1000", "--read-only", "--tmpfs", "/tmp",
                "-v", data + ":/data", RuntimeChoice.DEFAULT_IMAGE,
                "db", "migrate", "--driver", "sqlite3", "--db", "job.db", "--to-version", "11"))
                .redirectErrorStream(true).start();
        String output = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(run.waitFor()).as(output).isEqualTo(1);
        assertThat(output).as(output).contains("error: /data/job.db belongs to uid 0, gid 0, mode 0644, and cc-migrator runs as"
                + " uid 1000: run it as uid 0").doesNotContain("chmod");
        assertThat(Files.readAllBytes(db)).isEqualTo(before);
    }
}

package dev.ccbackend.migrator.archive;

import static dev.ccbackend.migrator.archive.TestingArchives.cli;
import static dev.ccbackend.migrator.archive.TestingArchives.digest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two migrations of one archive never run at once; the shards of one run do. */
class ArchiveLockTest {
    @TempDir
    Path tmp;

    @Test
    void aSecondRunIsRefusedNamingTheFirstAndChangesNothing() throws Exception {
        Path archive = tmp.resolve("a");
        SampleArchiveGenerator.generate(archive, SampleArchiveGenerator.Spec.of(2, 5));
        try (ArchiveLock first = ArchiveLock.acquire(archive, false, "archive migrate --mode in-place")) {
            var before = digest(archive);

            TestingArchives.Run second = cli("archive", "migrate", "--archive", archive.toString(), "--to-version", "3",
                    "--mode", "in-place");

            assertThat(second.exitCode()).isEqualTo(1);
            assertThat(second.err().strip()).startsWith("error: ").contains("is in use by another cc-migrator run")
                    .contains("pid " + ProcessHandle.current().pid()).contains("nothing was changed");
            assertThat(digest(archive)).isEqualTo(before);
        }
        assertThat(archive.resolve(ArchiveLock.FILE)).as("removed when the run ends").doesNotExist();
        assertThat(cli("archive", "migrate", "--archive", archive.toString(), "--to-version", "3", "--mode", "in-place")
                .exitCode()).isZero();
    }

    @Test
    void shardsShareTheLockButAFinalizeWaitsForThemAll() throws Exception {
        Path archive = tmp.resolve("a");
        SampleArchiveGenerator.generate(archive, SampleArchiveGenerator.Spec.of(2, 5));

        try (ArchiveLock shard0 = ArchiveLock.acquire(archive, true, "shard 0/2");
             ArchiveLock shard1 = ArchiveLock.acquire(archive, true, "shard 1/2")) {
            assertThatThrownBy(() -> ArchiveLock.acquire(archive, false, "archive finalize"))
                    .isInstanceOf(ArchiveException.class).hasMessageContaining("in use");
        }
        try (ArchiveLock alone = ArchiveLock.acquire(archive, false, "archive finalize")) {
            assertThat(Files.readString(archive.resolve(ArchiveLock.FILE))).contains("archive finalize");
        }
    }

    @Test
    void twoArchivesAreNeverCopiedIntoOneOutputAtOnce() throws Exception {
        Path first = tmp.resolve("a");
        Path second = tmp.resolve("b");
        SampleArchiveGenerator.generate(first, SampleArchiveGenerator.Spec.of(2, 5));
        SampleArchiveGenerator.generate(second, SampleArchiveGenerator.Spec.of(2, 7));
        Path output = tmp.resolve("new");
        var before = digest(second);

        try (ArchiveLock running = ArchiveLock.acquireOutput(output, false, "archive migrate --mode copy of " + first)) {
            TestingArchives.Run other = cli("archive", "migrate", "--archive", second.toString(), "--to-version", "3",
                    "--mode", "copy", "--output", output.toString());

            assertThat(other.exitCode()).isEqualTo(1);
            assertThat(other.err().strip()).startsWith("error: " + output + " is in use by another cc-migrator run")
                    .contains("of " + first).contains("nothing was changed");
            try (var children = Files.list(output)) {
                assertThat(children.map(p -> p.getFileName().toString())).containsExactly(ArchiveLock.FILE);
            }
        }
        assertThat(output).as("the lock created it and removes it again, empty").doesNotExist();
        assertThat(digest(second)).isEqualTo(before);
        assertThat(cli("archive", "migrate", "--archive", second.toString(), "--to-version", "3", "--mode", "copy",
                "--output", output.toString()).exitCode()).isZero();
        assertThat(output.resolve(ArchiveLock.FILE)).as("not part of the new archive").doesNotExist();
    }
}

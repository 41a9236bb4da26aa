package dev.ccbackend.migrator.archive;

import static dev.ccbackend.migrator.archive.TestingArchives.cli;
import static dev.ccbackend.migrator.archive.TestingArchives.digest;
import static dev.ccbackend.migrator.archive.TestingArchives.read;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ccbackend.migrator.cli.ExitCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kill -9 in the middle of a run, then the same command again: the archive ends up exactly as after an uninterrupted run. */
class ArchiveCrashTest {
    private static final int JOBS = 2000;

    @TempDir
    Path tmp;

    private Path generated(String name) throws Exception {
        Path root = tmp.resolve(name);
        SampleArchiveGenerator.generate(root, SampleArchiveGenerator.Spec.of(2, JOBS).withData(256, false).withStopped(30));
        return root;
    }

    private static String[] migrate(Path archive, String... extra) {
        return Stream.concat(Stream.of("archive", "migrate", "--archive", archive.toString(), "--to-version", "3",
                "--mode", "in-place", "--map-state", "stopped=completed", "--workers", "1", "--progress-interval", "0.05"),
                Stream.of(extra)).toArray(String[]::new);
    }

    @Test
    void inPlaceRunKilledMidwayFinishesOnRerun() throws Exception {
        Path reference = generated("reference");
        assertThat(cli(migrate(reference)).exitCode()).isEqualTo(ExitCode.OK);
        Path archive = generated("archive");
        Path log = tmp.resolve("killed.log");

        // --fsync-each-file slows the child down so that it is reliably killed mid-run
        TestingProcesses.killMidRun(TestingProcesses.start(log, migrate(archive, "--fsync-each-file")), log);

        assertThat(read(archive.resolve("version.txt"))).as("version.txt is written last").isEqualTo("2\n");
        assertThat(archive.resolve(ArchiveLayout.STATE_DIR).resolve("run.json")).exists();
        long converted = digest(archive).keySet().stream().filter(f -> f.endsWith("meta.json"))
                .filter(f -> read(archive.resolve(f)).contains("\"shared\"")).count();
        assertThat(converted).as("killed midway").isBetween(1L, JOBS - 1L);

        // the rerun adopts the journal's --map-state even when the command line leaves it out
        TestingArchives.Run rerun = cli("archive", "migrate", "--archive", archive.toString(), "--to-version", "3", "--mode", "in-place");
        assertThat(rerun.exitCode()).as(rerun.err()).isEqualTo(ExitCode.OK);
        assertThat(digest(archive)).isEqualTo(digest(reference));
        try (Stream<Path> files = Files.walk(archive)) {
            assertThat(files.filter(p -> AtomicFiles.isTemp(p.getFileName().toString()))).isEmpty();
        }
    }

    @Test
    void killedShardRerunAloneCompletesTheMigration() throws Exception {
        Path reference = generated("reference");
        assertThat(cli(migrate(reference)).exitCode()).isEqualTo(ExitCode.OK);
        Path archive = generated("archive");
        assertThat(cli(migrate(archive, "--shard", "0/2")).exitCode()).isEqualTo(ExitCode.OK);
        Path log = tmp.resolve("shard1.log");
        TestingProcesses.killMidRun(TestingProcesses.start(log, migrate(archive, "--shard", "1/2", "--fsync-each-file")), log);

        ArchiveMigrateTest.assertRefused(cli("archive", "finalize", "--archive", archive.toString(), "--shards", "2", "--to-version", "3"),
                "shard 1/2 is running");

        assertThat(cli(migrate(archive, "--shard", "1/2")).exitCode()).isEqualTo(ExitCode.OK);
        assertThat(cli("archive", "finalize", "--archive", archive.toString(), "--shards", "2", "--to-version", "3").exitCode())
                .isEqualTo(ExitCode.OK);
        assertThat(digest(archive)).isEqualTo(digest(reference));
    }
}

package dev.ccbackend.migrator.archive;

import static dev.ccbackend.migrator.archive.TestingArchives.cli;
import static dev.ccbackend.migrator.archive.TestingArchives.digest;
import static dev.ccbackend.migrator.archive.TestingArchives.read;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ccbackend.migrator.cli.ExitCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArchiveShardTest {
    @TempDir
    Path tmp;

    private Path generated(String name, int jobs) throws Exception {
        Path root = tmp.resolve(name);
        SampleArchiveGenerator.generate(root, SampleArchiveGenerator.Spec.of(2, jobs).withData(512, true).withStopped(jobs / 20));
        return root;
    }

    @Test
    void shardsPartitionJobsStablyAndEvenly() {
        int[] counts = new int[4];
        for (int i = 0; i < 40_000; i++) {
            String job = "emmy/" + (1000 + i / 1000) + "/" + String.format("%03d", i % 1000) + "/" + (1_600_000_000 + i);
            int owners = 0;
            for (int s = 0; s < 4; s++) {
                if (new Shard(s, 4).contains(job)) {
                    counts[s]++;
                    owners++;
                }
            }
            assertThat(owners).isEqualTo(1);
        }
        for (int c : counts) {
            assertThat(c).isBetween(9_500, 10_500);
        }
        assertThat(Shard.parse("2/4")).isEqualTo(new Shard(2, 4));
    }

    @Test
    void concurrentShardProcessesGiveExactlyTheUnshardedResult() throws Exception {
        Path reference = generated("reference", 400);
        Path inPlace = generated("in-place", 400);
        assertThat(digest(inPlace)).isEqualTo(digest(reference));
        assertThat(cli("archive", "migrate", "--archive", reference.toString(), "--to-version", "3", "--mode", "in-place",
                "--map-state", "stopped=completed").exitCode()).isEqualTo(ExitCode.OK);
        Path copySource = generated("copy-source", 400);
        Path copyOut = tmp.resolve("copy-out");

        List<Process> processes = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            processes.add(TestingProcesses.start(tmp.resolve("in-place-" + i + ".log"), "archive", "migrate", "--archive", inPlace.toString(),
                    "--to-version", "3", "--mode", "in-place", "--map-state", "stopped=completed", "--shard", i + "/3", "--workers", "1"));
            processes.add(TestingProcesses.start(tmp.resolve("copy-" + i + ".log"), "archive", "migrate", "--archive", copySource.toString(),
                    "--to-version", "3", "--mode", "copy", "--output", copyOut.toString(), "--map-state", "stopped=completed",
                    "--shard", i + "/3", "--workers", "1"));
        }
        for (int i = 0; i < processes.size(); i++) {
            assertThat(TestingProcesses.await(processes.get(i))).as(read(tmp.resolve((i % 2 == 0 ? "in-place-" : "copy-") + i / 2 + ".log")))
                    .isEqualTo(ExitCode.OK);
        }
        assertThat(read(inPlace.resolve("version.txt"))).as("shards never write version.txt").isEqualTo("2\n");
        assertThat(copyOut.resolve("version.txt")).doesNotExist();

        assertThat(cli("archive", "finalize", "--archive", inPlace.toString(), "--shards", "3", "--to-version", "3").exitCode())
                .isEqualTo(ExitCode.OK);
        assertThat(cli("archive", "finalize", "--archive", copySource.toString(), "--output", copyOut.toString(), "--shards", "3",
                "--to-version", "3").exitCode()).isEqualTo(ExitCode.OK);

        Map<String, String> expected = digest(reference);
        assertThat(digest(inPlace)).isEqualTo(expected);
        assertThat(digest(copyOut)).isEqualTo(expected);
    }

    @Test
    void finalizeRefusesWhileAShardIsMissingOrFailedAndARerunShardCompletesIt() throws Exception {
        Path source = generated("source", 200);
        Path out = tmp.resolve("out");
        String[] shard0 = {"archive", "migrate", "--archive", source.toString(), "--to-version", "3", "--mode", "copy",
                "--output", out.toString(), "--map-state", "stopped=completed", "--shard", "0/2"};
        String[] finalize = {"archive", "finalize", "--archive", source.toString(), "--output", out.toString(), "--shards", "2",
                "--to-version", "3"};
        assertThat(cli(shard0).exitCode()).isEqualTo(ExitCode.OK);

        TestingArchives.Run missing = cli(finalize);
        ArchiveMigrateTest.assertRefused(missing, "shard 1/2 has not run");
        assertThat(out.resolve("version.txt")).doesNotExist();

        // Shard 1 fails mid-run: a file stands where it has to create one of its job directories.
        String blocked = ArchiveMigrateTest.jobs(source).stream().filter(j -> new Shard(1, 2).contains(j)).findFirst().orElseThrow();
        Path blocker = out.resolve(blocked);
        Files.createDirectories(blocker.getParent());
        Files.writeString(blocker, "in the way");
        String[] shard1 = shard0.clone();
        shard1[shard1.length - 1] = "1/2";
        TestingArchives.Run failed = cli(shard1);
        assertThat(failed.exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(failed.err()).contains(blocked);

        ArchiveMigrateTest.assertRefused(cli(finalize), "shard 1/2 is failed");
        assertThat(out.resolve("version.txt")).doesNotExist();

        Files.delete(blocker);
        assertThat(cli(shard1).exitCode()).as("rerun of the failed shard alone").isEqualTo(ExitCode.OK);
        assertThat(cli(finalize).exitCode()).isEqualTo(ExitCode.OK);
        assertThat(read(out.resolve("version.txt"))).isEqualTo("3\n");
        assertThat(out.resolve(ArchiveLayout.STATE_DIR)).doesNotExist();
        assertThat(ArchiveInspector.inspect(out).jobs()).isEqualTo(200);
        TestingArchives.Run again = cli(finalize);
        assertThat(again.exitCode()).as("a retried finalize is a no-op").isEqualTo(ExitCode.OK);
        assertThat(again.out()).contains("\"versionWritten\" : false");
    }
}

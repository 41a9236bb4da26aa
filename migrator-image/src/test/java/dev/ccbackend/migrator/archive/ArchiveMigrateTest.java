package dev.ccbackend.migrator.archive;

import static dev.ccbackend.migrator.archive.TestingArchives.cli;
import static dev.ccbackend.migrator.archive.TestingArchives.digest;
import static dev.ccbackend.migrator.archive.TestingArchives.fixture;
import static dev.ccbackend.migrator.archive.TestingArchives.read;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ccbackend.migrator.cli.ExitCode;
import dev.ccbackend.migrator.util.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArchiveMigrateTest {
    private static final String JOB = "emmy/1404/397/1609300556";

    @TempDir
    Path tmp;

    @Test
    void copyModeFromVersion1To3LeavesTheSourceAloneAndHardLinksData() throws Exception {
        Path source = fixture("v1.3.1", tmp);
        Files.createDirectories(source.resolve("lost+found"));
        Map<String, String> before = digest(source);
        Path out = tmp.resolve("new");

        TestingArchives.Run run = cli("archive", "migrate", "--archive", source.toString(), "--to-version", "3",
                "--mode", "copy", "--output", out.toString());

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.OK);
        assertThat(digest(source)).as("copy mode never modifies DIR").isEqualTo(before);
        assertThat(read(out.resolve("version.txt"))).isEqualTo("3\n");
        JsonNode result = Json.MAPPER.readTree(run.out());
        assertThat(result.get("migrated").asLong()).isEqualTo(2);
        assertThat(result.get("linkedFiles").asLong()).isEqualTo(2);
        assertThat(result.get("problems").findValuesAsText("kind")).containsExactly("NON_CLUSTER_DIRECTORY");
        assertThat(out.resolve("lost+found")).doesNotExist();
        Path data = out.resolve(JOB).resolve("data.json.gz");
        assertThat(Files.isSameFile(data, source.resolve(JOB).resolve("data.json.gz"))).isTrue();
        assertThat(read(out.resolve("emmy/cluster.json"))).isEqualTo(read(source.resolve("emmy/cluster.json")));
        assertSharedReplacesExclusive(source.resolve(JOB).resolve("meta.json"), out.resolve(JOB).resolve("meta.json"), "none");
        assertThat(out.resolve(ArchiveLayout.STATE_DIR)).doesNotExist();
    }

    @Test
    void inPlaceFromVersion2To3ChangesOnlyMetaJsonAndVersion() throws Exception {
        Path archive = fixture("v1.4.4", tmp);
        Map<String, String> before = digest(archive);
        Path originalMeta = tmp.resolve("orig-meta.json");
        Files.copy(archive.resolve(JOB).resolve("meta.json"), originalMeta);

        TestingArchives.Run run = cli("archive", "migrate", "--archive", archive.toString(), "--to-version", "3", "--mode", "in-place");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.OK);
        Map<String, String> after = digest(archive);
        assertThat(after.keySet()).isEqualTo(before.keySet());
        for (String file : before.keySet()) {
            boolean changes = file.endsWith("meta.json") || file.equals("version.txt");
            assertThat(after.get(file).equals(before.get(file))).as(file).isEqualTo(!changes);
        }
        assertThat(read(archive.resolve("version.txt"))).isEqualTo("3\n");
        assertSharedReplacesExclusive(originalMeta, archive.resolve(JOB).resolve("meta.json"), "none");
        assertThat(Files.list(archive).map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("alex", "emmy", "fritz", "version.txt");
    }

    @Test
    void hopOneToTwoKeepsEveryFileAndCanAddFootprints() throws Exception {
        Path archive = fixture("v1.3.1", tmp);
        Map<String, String> before = digest(archive);

        TestingArchives.Run run = cli("archive", "migrate", "--archive", archive.toString(), "--to-version", "2",
                "--mode", "in-place", "--add-footprints");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.OK);
        Map<String, String> after = digest(archive);
        before.keySet().stream().filter(f -> f.contains("/1")).forEach(f -> assertThat(after.get(f)).as(f).isEqualTo(before.get(f)));
        assertThat(read(archive.resolve("version.txt"))).isEqualTo("2\n");
        JsonNode cluster = Json.MAPPER.readTree(archive.resolve("emmy/cluster.json").toFile());
        for (JsonNode metric : cluster.get("metricConfig")) {
            String expected = ClusterFootprints.WELL_KNOWN.get(metric.get("name").asText());
            assertThat(metric.path("footprint").asText(null)).as(metric.get("name").asText()).isEqualTo(expected);
        }
    }

    @Test
    void stoppedJobsWithoutMapStateAreRefusedBeforeAnythingChanges() throws Exception {
        Path archive = tmp.resolve("a");
        SampleArchiveGenerator.generate(archive, SampleArchiveGenerator.Spec.of(2, 60).withStopped(4));
        Map<String, String> before = digest(archive);

        TestingArchives.Run refused = cli("archive", "migrate", "--archive", archive.toString(), "--to-version", "3", "--mode", "in-place");

        assertThat(refused.exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(refused.err()).contains("error: 4 jobs in state 'stopped'").contains("--map-state stopped=completed");
        assertThat(digest(archive)).isEqualTo(before);

        TestingArchives.Run run = cli("archive", "migrate", "--archive", archive.toString(), "--to-version", "3", "--mode", "in-place",
                "--map-state", "stopped=completed");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.OK);
        long stopped = digest(archive).keySet().stream().filter(f -> f.endsWith("meta.json"))
                .filter(f -> read(archive.resolve(f)).contains("\"stopped\"")).count();
        assertThat(stopped).isZero();
    }

    @Test
    void corruptJsonFailsBeforeAnyChangeOrIsSkippedAndReported() throws Exception {
        Path archive = tmp.resolve("a");
        SampleArchiveGenerator.generate(archive, SampleArchiveGenerator.Spec.of(2, 30));
        String broken = firstJob(archive);
        Files.writeString(archive.resolve(broken).resolve("meta.json"), "{\"jobId\": 1, \"exclusive\": ");
        String empty = secondJob(archive);
        Files.write(archive.resolve(empty).resolve("meta.json"), new byte[0]);
        Map<String, String> before = digest(archive);

        TestingArchives.Run failed = cli("archive", "migrate", "--archive", archive.toString(), "--to-version", "3", "--mode", "in-place");
        assertThat(failed.exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(failed.err()).contains(broken).contains("not valid JSON").contains("nothing was changed");
        assertThat(digest(archive)).isEqualTo(before);

        Path report = tmp.resolve("report.jsonl");
        TestingArchives.Run skipped = cli("archive", "migrate", "--archive", archive.toString(), "--to-version", "3", "--mode", "in-place",
                "--on-error", "skip", "--report", report.toString());
        assertThat(skipped.exitCode()).as(skipped.err()).isEqualTo(ExitCode.OK);
        JsonNode result = Json.MAPPER.readTree(skipped.out());
        assertThat(result.get("skipped").asLong()).isEqualTo(2);
        assertThat(result.get("migrated").asLong()).isEqualTo(28);
        List<String> lines = Files.readAllLines(report);
        assertThat(lines).anySatisfy(l -> assertThat(l).contains(broken).contains("SKIPPED"));
        assertThat(lines).anySatisfy(l -> assertThat(l).contains(empty).contains("EMPTY_FILE"));
        assertThat(read(archive.resolve(broken).resolve("meta.json"))).as("kept as it is").endsWith("\"exclusive\": ");
        assertThat(read(archive.resolve("version.txt"))).isEqualTo("3\n");
    }

    @Test
    void refusals() throws Exception {
        Path archive = tmp.resolve("a");
        SampleArchiveGenerator.generate(archive, SampleArchiveGenerator.Spec.of(2, 5));
        Path nonEmpty = Files.createDirectories(tmp.resolve("out"));
        Files.writeString(nonEmpty.resolve("x"), "x");

        assertRefused(cli("archive", "migrate", "--archive", archive.toString(), "--to-version", "3", "--mode", "copy",
                "--output", nonEmpty.toString()), "exists and is not empty");
        var before = TestingArchives.digest(archive);
        TestingArchives.Run done = cli("archive", "migrate", "--archive", archive.toString(), "--to-version", "2", "--mode", "in-place");
        assertThat(done.exitCode()).as("a rerun after success is done, as db migrate says").isZero();
        assertThat(done.err()).contains("already at version 2").contains("nothing to do");
        assertThat(TestingArchives.digest(archive)).isEqualTo(before);
        assertRefused(cli("archive", "migrate", "--archive", archive.toString(), "--to-version", "2", "--mode", "copy",
                "--output", tmp.resolve("new").toString()), "already at version 2");
        Files.writeString(archive.resolve("version.txt"), "two\n");
        assertRefused(cli("archive", "migrate", "--archive", archive.toString(), "--to-version", "3", "--mode", "in-place"),
                "not a version number");
        Files.delete(archive.resolve("version.txt"));
        assertRefused(cli("archive", "migrate", "--archive", archive.toString(), "--to-version", "3", "--mode", "in-place"),
                "version.txt is missing");
        Files.createDirectory(archive.resolve("version.txt"));
        assertRefused(cli("archive", "migrate", "--archive", archive.toString(), "--to-version", "3", "--mode", "in-place"),
                "it is a directory");
        Files.delete(archive.resolve("version.txt"));
        TestingArchives.Run usage = cli("archive", "migrate", "--archive", archive.toString(), "--to-version", "3", "--mode", "copy");
        assertThat(usage.exitCode()).isEqualTo(ExitCode.USAGE);
    }

    @Test
    void copyModeToAnotherFilesystemCopiesInsteadOfLinking() throws Exception {
        Path shm = Path.of("/dev/shm");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isWritable(shm)
                && !dev.ccbackend.migrator.util.Directories.sameFilesystem(tmp, shm), "needs /dev/shm on another filesystem");
        Path archive = fixture("v1.4.4", tmp);
        Path out = shm.resolve("ccm-test-" + ProcessHandle.current().pid() + "-" + System.nanoTime());
        try {
            TestingArchives.Run run = cli("archive", "migrate", "--archive", archive.toString(), "--to-version", "3",
                    "--mode", "copy", "--output", out.toString());
            assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.OK);
            JsonNode result = Json.MAPPER.readTree(run.out());
            assertThat(result.get("linkedFiles").asLong()).isZero();
            assertThat(result.get("copiedFiles").asLong()).isEqualTo(2);
            Path data = out.resolve(JOB).resolve("data.json.gz");
            assertThat(Files.mismatch(data, archive.resolve(JOB).resolve("data.json.gz"))).isEqualTo(-1);
            assertThat(Files.list(out).map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("alex", "emmy", "fritz", "version.txt");
        } finally {
            try (var paths = Files.walk(out)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void progressGoesToTheProgressFileAndStderrAsJsonLines() throws Exception {
        Path archive = tmp.resolve("a");
        SampleArchiveGenerator.generate(archive, SampleArchiveGenerator.Spec.of(2, 50));
        Path progress = tmp.resolve("progress.json");

        TestingArchives.Run run = cli("archive", "migrate", "--archive", archive.toString(), "--to-version", "3", "--mode", "in-place",
                "--progress-file", progress.toString(), "--progress-interval", "0.1");

        assertThat(run.exitCode()).isEqualTo(ExitCode.OK);
        ArchiveProgress last = Json.MAPPER.readValue(progress.toFile(), ArchiveProgress.class);
        assertThat(last).isEqualTo(new ArchiveProgress(50, 50, 0, 0, last.bytesDone(), last.ratePerSecond(), 0L, "0/1", true));
        assertThat(last.bytesDone()).isPositive();
        String line = run.err().lines().filter(l -> l.startsWith("progress ")).reduce((a, b) -> b).orElseThrow();
        assertThat(Json.MAPPER.readValue(line.substring("progress ".length()), ArchiveProgress.class).finished()).isTrue();
    }

    @Test
    void unwritableArchiveIsRefused() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeFalse("root".equals(System.getProperty("user.name")), "root may write anywhere");
        Path archive = tmp.resolve("a");
        SampleArchiveGenerator.generate(archive, SampleArchiveGenerator.Spec.of(2, 5));
        archive.toFile().setWritable(false);
        try {
            assertRefused(cli("archive", "migrate", "--archive", archive.toString(), "--to-version", "3", "--mode", "in-place"),
                    "cannot write to");
        } finally {
            archive.toFile().setWritable(true);
        }
    }

    @Test
    void copyWithoutHardLinksNeedsRoomForEveryFile() throws Exception {
        long free = Files.getFileStore(tmp).getUsableSpace();
        MigrationPreflight.Scan big = new MigrationPreflight.Scan(10, 4096, free * 2, Map.of(), 0, null, java.util.List.of());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> MigrationPreflight.refuseIfNoSpace(tmp.resolve("new"), false, big))
                .isInstanceOf(ArchiveException.class).hasMessageContaining("not enough free space")
                .hasMessageContaining("another filesystem");
        // with hard links only the rewritten meta.json files need room
        MigrationPreflight.refuseIfNoSpace(tmp.resolve("new"), true, big);
    }

    static void assertRefused(TestingArchives.Run run, String message) {
        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCode.FAILED);
        assertThat(run.err()).startsWith("error: ").contains(message);
    }

    static String firstJob(Path archive) throws Exception {
        return jobs(archive).get(0);
    }

    static String secondJob(Path archive) throws Exception {
        return jobs(archive).get(1);
    }

    static List<String> jobs(Path archive) throws Exception {
        List<String> jobs = new java.util.ArrayList<>();
        ArchiveLayout.walkJobs(archive, ArchiveLayout.rootEntries(archive).clusters(), j -> jobs.add(j.relativePath()));
        return jobs;
    }

    private static void assertSharedReplacesExclusive(Path before, Path after, String shared) throws Exception {
        JsonNode old = Json.MAPPER.readTree(before.toFile());
        JsonNode now = Json.MAPPER.readTree(after.toFile());
        assertThat(now.has("exclusive")).isFalse();
        assertThat(now.get("shared").asText()).isEqualTo(shared);
        Iterator<String> oldNames = old.fieldNames();
        List<String> expectedOrder = new java.util.ArrayList<>();
        oldNames.forEachRemaining(n -> expectedOrder.add(n.equals("exclusive") ? "shared" : n));
        assertThat(now.fieldNames()).toIterable().containsExactlyElementsOf(expectedOrder);
        expectedOrder.stream().filter(n -> !n.equals("shared")).forEach(n -> assertThat(now.get(n)).as(n).isEqualTo(old.get(n)));
    }
}

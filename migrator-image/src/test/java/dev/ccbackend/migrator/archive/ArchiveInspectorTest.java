package dev.ccbackend.migrator.archive;

import static dev.ccbackend.migrator.archive.TestingArchives.cli;
import static dev.ccbackend.migrator.archive.TestingArchives.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ccbackend.migrator.cli.ExitCode;
import dev.ccbackend.migrator.util.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArchiveInspectorTest {
    @TempDir
    Path tmp;

    @Test
    void inspectsTheUpstreamFixture() throws Exception {
        Path archive = fixture("v1.4.4", tmp);
        ArchiveInspection inspection = ArchiveInspector.inspect(archive);
        assertThat(inspection.version()).isEqualTo(2);
        assertThat(inspection.clusters()).containsExactly("alex", "emmy", "fritz");
        assertThat(inspection.jobs()).isEqualTo(2);
        try (var files = Files.walk(archive)) {
            long bytes = files.filter(p -> Files.isRegularFile(p) && !p.endsWith("version.txt")).mapToLong(p -> p.toFile().length()).sum();
            assertThat(inspection.bytes()).isEqualTo(bytes);
        }
        assertThat(inspection.problems()).isEmpty();
    }

    @Test
    void reportsWhatBreaksCcBackend() throws Exception {
        Path archive = tmp.resolve("a");
        SampleArchiveGenerator.generate(archive, SampleArchiveGenerator.Spec.of(2, 6));
        Files.createDirectories(archive.resolve("lost+found"));
        Files.createDirectories(archive.resolve("backup"));
        Files.writeString(archive.resolve("version.txt"), "2.0\n");
        String job = ArchiveMigrateTest.firstJob(archive);
        Files.write(archive.resolve(job).resolve("meta.json"), new byte[0]);
        String other = ArchiveMigrateTest.secondJob(archive);
        Files.delete(archive.resolve(other).resolve("data.json.gz"));

        TestingArchives.Run run = cli("archive", "inspect", "--archive", archive.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCode.OK);
        ArchiveInspection inspection = Json.MAPPER.readValue(run.out(), ArchiveInspection.class);
        assertThat(inspection.version()).isNull();
        assertThat(inspection.jobs()).isEqualTo(6);
        assertThat(inspection.problems()).extracting(ArchiveInspection.Problem::kind, ArchiveInspection.Problem::path)
                .contains(org.assertj.core.groups.Tuple.tuple("VERSION_UNREADABLE", "version.txt"),
                        org.assertj.core.groups.Tuple.tuple("LOST_FOUND", "lost+found"),
                        org.assertj.core.groups.Tuple.tuple("NON_CLUSTER_DIRECTORY", "backup"),
                        org.assertj.core.groups.Tuple.tuple("EMPTY_FILE", job + "/meta.json"),
                        org.assertj.core.groups.Tuple.tuple("MISSING_FILE", other + "/data.json"));
    }
}

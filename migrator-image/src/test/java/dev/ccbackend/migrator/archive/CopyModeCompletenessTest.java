package dev.ccbackend.migrator.archive;

import static dev.ccbackend.migrator.archive.TestingArchives.cli;
import static dev.ccbackend.migrator.archive.TestingArchives.digest;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Nothing lost, nothing silent: copy mode's new archive holds everything the old one held (jobs
 * migrated, the rest carried over, links still leading to the same data), and {@code archive verify
 * --baseline} proves it; what cannot be migrated safely is refused before anything is written.
 */
class CopyModeCompletenessTest {
    @TempDir
    Path tmp;
    Path archive;

    @BeforeEach
    void archiveOfTwelveJobs() throws IOException {
        archive = tmp.resolve("job-archive");
        SampleArchiveGenerator.generate(archive, SampleArchiveGenerator.Spec.of(1, 12).withStopped(2));
    }

    private Path firstJob() throws IOException {
        try (Stream<Path> metas = Files.walk(archive)) {
            return metas.filter(p -> p.endsWith(ArchiveLayout.META_JSON)).sorted().findFirst().orElseThrow().getParent();
        }
    }

    private TestingArchives.Run copyTo(Path output) {
        return cli("archive", "migrate", "--archive", archive.toString(), "--to-version", "3", "--mode", "copy",
                "--output", output.toString(), "--map-state", "stopped=completed");
    }

    private TestingArchives.Run verify(Path output) {
        return cli("archive", "verify", "--archive", output.toString(), "--baseline", archive.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"copy", "in-place"})
    void aClusterWithoutClusterJsonIsRefusedAndNothingIsWritten(String mode) throws IOException {
        Files.delete(archive.resolve("alex").resolve(ArchiveLayout.CLUSTER_JSON));
        var before = digest(archive);
        Path output = tmp.resolve("new");

        TestingArchives.Run run = mode.equals("copy") ? copyTo(output) : cli("archive", "migrate", "--archive", archive.toString(),
                "--to-version", "3", "--mode", mode, "--map-state", "stopped=completed");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().strip()).startsWith("error: ").contains("alex").contains("no cluster.json").contains("nothing was changed");
        assertThat(digest(archive)).isEqualTo(before);
        assertThat(output).doesNotExist();
    }

    @Test
    void whatIsNotAJobIsCarriedOverAndVerifyProvesTheNewArchiveComplete() throws IOException {
        Files.createDirectories(archive.resolve("backup"));
        Files.writeString(archive.resolve("backup/old.tar"), "an old backup");
        Path level1 = firstJob().getParent().getParent();
        Files.writeString(level1.resolve("README"), "jobs of 2021");
        Files.createDirectories(firstJob().resolve("extra"));
        Files.writeString(firstJob().resolve("extra/notes.txt"), "a note");
        Path output = tmp.resolve("new");

        TestingArchives.Run run = copyTo(output);

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(output.resolve("backup/old.tar")).hasContent("an old backup");
        assertThat(output.resolve(archive.relativize(level1)).resolve("README")).hasContent("jobs of 2021");
        assertThat(output.resolve(archive.relativize(firstJob())).resolve("extra/notes.txt")).hasContent("a note");
        TestingArchives.Run verified = verify(output);
        assertThat(verified.exitCode()).as(verified.out()).isZero();
        assertThat(verified.out()).contains("\"missing\" : 0");
    }

    @Test
    void verifyFailsOnWhatTheNewArchiveLacks() throws IOException {
        Path output = tmp.resolve("new");
        assertThat(copyTo(output).exitCode()).isZero();
        Path lost = output.resolve(archive.relativize(firstJob())).resolve(ArchiveLayout.DATA_JSON_GZ);
        Files.delete(lost);

        TestingArchives.Run verified = verify(output);

        assertThat(verified.exitCode()).isEqualTo(1);
        assertThat(verified.out()).contains("\"missing\" : 1").contains(ArchiveLayout.DATA_JSON_GZ);
    }

    @Test
    void aRelativeLinkOutOfTheArchiveStillLeadsToTheSameDataFromAnotherDepth() throws IOException {
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Path job = firstJob();
        Files.move(job.resolve(ArchiveLayout.DATA_JSON_GZ), outside.resolve("data.json.gz"));
        Files.createSymbolicLink(job.resolve(ArchiveLayout.DATA_JSON_GZ), job.relativize(outside.resolve("data.json.gz")));
        Path output = tmp.resolve("deep/er/new");

        TestingArchives.Run run = copyTo(output);

        assertThat(run.exitCode()).as(run.err()).isZero();
        Path link = output.resolve(archive.relativize(job)).resolve(ArchiveLayout.DATA_JSON_GZ);
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.isSameFile(link, outside.resolve("data.json.gz"))).as("not dangling at the new depth").isTrue();
        assertThat(verify(output).exitCode()).isZero();
    }

    @Test
    void aDanglingDataLinkIsKeptAsItIsWithAWarningNotAStackTrace() throws IOException {
        Path job = firstJob();
        Files.delete(job.resolve(ArchiveLayout.DATA_JSON_GZ));
        Files.createSymbolicLink(job.resolve(ArchiveLayout.DATA_JSON_GZ), Path.of("../gone/data.json.gz"));
        Path output = tmp.resolve("new");

        TestingArchives.Run run = copyTo(output);

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("DANGLING_SYMLINK");
        assertThat(Files.isSymbolicLink(output.resolve(archive.relativize(job)).resolve(ArchiveLayout.DATA_JSON_GZ))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"cluster", "job"})
    void aDirectoryThatIsALinkOutOfTheArchiveIsRefused(String which) throws IOException {
        Path elsewhere = tmp.resolve("elsewhere");
        Path linked = which.equals("cluster") ? archive.resolve("emmy") : firstJob();
        Files.move(linked, elsewhere);
        Files.createSymbolicLink(linked, elsewhere);
        var before = digest(elsewhere);

        TestingArchives.Run run = cli("archive", "migrate", "--archive", archive.toString(), "--to-version", "3",
                "--mode", "in-place", "--map-state", "stopped=completed");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().lines().filter(l -> l.startsWith("error: "))).singleElement().asString()
                .contains("symbolic link to a directory").contains("nothing was changed");
        assertThat(digest(elsewhere)).as("the data behind the link is untouched").isEqualTo(before);
        assertThat(TestingArchives.read(archive.resolve("version.txt")).strip()).isEqualTo("1");
    }
}

package dev.ccbackend.migrator.archive;

import static dev.ccbackend.migrator.archive.TestingArchives.cli;
import static dev.ccbackend.migrator.archive.TestingArchives.digest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ccbackend.migrator.util.FileOwnership;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full volume, for real: small tmpfs mounts (blocks, inodes) and a bind mount that refuses hard links
 * (EXDEV) although both paths are one filesystem. Needs root for mount; skipped otherwise.
 */
class ArchiveDiskFullTest {
    @TempDir
    Path tmp;

    private final List<Path> mounts = new ArrayList<>();

    @AfterEach
    void unmount() throws Exception {
        for (int i = mounts.size() - 1; i >= 0; i--) {
            run("umount", "-l", mounts.get(i).toString());
        }
    }

    private Path tmpfs(String name, String options) throws Exception {
        assumeTrue(FileOwnership.processUid() == 0, "mounting a small tmpfs needs root: skipping");
        Path dir = Files.createDirectories(tmp.resolve(name));
        assumeTrue(run("mount", "-t", "tmpfs", "-o", options, "tmpfs", dir.toString()) == 0, "cannot mount a tmpfs here: skipping");
        mounts.add(dir);
        return dir;
    }

    private static int run(String... command) throws Exception {
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
    }

    private static Path archive(Path dir, int jobs, int dataBytes) throws IOException {
        SampleArchiveGenerator.generate(dir, SampleArchiveGenerator.Spec.of(2, jobs).withData(dataBytes, false));
        return dir;
    }

    @Test
    void theEstimateCountsBlocksSoACopyThatCannotFitIsRefusedBeforeAnythingIsWritten() throws Exception {
        Path small = tmpfs("small", "size=3m");
        Path archive = archive(tmp.resolve("a"), 600, 200); // 0.8 MiB of bytes, 4.7 MiB of 4 KiB blocks
        Map<String, String> before = digest(archive);

        TestingArchives.Run run = cli("archive", "migrate", "--archive", archive.toString(), "--to-version", "3",
                "--mode", "copy", "--output", small.resolve("new").toString());

        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        assertThat(run.err()).contains("error: not enough free space for the new archive", "nothing was changed");
        assertThat(small.resolve("new")).doesNotExist();
        assertThat(digest(archive)).isEqualTo(before);
    }

    @Test
    void runningOutOfInodesPartWayStopsWhateverOnErrorSaysRemovesThePartialCopyAndSaysWhatToFree() throws Exception {
        Path small = tmpfs("few-inodes", "size=64m,nr_inodes=400");
        Path archive = archive(tmp.resolve("a"), 600, 200);
        Map<String, String> before = digest(archive);
        Path output = small.resolve("new");

        TestingArchives.Run run = cli("archive", "migrate", "--archive", archive.toString(), "--to-version", "3",
                "--mode", "copy", "--output", output.toString(), "--on-error", "skip");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        assertThat(run.err()).contains("error: the volume of " + output + " is full (no space or no free inodes left on the device)"
                + " after ", " of 600 jobs: the partial new archive was removed and the archive was not changed",
                "free that much on the volume of " + output);
        assertThat(run.err()).doesNotContain("Exception", "SKIPPED");
        assertThat(output).as("removed with what it held").doesNotExist();
        assertThat(digest(archive)).isEqualTo(before);
    }

    @Test
    void aFullArchiveVolumeInPlaceChangesNothingAndTheRerunFinishesOnceThereIsRoom() throws Exception {
        Path volume = tmpfs("full", "size=8m");
        Path archive = archive(volume.resolve("a"), 200, 200);
        Path filler = volume.resolve("filler");
        try (OutputStream out = Files.newOutputStream(filler)) {
            byte[] block = new byte[4096];
            while (true) {
                out.write(block);
                out.flush();
            }
        } catch (IOException full) {
            // the volume is full now
        }
        Map<String, String> before = digest(archive);

        TestingArchives.Run run = cli("archive", "migrate", "--archive", archive.toString(), "--to-version", "3",
                "--mode", "in-place");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        assertThat(run.err().lines().filter(l -> l.startsWith("error: ")).findFirst().orElseThrow())
                .contains("is full", "free space there", "the archive was not changed").doesNotContain("Exception");
        try (Stream<Path> files = Files.walk(archive)) {
            assertThat(files.map(p -> p.getFileName().toString())).as("no temp, lock or journal left")
                    .noneMatch(name -> AtomicFiles.isTemp(name) || name.startsWith(".cc-migrator"));
        }

        Files.delete(filler);
        TestingArchives.Run rerun = cli("archive", "migrate", "--archive", archive.toString(), "--to-version", "3",
                "--mode", "in-place");
        assertThat(rerun.exitCode()).as(rerun.err()).isZero();
        assertThat(Files.readString(archive.resolve("version.txt")).strip()).isEqualTo("3");
        try (Stream<Path> metas = Files.walk(archive).filter(p -> p.getFileName().toString().equals("meta.json"))) {
            for (Path meta : metas.toList()) {
                new ObjectMapper().readTree(meta.toFile());
            }
        }
    }

    @Test
    void hardLinksRefusedPartWayAreCaughtBeforeTheCopiesFillTheVolume() throws Exception {
        Path volume = tmpfs("volume", "size=10m");
        Path archive = archive(volume.resolve("a"), 300, 16000); // 6 MiB: the links fit in what is left, copies do not
        Path otherMount = Files.createDirectories(tmp.resolve("other-mount"));
        Files.createDirectories(volume.resolve("out"));
        assumeTrue(run("mount", "--bind", volume.resolve("out").toString(), otherMount.toString()) == 0, "no bind mount: skipping");
        mounts.add(otherMount);
        Map<String, String> before = digest(archive);

        TestingArchives.Run run = cli("archive", "migrate", "--archive", archive.toString(), "--to-version", "3",
                "--mode", "copy", "--output", otherMount.resolve("new").toString());

        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        assertThat(run.err()).contains("error: hard links into " + otherMount.resolve("new") + " are refused",
                "the remaining data files must be copied", "the archive was not changed").doesNotContain("Exception");
        assertThat(digest(archive)).isEqualTo(before);
    }
}

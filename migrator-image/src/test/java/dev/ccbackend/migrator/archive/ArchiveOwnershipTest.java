package dev.ccbackend.migrator.archive;

import static dev.ccbackend.migrator.archive.TestingArchives.cli;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ccbackend.migrator.util.FileOwnership;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * cc-backend runs as its own uid and rewrites meta.json later: whatever cc-migrator writes keeps the
 * owner, group and mode of what it replaces, even when cc-migrator runs as root. Root only (chown).
 */
class ArchiveOwnershipTest {
    static final int UID = 1000;
    static final int GID = 1001;

    @TempDir
    Path tmp;
    Path archive;

    @BeforeEach
    void installOwnedByCcBackend() throws IOException {
        assumeTrue(FileOwnership.processUid() == 0, "giving files to another uid needs root: skipping");
        archive = tmp.resolve("job-archive");
        SampleArchiveGenerator.generate(archive, SampleArchiveGenerator.Spec.of(1, 12).withData(512, true));
        try (Stream<Path> paths = Files.walk(archive)) {
            for (Path p : paths.toList()) {
                // a site's odd modes must survive too: group-writable meta.json, 0750 directories
                int mode = Files.isDirectory(p) ? 0750 : p.endsWith("meta.json") ? 0664 : 0640;
                FileOwnership.apply(new FileOwnership.Owner(UID, GID, mode), p);
            }
        }
    }

    @Test
    void inPlaceKeepsOwnerGroupAndModeOfEveryReplacedFile() throws IOException {
        List<Owned> before = owners(archive);

        TestingArchives.Run run = cli("archive", "migrate", "--archive", archive.toString(), "--to-version", "3",
                "--mode", "in-place", "--map-state", "stopped=completed");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(owners(archive)).isEqualTo(before);
        assertThat(TestingArchives.read(archive.resolve("version.txt")).strip()).isEqualTo("3");
    }

    @Test
    void copyModeGivesTheNewArchiveTheOldOnesOwnership() throws IOException {
        Path output = tmp.resolve("job-archive-v3");

        TestingArchives.Run run = cli("archive", "migrate", "--archive", archive.toString(), "--to-version", "3",
                "--mode", "copy", "--output", output.toString(), "--map-state", "stopped=completed");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(owners(output)).isEqualTo(owners(archive));
    }

    @Test
    void aNewFileTakesItsDirectorysOwnerWithoutExecuteBits() throws IOException {
        Path dir = Files.createDirectory(tmp.resolve("d"));
        FileOwnership.apply(new FileOwnership.Owner(UID, GID, 02775), dir);

        AtomicFiles.replace(dir.resolve("new.txt"), "x".getBytes(), false);

        assertThat(FileOwnership.of(dir.resolve("new.txt"))).isEqualTo(new FileOwnership.Owner(UID, GID, 0664));
    }

    /** Every path below root with its owner, group and mode (the journal is gone after a run). */
    private static List<Owned> owners(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            return paths.map(p -> {
                try {
                    return new Owned(root.relativize(p).toString(), FileOwnership.of(p));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).sorted(java.util.Comparator.comparing(Owned::path)).toList();
        }
    }

    record Owned(String path, FileOwnership.Owner owner) {
    }
}

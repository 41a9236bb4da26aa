package dev.ccbackend.operator.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ccbackend.migrator.util.FileOwnership;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** fsGroup changes every file of the volume, which is why the operator sets none by default. */
class FsGroupChangeTest {
    @TempDir
    Path volume;
    Path file;

    @BeforeEach
    void ccBackendsData() throws IOException {
        assumeTrue(FileOwnership.processUid() == 0, "chgrp to another group needs root: skipping");
        file = Files.createFile(Files.createDirectory(volume.resolve("job-archive")).resolve("meta.json"));
        new DataOwner(1000, 1000).install(volume);
    }

    @Test
    void changesTheGroupAndModeOfEveryFile() throws IOException {
        FsGroupChange.apply(volume, 4242, null);

        assertThat(FileOwnership.of(file)).isEqualTo(new FileOwnership.Owner(1000, 4242, 0664));
        assertThat(FileOwnership.of(volume.resolve("job-archive"))).isEqualTo(new FileOwnership.Owner(1000, 4242, 02775));
    }

    @Test
    void onRootMismatchLeavesAVolumeWhoseRootMatchesAlone() throws IOException {
        FileOwnership.apply(new FileOwnership.Owner(1000, 4242, 02775), volume);

        FsGroupChange.apply(volume, 4242, "OnRootMismatch");

        assertThat(FileOwnership.of(file)).isEqualTo(new FileOwnership.Owner(1000, 1000, 0644));
    }
}

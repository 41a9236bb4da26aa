package dev.ccbackend.migrator.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Mount points: an online switch renames the archive, which a mount point refuses, so the plan must tell them. */
class DirectoriesTest {
    @TempDir
    Path tmp;

    @Test
    void aMountedFilesystemIsAMountPointAndADirectoryInsideItIsNot() throws Exception {
        assumeTrue(Files.isReadable(Path.of("/proc/self/mountinfo")), "needs Linux's /proc/self/mountinfo");
        Path inside = Files.createDirectories(tmp.resolve("job-archive"));

        assertThat(Directories.isMountPoint(Path.of("/proc"))).isTrue();
        assertThat(Directories.isMountPoint(inside)).isFalse();
    }

    @Test
    void aBindMountOfADirectoryOnTheSameFilesystemIsAMountPointToo() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "bind mounts need root");
        Path target = Files.createDirectories(tmp.resolve("mounted"));
        Path source = Files.createDirectories(tmp.resolve("source"));
        Process mount = new ProcessBuilder("mount", "--bind", source.toString(), target.toString()).inheritIO().start();
        assumeTrue(mount.waitFor() == 0, "mount --bind refused here");
        try {
            assertThat(Directories.sameFilesystem(target, tmp)).as("same device: the stat check alone misses it").isTrue();
            assertThat(Directories.isMountPoint(target)).isTrue();
        } finally {
            new ProcessBuilder("umount", target.toString()).inheritIO().start().waitFor();
        }
    }
}

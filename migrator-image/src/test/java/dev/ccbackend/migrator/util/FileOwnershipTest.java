package dev.ccbackend.migrator.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileOwnershipTest {
    @TempDir
    Path tmp;

    @Test
    void copiesOwnerGroupAndModeIncludingSpecialBits() throws IOException {
        assumeTrue(FileOwnership.processUid() == 0, "chown to another uid needs root: skipping");
        Path like = Files.createFile(tmp.resolve("like"));
        Path file = Files.createFile(tmp.resolve("file"));
        FileOwnership.apply(new FileOwnership.Owner(1234, 4321, 02640), like);

        FileOwnership.copy(like, file);

        assertThat(FileOwnership.of(file)).isEqualTo(new FileOwnership.Owner(1234, 4321, 02640));
    }

    @Test
    void sameOwnerOnlyTheModeChanges() throws IOException {
        Path file = Files.createFile(tmp.resolve("file"));
        FileOwnership.Owner mine = FileOwnership.of(file);

        FileOwnership.apply(new FileOwnership.Owner(mine.uid(), mine.gid(), 0600), file);

        assertThat(FileOwnership.of(file).mode()).isEqualTo(0600);
    }

    @Test
    void aChownThatIsNotAllowedSaysWhichUidToRunAs() throws IOException {
        assumeTrue(FileOwnership.processUid() > 0, "root may chown anything: skipping");
        Path file = Files.createFile(tmp.resolve("file"));

        assertThatThrownBy(() -> FileOwnership.apply(new FileOwnership.Owner(0, 0, 0644), file))
                .isInstanceOf(IOException.class).hasMessageContaining("run cc-migrator as uid 0");
    }
}

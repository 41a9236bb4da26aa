package dev.ccbackend.migrator.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The renames of a switch-back, on plain files: companions move with their file, a kill part-way is finished. */
class SwitchBackTest {
    private static final List<String> WAL = List.of("-wal", "-shm");

    @TempDir
    Path dir;

    private Path file(String name, String content) throws Exception {
        return Files.writeString(dir.resolve(name), content);
    }

    @Test
    void theCompanionsMoveWithTheirFile() throws Exception {
        Path live = file("job.db", "upgraded");
        file("job.db-wal", "upgraded's wal");
        file("job.db.v7-20261202T100000Z", "original");

        SwitchBack.Result r = SwitchBack.run(live, Optional.of("job.db.v7-20261202T100000Z"), dir.resolve("switch"), WAL);

        assertThat(r.switchedBack()).isTrue();
        assertThat(Files.readString(live)).isEqualTo("original");
        assertThat(dir.resolve("job.db-wal")).doesNotExist();
        assertThat(Files.readString(dir.resolve("job.db.rolled-back-20261202T100000Z-wal"))).isEqualTo("upgraded's wal");
        assertThat(Files.readString(dir.resolve("job.db.rolled-back-20261202T100000Z"))).isEqualTo("upgraded");
    }

    @Test
    void aRunKilledAfterSettingTheUpgradedOneAsideIsFinishedByTheRerun() throws Exception {
        file("job.db.rolled-back-20261202T100000Z", "upgraded"); // the first rename was made
        file("job.db.v7-20261202T100000Z", "original");

        SwitchBack.Result r = SwitchBack.run(dir.resolve("job.db"), Optional.of("job.db.v7-20261202T100000Z"), dir.resolve("switch"), WAL);

        assertThat(r.switchedBack()).isTrue();
        assertThat(Files.readString(dir.resolve("job.db"))).isEqualTo("original");
    }

    @Test
    void anAsideNameInTheWayIsRefusedAndNothingIsRenamed() throws Exception {
        file("job.db", "upgraded");
        file("job.db.v7-20261202T100000Z", "original");
        file("job.db.rolled-back-20261202T100000Z", "someone's");

        assertThatThrownBy(() -> SwitchBack.run(dir.resolve("job.db"), Optional.of("job.db.v7-20261202T100000Z"),
                dir.resolve("switch"), WAL)).hasMessageContaining("exists already").hasMessageContaining("nothing was renamed");
        assertThat(Files.readString(dir.resolve("job.db"))).isEqualTo("upgraded");
    }

    @Test
    void removeKeptDeletesOnlyAKeptOriginalWithItsCompanions() throws Exception {
        Path live = file("job.db", "upgraded");
        file("job.db.v7-20261202T100000Z", "original");
        file("job.db.v7-20261202T100000Z-wal", "its wal");

        assertThatThrownBy(() -> SwitchBack.removeKept(live, "job.db", WAL)).hasMessageContaining("is not a name a cutover keeps");
        assertThatThrownBy(() -> SwitchBack.removeKept(live, "../job.db.v7-x", WAL)).hasMessageContaining("is not a name");
        SwitchBack.Result removed = SwitchBack.removeKept(live, "job.db.v7-20261202T100000Z", WAL);
        SwitchBack.Result again = SwitchBack.removeKept(live, "job.db.v7-20261202T100000Z", WAL);

        assertThat(removed.switchedBack()).isTrue();
        assertThat(again.message()).contains("gone already");
        try (var left = Files.list(dir)) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactly("job.db");
        }
        assertThat(Files.readString(live)).isEqualTo("upgraded");
    }
}

package dev.ccbackend.migrator.db;

import static dev.ccbackend.migrator.db.TestingDatabases.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccbackend.migrator.catalog.Driver;
import dev.ccbackend.migrator.testing.SharedFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The real databases cc-backend v1.3.1 (schema 7) and v1.4.4 (schema 8) shipped with, upgraded. */
class FixtureMigrationTest {
    @TempDir
    Path dir;

    @Test
    void inspectsTheFixturesWithoutChangingThem() throws Exception {
        Path original = SharedFixtures.require("fixtures/cc-backend/v1.3.1/job.db");
        byte[] before = Files.readAllBytes(original);

        DbInspection v131 = DatabaseInspector.inspect(Driver.SQLITE3, original.toString());
        DbInspection v144 = DatabaseInspector.inspect(Driver.SQLITE3, SharedFixtures.require("fixtures/cc-backend/v1.4.4/job.db").toString());

        assertThat(v131.version()).isEqualTo(7);
        assertThat(v131.dirty()).isFalse();
        assertThat(v131.jobs()).isEqualTo(6);
        assertThat(v131.rows()).containsEntry("job", 6L).containsKey("user");
        assertThat(v131.sizeBytes()).isEqualTo(Files.size(original));
        assertThat(v144.version()).isEqualTo(8);
        assertThat(Files.readAllBytes(original)).isEqualTo(before);
        assertThat(original.resolveSibling("job.db-wal")).doesNotExist();
        assertThat(original.resolveSibling("job.db-shm")).doesNotExist();
    }

    @Test
    void aMissingDatabaseIsVersionZero() {
        DbInspection none = DatabaseInspector.inspect(Driver.SQLITE3, dir.resolve("absent.db").toString());
        assertThat(none.version()).isZero();
        assertThat(none.jobs()).isZero();
        assertThat(Files.exists(dir.resolve("absent.db"))).isFalse();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"v1.3.1, 8", "v1.3.1, 10", "v1.3.1, 11", "v1.4.4, 10", "v1.4.4, 11"})
    void upgradesTheRealDatabases(String release, int to) throws Exception {
        Path db = copyFixture(dir, release);
        Set<String> jobsBefore = rows(db, "SELECT id, job_id, cluster, start_time, duration, num_nodes FROM job");
        Set<String> tagsBefore = rows(db, "SELECT job_id, tag_id FROM jobtag");

        MigrationResult result = migrate(db, to, true);

        ObjectNode expected = expectedTables(Driver.SQLITE3, to);
        ObjectNode actual = extract(db);
        assertThat(actual).as(describe(expected, actual)).isEqualTo(expected);
        assertThat(rows(db, "SELECT id, job_id, cluster, start_time, duration, num_nodes FROM job")).isEqualTo(jobsBefore);
        assertThat(rows(db, "SELECT job_id, tag_id FROM jobtag")).isEqualTo(tagsBefore);
        assertThat(result.rowsAfter().get("job")).isEqualTo(result.rowsBefore().get("job"));
        assertThat(healthy(db)).isTrue();
        assertThat(SchemaVerifier.verify(sqlite(db), to).matches()).isTrue();
    }

    @Test
    void buildsTheFootprintFromTheOldStatColumns() throws Exception {
        Path db = copyFixture(dir, "v1.3.1");
        Set<String> stats = rows(db, "SELECT id, flops_any_avg, mem_bw_avg, mem_used_max, load_avg FROM job");

        migrate(db, 8, true);

        assertThat(rows(db, "SELECT id, json_extract(footprint, '$.flops_any_avg'), json_extract(footprint, '$.mem_bw_avg'),"
                + " json_extract(footprint, '$.mem_used_max'), json_extract(footprint, '$.cpu_load_avg') FROM job")).isEqualTo(stats);
    }
}

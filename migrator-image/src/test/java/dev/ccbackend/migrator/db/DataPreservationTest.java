package dev.ccbackend.migrator.db;

import dev.ccbackend.migrator.catalog.StateMapping;

import static dev.ccbackend.migrator.db.TestingDatabases.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What upstream loses (job tags) or might get wrong (exclusive, footprint) comes through intact. */
class DataPreservationTest {
    @TempDir
    Path dir;

    @Test
    void everyJobTagSurvivesSevenToEleven() throws Exception {
        Path db = generate(dir, 7, 5000, 0);
        Set<String> links = rows(db, "SELECT job_id, tag_id FROM jobtag");
        assertThat(links).hasSize(500);

        migrate(db, 11, true);

        assertThat(rows(db, "SELECT job_id, tag_id FROM jobtag")).isEqualTo(links);
        assertThat(healthy(db)).isTrue();
    }

    @Test
    void exclusiveBecomesSharedAsUpstreamMapsIt() throws Exception {
        Path db = generate(dir, 7, 3000, 0);
        Set<String> expected = rows(db, "SELECT id, CASE exclusive WHEN 0 THEN 'multi_user' WHEN 1 THEN 'none'"
                + " WHEN 2 THEN 'single_user' END FROM job");
        assertThat(rows(db, "SELECT DISTINCT exclusive FROM job")).containsExactly("0", "1", "2");

        migrate(db, 10, true);

        assertThat(rows(db, "SELECT id, shared FROM job")).isEqualTo(expected);
        assertThat(rows(db, "SELECT DISTINCT submit_time FROM job")).containsExactly("0");
    }

    @Test
    void footprintHasTheOptionalKeysOnlyWhereTheStatIsNotZero() throws Exception {
        Path db = generate(dir, 7, 2000, 0);
        Set<String> withNet = rows(db, "SELECT id FROM job WHERE net_bw_avg != 0");
        Set<String> fileVol = rows(db, "SELECT id, file_data_vol_total FROM job WHERE file_data_vol_total != 0");
        assertThat(withNet).isNotEmpty().hasSizeLessThan(2000);

        migrate(db, 8, true);

        assertThat(rows(db, "SELECT id FROM job WHERE json_type(footprint, '$.net_bw_avg') IS NOT NULL")).isEqualTo(withNet);
        assertThat(rows(db, "SELECT id, json_extract(footprint, '$.file_data_vol_total') FROM job"
                + " WHERE json_type(footprint, '$.file_data_vol_total') IS NOT NULL")).isEqualTo(fileVol);
        assertThat(column(db, "SELECT footprint FROM job WHERE id = 1").get(0)).startsWith("{\"flops_any_avg\":");
    }

    @Test
    void fusedAndStepByStepRunsGiveTheSameData() throws Exception {
        Path fused = generate(dir, 7, 1500, 0);
        Path stepped = dir.resolve("stepped.db");
        java.nio.file.Files.copy(fused, stepped);

        migrate(fused, 11, true);
        migrate(stepped, 11, false);

        String everything = "SELECT * FROM job ORDER BY id";
        assertThat(column(fused, everything)).isEqualTo(column(stepped, everything));
        assertThat(column(fused, "SELECT * FROM jobtag ORDER BY job_id, tag_id"))
                .isEqualTo(column(stepped, "SELECT * FROM jobtag ORDER BY job_id, tag_id"));
        assertThat(column(fused, "SELECT * FROM tag ORDER BY id")).isEqualTo(column(stepped, "SELECT * FROM tag ORDER BY id"));
    }

    @Test
    void mapsStoppedJobsWhenAsked() throws Exception {
        Path db = generate(dir, 7, 1000, 25);
        Set<String> stopped = rows(db, "SELECT id FROM job WHERE job_state = 'stopped'");
        assertThat(stopped).hasSize(25);

        MigrationResult result = DatabaseMigrator.migrate(new DatabaseMigrator.Request(sqlite(db), 11,
                StateMapping.parse(java.util.List.of("stopped=completed")), true, false));

        assertThat(result.mappedStates()).containsEntry("stopped=completed", 25L);
        assertThat(rows(db, "SELECT id FROM job WHERE job_state = 'stopped'")).isEmpty();
        assertThat(rows(db, "SELECT id FROM job WHERE job_state = 'completed'")).containsAll(stopped);
    }

    @Test
    void stoppedJobsMayStayWhileTheTargetStillAllowsThem() throws Exception {
        Path db = generate(dir, 7, 200, 3);

        migrate(db, 8, true);

        assertThat(column(db, "SELECT COUNT(*) FROM job WHERE job_state = 'stopped'")).containsExactly("3");
    }
}

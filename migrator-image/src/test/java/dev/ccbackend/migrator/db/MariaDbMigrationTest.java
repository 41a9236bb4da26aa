package dev.ccbackend.migrator.db;

import dev.ccbackend.migrator.catalog.StateMapping;

import static dev.ccbackend.migrator.db.TestingDatabases.describe;
import static dev.ccbackend.migrator.db.TestingDatabases.expectedTables;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccbackend.migrator.catalog.Driver;
import dev.ccbackend.migrator.testing.TestingMariaDb;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** MariaDB 6 → 7 → 8 and from empty, against the real server MARIADB_URL names (skipped without one). */
class MariaDbMigrationTest {

    private static DatabaseMigrator.Request request(TestingMariaDb db, int to, boolean fuse, boolean retry) {
        return new DatabaseMigrator.Request(db.target(), to, StateMapping.NONE, fuse, retry);
    }

    /** A schema-6 database with jobs in every exclusive value, tags and job tags. */
    private static void seedVersion6(TestingMariaDb db) throws Exception {
        DatabaseMigrator.migrate(request(db, 6, true, false));
        db.execute("INSERT INTO `user` (username, roles, projects) VALUES ('alice', '[\"user\"]', '[]')",
                "INSERT INTO configuration (username, confkey, value) VALUES ('alice', 'k', 'v')",
                "INSERT INTO tag (id, tag_type, tag_name) VALUES (1, 'issue', 'slow'), (2, 'app', 'vasp')",
                "INSERT INTO job (job_id, cluster, subcluster, start_time, `user`, project, `partition`, array_job_id, duration,"
                        + " walltime, job_state, resources, num_nodes, exclusive, flops_any_avg, mem_bw_avg, mem_used_max, load_avg,"
                        + " net_bw_avg, file_bw_avg) VALUES"
                        + " (1, 'fritz', 'main', 1700000000, 'alice', 'p1', 'work', 0, 60, 3600, 'completed', '[]', 1, 0, 1.5, 2.5, 3.5, 4.5, 0, 7.5),"
                        + " (2, 'fritz', 'main', 1700000100, 'alice', 'p1', 'work', 0, 60, 3600, 'stopped', '[]', 2, 1, 1, 2, 3, 4, 5, 0),"
                        + " (3, 'alex', 'a40', 1700000200, 'alice', 'p2', 'gpu', 0, 60, 3600, 'running', '[]', 1, 2, 0, 0, 0, 0, 0, 0)",
                "INSERT INTO jobtag (job_id, tag_id) VALUES (1, 1), (2, 1), (3, 2)");
    }

    @ParameterizedTest(name = "empty -> {0}")
    @ValueSource(ints = {6, 7, 8})
    void createsEveryShippedVersionFromEmpty(int version) throws Exception {
        try (TestingMariaDb db = TestingMariaDb.create()) {
            DatabaseMigrator.migrate(request(db, version, true, false));

            ObjectNode expected = expectedTables(Driver.MYSQL, version);
            ObjectNode actual = db.extract();
            assertThat(actual).as(describe(expected, actual)).isEqualTo(expected);
            assertThat(db.column("SELECT version, dirty FROM schema_migrations")).containsExactly(version + "|0");
            assertThat(SchemaVerifier.verify(db.target(), version).differences()).isEmpty();
        }
    }

    @ParameterizedTest(name = "6 -> 8, fused={0}")
    @ValueSource(booleans = {true, false})
    void upgradesSixToEightKeepingEveryRow(boolean fuse) throws Exception {
        try (TestingMariaDb db = TestingMariaDb.create()) {
            seedVersion6(db);

            MigrationResult result = DatabaseMigrator.migrate(request(db, 8, fuse, false));

            ObjectNode expected = expectedTables(Driver.MYSQL, 8);
            ObjectNode actual = db.extract();
            assertThat(actual).as(describe(expected, actual)).isEqualTo(expected);
            assertThat(result.steps()).hasSize(fuse ? 1 : 2);
            assertThat(db.column("SELECT version, dirty FROM schema_migrations")).containsExactly("8|0");
            assertThat(db.column("SELECT job_id, tag_id FROM jobtag ORDER BY job_id")).containsExactly("1|1", "2|1", "3|2");
            assertThat(db.column("SELECT hpc_user, cluster_partition, exclusive, job_state FROM job ORDER BY id"))
                    .containsExactly("alice|work|0|completed", "alice|work|1|stopped", "alice|gpu|2|running");
            assertThat(db.column("SELECT JSON_KEYS(footprint) FROM job ORDER BY id")).containsExactly(
                    "[\"flops_any_avg\", \"mem_bw_avg\", \"mem_used_max\", \"cpu_load_avg\", \"file_bw_avg\"]",
                    "[\"flops_any_avg\", \"mem_bw_avg\", \"mem_used_max\", \"cpu_load_avg\", \"net_bw_avg\"]",
                    "[\"flops_any_avg\", \"mem_bw_avg\", \"mem_used_max\", \"cpu_load_avg\"]");
            assertThat(db.column("SELECT JSON_VALUE(footprint, '$.cpu_load_avg') FROM job WHERE id = 1")).containsExactly("4.5");
            assertThat(db.column("SELECT tag_scope FROM tag ORDER BY id")).containsExactly("global", "global");
            assertThat(db.column("SELECT username FROM hpc_user")).containsExactly("alice");
        }
    }

    @Test
    void aFailedStepIsDirtyAndARetryConverges() throws Exception {
        try (TestingMariaDb db = TestingMariaDb.create()) {
            seedVersion6(db);
            DatabaseMigrator.migrate(request(db, 7, true, false));

            assertThatThrownBy(() -> DatabaseMigrator.migrate(request(db, 8, true, false), (c, from, to) -> {
                throw new IllegalStateException("injected failure after step " + to + "'s DDL");
            })).hasMessageContainingAll("failed part-way", "dirty", "--retry-dirty", "snapshot");
            assertThat(db.column("SELECT version, dirty FROM schema_migrations")).containsExactly("8|1");

            assertThatThrownBy(() -> DatabaseMigrator.migrate(request(db, 8, true, false))).hasMessageContaining("dirty");

            MigrationResult retry = DatabaseMigrator.migrate(request(db, 8, true, true));
            assertThat(retry.from()).isEqualTo(7);
            ObjectNode expected = expectedTables(Driver.MYSQL, 8);
            ObjectNode actual = db.extract();
            assertThat(actual).as(describe(expected, actual)).isEqualTo(expected);
            assertThat(db.column("SELECT version, dirty FROM schema_migrations")).containsExactly("8|0");
            assertThat(db.column("SELECT COUNT(*) FROM jobtag")).containsExactly("3");
            assertThat(db.column("SELECT COUNT(*) FROM job WHERE footprint IS NOT NULL")).containsExactly("3");
        }
    }

    @Test
    void inspectsVersionAndCounts() throws Exception {
        try (TestingMariaDb db = TestingMariaDb.create()) {
            assertThat(DatabaseInspector.inspect(db.target()).version()).isZero();
            seedVersion6(db);
            DbInspection inspection = DatabaseInspector.inspect(db.target());
            assertThat(inspection.version()).isEqualTo(6);
            assertThat(inspection.jobs()).isEqualTo(3);
            assertThat(inspection.stoppedJobs()).isEqualTo(1);
            assertThat(inspection.sizeBytes()).isNull();
            assertThat(inspection.rows()).containsEntry("jobtag", 3L);
        }
    }

    @Test
    void refusesValuesStepEightCannotHold() throws Exception {
        try (TestingMariaDb db = TestingMariaDb.create()) {
            seedVersion6(db);
            db.execute("UPDATE job SET project = REPEAT('p', 60) WHERE id = 2");

            assertThatThrownBy(() -> DatabaseMigrator.migrate(request(db, 8, true, false)))
                    .hasMessageContainingAll("1 jobs", "longer than 50 characters", "nothing was changed");
            assertThat(db.column("SELECT version, dirty FROM schema_migrations")).containsExactly("6|0");
            assertThat(db.column("SELECT COUNT(*) FROM information_schema.columns WHERE table_schema = DATABASE()"
                    + " AND table_name = 'job' AND column_name = 'footprint'")).containsExactly("0");
        }
    }

    @Test
    void refusesTargetsBeyondEight() throws Exception {
        try (TestingMariaDb db = TestingMariaDb.create()) {
            seedVersion6(db);
            assertThatThrownBy(() -> DatabaseMigrator.migrate(request(db, 11, true, false)))
                    .hasMessageContaining("db convert");
            assertThat(db.column("SELECT version FROM schema_migrations")).isEqualTo(List.of("6"));
        }
    }

    @Test
    void aMissingDatabaseIsRefusedSayingToCreateIt() throws Exception {
        try (TestingMariaDb db = TestingMariaDb.create()) {
            DbTarget absent = DbTarget.parse(Driver.MYSQL, db.goSqlDsn() + "_absent");

            assertThatThrownBy(() -> DatabaseMigrator.migrate(new DatabaseMigrator.Request(absent, 8, StateMapping.NONE, true, false)))
                    .isInstanceOf(MigrationRefusedException.class)
                    .hasMessageContainingAll("does not exist", "CREATE DATABASE", "nothing was changed");
        }
    }
}

package dev.ccbackend.migrator.db.convert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ccbackend.migrator.catalog.Driver;
import dev.ccbackend.migrator.db.DatabaseInspector;
import dev.ccbackend.migrator.db.DbTarget;
import dev.ccbackend.migrator.db.SchemaComparison;
import dev.ccbackend.migrator.db.SchemaExtractor;
import dev.ccbackend.migrator.testing.SharedFixtures;
import dev.ccbackend.migrator.testing.TestingCli;
import dev.ccbackend.migrator.testing.TestingMariaDb;
import dev.ccbackend.migrator.util.Json;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cc-migrator db convert} against a real MariaDB server (MARIADB_URL); skipped without one. */
class DbConvertMariaDbTest {
    /** Per table: the MariaDB columns and the SQLite columns that must hold the same values. */
    private static final Map<String, String[]> COMPARED = new LinkedHashMap<>();

    static {
        String jobColumns = "id, job_id, cluster, subcluster, start_time, hpc_user, project, cluster_partition, array_job_id,"
                + " duration, walltime, job_state, meta_data, resources, num_nodes, num_hwthreads, num_acc, smt, exclusive,"
                + " monitoring_status, energy, energy_footprint, footprint";
        String utc = "DATE_FORMAT(insert_time, '%Y-%m-%d %H:%i:%s')";
        COMPARED.put("hpc_user", new String[]{"username, password, ldap, name, roles, email, projects", "username, password, ldap, name, roles, email, projects"});
        COMPARED.put("configuration", new String[]{"username, confkey, value", "username, confkey, value"});
        COMPARED.put("tag", new String[]{"id, tag_type, tag_name, " + utc + ", tag_scope", "id, tag_type, tag_name, insert_ts, tag_scope"});
        COMPARED.put("job", new String[]{jobColumns, jobColumns});
        COMPARED.put("jobtag", new String[]{"job_id, tag_id, " + utc, "job_id, tag_id, insert_ts"});
    }

    @TempDir
    Path dir;

    @Test
    void copiesEveryRowWithItsIdsAndVerifiesChecksumsWithoutTouchingTheSource() throws Exception {
        try (TestingMariaDb db = filledSchema8()) {
            Map<String, String> sourceBefore = sourceChecksums(db);
            Path target = dir.resolve("job.db");

            TestingCli run = convert(db.goSqlDsn(), target, "--batch-size", "64");

            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.err()).as("progress goes to the err writer the caller gave")
                    .contains("convert: copy job: 0/" + TestingCcBackendRows.JOBS).contains("convert: create indexes:");
            JsonNode summary = run.json();
            assertThat(perTable(summary, "rows")).containsExactly(
                    Map.entry("hpc_user", "4"), Map.entry("configuration", "5"), Map.entry("tag", "4"),
                    Map.entry("job", String.valueOf(TestingCcBackendRows.JOBS)),
                    Map.entry("jobtag", String.valueOf(TestingCcBackendRows.JOBTAGS)));
            assertThat(perTable(summary, "checksum")).isEqualTo(sourceBefore);
            assertThat(sourceChecksums(db)).as("MariaDB is unchanged").isEqualTo(sourceBefore);
            assertThat(summary.get("targetVersion").asInt()).isEqualTo(8);
            assertThat(Files.list(dir).map(p -> p.getFileName().toString())).containsExactly("job.db");

            try (Connection maria = utcSession(db); Connection sqlite = sqlite(target)) {
                for (Map.Entry<String, String[]> t : COMPARED.entrySet()) {
                    assertThat(rows(sqlite, "SELECT " + t.getValue()[1] + " FROM \"" + t.getKey() + "\""))
                            .as("rows of %s", t.getKey())
                            .isEqualTo(rows(maria, "SELECT " + t.getValue()[0] + " FROM `" + t.getKey() + "`"));
                }
                assertThat(rows(sqlite, "SELECT version, dirty FROM schema_migrations")).containsExactly("8|0");
                assertThat(rows(sqlite, "SELECT * FROM pragma_foreign_key_check")).isEmpty();
                assertThat(rows(sqlite, "PRAGMA integrity_check")).containsExactly("ok");
                assertThat(rows(sqlite, "SELECT DISTINCT job_state FROM job")).containsExactlyInAnyOrder(TestingCcBackendRows.STATES);
                assertThat(rows(sqlite, "SELECT insert_ts FROM tag WHERE id = 3")).containsExactly("2023-06-01 10:00:00");
                assertThat(rows(sqlite, "SELECT typeof(energy), typeof(smt), typeof(meta_data) FROM job WHERE id = 3"))
                        .containsExactly("real|integer|text");
            }
        }
    }

    @Test
    void resultMatchesTheSharedSchema8AndMigratesTo11KeepingEveryJobTag() throws Exception {
        Path shared = SharedFixtures.require("db-schemas/sqlite3-v8.json");
        try (TestingMariaDb db = filledSchema8()) {
            Path target = dir.resolve("job.db");
            assertThat(convert(db.goSqlDsn(), target).exitCode()).isZero();
            List<String> sourcePairs;
            try (Connection maria = db.connect()) {
                sourcePairs = rows(maria, "SELECT job_id, tag_id FROM jobtag");
            }
            try (Connection sqlite = sqlite(target)) {
                JsonNode expected = Json.MAPPER.readTree(shared.toFile()).get("tables");
                assertThat(SchemaComparison.differences(expected, SchemaExtractor.extract(sqlite, Driver.SQLITE3))).isEmpty();
            }
            TestingCli verify = TestingCli.run("db", "verify", "--driver", "sqlite3", "--db", target.toString(), "--version", "8");
            assertThat(verify.exitCode()).as(verify.out() + verify.err()).isZero();

            TestingCli migrate = TestingCli.run("db", "migrate", "--driver", "sqlite3", "--db", target.toString(),
                    "--to-version", "11", "--map-state", "stopped=completed");

            assertThat(migrate.exitCode()).as(migrate.err()).isZero();
            try (Connection sqlite = sqlite(target)) {
                assertThat(rows(sqlite, "SELECT job_id, tag_id FROM jobtag")).hasSize(TestingCcBackendRows.JOBTAGS).isEqualTo(sourcePairs);
                assertThat(rows(sqlite, "SELECT COUNT(*) FROM job")).containsExactly(String.valueOf(TestingCcBackendRows.JOBS));
                assertThat(rows(sqlite, "SELECT version, dirty FROM schema_migrations")).containsExactly("11|0");
            }
        }
    }

    @Test
    void theSourceSessionCannotWrite() throws Exception {
        try (TestingMariaDb db = TestingMariaDb.create().migrateTo(8);
             SourceReader reader = SourceReader.connect(DbTarget.parse(Driver.MYSQL, db.goSqlDsn()));
             Statement st = reader.connection().createStatement()) {
            assertThatThrownBy(() -> st.execute("INSERT INTO tag (tag_type, tag_name) VALUES ('x', 'y')"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("READ ONLY");
        }
    }

    @Test
    void refusesAnExistingTargetAndLeavesItAlone() throws Exception {
        try (TestingMariaDb db = filledSchema8()) {
            Path target = Files.writeString(dir.resolve("job.db"), "cc-backend's live database");
            TestingCli run = convert(db.goSqlDsn(), target);
            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.errorLine()).contains("already exists").contains("choose another --to");
            assertThat(Files.readString(target)).isEqualTo("cc-backend's live database");
        }
    }

    @Test
    void refusesADirtySource() throws Exception {
        try (TestingMariaDb db = filledSchema8()) {
            db.execute("UPDATE schema_migrations SET dirty = 1");
            assertRefusedWithoutWriting(convert(db.goSqlDsn(), dir.resolve("job.db")), "is dirty at version 8");
        }
    }

    @Test
    void refusesASourceWithoutSchemaVersion() throws Exception {
        try (TestingMariaDb db = filledSchema8()) {
            db.execute("DELETE FROM schema_migrations");
            assertRefusedWithoutWriting(convert(db.goSqlDsn(), dir.resolve("job.db")), "has no cc-backend schema version");
        }
    }

    @Test
    void refusesAnUnreachableSource() {
        assertRefusedWithoutWriting(convert("ccm:ccm@tcp(127.0.0.1:1)/nothing", dir.resolve("job.db")), "cannot connect to MariaDB");
    }

    @Test
    void migratesAnOlderSourceOnlyOnRequest() throws Exception {
        try (TestingMariaDb db = TestingMariaDb.create().migrateTo(7)) {
            db.execute("INSERT INTO user (username, roles) VALUES ('alice', '[\"user\"]')",
                    "INSERT INTO tag (id, tag_type, tag_name) VALUES (5, 'app', 'vasp')",
                    "INSERT INTO job (id, job_id, cluster, subcluster, start_time, user, project, job_state, resources, num_nodes)"
                            + " VALUES (42, 1001, 'emmy', 'main', 1700000000, 'alice', 'p1', 'completed', '[]', 1)",
                    "INSERT INTO jobtag (job_id, tag_id) VALUES (42, 5)");

            assertRefusedWithoutWriting(convert(db.goSqlDsn(), dir.resolve("job.db")), "rerun with --migrate-source");
            assertThat(DatabaseInspector.inspect(Driver.MYSQL, db.goSqlDsn()).version()).as("still at 7").isEqualTo(7);

            Path target = dir.resolve("job.db");
            TestingCli run = convert(db.goSqlDsn(), target, "--migrate-source");

            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.json().get("sourceMigratedFrom").asInt()).isEqualTo(7);
            try (Connection sqlite = sqlite(target)) {
                assertThat(rows(sqlite, "SELECT j.id, j.hpc_user, t.tag_name FROM jobtag jt JOIN job j ON j.id = jt.job_id JOIN tag t ON t.id = jt.tag_id"))
                        .containsExactly("42|alice|vasp");
            }
        }
    }

    @Test
    void nullsInColumnsSqliteRequiresAreRefusedUnlessMappedToEmptyText() throws Exception {
        try (TestingMariaDb db = filledSchema8()) {
            db.execute("UPDATE job SET subcluster = NULL WHERE id IN (3, 6)");
            assertRefusedWithoutWriting(convert(db.goSqlDsn(), dir.resolve("job.db")), "{subcluster=2}");

            Path target = dir.resolve("job.db");
            TestingCli run = convert(db.goSqlDsn(), target, "--null-as-empty");

            assertThat(run.exitCode()).as(run.err()).isZero();
            try (Connection sqlite = sqlite(target)) {
                assertThat(rows(sqlite, "SELECT id FROM job WHERE subcluster = '' ORDER BY id")).containsExactly("3", "6");
            }
        }
    }

    @Test
    void aCopyThatFailsHalfwayLeavesNothingBehind() throws Exception {
        try (TestingMariaDb db = filledSchema8()) {
            // MariaDB's UNIQUE (job_id, cluster, start_time) lets NULL clusters repeat; as '' in SQLite they collide.
            db.execute("INSERT INTO job (id, job_id, cluster, subcluster, start_time, hpc_user, project, job_state, resources, num_nodes)"
                    + " VALUES (5000, 77, NULL, 'main', 1700000000, 'bob', 'p', 'completed', '[]', 1),"
                    + " (5001, 77, NULL, 'main', 1700000000, 'bob', 'p', 'completed', '[]', 1)");
            TestingCli run = convert(db.goSqlDsn(), dir.resolve("job.db"), "--null-as-empty");
            assertRefusedWithoutWriting(run, "copying table job");
            assertThat(run.errorLine()).contains("UNIQUE").contains("the MariaDB database is unchanged");
        }
    }

    @Test
    void onlyMysqlIsASourceDriver() {
        TestingCli run = TestingCli.run("db", "convert", "--from-driver", "sqlite3", "--from", "x.db", "--to", dir.resolve("y.db").toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errorLine()).contains("--from-driver must be mysql");
    }

    private TestingCli convert(String from, Path target, String... extra) {
        List<String> args = new ArrayList<>(List.of("db", "convert", "--from-driver", "mysql", "--from", from, "--to", target.toString()));
        args.addAll(List.of(extra));
        return TestingCli.run(args.toArray(String[]::new));
    }

    private void assertRefusedWithoutWriting(TestingCli run, String reason) {
        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(1);
        assertThat(run.errorLine()).contains(reason);
        assertThat(run.out()).isEmpty();
        try (var files = Files.list(dir)) {
            assertThat(files).as("nothing written").isEmpty();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private static TestingMariaDb filledSchema8() throws SQLException {
        TestingMariaDb db = TestingMariaDb.create().migrateTo(8);
        try (Connection c = db.connect()) {
            TestingCcBackendRows.fill(c);
        }
        return db;
    }

    /** Checksums of the source tables, computed the way the converter reads them but in a separate pass. */
    private static Map<String, String> sourceChecksums(TestingMariaDb db) throws SQLException {
        Map<String, String> sums = new LinkedHashMap<>();
        Path scratch = null;
        try (Connection maria = utcSession(db)) {
            scratch = Files.createTempFile("schema8", ".db");
            Files.delete(scratch);
            assertThat(TestingCli.run("db", "migrate", "--driver", "sqlite3", "--db", scratch.toString(), "--to-version", "8", "--create").exitCode()).isZero();
            try (Connection sqlite = sqlite(scratch)) {
                for (TableMapping t : SchemaMapper.map(SchemaMapper.readSource(maria), SchemaMapper.readTarget(sqlite), false)) {
                    sums.put(t.name(), TableChecksum.ofMariaDb(maria, t).hex());
                }
            }
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        } finally {
            if (scratch != null) {
                scratch.toFile().delete();
            }
        }
        return sums;
    }

    private static Map<String, String> perTable(JsonNode summary, String field) {
        Map<String, String> values = new LinkedHashMap<>();
        summary.get("tables").forEach(t -> values.put(t.get("table").asText(), t.get(field).asText()));
        return values;
    }

    private static Connection utcSession(TestingMariaDb db) throws SQLException {
        Connection c = db.connect();
        try (Statement st = c.createStatement()) {
            st.execute("SET time_zone = '+00:00'");
        }
        return c;
    }

    private static Connection sqlite(Path file) throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + file);
    }

    /** Rows as "a|b|c" strings, sorted; numbers compared by value (MariaDB's 0 equals SQLite's 0.0). */
    private static List<String> rows(Connection c, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> values = new ArrayList<>();
                for (int i = 1; i <= n; i++) {
                    Object v = rs.getObject(i);
                    values.add(v == null ? "∅" : v instanceof Number num
                            ? new BigDecimal(num.toString()).stripTrailingZeros().toPlainString() : v.toString());
                }
                rows.add(String.join("|", values));
            }
        }
        return rows.stream().sorted().collect(Collectors.toList());
    }
}

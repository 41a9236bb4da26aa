package dev.ccbackend.operator.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ccbackend.migrator.catalog.Driver;
import dev.ccbackend.migrator.catalog.ReleaseCatalog;
import dev.ccbackend.migrator.cli.CcMigrator;
import dev.ccbackend.migrator.db.DatabaseInspector;
import dev.ccbackend.migrator.util.Json;
import dev.ccbackend.operator.api.ClaimPath;
import dev.ccbackend.operator.api.DatabaseDriver;
import dev.ccbackend.operator.api.Phase;
import dev.ccbackend.operator.api.RollbackPolicy;
import dev.ccbackend.operator.api.SecretKey;
import dev.ccbackend.operator.demo.CcBackendStartupCheck;
import dev.ccbackend.operator.demo.ClaimStore;
import dev.ccbackend.operator.demo.DemoInstallation;
import dev.ccbackend.operator.demo.Faults;
import dev.ccbackend.operator.demo.InProcessMigrationRunner;
import dev.ccbackend.operator.steps.MigratorConfigConversion;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 7, the operator's side: a v1.4.4 site on MariaDB (schema 8) is upgraded to v1.5.4 by
 * converting MariaDB into a new SQLite file on the claim, migrating that to schema 11 and pointing
 * the config at it. Runs the real cc-migrator in-process against the MariaDB {@code MARIADB_URL} names.
 */
class MariaDbConversionFlowTest {
    private static final int JOBS = 40;
    private static final String DSN_SECRET = "cc-backend-db";

    @TempDir
    Path work;
    private String server;
    private String database;

    @AfterEach
    void dropDatabase() throws Exception {
        if (database != null) {
            try (Connection c = DriverManager.getConnection(server); Statement st = c.createStatement()) {
                st.execute("DROP DATABASE IF EXISTS `" + database + "`");
            }
        }
    }

    @Test
    void convertsMariaDbToSqliteAndUpgradesToV154() throws Exception {
        String dsn = schema8MariaDbWithJobs();
        try (OperatorHarness h = upgrading(dsn, Faults.none(), RollbackPolicy.Manual)) {
            Path claim = h.cluster.claims().claim(DemoInstallation.CLAIM);
            var s = h.awaitTerminal(Duration.ofMinutes(3)).getStatus();

            assertThat(s.phase).as(Json.pretty(s)).isEqualTo(Phase.Succeeded);
            assertThat(s.step(Phase.Snapshotting).orElseThrow().message).contains("MariaDB is only read by the conversion and needs no snapshot");
            assertThat(s.step(Phase.MigratingDatabase).orElseThrow().message).contains("MariaDB converted to SQLite")
                    .contains("to 11");
            Path sqlite = claim.resolve("job.db");
            var after = DatabaseInspector.inspect(Driver.SQLITE3, sqlite.toString());
            assertThat(after.version()).isEqualTo(11);
            assertThat(after.dirty()).isFalse();
            assertThat(rows("jdbc:sqlite:" + sqlite, "SELECT id || ':' || job_id FROM job ORDER BY id"))
                    .isEqualTo(rows(jdbc(database), "SELECT CONCAT(id, ':', job_id) FROM job ORDER BY id")).hasSize(JOBS);
            assertThat(rows("jdbc:sqlite:" + sqlite, "SELECT job_id || '-' || tag_id FROM jobtag ORDER BY job_id, tag_id"))
                    .isEqualTo(rows(jdbc(database), "SELECT CONCAT(job_id, '-', tag_id) FROM jobtag ORDER BY job_id, tag_id"))
                    .hasSize(JOBS + JOBS / 2);
            assertThat(rows(jdbc(database), "SELECT version FROM schema_migrations")).as("MariaDB was only read")
                    .containsExactly("8");

            String newConfig = h.cluster.client().configMaps().inNamespace(DemoInstallation.NAMESPACE)
                    .withName(s.newConfigMap).get().getData().get("config.json");
            // v1.5 knows only SQLite: no db-driver, the db is the converted file where cc-backend mounts the claim.
            assertThat(Json.MAPPER.readTree(newConfig).at("/main/db").asText()).isEqualTo("/app/var/job.db");
            assertThat(newConfig).doesNotContain("mysql").doesNotContain(dsn);
            var deployment = h.cluster.client().apps().deployments().inNamespace(DemoInstallation.NAMESPACE)
                    .withName(DemoInstallation.DEPLOYMENT).get();
            assertThat(deployment.getSpec().getTemplate().getSpec().getVolumes())
                    .anySatisfy(v -> assertThat(v.getConfigMap() == null ? null : v.getConfigMap().getName())
                            .isEqualTo(s.newConfigMap));
            var dbJob = h.cluster.client().batch().v1().jobs().inNamespace(DemoInstallation.NAMESPACE).list().getItems()
                    .stream().filter(j -> j.getMetadata().getName().contains("-dbconvert-")).findFirst().orElseThrow();
            var container = dbJob.getSpec().getTemplate().getSpec().getContainers().get(0);
            assertThat(container.getArgs()).contains("env:CC_DB_DSN").noneMatch(a -> a.contains("ccm"));
            assertThat(container.getEnv()).singleElement().satisfies(e ->
                    assertThat(e.getValueFrom().getSecretKeyRef().getName()).isEqualTo(DSN_SECRET));
        }
    }

    @Test
    void aFailureAfterTheConversionRollsBackToMariaDb() throws Exception {
        String dsn = schema8MariaDbWithJobs();
        try (OperatorHarness h = upgrading(dsn, Faults.at(Faults.Step.archive), RollbackPolicy.Automatic)) {
            var s = h.awaitTerminal(Duration.ofMinutes(3)).getStatus();

            assertThat(s.phase).as(s.message).isEqualTo(Phase.RolledBack);
            assertThat(s.step(Phase.MigratingDatabase).orElseThrow().message).contains("MariaDB converted to SQLite");
            var pod = h.cluster.client().apps().deployments().inNamespace(DemoInstallation.NAMESPACE)
                    .withName(DemoInstallation.DEPLOYMENT).get().getSpec().getTemplate().getSpec();
            assertThat(pod.getContainers().get(0).getImage()).isEqualTo(DemoInstallation.REPOSITORY + ":v1.4.4");
            assertThat(pod.getVolumes()).anySatisfy(v -> assertThat(v.getConfigMap() == null ? null : v.getConfigMap().getName())
                    .as("the old config, which names MariaDB").isEqualTo(DemoInstallation.CONFIG_MAP));
            assertThat(rows(jdbc(database), "SELECT COUNT(*) FROM job")).containsExactly(String.valueOf(JOBS));
            assertThat(rows(jdbc(database), "SELECT version FROM schema_migrations")).containsExactly("8");
        }
    }

    /** A v1.4.4 Deployment on MariaDB {@code dsn} with a CcBackendUpgrade to v1.5.4 converting it to SQLite. */
    private OperatorHarness upgrading(String dsn, Faults faults, RollbackPolicy rollback) throws Exception {
        var v144 = ReleaseCatalog.find("v1.4.4").orElseThrow();
        String config = """
                {"addr": "0.0.0.0:8080", "archive": {"kind": "file", "path": "./var/job-archive"},
                 "db-driver": "mysql", "db": "%s", "jwts": {"max-age": "2000h"}}
                """.formatted(dsn);
        // The new release only starts on the converted SQLite file at its schema; v1.4.4 runs on MariaDB.
        CcBackendStartupCheck v15 = new CcBackendStartupCheck(new ClaimStore(work));
        OperatorHarness h = new OperatorHarness(work, new InProcessMigrationRunner(), new MigratorConfigConversion(),
                pod -> !pod.getSpec().getContainers().get(0).getImage().endsWith(":v1.5.4") || v15.test(pod), faults);
        try {
            createSite(h, dsn, config, v144.archiveVersion(), rollback);
            return h;
        } catch (Exception | AssertionError e) {
            h.close();
            throw e;
        }
    }

    private static void createSite(OperatorHarness h, String dsn, String config, int archiveVersion, RollbackPolicy rollback)
            throws Exception {
        Path claim = h.cluster.claims().claim(DemoInstallation.CLAIM);
        Files.createDirectories(claim.resolve("job-archive"));
        Files.writeString(claim.resolve("job-archive/version.txt"), archiveVersion + "\n");
        h.cluster.client().secrets().inNamespace(DemoInstallation.NAMESPACE).resource(new SecretBuilder()
                .withNewMetadata().withName(DSN_SECRET).withNamespace(DemoInstallation.NAMESPACE).endMetadata()
                .withStringData(Map.of("dsn", dsn)).build()).create();
        h.cluster.install("v1.4.4", config);
        h.awaitCcBackendRunning();
        var cr = DemoInstallation.upgrade("v1.5.4", rollback);
        cr.getSpec().database.driver = DatabaseDriver.MYSQL;
        cr.getSpec().database.sqlite = null;
        cr.getSpec().database.mysql = new SecretKey();
        cr.getSpec().database.mysql.secretName = DSN_SECRET;
        cr.getSpec().database.convertToSqlite = new ClaimPath(DemoInstallation.CLAIM, "job.db");
        h.cluster.client().resource(cr).create();
    }

    /** A fresh MariaDB database at schema 8 (made by cc-migrator) with jobs, tags and job tags. */
    private String schema8MariaDbWithJobs() throws Exception {
        server = System.getenv("MARIADB_URL");
        assumeTrue(server != null && !server.isBlank(),
                "skipped: MARIADB_URL is not set (e.g. jdbc:mariadb://127.0.0.1:3307/?user=ccm&password=ccm)");
        database = "ccm_op_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(server); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE `" + database + "` CHARACTER SET utf8mb4");
        }
        URI uri = URI.create(server.substring("jdbc:".length()));
        Map<String, String> q = new java.util.HashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            q.put(kv[0], kv[1]);
        }
        String dsn = q.get("user") + ":" + q.get("password") + "@tcp(" + uri.getHost() + ":" + uri.getPort() + ")/" + database;
        StringWriter err = new StringWriter();
        int code = CcMigrator.execute(new PrintWriter(new StringWriter()), new PrintWriter(err),
                "db", "migrate", "--driver", "mysql", "--db", dsn, "--to-version", "8", "--create");
        assertThat(code).as(err.toString()).isZero();
        try (Connection c = DriverManager.getConnection(jdbc(database)); Statement st = c.createStatement()) {
            st.execute("INSERT INTO tag (id, tag_type, tag_name) VALUES (1, 'app', 'vasp'), (2, 'app', 'gromacs'), (3, 'issue', 'slow')");
            for (int i = 1; i <= JOBS; i++) {
                st.execute("INSERT INTO job (id, job_id, cluster, subcluster, start_time, hpc_user, project, job_state,"
                        + " resources, num_nodes) VALUES (" + i + ", " + (1000 + i) + ", 'fritz', 'main', " + (1700000000 + i)
                        + ", 'user" + (i % 3) + "', 'proj', 'completed', '[{\"hostname\":\"f" + i + "\"}]', 1)");
                st.execute("INSERT INTO jobtag (job_id, tag_id) VALUES (" + i + ", " + (1 + i % 2) + ")");
                if (i % 2 == 0) {
                    st.execute("INSERT INTO jobtag (job_id, tag_id) VALUES (" + i + ", 3)");
                }
            }
        }
        return dsn;
    }

    private String jdbc(String db) {
        URI uri = URI.create(server.substring("jdbc:".length()));
        return "jdbc:mariadb://" + uri.getHost() + ":" + uri.getPort() + "/" + db + "?" + uri.getRawQuery();
    }

    private static List<String> rows(String url, String sql) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}

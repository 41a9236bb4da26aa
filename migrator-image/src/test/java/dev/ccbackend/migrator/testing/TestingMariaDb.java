package dev.ccbackend.migrator.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccbackend.migrator.catalog.Driver;
import dev.ccbackend.migrator.db.DbTarget;
import dev.ccbackend.migrator.db.SchemaExtractor;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A throw-away database on the MariaDB server {@code MARIADB_URL} names
 * (e.g. {@code jdbc:mariadb://127.0.0.1:3307/?user=ccm&password=ccm}): created with a unique name,
 * dropped on close. Tests skip with a message when the variable is unset.
 */
public final class TestingMariaDb implements AutoCloseable {
    private final String serverUrl;
    private final String name;

    private TestingMariaDb(String serverUrl, String name) {
        this.serverUrl = serverUrl;
        this.name = name;
    }

    public static TestingMariaDb create() throws SQLException {
        String url = System.getenv("MARIADB_URL");
        assumeTrue(url != null && !url.isBlank(),
                "skipped: MARIADB_URL is not set and Docker for Testcontainers is absent (CI starts MariaDB with .ci/start-mariadb)");
        String name = "ccm_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE `" + name + "` CHARACTER SET utf8mb4"); // what a site with non-ASCII names has
        }
        return new TestingMariaDb(url, name);
    }

    public String name() {
        return name;
    }

    /** A JDBC URL of this database, with the server's credentials. */
    public String jdbcUrl() {
        URI server = URI.create(serverUrl.substring("jdbc:".length()));
        return "jdbc:mariadb://" + server.getHost() + ":" + server.getPort() + "/" + name
                + (server.getRawQuery() == null ? "" : "?" + server.getRawQuery());
    }

    /** The same database in cc-backend's DSN form, user:pass@tcp(host:port)/db. */
    public String goSqlDsn() {
        URI server = URI.create(serverUrl.substring("jdbc:".length()));
        String user = "";
        String pass = "";
        for (String pair : server.getRawQuery() == null ? new String[0] : server.getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            if (kv[0].equals("user")) {
                user = kv[1];
            } else if (kv[0].equals("password")) {
                pass = kv[1];
            }
        }
        return user + ":" + pass + "@tcp(" + server.getHost() + ":" + server.getPort() + ")/" + name;
    }

    /** This database as the db engine addresses it. */
    public DbTarget target() {
        return DbTarget.parse(Driver.MYSQL, jdbcUrl());
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl());
    }

    /** Creates cc-backend's schema {@code version} with {@code db migrate}, as a real install would have it. */
    public TestingMariaDb migrateTo(int version) {
        TestingCli run = TestingCli.run("db", "migrate", "--driver", "mysql", "--db", goSqlDsn(), "--to-version", String.valueOf(version), "--create");
        assertThat(run.exitCode()).as("db migrate to %d: %s", version, run.err()).isZero();
        return this;
    }

    public void execute(String... statements) throws SQLException {
        try (Connection c = connect(); Statement st = c.createStatement()) {
            for (String sql : statements) {
                st.execute(sql);
            }
        }
    }

    /** Each row of {@code sql} as "a|b|c", in the order the query returns them. */
    public List<String> column(String sql) throws SQLException {
        try (Connection c = connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            List<String> rows = new ArrayList<>();
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> cells = new ArrayList<>();
                for (int i = 1; i <= n; i++) {
                    cells.add(rs.getString(i));
                }
                rows.add(String.join("|", cells));
            }
            return rows;
        }
    }

    /** The live schema, in the form of the shared reference JSON's {@code tables}. */
    public ObjectNode extract() throws SQLException {
        try (Connection c = connect()) {
            return SchemaExtractor.extract(c, Driver.MYSQL);
        }
    }

    @Override
    public void close() throws SQLException {
        try (Connection c = DriverManager.getConnection(serverUrl); Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS `" + name + "`");
        }
    }
}

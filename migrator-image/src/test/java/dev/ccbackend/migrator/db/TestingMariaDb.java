package dev.ccbackend.migrator.db;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ccbackend.migrator.catalog.Driver;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** A uniquely named database on the MariaDB server MARIADB_URL names; dropped on close. */
final class TestingMariaDb implements AutoCloseable {
    private final String serverUrl;
    final String name;
    final DbTarget target;

    private TestingMariaDb(String serverUrl) throws SQLException {
        this.serverUrl = serverUrl;
        this.name = "ccm_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        try (Connection c = DriverManager.getConnection(serverUrl); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        this.target = DbTarget.parse(Driver.MYSQL, withDatabase(serverUrl, name));
    }

    /** Skips the calling test with a message when no server is configured. */
    static TestingMariaDb create() throws SQLException {
        String url = System.getenv("MARIADB_URL");
        assumeTrue(url != null && !url.isBlank(), "skipped: MARIADB_URL is not set (CI starts MariaDB with .ci/start-mariadb)");
        return new TestingMariaDb(url);
    }

    /** {@code jdbc:mariadb://host:port/?user=…} → {@code jdbc:mariadb://host:port/DB?user=…}. */
    static String withDatabase(String url, String db) {
        int query = url.indexOf('?');
        String base = query < 0 ? url : url.substring(0, query);
        String params = query < 0 ? "" : url.substring(query);
        int slash = base.indexOf('/', "jdbc:mariadb://".length());
        String hostPart = slash < 0 ? base : base.substring(0, slash);
        return hostPart + "/" + db + params;
    }

    void exec(String... sql) throws SQLException {
        try (Connection c = target.openForMigration(); Statement s = c.createStatement()) {
            for (String q : sql) {
                s.execute(q);
            }
        }
    }

    List<String> column(String sql) throws SQLException {
        try (Connection c = target.openForMigration(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            List<String> out = new ArrayList<>();
            while (rs.next()) {
                List<String> cells = new ArrayList<>();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    cells.add(rs.getString(i));
                }
                out.add(String.join("|", cells));
            }
            return out;
        }
    }

    com.fasterxml.jackson.databind.node.ObjectNode extract() throws SQLException {
        try (Connection c = target.openForMigration()) {
            return SchemaExtractor.extract(c, Driver.MYSQL);
        }
    }

    @Override
    public void close() throws SQLException {
        try (Connection c = DriverManager.getConnection(serverUrl); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name);
        }
    }
}

package dev.ccbackend.migrator.db.convert;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ccbackend.migrator.cli.CcMigrator;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * A throw-away MariaDB database on the server named by {@code MARIADB_URL}
 * (e.g. {@code jdbc:mariadb://127.0.0.1:3307/?user=ccm&password=ccm}); tests skip when it is unset.
 * Created with a unique name, dropped on close.
 */
final class TestingMariaDb implements AutoCloseable {
    private final String serverUrl;
    final String name;

    private TestingMariaDb(String serverUrl, String name) {
        this.serverUrl = serverUrl;
        this.name = name;
    }

    static TestingMariaDb create() throws SQLException {
        String url = System.getenv("MARIADB_URL");
        Assumptions.assumeTrue(url != null && !url.isBlank(),
                "MARIADB_URL is not set (and Docker for Testcontainers is absent): skipping MariaDB conversion tests");
        String name = "ccm_convert_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE `" + name + "` CHARACTER SET utf8mb4"); // what a site with non-ASCII names has
        }
        return new TestingMariaDb(url, name);
    }

    /** A JDBC URL of this database, with the server's credentials. */
    String jdbcUrl() {
        URI server = URI.create(serverUrl.substring("jdbc:".length()));
        return "jdbc:mariadb://" + server.getHost() + ":" + server.getPort() + "/" + name
                + (server.getRawQuery() == null ? "" : "?" + server.getRawQuery());
    }

    /** The same database in cc-backend's DSN form, user:pass@tcp(host:port)/db. */
    String goSqlDsn() {
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

    Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl());
    }

    /** Creates cc-backend's schema {@code version} with the db engine, as a real install would have it. */
    TestingMariaDb migrateTo(int version) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int rc = CcMigrator.execute(new PrintWriter(out), new PrintWriter(err), "db", "migrate", "--driver", "mysql",
                "--db", goSqlDsn(), "--to-version", String.valueOf(version));
        assertThat(rc).as("db migrate to %d: %s", version, err).isZero();
        return this;
    }

    void execute(String... statements) throws SQLException {
        try (Connection c = connect(); Statement st = c.createStatement()) {
            for (String sql : statements) {
                st.execute(sql);
            }
        }
    }

    @Override
    public void close() throws SQLException {
        try (Connection c = DriverManager.getConnection(serverUrl); Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS `" + name + "`");
        }
    }
}

package dev.ccbackend.migrator.db.convert;

import dev.ccbackend.migrator.cli.CcMigrator;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The new SQLite file. Its schema comes from {@code cc-migrator db migrate --to-version 8}, the
 * same path a fresh install takes, so it equals schema 8 exactly. For the bulk load the explicit
 * indexes are dropped and rebuilt afterwards from their own CREATE statements (one sort per index
 * instead of 70+ B-tree inserts per row), and journaling is off: the file is new and a failed
 * conversion deletes it, so there is nothing a journal could protect.
 */
final class SqliteTarget implements AutoCloseable {
    private final Connection connection;
    private final List<String> indexDefinitions = new ArrayList<>();
    private String journalMode;

    private SqliteTarget(Connection connection) {
        this.connection = connection;
    }

    static SqliteTarget create(Path file) throws SQLException {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int rc = CcMigrator.execute(new PrintWriter(out, true), new PrintWriter(err, true),
                "db", "migrate", "--driver", "sqlite3", "--db", file.toString(), "--to-version", "8", "--create");
        if (rc != 0) {
            throw new ConversionException("cannot create the SQLite schema-8 database " + file + ": "
                    + err.toString().strip().replaceFirst("^error: ", ""));
        }
        return new SqliteTarget(DriverManager.getConnection("jdbc:sqlite:" + file));
    }

    Connection connection() {
        return connection;
    }

    int indexCount() {
        return indexDefinitions.size();
    }

    void prepareBulkLoad() throws SQLException {
        try (Statement st = connection.createStatement()) {
            journalMode = queryString(st, "PRAGMA journal_mode");
            st.execute("PRAGMA journal_mode = OFF");
            st.execute("PRAGMA synchronous = OFF");
            st.execute("PRAGMA locking_mode = EXCLUSIVE");
            st.execute("PRAGMA foreign_keys = OFF"); // checked once at the end instead of per row
            st.execute("PRAGMA cache_size = -65536"); // 64 MiB, native: job's UNIQUE index fills in random order
            List<String> names = new ArrayList<>();
            try (ResultSet rs = st.executeQuery(
                    "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY rowid")) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                    indexDefinitions.add(rs.getString(2));
                }
            }
            for (String name : names) {
                st.execute("DROP INDEX \"" + name + "\"");
            }
        }
        connection.setAutoCommit(false);
    }

    void commit() throws SQLException {
        connection.commit();
    }

    /** Rebuilds the indexes dropped by {@link #prepareBulkLoad()}; calls back after each. */
    void createIndexes(Runnable afterEach) throws SQLException {
        try (Statement st = connection.createStatement()) {
            // A small cache makes each index sort run in cache-sized runs merged from temp files:
            // measured ~30 % less CPU than one large in-memory sort (helper threads only added CPU on 2 cores).
            st.execute("PRAGMA cache_size = -2048");
            for (String sql : indexDefinitions) {
                st.execute(sql);
                afterEach.run();
            }
        }
        connection.commit();
    }

    /** Rows that point at a missing parent, as "table → parent (n rows)". */
    List<String> foreignKeyViolations() throws SQLException {
        List<String> violations = new ArrayList<>();
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT \"table\", parent, COUNT(*) FROM pragma_foreign_key_check GROUP BY 1, 2")) {
            while (rs.next()) {
                violations.add(rs.getString(1) + " → " + rs.getString(2) + " (" + rs.getLong(3) + " rows)");
            }
        }
        return violations;
    }

    /** Back to the journal mode the schema was created with, so cc-backend finds an ordinary database. */
    void finish() throws SQLException {
        connection.commit();
        connection.setAutoCommit(true);
        try (Statement st = connection.createStatement()) {
            st.execute("PRAGMA locking_mode = NORMAL");
            st.execute("PRAGMA journal_mode = " + (journalMode == null || journalMode.equalsIgnoreCase("off") ? "DELETE" : journalMode));
            st.execute("PRAGMA synchronous = FULL");
            st.execute("PRAGMA foreign_keys = ON");
        }
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }

    private static String queryString(Statement st, String sql) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }
}

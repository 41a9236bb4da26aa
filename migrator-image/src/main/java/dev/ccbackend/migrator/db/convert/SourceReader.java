package dev.ccbackend.migrator.db.convert;

import dev.ccbackend.migrator.db.DbTarget;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The MariaDB side: one connection whose session is read-only (the server itself rejects any
 * write) and which reads every table inside one consistent snapshot, streaming rows instead of
 * buffering result sets.
 */
final class SourceReader implements AutoCloseable {
    private final Connection connection;

    @FunctionalInterface
    interface RowSink {
        void accept(Object[] row) throws SQLException;
    }

    /** Rows of a table and, per column that SQLite declares NOT NULL but MariaDB does not, its NULLs. */
    record Census(long rows, Map<String, Long> nullsInNotNullColumns) {
    }

    private SourceReader(Connection connection) {
        this.connection = connection;
    }

    static SourceReader connect(DbTarget source) {
        Properties props = new Properties();
        props.setProperty("connectTimeout", "10000");
        Connection c;
        try {
            c = DriverManager.getConnection(source.jdbcUrl(), props);
        } catch (SQLException e) {
            throw new ConversionException("cannot connect to MariaDB at " + source.displayName() + " (" + firstLine(e)
                    + "): check --from and that the server is running and reachable", e);
        }
        try (Statement st = c.createStatement()) {
            // Timestamps as UTC text, exactly what SQLite's CURRENT_TIMESTAMP stores.
            st.execute("SET SESSION time_zone = '+00:00'");
            // Writing 1M rows into SQLite between fetches must not make the server drop the stream.
            st.execute("SET SESSION net_write_timeout = 3600");
            st.execute("SET SESSION TRANSACTION ISOLATION LEVEL REPEATABLE READ");
            st.execute("SET SESSION TRANSACTION READ ONLY");
            return new SourceReader(c);
        } catch (SQLException e) {
            closeQuietly(c);
            throw new ConversionException("cannot prepare a read-only session on " + source.displayName() + ": " + firstLine(e)
                    + " (check that the user in --from may read this database)", e);
        }
    }

    Connection connection() {
        return connection;
    }

    /** From here on every read sees the same data, even if something else writes meanwhile. */
    void beginSnapshot() throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute("START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY");
        }
    }

    Census census(TableMapping table) throws SQLException {
        List<ColumnMapping> checked = table.columns().stream().filter(ColumnMapping::nullableIntoNotNull).toList();
        StringBuilder sql = new StringBuilder("SELECT COUNT(*)");
        checked.forEach(c -> sql.append(", COALESCE(SUM(`").append(c.source()).append("` IS NULL), 0)"));
        sql.append(" FROM `").append(table.name()).append('`');
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql.toString())) {
            rs.next();
            Map<String, Long> nulls = new LinkedHashMap<>();
            for (int i = 0; i < checked.size(); i++) {
                long n = rs.getLong(i + 2);
                if (n > 0) {
                    nulls.put(checked.get(i).source(), n);
                }
            }
            return new Census(rs.getLong(1), nulls);
        }
    }

    /** Streams the table in key order; at most about {@code fetchSize} rows are held in memory. */
    void stream(TableMapping table, int fetchSize, RowSink sink) throws SQLException {
        List<ColumnMapping> columns = new ArrayList<>(table.columns());
        Object[] row = new Object[columns.size()];
        try (Statement st = connection.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
            st.setFetchSize(fetchSize); // mariadb-java-client streams the result set when a fetch size is set
            try (ResultSet rs = st.executeQuery(table.sourceSelect())) {
                while (rs.next()) {
                    for (int i = 0; i < row.length; i++) {
                        row[i] = value(rs, i + 1, columns.get(i));
                    }
                    sink.accept(row);
                }
            }
        }
    }

    /** A source value in the storage class SQLite will hold it in. */
    static Object value(ResultSet rs, int index, ColumnMapping column) throws SQLException {
        switch (column.kind()) {
            case INTEGER -> {
                long v = rs.getLong(index);
                return rs.wasNull() ? null : v;
            }
            case REAL -> {
                double v = rs.getDouble(index);
                return rs.wasNull() ? null : v;
            }
            default -> {
                String v = rs.getString(index);
                return v == null && column.emptyForNull() ? "" : v;
            }
        }
    }

    @Override
    public void close() {
        try (Statement st = connection.createStatement()) {
            st.execute("COMMIT"); // ends the read-only snapshot; there is nothing to write
        } catch (SQLException ignored) {
            // the connection is going away anyway
        }
        closeQuietly(connection);
    }

    static String firstLine(Throwable e) {
        String m = e.getMessage() == null ? e.toString() : e.getMessage();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // nothing left to release
        }
    }
}

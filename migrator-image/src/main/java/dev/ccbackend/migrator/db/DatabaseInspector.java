package dev.ccbackend.migrator.db;

import dev.ccbackend.migrator.catalog.Driver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads a database's version and size without changing it. */
public final class DatabaseInspector {
    private DatabaseInspector() {
    }

    /**
     * @param driver the cc-backend driver
     * @param dsn    what cc-backend's config accepts: a SQLite path, a go-sql-driver DSN, or env:VAR
     */
    public static DbInspection inspect(Driver driver, String dsn) {
        return inspect(DbTarget.parse(driver, dsn));
    }

    public static DbInspection inspect(DbTarget target) {
        Driver driver = target.driver();
        if (driver == Driver.SQLITE3 && (!Files.exists(target.sqlitePath()) || sizeOf(target.sqlitePath()) == 0)) {
            return new DbInspection(driver.configName(), 0, false, 0, 0, sqliteSize(target.sqlitePath()), Map.of());
        }
        try (Connection c = target.openForReading()) {
            SchemaMigrationsTable.State state = SchemaMigrationsTable.read(c);
            Map<String, Long> rows = rowCounts(c, driver);
            long stopped = rows.containsKey("job") ? stoppedJobs(c) : 0;
            return new DbInspection(driver.configName(), state.version(), state.dirty(), rows.getOrDefault("job", 0L),
                    stopped, driver == Driver.SQLITE3 ? sqliteSize(target.sqlitePath()) : null, rows);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read " + target.displayName() + ": " + e.getMessage()
                    + " (check the path or DSN and that the database is reachable)", e);
        }
    }

    /** Rows per cc-backend table (bookkeeping tables left out). */
    static Map<String, Long> rowCounts(Connection c, Driver driver) throws SQLException {
        Map<String, Long> rows = new LinkedHashMap<>();
        for (String table : tables(c, driver)) {
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + quote(driver, table))) {
                rs.next();
                rows.put(table, rs.getLong(1));
            }
        }
        return rows;
    }

    static long stoppedJobs(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM job WHERE job_state = 'stopped'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static List<String> tables(Connection c, Driver driver) throws SQLException {
        if (driver == Driver.SQLITE3) {
            return SchemaExtractor.sqliteTables(c);
        }
        List<String> tables = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE()"
                        + " AND table_type = 'BASE TABLE' ORDER BY table_name")) {
            while (rs.next()) {
                if (!SchemaExtractor.isBookkeeping(rs.getString(1))) {
                    tables.add(rs.getString(1));
                }
            }
        }
        return tables;
    }

    static String quote(Driver driver, String identifier) {
        return driver == Driver.SQLITE3 ? "\"" + identifier + "\"" : "`" + identifier + "`";
    }

    /** The database file plus its -wal and -shm, which belong to it. */
    static long sqliteSize(Path db) {
        return sizeOf(db) + sizeOf(Path.of(db + "-wal")) + sizeOf(Path.of(db + "-shm"));
    }

    private static long sizeOf(Path p) {
        try {
            return Files.exists(p) ? Files.size(p) : 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

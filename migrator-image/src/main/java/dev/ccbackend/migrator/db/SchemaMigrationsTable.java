package dev.ccbackend.migrator.db;

import dev.ccbackend.migrator.catalog.Driver;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * golang-migrate's bookkeeping, which cc-backend checks at startup: one row
 * {@code schema_migrations(version, dirty)}. No table or no row means version 0.
 */
public final class SchemaMigrationsTable {
    public static final String NAME = "schema_migrations";

    /** What the row says. */
    public record State(int version, boolean dirty) {
    }

    private SchemaMigrationsTable() {
    }

    public static State read(Connection c) throws SQLException {
        if (!tableExists(c, NAME)) {
            return new State(0, false);
        }
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT version, dirty FROM " + NAME + " ORDER BY version DESC LIMIT 1")) {
            return rs.next() ? new State(rs.getInt(1), rs.getBoolean(2)) : new State(0, false);
        }
    }

    /** Replaces the row, creating the table the way golang-migrate does when it is missing. */
    public static void write(Connection c, Driver driver, int version, boolean dirty) throws SQLException {
        try (Statement s = c.createStatement()) {
            if (driver == Driver.SQLITE3) {
                s.execute("CREATE TABLE IF NOT EXISTS " + NAME + " (version uint64, dirty bool)");
                s.execute("CREATE UNIQUE INDEX IF NOT EXISTS version_unique ON " + NAME + " (version)");
            } else {
                s.execute("CREATE TABLE IF NOT EXISTS " + NAME + " (version bigint NOT NULL PRIMARY KEY, dirty boolean NOT NULL)");
            }
            s.execute("DELETE FROM " + NAME);
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + NAME + " (version, dirty) VALUES (?, ?)")) {
            ps.setInt(1, version);
            ps.setBoolean(2, dirty);
            ps.executeUpdate();
        }
    }

    static boolean tableExists(Connection c, String table) throws SQLException {
        DatabaseMetaData meta = c.getMetaData();
        try (ResultSet rs = meta.getTables(c.getCatalog(), null, table, new String[]{"TABLE"})) {
            while (rs.next()) {
                if (rs.getString("TABLE_NAME").equalsIgnoreCase(table)) {
                    return true;
                }
            }
        }
        return false;
    }
}

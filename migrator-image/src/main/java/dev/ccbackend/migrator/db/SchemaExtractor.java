package dev.ccbackend.migrator.db;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccbackend.migrator.catalog.Driver;
import dev.ccbackend.migrator.util.Json;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a live schema into the normalized JSON of {@code ../shared/db-schemas} (the same PRAGMA and
 * information_schema queries), so live and expected schemas compare field by field. Bookkeeping
 * tables ({@code schema_migrations}, Flyway's, SQLite's own) are left out.
 */
public final class SchemaExtractor {
    private SchemaExtractor() {
    }

    /** {@code {tableName: {columns, indexes, foreign_keys}}}. */
    public static ObjectNode extract(Connection c, Driver driver) throws SQLException {
        return driver == Driver.SQLITE3 ? sqlite(c) : mysql(c);
    }

    static boolean isBookkeeping(String table) {
        String t = table.toLowerCase();
        return t.equals("schema_migrations") || t.startsWith("flyway") || t.startsWith("sqlite_");
    }

    static List<String> sqliteTables(Connection c) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")) {
            while (rs.next()) {
                if (!isBookkeeping(rs.getString(1))) {
                    tables.add(rs.getString(1));
                }
            }
        }
        return tables;
    }

    private static ObjectNode sqlite(Connection c) throws SQLException {
        ObjectNode tables = Json.MAPPER.createObjectNode();
        for (String table : sqliteTables(c)) {
            tables.set(table, sqliteTable(c, table));
        }
        return tables;
    }

    static ObjectNode sqliteTable(Connection c, String table) throws SQLException {
        ObjectNode node = Json.MAPPER.createObjectNode();
        ArrayNode columns = node.putArray("columns");
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA table_info(\"" + table + "\")")) {
            while (rs.next()) {
                ObjectNode col = columns.addObject();
                col.put("name", rs.getString("name"));
                col.put("type", rs.getString("type").toUpperCase());
                col.put("notnull", rs.getInt("notnull"));
                col.put("default", rs.getString("dflt_value"));
                col.put("pk", rs.getInt("pk"));
            }
        }
        ObjectNode indexes = node.putObject("indexes");
        List<String[]> list = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA index_list(\"" + table + "\")")) {
            while (rs.next()) {
                list.add(new String[]{rs.getString("name"), rs.getString("unique"), rs.getString("origin"), rs.getString("partial")});
            }
        }
        for (String[] idx : list) {
            List<String> cols = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA index_info(\"" + idx[0] + "\")")) {
                while (rs.next()) {
                    cols.add(rs.getString("name"));
                }
            }
            String origin = idx[2];
            String key = origin.equals("c") ? idx[0] : "<" + origin + ":" + String.join(",", cols) + ">";
            ObjectNode i = indexes.putObject(key);
            cols.forEach(i.putArray("columns")::add);
            i.put("unique", Integer.parseInt(idx[1]));
            i.put("origin", origin);
            i.put("where", "1".equals(idx[3]) ? partialWhere(c, idx[0]) : null);
        }
        ArrayNode fks = node.putArray("foreign_keys");
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA foreign_key_list(\"" + table + "\")")) {
            while (rs.next()) {
                ObjectNode fk = fks.addObject();
                fk.put("column", rs.getString("from"));
                fk.put("table", rs.getString("table"));
                fk.put("to", rs.getString("to"));
                fk.put("on_delete", rs.getString("on_delete"));
            }
        }
        return node;
    }

    private static String partialWhere(Connection c, String index) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?")) {
            ps.setString(1, index);
            try (ResultSet rs = ps.executeQuery()) {
                String sql = rs.next() ? rs.getString(1) : "";
                int at = sql.indexOf(" WHERE ");
                return at < 0 ? null : sql.substring(at + " WHERE ".length());
            }
        }
    }

    private static ObjectNode mysql(Connection c) throws SQLException {
        ObjectNode tables = Json.MAPPER.createObjectNode();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE()"
                        + " AND table_type = 'BASE TABLE' ORDER BY table_name")) {
            while (rs.next()) {
                if (!isBookkeeping(rs.getString(1))) {
                    ObjectNode t = tables.putObject(rs.getString(1));
                    t.putArray("columns");
                    t.putObject("indexes");
                    t.putArray("foreign_keys");
                }
            }
        }
        query(c, "SELECT table_name, column_name, column_type, is_nullable, column_default, extra, column_key"
                + " FROM information_schema.columns WHERE table_schema = DATABASE() ORDER BY table_name, ordinal_position", rs -> {
            ObjectNode t = (ObjectNode) tables.get(rs.getString(1));
            if (t == null) return;
            ObjectNode col = ((ArrayNode) t.get("columns")).addObject();
            col.put("name", rs.getString(2));
            col.put("type", rs.getString(3));
            col.put("nullable", rs.getString(4));
            col.put("default", rs.getString(5) == null ? "NULL" : rs.getString(5));
            col.put("extra", rs.getString(6));
            col.put("key", rs.getString(7));
        });
        query(c, "SELECT table_name, index_name, column_name, non_unique FROM information_schema.statistics"
                + " WHERE table_schema = DATABASE() ORDER BY table_name, index_name, seq_in_index", rs -> {
            ObjectNode t = (ObjectNode) tables.get(rs.getString(1));
            if (t == null) return;
            ObjectNode indexes = (ObjectNode) t.get("indexes");
            ObjectNode idx = indexes.has(rs.getString(2)) ? (ObjectNode) indexes.get(rs.getString(2)) : indexes.putObject(rs.getString(2));
            if (!idx.has("columns")) {
                idx.putArray("columns");
                idx.put("unique", rs.getInt(4) == 0 ? 1 : 0);
            }
            ((ArrayNode) idx.get("columns")).add(rs.getString(3));
        });
        query(c, "SELECT table_name, column_name, referenced_table_name, referenced_column_name"
                + " FROM information_schema.key_column_usage WHERE table_schema = DATABASE()"
                + " AND referenced_table_name IS NOT NULL ORDER BY table_name, column_name", rs -> {
            ObjectNode t = (ObjectNode) tables.get(rs.getString(1));
            if (t == null) return;
            ObjectNode fk = ((ArrayNode) t.get("foreign_keys")).addObject();
            fk.put("column", rs.getString(2));
            fk.put("table", rs.getString(3));
            fk.put("to", rs.getString(4));
        });
        return tables;
    }

    private interface RowHandler {
        void row(ResultSet rs) throws SQLException;
    }

    private static void query(Connection c, String sql, RowHandler handler) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                handler.row(rs);
            }
        }
    }
}

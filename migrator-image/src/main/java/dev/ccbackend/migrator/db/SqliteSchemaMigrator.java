package dev.ccbackend.migrator.db;

import dev.ccbackend.migrator.catalog.StateMapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccbackend.migrator.catalog.Driver;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Brings a SQLite database from one schema version to another inside the caller's transaction.
 * It compares each table with the target's and rebuilds only what differs, once, so a fused
 * 7→11 run rebuilds {@code job} a single time and creates only the final indexes. Needs a
 * connection opened with foreign keys OFF (see {@link DbTarget#sqliteMigrationDataSource()}).
 */
final class SqliteSchemaMigrator {
    /** Tables whose row count must come out unchanged. */
    private static final List<String> KEPT_TABLES = List.of("job", "tag", "jobtag", "user", "hpc_user", "configuration");

    private final Connection c;
    private final StateMapping states;

    SqliteSchemaMigrator(Connection c, StateMapping states) {
        this.c = c;
        this.states = states;
    }

    void migrate(int from, int to) throws SQLException {
        TargetSchema target = TargetSchema.of(Driver.SQLITE3, to);
        if (from == 0) {
            target.create(c);
            return;
        }
        long rowsBefore = keptRows();
        long fkViolationsBefore = foreignKeyViolations();
        if (from < 8 && to >= 8 && exists("user") && !exists("hpc_user")) {
            // Step 8 renames the table; SQLite rewrites configuration's REFERENCES clause with it.
            exec("ALTER TABLE \"user\" RENAME TO hpc_user");
        }
        ObjectNode expected = target.expectedJson(null);
        for (String table : target.tables().keySet()) {
            if (!exists(table)) {
                exec(target.tables().get(table));
            } else if (!sameShape(expected.get(table), SchemaExtractor.sqliteTable(c, table))) {
                rebuild(target, table, to >= 9);
            }
        }
        syncIndexes(target);
        long rowsAfter = keptRows();
        if (rowsAfter != rowsBefore) {
            throw new SQLException("row count changed from " + rowsBefore + " to " + rowsAfter + "; rolled back, nothing changed");
        }
        long fkViolationsAfter = foreignKeyViolations();
        if (fkViolationsAfter > fkViolationsBefore) {
            throw new SQLException("foreign key check found " + fkViolationsAfter + " violations (before: "
                    + fkViolationsBefore + "); rolled back, nothing changed");
        }
    }

    /** Columns, foreign keys and constraint (automatic) indexes: what only a rebuild can change. */
    private static boolean sameShape(JsonNode expected, JsonNode live) {
        return expected.get("columns").equals(live.get("columns"))
                && new HashSet<>(toList(expected.get("foreign_keys"))).equals(new HashSet<>(toList(live.get("foreign_keys"))))
                && constraintIndexes(expected).equals(constraintIndexes(live));
    }

    private static Map<String, JsonNode> constraintIndexes(JsonNode table) {
        Map<String, JsonNode> out = new HashMap<>();
        table.get("indexes").fields().forEachRemaining(e -> {
            if (e.getKey().startsWith("<")) {
                out.put(e.getKey(), e.getValue());
            }
        });
        return out;
    }

    private static List<JsonNode> toList(JsonNode array) {
        List<JsonNode> list = new ArrayList<>();
        array.forEach(list::add);
        return list;
    }

    /** The classic SQLite table rebuild: new table, copy, drop, rename. Indexes are created afterwards. */
    private void rebuild(TargetSchema target, String table, boolean newStates) throws SQLException {
        String scratch = table + "__ccm_new";
        exec("DROP TABLE IF EXISTS \"" + scratch + "\"");
        exec(target.createTableAs(table, "\"" + scratch + "\""));
        Set<String> live = columns(table);
        List<String> into = new ArrayList<>();
        List<String> select = new ArrayList<>();
        for (String column : columns(scratch)) {
            String expr = table.equals("job") ? JobColumnMapping.expression(column, live, newStates, states)
                    : live.contains(column) ? JobColumnMapping.quoted(column) : null;
            if (expr != null) {
                into.add(JobColumnMapping.quoted(column));
                select.add(expr);
            }
        }
        exec("INSERT INTO \"" + scratch + "\" (" + String.join(", ", into) + ") SELECT " + String.join(", ", select)
                + " FROM \"" + table + "\" ORDER BY rowid");
        exec("DROP TABLE \"" + table + "\"");
        exec("ALTER TABLE \"" + scratch + "\" RENAME TO \"" + table + "\"");
    }

    /** Drops named indexes the target does not have (or has differently) and creates the missing ones. */
    private void syncIndexes(TargetSchema target) throws SQLException {
        Map<String, String> wanted = target.indexes();
        Map<String, String> existing = new HashMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL")) {
            while (rs.next()) {
                // Only indexes of cc-backend's tables: golang-migrate's version_unique and anything else stay.
                if (target.tables().containsKey(rs.getString(2))) {
                    existing.put(rs.getString(1), rs.getString(3));
                }
            }
        }
        for (Map.Entry<String, String> e : existing.entrySet()) {
            String want = wanted.get(e.getKey());
            if (want == null || !normalize(want).equals(normalize(e.getValue()))) {
                exec("DROP INDEX \"" + e.getKey() + "\"");
            }
        }
        for (Map.Entry<String, String> e : wanted.entrySet()) {
            String have = existing.get(e.getKey());
            if (have == null || !normalize(have).equals(normalize(e.getValue()))) {
                exec(e.getValue());
            }
        }
    }

    private static String normalize(String sql) {
        return sql.replaceAll("\\s+", " ").replace("\"", "").replace(" IF NOT EXISTS", "").replace("( ", "(").replace(" )", ")").trim();
    }

    private long keptRows() throws SQLException {
        long total = 0;
        for (String table : KEPT_TABLES) {
            if (exists(table)) {
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM \"" + table + "\"")) {
                    rs.next();
                    total += rs.getLong(1);
                }
            }
        }
        return total;
    }

    private long foreignKeyViolations() throws SQLException {
        long n = 0;
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA foreign_key_check")) {
            while (rs.next()) {
                n++;
            }
        }
        return n;
    }

    private boolean exists(String table) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '" + table.replace("'", "''") + "'")) {
            return rs.next();
        }
    }

    private Set<String> columns(String table) throws SQLException {
        Set<String> cols = new LinkedHashSet<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA table_info(\"" + table + "\")")) {
            while (rs.next()) {
                cols.add(rs.getString("name"));
            }
        }
        return cols;
    }

    private void exec(String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}

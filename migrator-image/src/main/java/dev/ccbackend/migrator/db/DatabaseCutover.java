package dev.ccbackend.migrator.db;

import dev.ccbackend.migrator.catalog.Driver;
import dev.ccbackend.migrator.catalog.StateMapping;
import dev.ccbackend.migrator.util.FileOwnership;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code db cutover}, with cc-backend stopped: every row inserted, updated or deleted in the live
 * database since {@link DatabasePrepare} took its base copy is applied to the prepared database
 * through the same column mapping the full migration uses, in one transaction; then the checks of a
 * migration (row counts equal the live database's, no new foreign-key violations, the schema is the
 * target's) and the switch: the live file is kept as {@code <db>.v<from>-<time>}, the prepared one
 * takes its name. Rolling back is renaming back.
 */
public final class DatabaseCutover {
    /**
     * @param backup  where the database as cc-backend left it is kept
     * @param changed per table, the rows that differed from the base and were applied
     */
    public record Result(String database, String backup, int from, int to, Map<String, Long> changed, long durationMs) {
    }

    /** A table cc-backend writes, by its name at the target and before it, and the columns that identify a row. */
    private record Table(List<String> names, List<String> key) {
    }

    private static final List<Table> TABLES = List.of(
            new Table(List.of("job"), List.of("id")),
            new Table(List.of("tag"), List.of("id")),
            new Table(List.of("jobtag"), List.of("job_id", "tag_id")),
            new Table(List.of("hpc_user", "user"), List.of("username")),
            new Table(List.of("configuration"), List.of("username", "confkey")));

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private DatabaseCutover() {
    }

    public static Path switchFile(Path db) {
        return db.resolveSibling(db.getFileName() + ".cc-migrator-switch");
    }

    /** Whether another process (cc-backend) still holds the database: the cutover's first check, then let go again. */
    public static boolean heldByAnotherProcess(DbTarget live) {
        try {
            if ("wal".equalsIgnoreCase(SqliteFileChecks.claimForMigration(live))) {
                SqliteFileChecks.restoreWal(live);
            }
            return false;
        } catch (DatabaseInUseException e) {
            return true;
        }
    }

    public static Result cutover(DbTarget live, Path prepared, Clock clock) {
        long start = System.nanoTime();
        if (live.driver() != Driver.SQLITE3) {
            throw new MigrationRefusedException("an online cutover needs a SQLite database; nothing was changed");
        }
        Path db = live.sqlitePath();
        Path output = prepared.toAbsolutePath().normalize();
        if (Files.exists(switchFile(db))) {
            return finishSwitch(db, output, start); // a cutover killed between its two renames
        }
        DatabasePrepare.Record record = DatabasePrepare.Record.read(output);
        if (!record.source().equals(db.toString())) {
            throw new MigrationRefusedException(output + " was prepared from " + record.source() + ", not " + db
                    + "; nothing was changed");
        }
        DbTarget target = DbTarget.parse(Driver.SQLITE3, output.toString());
        SqliteFileChecks.checkWritable(db);
        SqliteFileChecks.restoreInterruptedWal(live);
        String journalMode = SqliteFileChecks.claimForMigration(live); // refuses while cc-backend holds the file
        Map<String, Long> changed;
        try {
            changed = apply(target, db, Path.of(record.base()), record);
            check(target, live, record.to());
        } finally {
            if ("wal".equalsIgnoreCase(journalMode)) {
                SqliteFileChecks.restoreWal(live); // the kept original stays as cc-backend had it
            }
        }
        String backup = db.getFileName() + ".v" + record.from() + "-" + STAMP.format(clock.instant());
        try {
            setWal(target);
            FileOwnership.copy(db, output);
            Files.writeString(switchFile(db), backup + "\n");
            Files.move(db, db.resolveSibling(backup), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new MigrationRefusedException("cannot keep " + db + " as " + backup + " (" + e.getMessage() + "); the database"
                    + " was not changed; run the cutover again", e);
        }
        finishSwitch(db, output, start);
        return new Result(db.toString(), db.resolveSibling(backup).toString(), record.from(), record.to(), changed,
                (System.nanoTime() - start) / 1_000_000);
    }

    /** The second rename, and the cleanup; also what a rerun does after a kill between the renames. */
    private static Result finishSwitch(Path db, Path output, long start) {
        try {
            String backup = Files.readString(switchFile(db)).strip();
            DatabasePrepare.Record record = DatabasePrepare.Record.read(output);
            if (Files.exists(output)) {
                Files.move(output, db, StandardCopyOption.ATOMIC_MOVE);
            }
            DatabasePrepare.deleteQuietly(Path.of(record.base()));
            Files.deleteIfExists(DatabasePrepare.Record.file(output));
            Files.deleteIfExists(switchFile(db));
            return new Result(db.toString(), db.resolveSibling(backup).toString(), record.from(), record.to(), Map.of(),
                    (System.nanoTime() - start) / 1_000_000);
        } catch (IOException e) {
            throw new MigrationRefusedException("the switch to " + output + " did not finish (" + e.getMessage() + "): run the"
                    + " cutover again; the original database is kept as named in " + switchFile(db), e);
        }
    }

    /** Applies the changes in one transaction: a failure or a kill leaves the prepared file as it was. */
    private static Map<String, Long> apply(DbTarget target, Path db, Path base, DatabasePrepare.Record record) {
        Map<String, Long> changed = new LinkedHashMap<>();
        StateMapping states = StateMapping.parse(record.mapState());
        try (Connection c = target.sqliteMigrationDataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("ATTACH DATABASE '" + sqlString(db) + "' AS live");
            s.execute("ATTACH DATABASE '" + sqlString(base) + "' AS base");
            c.setAutoCommit(false);
            for (Table table : TABLES) {
                String to = existing(c, "main", table.names());
                String from = existing(c, "live", table.names());
                if (to != null && from != null) {
                    changed.put(to, applyTable(c, table, to, from, record.to() >= 9, states));
                }
            }
            c.commit();
            return changed;
        } catch (SQLException e) {
            throw new MigrationRefusedException("applying the changes since the prepare failed and was rolled back ("
                    + e.getMessage() + "); the database was not changed: fix the cause and run the cutover again, or"
                    + " start cc-backend again and prepare anew", e);
        }
    }

    /** Rows that differ between the live table and the base (inserted, updated, deleted) are replaced by their live mapping. */
    private static long applyTable(Connection c, Table table, String to, String from, boolean newStates, StateMapping states)
            throws SQLException {
        String key = String.join(", ", table.key().stream().map(JobColumnMapping::quoted).toList());
        String keyTuple = table.key().size() == 1 ? key : "(" + key + ")";
        Set<String> live = columns(c, "live", from);
        // by key, through the primary-key index: inserted or updated, then deleted (no sort of whole tables)
        String sameKey = String.join(" AND ", table.key().stream().map(k -> "b." + JobColumnMapping.quoted(k) + " = l."
                + JobColumnMapping.quoted(k)).toList());
        String liveRow = "(" + String.join(", ", live.stream().map(col -> "l." + JobColumnMapping.quoted(col)).toList()) + ")";
        String baseRow = liveRow.replace("l.\"", "b.\"");
        String firstKey = "b." + JobColumnMapping.quoted(table.key().get(0));
        exec(c, "DROP TABLE IF EXISTS temp.ccm_changed");
        exec(c, "CREATE TEMP TABLE ccm_changed AS SELECT " + prefixed("l", table.key()) + " FROM live.\"" + from + "\" AS l"
                + " LEFT JOIN base.\"" + from + "\" AS b ON " + sameKey + " WHERE " + firstKey + " IS NULL OR " + liveRow
                + " IS NOT " + baseRow);
        exec(c, "INSERT INTO temp.ccm_changed SELECT " + prefixed("b", table.key()) + " FROM base.\"" + from + "\" AS b"
                + " WHERE NOT EXISTS (SELECT 1 FROM live.\"" + from + "\" AS l WHERE " + sameKey + ")");
        long rows = count(c, "SELECT COUNT(*) FROM temp.ccm_changed");
        if (rows > 0) {
            exec(c, "DELETE FROM main.\"" + to + "\" WHERE " + keyTuple + " IN (SELECT " + key + " FROM temp.ccm_changed)");
            List<String> into = new ArrayList<>();
            List<String> select = new ArrayList<>();
            for (String column : columns(c, "main", to)) {
                String expr = to.equals("job") ? JobColumnMapping.expression(column, live, newStates, states)
                        : live.contains(column) ? JobColumnMapping.quoted(column) : null;
                if (expr != null) {
                    into.add(JobColumnMapping.quoted(column));
                    select.add(expr);
                }
            }
            exec(c, "INSERT INTO main.\"" + to + "\" (" + String.join(", ", into) + ") SELECT " + String.join(", ", select)
                    + " FROM live.\"" + from + "\" WHERE " + keyTuple + " IN (SELECT " + key + " FROM temp.ccm_changed)"
                    + " ORDER BY rowid");
        }
        exec(c, "DROP TABLE temp.ccm_changed");
        return rows;
    }

    /** The checks of a full migration: the same row counts as the live database, no new FK violations, the target's schema. */
    private static void check(DbTarget target, DbTarget live, int to) {
        Map<String, Long> expected;
        Map<String, Long> actual;
        try (Connection l = live.openForReading(); Connection p = target.openForMigration()) {
            expected = DatabaseInspector.rowCounts(l, Driver.SQLITE3);
            actual = DatabaseInspector.rowCounts(p, Driver.SQLITE3);
            for (Table table : TABLES) {
                String from = existing(l, "main", table.names());
                String into = existing(p, "main", table.names());
                if (from != null && into != null && !expected.get(from).equals(actual.get(into))) {
                    throw new MigrationRefusedException("after applying the changes, " + into + " has " + actual.get(into)
                            + " rows where the database has " + expected.get(from) + "; the database was not changed:"
                            + " start cc-backend again and prepare anew");
                }
            }
            long violations = count(p, "SELECT COUNT(*) FROM pragma_foreign_key_check");
            long before = count(l, "SELECT COUNT(*) FROM pragma_foreign_key_check");
            if (violations > before) {
                throw new MigrationRefusedException("the prepared database has " + violations + " foreign-key violations (the"
                        + " database: " + before + "); the database was not changed: prepare anew");
            }
        } catch (SQLException e) {
            throw new MigrationRefusedException("cannot check the prepared database: " + e.getMessage()
                    + "; the database was not changed", e);
        }
        VerifyResult schema = SchemaVerifier.verify(target, to);
        if (!schema.matches()) {
            throw new MigrationRefusedException("the prepared database's schema differs from version " + to + " ("
                    + schema.differences().get(0) + "); the database was not changed: prepare anew");
        }
    }

    private static void setWal(DbTarget target) throws IOException {
        try (Connection c = target.openForMigration(); Statement s = c.createStatement()) {
            s.execute("PRAGMA journal_mode=WAL"); // as cc-backend keeps it
        } catch (SQLException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    private static String prefixed(String alias, List<String> columns) {
        return String.join(", ", columns.stream().map(col -> alias + "." + JobColumnMapping.quoted(col) + " AS "
                + JobColumnMapping.quoted(col)).toList());
    }

    private static String existing(Connection c, String schema, List<String> names) throws SQLException {
        for (String name : names) {
            if (count(c, "SELECT COUNT(*) FROM " + schema + ".sqlite_master WHERE type = 'table' AND name = '" + name + "'") > 0) {
                return name;
            }
        }
        return null;
    }

    private static Set<String> columns(Connection c, String schema, String table) throws SQLException {
        Set<String> cols = new LinkedHashSet<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA " + schema + ".table_info(\"" + table + "\")")) {
            while (rs.next()) {
                cols.add(rs.getString("name"));
            }
        }
        return cols;
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    private static void exec(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static String sqlString(Path p) {
        return p.toString().replace("'", "''");
    }
}

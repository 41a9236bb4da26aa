package dev.ccbackend.migrator.db;

import dev.ccbackend.migrator.catalog.Driver;
import dev.ccbackend.migrator.catalog.StateMapping;
import dev.ccbackend.migrator.util.Directories;
import dev.ccbackend.migrator.util.FileOwnership;
import dev.ccbackend.migrator.util.Json;
import dev.ccbackend.migrator.util.SwitchBack;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
    /** {@code rowsAfter}: the switched-in database's rows per table (empty when a rerun only finished the switch). */
    public record Result(String database, String backup, int from, int to, Map<String, Long> changed, Map<String, Long> rowsAfter,
                         long durationMs) {
    }

    /** Tables that are the migration's own bookkeeping, not cc-backend's data. */
    private static final Set<String> BOOKKEEPING = Set.of("schema_migrations", "flyway_schema_history");

    /** A table of the prepared database and where its rows come from in the live one (schema 8 renamed user). */
    private record Table(String to, String from) {
    }

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

    /**
     * Undoes a cutover ({@link SwitchBack}): refused while another process (the new cc-backend) holds the
     * database; its -wal and -shm move with it.
     */
    public static SwitchBack.Result switchBack(DbTarget live, Optional<String> kept) {
        if (live.driver() != Driver.SQLITE3) {
            throw new MigrationRefusedException("only a SQLite database is cut over, and switched back; nothing was renamed");
        }
        Path db = live.sqlitePath();
        kept.ifPresent(k -> SwitchBack.checkKept(db, k)); // before the held check, which touches the file
        if (Files.exists(db) && heldByAnotherProcess(live)) {
            throw new MigrationRefusedException(db + " is held by another process (cc-backend?): stop it, then switch back;"
                    + " nothing was renamed");
        }
        return SwitchBack.run(db, kept, switchFile(db), List.of("-wal", "-shm", "-journal"));
    }

    /** Deletes the original a cutover kept, with its -wal and -shm ({@link SwitchBack#removeKept}). */
    public static SwitchBack.Result removeKept(DbTarget live, String kept) {
        if (live.driver() != Driver.SQLITE3) {
            throw new MigrationRefusedException("only a SQLite database is cut over and keeps an original; nothing was removed");
        }
        return SwitchBack.removeKept(live.sqlitePath(), kept, List.of("-wal", "-shm", "-journal"));
    }

    public static Result cutover(DbTarget live, Path prepared, Clock clock) {
        long start = System.nanoTime();
        if (live.driver() != Driver.SQLITE3) {
            throw new MigrationRefusedException("an online cutover needs a SQLite database; nothing was changed");
        }
        Path output = prepared.toAbsolutePath().normalize();
        try (PreparedLock lock = PreparedLock.acquire(output)) {
            return cutoverLocked(live, output, clock, start);
        }
    }

    private static Result cutoverLocked(DbTarget live, Path output, Clock clock, long start) {
        Path db = live.sqlitePath();
        if (Files.exists(switchFile(db))) {
            Optional<Result> resumed = resumeSwitch(db, output, start);
            if (resumed.isPresent()) {
                return resumed.get(); // a cutover killed between its two renames
            }
        }
        DatabasePrepare.Record record = DatabasePrepare.Record.readFor(output, db);
        DbTarget target = DbTarget.parse(Driver.SQLITE3, output.toString());
        DatabaseCatchUp.finishPending(output, record); // a catch-up killed after its snapshot: the changes are counted from the base
        SqliteFileChecks.checkWritable(db);
        SqliteFileChecks.restoreInterruptedWal(live);
        String journalMode = SqliteFileChecks.claimForMigration(live); // refuses while cc-backend holds the file
        Applied applied;
        try {
            applied = applyUntilStill(live, target, record);
        } finally {
            if ("wal".equalsIgnoreCase(journalMode)) {
                SqliteFileChecks.restoreWal(live); // the kept original stays as cc-backend had it
            }
        }
        Switch planned = new Switch(Directories.keptOriginalName(db, record.from(), clock.instant()), record.from(),
                record.to(), record.base(), output.toString());
        try {
            setWal(target);
            FileOwnership.copy(db, output);
            Files.writeString(switchFile(db), Json.compact(planned));
            Files.move(db, db.resolveSibling(planned.backup()), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new MigrationRefusedException("cannot keep " + db + " as " + planned.backup() + " (" + e.getMessage() + ");"
                    + " the database was not changed; run the cutover again", e);
        }
        finishSwitch(db, output, planned);
        return new Result(db.toString(), db.resolveSibling(planned.backup()).toString(), record.from(), record.to(),
                applied.changed(), applied.rowsAfter(), (System.nanoTime() - start) / 1_000_000);
    }

    /** What a switch is about to do, written before its first rename so that a rerun can finish it. */
    record Switch(String backup, int from, int to, String base, String prepared) {
    }

    /**
     * Applies what changed, checks, and does it again if the live database changed meanwhile (something
     * opened and wrote it after the claim): the apply is idempotent, it replaces every row that differs from the base.
     */
    private record Applied(Map<String, Long> changed, Map<String, Long> rowsAfter) {
    }

    private static Applied applyUntilStill(DbTarget live, DbTarget target, DatabasePrepare.Record record) {
        Path db = live.sqlitePath();
        for (int round = 1; ; round++) {
            String before = stamp(db);
            Map<String, Long> changed = apply(target, db, Path.of(record.base()), record);
            Map<String, Long> rows = check(target, live, record.to());
            if (before.equals(stamp(db))) {
                return new Applied(changed, rows);
            }
            if (round == 3) {
                throw new MigrationRefusedException(db + " kept changing during the cutover (is cc-backend, or anything else,"
                        + " still writing it?): stop it and run the cutover again; the database was not changed");
            }
        }
    }

    /** Size and mtime: in rollback-journal mode (after the claim) every commit by anyone changes them. */
    private static String stamp(Path db) {
        try {
            return Files.size(db) + "@" + Files.getLastModifiedTime(db).toMillis();
        } catch (IOException e) {
            throw new MigrationRefusedException("cannot read " + db + ": " + e.getMessage() + "; the database was not changed", e);
        }
    }

    /**
     * A switch file found at the start: finish the switch when its first rename happened (the original is at the
     * backup's name); when it did not (a kill before it), the file is stale and the cutover starts over.
     */
    private static Optional<Result> resumeSwitch(Path db, Path output, long start) {
        try {
            Switch recorded = Json.MAPPER.readValue(Files.readString(switchFile(db)), Switch.class);
            if (!Files.exists(db.resolveSibling(recorded.backup()))) {
                Files.delete(switchFile(db));
                return Optional.empty();
            }
            if (SwitchBack.stale(db, recorded.prepared(), output)) {
                throw new MigrationRefusedException(switchFile(db) + " is left from an earlier cutover (it names "
                        + recorded.backup() + ", yet " + db.getFileName() + " and the prepared copy are both in place):"
                        + " remove it, then run the cutover again; nothing was changed");
            }
            finishSwitch(db, output, recorded);
            return Optional.of(new Result(db.toString(), db.resolveSibling(recorded.backup()).toString(), recorded.from(),
                    recorded.to(), Map.of(), Map.of(), (System.nanoTime() - start) / 1_000_000));
        } catch (IOException e) {
            throw new MigrationRefusedException("cannot read " + switchFile(db) + " (" + e.getMessage() + "): a cutover was"
                    + " interrupted; see which of " + db + ", its .v<version>-<time> copy and " + output + " exist before going on", e);
        }
    }

    /** The second rename, then the cleanup, the switch file last: a rerun after any kill finds what it needs. */
    private static void finishSwitch(Path db, Path output, Switch planned) {
        try {
            if (!Files.exists(db) && Files.exists(output)) {
                Files.move(output, db, StandardCopyOption.ATOMIC_MOVE);
            }
            DatabasePrepare.deleteQuietly(Path.of(planned.base()));
            DatabasePrepare.deleteQuietly(DatabasePrepare.companions(output).toArray(Path[]::new));
            Files.deleteIfExists(DatabasePrepare.Record.file(output));
            Files.deleteIfExists(switchFile(db));
        } catch (IOException e) {
            throw new MigrationRefusedException("the switch to " + output + " did not finish (" + e.getMessage() + "): run the"
                    + " cutover again; the original database is kept as " + db.resolveSibling(planned.backup()), e);
        }
    }

    /** The keys of the rows an apply changed in the prepared database and that its base does not have yet ({@link #apply}). */
    static Path appliedOf(Path prepared) {
        return prepared.resolveSibling(prepared.getFileName() + ".applied");
    }

    /**
     * Applies, in one transaction, every row that differs between {@code db} and {@code base} to the prepared database
     * ({@code db}: the live database, or a catch-up's newer copy of it): a failure or a kill leaves the prepared file as it was.
     * <p>
     * Where the prepared database holds rows of a later state than its base (a cutover that applied and then failed,
     * after which cc-backend may have run again), the difference from the base misses a row changed back since. So the
     * keys of every row applied are committed with the rows, atomically, into {@link #appliedOf} (a rollback journal
     * spans attached files), and applied again each time until the base catches up ({@link DatabaseCatchUp}) or the
     * switch removes them: applying a row again from a newer state is always right.
     */
    static Map<String, Long> apply(DbTarget target, Path db, Path base, DatabasePrepare.Record record) {
        Map<String, Long> changed = new LinkedHashMap<>();
        StateMapping states = StateMapping.parse(record.mapState());
        try (Connection c = target.sqliteMigrationDataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("ATTACH DATABASE '" + sqlString(db) + "' AS live");
            s.execute("ATTACH DATABASE '" + sqlString(base) + "' AS base");
            s.execute("ATTACH DATABASE '" + sqlString(appliedOf(target.sqlitePath())) + "' AS applied");
            exec(c, "PRAGMA main.journal_mode=DELETE"); // one atomic commit across the attached files (not in WAL mode)
            c.setAutoCommit(false);
            for (Table table : tables(c)) {
                changed.put(table.to(), applyTable(c, table, record.to() >= 9, states));
            }
            c.commit();
            return changed;
        } catch (SQLException e) {
            String hint = String.valueOf(e.getMessage()).contains("CHECK constraint failed")
                    ? "a job came in a state the target rejects (e.g. 'stopped') after the prepare: prepare again with"
                    + " --map-state stopped=completed" : "fix the cause and run the same command again, or prepare anew";
            throw new MigrationRefusedException("applying the changes since the prepare failed and was rolled back ("
                    + e.getMessage() + "); the database was not changed: " + hint, e);
        }
    }

    /** Rows that differ between the live table and the base (inserted, updated, deleted) are replaced by their live mapping. */
    /** Every table of cc-backend's in the prepared database that the live one has too (job_cache, node, … included). */
    private static List<Table> tables(Connection c) throws SQLException {
        List<Table> tables = new ArrayList<>();
        for (String to : names(c, "main")) {
            String from = existing(c, "live", to.equals("hpc_user") ? List.of("hpc_user", "user") : List.of(to));
            if (from != null && !BOOKKEEPING.contains(to)) {
                tables.add(new Table(to, from));
            }
        }
        return tables;
    }

    private static long applyTable(Connection c, Table table, boolean newStates, StateMapping states) throws SQLException {
        String to = table.to();
        String from = table.from();
        List<String> keyColumns = primaryKey(c, from);
        if (keyColumns.isEmpty()) {
            throw new SQLException("table " + from + " has no primary key, so its changed rows cannot be told apart; upgrade offline");
        }
        String key = String.join(", ", keyColumns.stream().map(JobColumnMapping::quoted).toList());
        String keyTuple = keyColumns.size() == 1 ? key : "(" + key + ")";
        Set<String> live = columns(c, "live", from);
        // by key, through the primary-key index: inserted or updated, then deleted (no sort of whole tables)
        String sameKey = String.join(" AND ", keyColumns.stream().map(k -> "b." + JobColumnMapping.quoted(k) + " = l."
                + JobColumnMapping.quoted(k)).toList());
        String liveRow = "(" + String.join(", ", live.stream().map(col -> "l." + JobColumnMapping.quoted(col)).toList()) + ")";
        String baseRow = liveRow.replace("l.\"", "b.\"");
        String firstKey = "b." + JobColumnMapping.quoted(keyColumns.get(0));
        exec(c, "DROP TABLE IF EXISTS temp.ccm_changed");
        exec(c, "CREATE TEMP TABLE ccm_changed AS SELECT " + prefixed("l", keyColumns) + " FROM live.\"" + from + "\" AS l"
                + " LEFT JOIN base.\"" + from + "\" AS b ON " + sameKey + " WHERE " + firstKey + " IS NULL OR " + liveRow
                + " IS NOT " + baseRow);
        exec(c, "INSERT INTO temp.ccm_changed SELECT " + prefixed("b", keyColumns) + " FROM base.\"" + from + "\" AS b"
                + " WHERE NOT EXISTS (SELECT 1 FROM live.\"" + from + "\" AS l WHERE " + sameKey + ")");
        String applied = "applied.\"" + to + "\"";
        boolean appliedBefore = count(c, "SELECT COUNT(*) FROM applied.sqlite_master WHERE type = 'table' AND name = '"
                + to.replace("'", "''") + "'") > 0;
        if (appliedBefore) {
            exec(c, "INSERT INTO temp.ccm_changed SELECT * FROM " + applied);
        }
        long rows = count(c, "SELECT COUNT(*) FROM (SELECT DISTINCT * FROM temp.ccm_changed)");
        if (rows > 0) {
            if (!appliedBefore) {
                exec(c, "CREATE TABLE " + applied + " AS SELECT * FROM temp.ccm_changed WHERE 0");
            }
            exec(c, "DELETE FROM " + applied);
            exec(c, "INSERT INTO " + applied + " SELECT DISTINCT * FROM temp.ccm_changed");
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
    /** @return the prepared database's rows per table */
    static Map<String, Long> check(DbTarget target, DbTarget live, int to) {
        Map<String, Long> expected;
        Map<String, Long> actual;
        try (Connection l = live.openForReading(); Connection p = target.openForMigration()) {
            expected = DatabaseInspector.rowCounts(l, Driver.SQLITE3);
            actual = DatabaseInspector.rowCounts(p, Driver.SQLITE3);
            for (String into : actual.keySet()) {
                String from = into.equals("hpc_user") && !expected.containsKey("hpc_user") ? "user" : into;
                if (expected.containsKey(from) && !BOOKKEEPING.contains(into) && !expected.get(from).equals(actual.get(into))) {
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
        return actual;
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

    private static List<String> names(Connection c, String schema) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT name FROM " + schema
                + ".sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    private static List<String> primaryKey(Connection c, String table) throws SQLException {
        Map<Integer, String> key = new java.util.TreeMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA live.table_info(\"" + table + "\")")) {
            while (rs.next()) {
                if (rs.getInt("pk") > 0) {
                    key.put(rs.getInt("pk"), rs.getString("name"));
                }
            }
        }
        return List.copyOf(key.values());
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

package dev.ccbackend.migrator.db;

import dev.ccbackend.migrator.catalog.StateMapping;

import dev.ccbackend.migrator.catalog.Driver;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** What the database looks like before a migration, and the refusals that follow from it. */
record Preflight(Driver driver, SchemaMigrationsTable.State state, Map<String, Long> rows, Map<String, Long> jobStates) {
    /** ER_BAD_DB_ERROR: unlike a SQLite file, a MariaDB database is not created on connect. */
    private static final int MYSQL_UNKNOWN_DATABASE = 1049;

    /** Where the connection comes from: read-only before the refusals, the migration's own afterwards. */
    interface ConnectionSource {
        Connection open() throws SQLException;
    }

    static Preflight read(DbTarget target, ConnectionSource source) {
        Driver driver = target.driver();
        try (Connection c = source.open()) {
            SchemaMigrationsTable.State state = SchemaMigrationsTable.read(c);
            Map<String, Long> rows = DatabaseInspector.rowCounts(c, driver);
            Map<String, Long> states = new TreeMap<>();
            if (rows.containsKey("job")) {
                try (Statement s = c.createStatement();
                     ResultSet rs = s.executeQuery("SELECT job_state, COUNT(*) FROM job GROUP BY job_state")) {
                    while (rs.next()) {
                        states.put(rs.getString(1), rs.getLong(2));
                    }
                }
            }
            return new Preflight(driver, state, rows, states);
        } catch (SQLException e) {
            if (driver == Driver.SQLITE3) {
                throw SqliteFileChecks.cannotOpen(target.sqlitePath(), e);
            }
            if (e.getErrorCode() == MYSQL_UNKNOWN_DATABASE) {
                throw new MigrationRefusedException("the MariaDB database named in --db does not exist: create it"
                        + " (CREATE DATABASE … CHARACTER SET utf8mb4) or fix --db; nothing was changed", e);
            }
            throw new MigrationRefusedException("cannot read the database: " + e.getMessage()
                    + " (check --db and that the server is reachable); nothing was changed", e);
        }
    }

    /** The version to migrate from, after refusing dirty, unknown, foreign and newer databases. */
    int startVersion(DatabaseMigrator.Request request) {
        int current = state.version();
        int from = current;
        if (state.dirty()) {
            if (!request.retryDirty()) {
                throw new MigrationRefusedException("the database is dirty: a migration to schema " + current + " failed part-way."
                        + " Restore the snapshot taken before it, or (if the failure's cause is fixed) run again with"
                        + " --retry-dirty to repeat that step; nothing was changed");
            }
            // The failed step starts from the newest shipped version below the one it was heading for.
            from = VersionPolicy.supportedVersions(driver).headSet(current).stream().reduce((a, b) -> b).orElse(0);
        }
        VersionPolicy.checkCurrent(driver, from);
        if (from == 0 && !rows.isEmpty()) {
            throw new MigrationRefusedException("the database has tables " + rows.keySet() + " but no schema_migrations version:"
                    + " it is not a cc-backend database (or predates versioning); point --db at cc-backend's database");
        }
        if (from > request.toVersion()) {
            throw new MigrationRefusedException("the database is at schema " + from + ", newer than the target "
                    + request.toVersion() + ": downgrades are not supported; restore the snapshot taken before the upgrade");
        }
        return from;
    }

    /**
     * Refuses jobs whose state schema 9+ rejects (e.g. 'stopped') unless --map-state maps them.
     * @return how many jobs each mapping will rewrite
     */
    Map<String, Long> checkStates(DatabaseMigrator.Request request, int from) {
        Map<String, Long> mapped = new LinkedHashMap<>();
        if (from >= 9 || request.toVersion() < 9) {
            return mapped;
        }
        for (Map.Entry<String, Long> e : jobStates.entrySet()) {
            if (StateMapping.STATES_FROM_V9.contains(e.getKey())) {
                continue;
            }
            if (!request.states().maps(e.getKey())) {
                throw new MigrationRefusedException(e.getValue() + " jobs are in state '" + e.getKey() + "', which schema 9+"
                        + " (cc-backend v1.5) rejects: run again with --map-state " + e.getKey() + "=completed (or another"
                        + " final state; use the same mapping for the archive); nothing was changed");
            }
            mapped.put(e.getKey() + "=" + request.states().replacements().get(e.getKey()), e.getValue());
        }
        return mapped;
    }
}

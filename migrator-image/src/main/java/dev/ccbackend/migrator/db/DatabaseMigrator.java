package dev.ccbackend.migrator.db;

import dev.ccbackend.migrator.catalog.StateMapping;

import dev.ccbackend.migrator.catalog.Driver;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.concurrent.atomic.LongAdder;
import org.sqlite.ProgressHandler;
import org.sqlite.SQLiteConnection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.api.FlywayException;

/**
 * {@code db migrate}: refuses whatever is unsafe before touching anything, then lets Flyway run
 * the steps. SQLite steps are single transactions (a failure or kill leaves the previous
 * version); MariaDB steps set the dirty flag first and converge when re-run.
 */
public final class DatabaseMigrator {

    /**
     * @param target     the database
     * @param toVersion  the schema version wanted
     * @param states     --map-state replacements for states schema 9+ rejects
     * @param fuse       run from→to as one step (the fast path) instead of one step per shipped version
     * @param retryDirty re-run the step a failed run left dirty (its steps converge)
     */
    public record Request(DbTarget target, int toVersion, StateMapping states, boolean fuse, boolean retryDirty) {
    }

    /** Runs inside a step after its schema work, before the version is stamped; tests inject failures here. */
    interface StepHook {
        void afterWork(Connection c, int from, int to) throws Exception;
    }

    /** SQLite virtual machine instructions per unit of {@code work}. */
    private static final int VM_STEPS = 1000;

    private DatabaseMigrator() {
    }

    public static MigrationResult migrate(Request request) {
        return migrate(request, new LongAdder());
    }

    /**
     * {@link #migrate(Request)}, counting the work done in {@code work} while it runs (SQLite: its virtual
     * machine's steps, in thousands), so that a caller can show that a long step is still moving.
     */
    public static MigrationResult migrate(Request request, LongAdder work) {
        return migrate(request, work, (c, from, to) -> { });
    }

    static MigrationResult migrate(Request request, StepHook hook) {
        return migrate(request, new LongAdder(), hook);
    }

    private static MigrationResult migrate(Request request, LongAdder work, StepHook hook) {
        long start = System.nanoTime();
        DbTarget target = request.target();
        Driver driver = target.driver();
        VersionPolicy.checkTarget(driver, request.toVersion());
        if (driver != Driver.SQLITE3) {
            return run(request, Preflight.read(target, target.mysqlDataSource()::getConnection), work, hook, 0, start);
        }
        long sqliteBytes = DatabaseInspector.sqliteSize(target.sqlitePath());
        SqliteFileChecks.checkWritable(target.sqlitePath());
        SqliteFileChecks.restoreInterruptedWal(target);
        if (sqliteBytes == 0) {
            return run(request, Preflight.read(target, target.sqliteMigrationDataSource()::getConnection), work, hook, 0, start);
        }
        // Every refusal first, from a read-only look: a refused run leaves the file byte for byte as it was.
        Preflight looked = Preflight.read(target, target::openForReading);
        Checked checked = check(request, looked, sqliteBytes);
        if (checked.nothingToDo()) {
            return result(request, looked, checked.from(), List.of(), Map.of(), looked.rows(), start);
        }
        String journalMode = SqliteFileChecks.claimForMigration(target);
        try {
            // read again now that no one else holds the file: what the steps will see
            return run(request, Preflight.read(target, target.sqliteMigrationDataSource()::getConnection), work, hook,
                    sqliteBytes, start);
        } finally {
            if ("wal".equalsIgnoreCase(journalMode)) {
                SqliteFileChecks.restoreWal(target);
            }
        }
    }

    /** The outcome of the refusals: where the run starts, and how many jobs each --map-state rewrites. */
    private record Checked(int from, boolean nothingToDo, Map<String, Long> mapped) {
    }

    private static Checked check(Request request, Preflight pre, long sqliteBytes) {
        int from = pre.startVersion(request);
        int to = request.toVersion();
        if (from == to && !pre.state().dirty()) {
            return new Checked(from, true, Map.of());
        }
        Map<String, Long> mapped = pre.checkStates(request, from);
        if (sqliteBytes > 0) {
            Path db = request.target().sqlitePath();
            SqliteFileChecks.checkFreeSpace(db, sqliteBytes, SqliteFileChecks.usableSpace(db), SqliteFileChecks.spaceFactor(from, to));
        }
        return new Checked(from, false, mapped);
    }

    private static MigrationResult run(Request request, Preflight pre, LongAdder work, StepHook hook, long sqliteBytes, long start) {
        DbTarget target = request.target();
        Driver driver = target.driver();
        boolean sqlite = driver == Driver.SQLITE3;
        DataSource ds = sqlite ? target.sqliteMigrationDataSource() : target.mysqlDataSource();
        Checked checked = check(request, pre, sqliteBytes);
        int from = checked.from();
        int to = request.toVersion();
        if (checked.nothingToDo()) {
            return result(request, pre, from, List.of(), Map.of(), pre.rows(), start);
        }
        if (!sqlite && from != 0 && from < 8 && to >= 8) {
            checkMysqlFitsVersion8(ds);
        }

        List<MigrationStep> steps = new ArrayList<>();
        List<Integer> ends = request.fuse() || from == 0 ? List.of(to) : VersionPolicy.stepsBetween(driver, from, to);
        int stepFrom = from;
        for (int stepTo : ends) {
            steps.add(new MigrationStep(stepFrom, stepTo, sqlite, (c, f, t) -> runStep(c, driver, request.states(), f, t, work, hook)));
            stepFrom = stepTo;
        }
        try {
            FlywayRunner.run(ds, from, steps);
        } catch (FlywayException | SQLException e) {
            throw failed(target, steps, e);
        }
        try (Connection c = ds.getConnection()) {
            if (sqlite) {
                quickCheck(c);
            }
            return result(request, pre, from, steps, checked.mapped(), DatabaseInspector.rowCounts(c, driver), start);
        } catch (SQLException e) {
            throw new MigrationRefusedException("migrated to " + to + " but cannot read the result: " + e.getMessage()
                    + "; check it with `cc-migrator db verify --version " + to + "`", e);
        }
    }

    private static void runStep(Connection c, Driver driver, StateMapping states, int from, int to, LongAdder work,
                                StepHook hook) throws Exception {
        if (driver == Driver.SQLITE3) {
            // SQLite calls back every VM_STEPS virtual machine instructions: a count that moves while a long statement runs
            ProgressHandler.setHandler(c.unwrap(SQLiteConnection.class), VM_STEPS, new ProgressHandler() {
                @Override
                protected int progress() {
                    work.increment();
                    return 0;
                }
            });
            new SqliteSchemaMigrator(c, states).migrate(from, to);
            hook.afterWork(c, from, to);
            SchemaMigrationsTable.write(c, driver, to, false);
        } else {
            // golang-migrate's protocol: (to, dirty) while DDL runs, (to, clean) once it all went through.
            SchemaMigrationsTable.write(c, driver, to, true);
            new MysqlSchemaMigrator(c).migrate(from, to);
            hook.afterWork(c, from, to);
            SchemaMigrationsTable.write(c, driver, to, false);
        }
    }

    private static void checkMysqlFitsVersion8(DataSource ds) {
        try (Connection c = ds.getConnection()) {
            MysqlSchemaMigrator.checkFitsVersion8(c);
        } catch (SQLException e) {
            throw new MigrationRefusedException("cannot check job column lengths: " + e.getMessage()
                    + " (check --db and that the server is reachable); nothing was changed", e);
        }
    }

    private static MigrationRefusedException failed(DbTarget target, List<MigrationStep> steps, Exception e) {
        Driver driver = target.driver();
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String why = String.valueOf(root.getMessage()).replace('\n', ' ');
        MigrationStep first = steps.get(0);
        if (driver == Driver.SQLITE3 && SqliteFileChecks.isCorrupt(e)) {
            return SqliteFileChecks.corrupt(target.sqlitePath(), root);
        }
        if (driver == Driver.SQLITE3) {
            return new MigrationRefusedException("migration step failed and was rolled back: " + why
                    + "; every completed step is kept and the database is not dirty: fix the cause and run the same command again", e);
        }
        return new MigrationRefusedException("migration step towards " + steps.get(steps.size() - 1).to() + " failed part-way: " + why
                + "; schema_migrations is marked dirty. Fix the cause, then run the same command with --retry-dirty"
                + " (steps are written to converge), or restore the snapshot taken before (started from " + first.from() + ")", e);
    }

    private static void quickCheck(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA quick_check")) {
            String verdict = rs.next() ? rs.getString(1) : "no answer";
            if (!"ok".equals(verdict)) {
                throw new SQLException("SQLite quick_check after migrating: " + verdict + "; restore the snapshot");
            }
        }
    }

    private static MigrationResult result(Request request, Preflight pre, int from, List<MigrationStep> steps,
                                          Map<String, Long> mapped, Map<String, Long> rowsAfter, long start) {
        List<MigrationResult.Step> done = steps.stream()
                .map(s -> new MigrationResult.Step(s.from(), s.to(), s.getDescription(), s.durationMs())).toList();
        boolean fused = steps.size() == 1 && from != 0 && VersionPolicy.stepsBetween(request.target().driver(), from, request.toVersion()).size() > 1;
        return new MigrationResult(request.target().driver().configName(), request.target().displayName(), from,
                request.toVersion(), fused, done, new LinkedHashMap<>(mapped), pre.rows(), rowsAfter,
                (System.nanoTime() - start) / 1_000_000);
    }
}

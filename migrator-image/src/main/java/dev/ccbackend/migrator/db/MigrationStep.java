package dev.ccbackend.migrator.db;

import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * One Flyway migration: brings the schema from {@code from} to {@code to} (a fused run covers
 * several upstream versions in one step). Flyway records it in its own history; the action also
 * stamps golang-migrate's {@code schema_migrations}, which is what cc-backend reads.
 */
final class MigrationStep implements JavaMigration {
    /** The work of a step, given Flyway's connection. */
    interface Action {
        void run(java.sql.Connection connection, int from, int to) throws Exception;
    }

    private final int from;
    private final int to;
    private final boolean transactional;
    private final Action action;
    private long durationMs;

    MigrationStep(int from, int to, boolean transactional, Action action) {
        this.from = from;
        this.to = to;
        this.transactional = transactional;
        this.action = action;
    }

    int from() {
        return from;
    }

    int to() {
        return to;
    }

    long durationMs() {
        return durationMs;
    }

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion(String.valueOf(to));
    }

    @Override
    public String getDescription() {
        return from == 0 ? "create cc-backend schema " + to : "cc-backend schema " + from + " to " + to;
    }

    @Override
    public Integer getChecksum() {
        return null;
    }

    /** SQLite: the whole step, schema_migrations included, is one transaction. MariaDB DDL commits implicitly. */
    @Override
    public boolean canExecuteInTransaction() {
        return transactional;
    }

    @Override
    public void migrate(Context context) throws Exception {
        long start = System.nanoTime();
        action.run(context.getConnection(), from, to);
        durationMs = (System.nanoTime() - start) / 1_000_000;
    }
}

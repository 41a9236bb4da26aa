package dev.ccbackend.migrator.db;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * Runs our steps through Flyway with its own history table, baselined at the version
 * golang-migrate's {@code schema_migrations} reports (the one cc-backend trusts).
 */
final class FlywayRunner {
    static final String HISTORY = "flyway_schema_history";
    private FlywayRunner() {
    }

    static void run(DataSource dataSource, int from, List<MigrationStep> steps) throws SQLException {
        if (steps.isEmpty()) {
            return;
        }
        dropStaleHistory(dataSource, from);
        Flyway.configure()
                .dataSource(dataSource)
                .loggers("slf4j")
                .locations("classpath:db/flyway")
                .javaMigrations(steps.toArray(JavaMigration[]::new))
                .baselineOnMigrate(true)
                .baselineVersion(String.valueOf(from))
                .baselineDescription("golang-migrate schema_migrations at " + from)
                .target(String.valueOf(steps.get(steps.size() - 1).to()))
                .validateOnMigrate(false)
                .cleanDisabled(true)
                .load()
                .migrate();
    }

    /**
     * Flyway's history only mirrors schema_migrations. If they disagree (cc-backend migrated by
     * itself since, a copy was restored, a step failed), the history is stale: drop it and baseline again.
     */
    private static void dropStaleHistory(DataSource dataSource, int from) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            if (!SchemaMigrationsTable.tableExists(c, HISTORY)) {
                return;
            }
            Integer latest = null;
            boolean failedEntry = false;
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                    "SELECT version, success FROM " + HISTORY + " WHERE version IS NOT NULL ORDER BY installed_rank DESC")) {
                while (rs.next()) {
                    failedEntry |= !rs.getBoolean(2);
                    if (latest == null && rs.getBoolean(2)) {
                        latest = Integer.valueOf(rs.getString(1));
                    }
                }
            }
            // A failed entry (MariaDB, non-transactional) would make Flyway refuse the --retry-dirty run.
            if (latest == null || latest != from || failedEntry) {
                try (Statement s = c.createStatement()) {
                    s.execute("DROP TABLE " + HISTORY);
                }
            }
        }
    }
}

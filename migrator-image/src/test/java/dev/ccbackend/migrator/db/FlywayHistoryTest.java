package dev.ccbackend.migrator.db;

import dev.ccbackend.migrator.catalog.StateMapping;

import static dev.ccbackend.migrator.db.TestingDatabases.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ccbackend.migrator.catalog.Driver;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Flyway's history mirrors golang-migrate's schema_migrations, which stays the source of truth. */
class FlywayHistoryTest {
    @TempDir
    Path dir;

    private static final String HISTORY = "SELECT version, type, success FROM flyway_schema_history ORDER BY installed_rank";

    @Test
    void baselinesFromSchemaMigrationsAndRecordsEveryStep() throws Exception {
        Path db = copyFixture(dir, "v1.3.1");

        migrate(db, 11, false);

        assertThat(column(db, HISTORY)).containsExactly("7|BASELINE|1", "8|JDBC|1", "10|JDBC|1", "11|JDBC|1");
        assertThat(column(db, "SELECT version, dirty FROM schema_migrations")).containsExactly("11|0");
    }

    @Test
    void rebuildsAStaleHistoryWhenSomethingElseMigratedInBetween() throws Exception {
        Path db = generate(dir, 7, 100, 0);
        migrate(db, 8, true);
        // As if cc-backend ran its own -migrate-db to 10 afterwards: schema_migrations moves, Flyway's history does not.
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
            c.setAutoCommit(false);
            new SqliteSchemaMigrator(c, StateMapping.NONE).migrate(8, 10);
            SchemaMigrationsTable.write(c, Driver.SQLITE3, 10, false);
            c.commit();
        }

        MigrationResult result = migrate(db, 11, true);

        assertThat(result.from()).isEqualTo(10);
        assertThat(column(db, HISTORY)).containsExactly("10|BASELINE|1", "11|JDBC|1");
        assertThat(SchemaVerifier.verify(sqlite(db), 11).matches()).isTrue();
    }
}

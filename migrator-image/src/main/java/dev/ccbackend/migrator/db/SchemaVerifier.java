package dev.ccbackend.migrator.db;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** {@code db verify}: extracts the live schema and compares it with what our DDL makes of version N. */
public final class SchemaVerifier {
    private SchemaVerifier() {
    }

    public static VerifyResult verify(DbTarget target, int version) {
        VersionPolicy.checkTarget(target.driver(), version);
        if (target.sqlitePath() != null && !java.nio.file.Files.exists(target.sqlitePath())) {
            throw new MigrationRefusedException(target.sqlitePath() + " does not exist: check --db");
        }
        try (Connection c = target.driver() == dev.ccbackend.migrator.catalog.Driver.SQLITE3
                ? target.openForReading() : target.openForMigration()) {
            SchemaMigrationsTable.State state = SchemaMigrationsTable.read(c);
            ObjectNode expected = TargetSchema.of(target.driver(), version).expectedJson(c);
            List<String> differences = new ArrayList<>();
            if (state.version() != version) {
                differences.add("schema_migrations: version " + state.version() + ", expected " + version);
            }
            if (state.dirty()) {
                differences.add("schema_migrations: dirty (a migration failed part-way)");
            }
            differences.addAll(SchemaComparison.differences(expected, SchemaExtractor.extract(c, target.driver())));
            return new VerifyResult(target.driver().configName(), version, state.version(), state.dirty(),
                    differences.isEmpty(), differences);
        } catch (SQLException e) {
            throw new MigrationRefusedException("cannot read " + target.displayName() + ": " + e.getMessage()
                    + " (check --db and that the database is reachable)", e);
        }
    }
}

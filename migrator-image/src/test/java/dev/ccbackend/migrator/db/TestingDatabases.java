package dev.ccbackend.migrator.db;

import dev.ccbackend.migrator.catalog.StateMapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccbackend.migrator.catalog.Driver;
import dev.ccbackend.migrator.testing.SharedFixtures;
import dev.ccbackend.migrator.util.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Test helpers for SQLite: throw-away copies of the read-only ../shared material, and SQL one-liners. */
final class TestingDatabases {
    static final List<Integer> SQLITE_VERSIONS = List.of(4, 6, 7, 8, 10, 11);

    private TestingDatabases() {
    }

    /** The shared reference schema's {@code tables}, without golang-migrate's table. */
    static ObjectNode expectedTables(Driver driver, int version) throws IOException {
        Path file = SharedFixtures.require("db-schemas/" + driver.configName() + "-v" + version + ".json");
        ObjectNode tables = (ObjectNode) Json.MAPPER.readTree(file.toFile()).get("tables");
        tables.remove("schema_migrations");
        return tables;
    }

    /** A writable copy of a real cc-backend job.db (the original is never touched). */
    static Path copyFixture(Path dir, String release) throws IOException {
        Path source = SharedFixtures.require("fixtures/cc-backend/" + release + "/job.db");
        Path copy = dir.resolve(release + "-job.db");
        Files.copy(source, copy);
        copy.toFile().setWritable(true, true);
        return copy;
    }

    static Path generate(Path dir, int version, int jobs, int stopped) throws SQLException {
        Path file = dir.resolve("gen-v" + version + "-" + jobs + "-" + System.nanoTime() + ".db");
        SampleDatabaseGenerator.generate(file, new SampleDatabaseGenerator.Options(version, jobs, stopped, 7));
        return file;
    }

    static DbTarget sqlite(Path file) {
        return DbTarget.parse(Driver.SQLITE3, file.toString());
    }

    static MigrationResult migrate(Path file, int to, boolean fuse) {
        return DatabaseMigrator.migrate(new DatabaseMigrator.Request(sqlite(file), to, StateMapping.NONE, fuse, false));
    }

    static ObjectNode extract(Path file) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            return SchemaExtractor.extract(c, Driver.SQLITE3);
        }
    }

    static List<String> column(Path file, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            List<String> out = new ArrayList<>();
            while (rs.next()) {
                List<String> cells = new ArrayList<>();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    cells.add(rs.getString(i));
                }
                out.add(String.join("|", cells));
            }
            return out;
        }
    }

    static void exec(Path file, String... sql) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            for (String q : sql) {
                s.execute(q);
            }
        }
    }

    /** A full dump of a table's rows (sorted), to compare data before and after. */
    static Set<String> rows(Path file, String sql) throws SQLException {
        return new TreeSet<>(column(file, sql));
    }

    /** integrity_check says ok and foreign_key_check finds nothing. */
    static boolean healthy(Path file) throws SQLException {
        return column(file, "PRAGMA integrity_check").equals(List.of("ok"))
                && column(file, "PRAGMA foreign_key_check").isEmpty();
    }

    static String describe(JsonNode expected, JsonNode actual) {
        return String.join("\n", SchemaComparison.differences(expected, actual));
    }
}

package dev.ccbackend.migrator.db;

import static dev.ccbackend.migrator.db.TestingDatabases.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccbackend.migrator.catalog.Driver;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Our migrations produce exactly the shared reference schemas, from empty and along every upgrade path. */
class SqliteSchemaTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "empty -> {0}")
    @ValueSource(ints = {4, 6, 7, 8, 10, 11})
    void createsEveryShippedVersionFromEmpty(int version) throws Exception {
        Path db = dir.resolve("new.db");
        MigrationResult result = migrate(db, version, true);

        ObjectNode expected = expectedTables(Driver.SQLITE3, version);
        ObjectNode actual = extract(db);
        assertThat(actual).as(describe(expected, actual)).isEqualTo(expected);
        assertThat(result.from()).isZero();
        assertThat(column(db, "SELECT version, dirty FROM schema_migrations")).containsExactly(version + "|0");
        assertThat(SchemaVerifier.verify(sqlite(db), version).differences()).isEmpty();
    }

    static Stream<Arguments> upgradePaths() {
        List<Arguments> paths = new ArrayList<>();
        for (int from : SQLITE_VERSIONS) {
            for (int to : SQLITE_VERSIONS) {
                if (from < to) {
                    paths.add(Arguments.of(from, to, true));
                    paths.add(Arguments.of(from, to, false));
                }
            }
        }
        return paths.stream();
    }

    @ParameterizedTest(name = "{0} -> {1}, fused={2}")
    @MethodSource("upgradePaths")
    void everyUpgradePathEndsAtTheReferenceSchema(int from, int to, boolean fuse) throws Exception {
        Path db = generate(dir, from, 300, 0);
        long tags = Long.parseLong(column(db, "SELECT COUNT(*) FROM jobtag").get(0));

        MigrationResult result = migrate(db, to, fuse);

        ObjectNode expected = expectedTables(Driver.SQLITE3, to);
        ObjectNode actual = extract(db);
        assertThat(actual).as(describe(expected, actual)).isEqualTo(expected);
        assertThat(column(db, "SELECT version, dirty FROM schema_migrations")).containsExactly(to + "|0");
        assertThat(column(db, "SELECT COUNT(*) FROM job")).containsExactly("300");
        assertThat(column(db, "SELECT COUNT(*) FROM jobtag")).containsExactly(String.valueOf(tags));
        assertThat(healthy(db)).isTrue();
        assertThat(result.steps()).hasSize(fuse ? 1 : VersionPolicy.stepsBetween(Driver.SQLITE3, from, to).size());
    }
}

package dev.ccbackend.migrator.db;

import dev.ccbackend.migrator.catalog.StateMapping;

import static dev.ccbackend.migrator.db.TestingDatabases.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A SQLite step that fails leaves the database exactly as before that step, not dirty, and a re-run finishes. */
class FailureInjectionTest {
    @TempDir
    Path dir;

    private static DatabaseMigrator.Request request(Path db, boolean fuse) {
        return new DatabaseMigrator.Request(sqlite(db), 11, StateMapping.NONE, fuse, false);
    }

    @Test
    void aFailedStepRollsBackToTheLastCompletedStep() throws Exception {
        Path db = generate(dir, 7, 800, 0);
        Set<String> links = rows(db, "SELECT job_id, tag_id FROM jobtag");

        assertThatThrownBy(() -> DatabaseMigrator.migrate(request(db, false), (c, from, to) -> {
            if (to == 10) {
                throw new IllegalStateException("injected failure in step 8 -> 10");
            }
        })).isInstanceOf(MigrationRefusedException.class)
                .hasMessageContainingAll("injected failure", "rolled back", "not dirty", "run the same command again");

        assertThat(column(db, "SELECT version, dirty FROM schema_migrations")).containsExactly("8|0");
        assertThat(SchemaVerifier.verify(sqlite(db), 8).differences()).isEmpty();
        assertThat(rows(db, "SELECT job_id, tag_id FROM jobtag")).isEqualTo(links);

        MigrationResult rerun = DatabaseMigrator.migrate(request(db, false));
        assertThat(rerun.from()).isEqualTo(8);
        assertThat(rerun.steps()).extracting(MigrationResult.Step::to).containsExactly(10, 11);
        assertThat(SchemaVerifier.verify(sqlite(db), 11).differences()).isEmpty();
        assertThat(rows(db, "SELECT job_id, tag_id FROM jobtag")).isEqualTo(links);
    }

    @Test
    void aFailedFusedRunLeavesEveryRowAsItWas() throws Exception {
        Path db = generate(dir, 7, 500, 0);
        List<String> everything = column(db, "SELECT * FROM job ORDER BY id");
        var schemaBefore = extract(db);

        assertThatThrownBy(() -> DatabaseMigrator.migrate(request(db, true), (c, from, to) -> {
            throw new IllegalStateException("injected failure after the rebuild");
        })).hasMessageContaining("injected failure");

        assertThat(column(db, "SELECT * FROM job ORDER BY id")).isEqualTo(everything);
        assertThat(extract(db)).isEqualTo(schemaBefore);
        assertThat(column(db, "SELECT version, dirty FROM schema_migrations")).containsExactly("7|0");
        assertThat(healthy(db)).isTrue();

        DatabaseMigrator.migrate(request(db, true));
        assertThat(SchemaVerifier.verify(sqlite(db), 11).matches()).isTrue();
    }
}

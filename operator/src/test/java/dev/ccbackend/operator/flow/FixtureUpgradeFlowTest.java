package dev.ccbackend.operator.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ccbackend.migrator.catalog.Driver;
import dev.ccbackend.migrator.db.DatabaseInspector;
import dev.ccbackend.migrator.db.DbInspection;
import dev.ccbackend.migrator.util.Json;
import dev.ccbackend.operator.MigratorEngines;
import dev.ccbackend.operator.api.Phase;
import dev.ccbackend.operator.api.RollbackPolicy;
import dev.ccbackend.operator.api.StepState;
import dev.ccbackend.operator.demo.CcBackendStartupCheck;
import dev.ccbackend.operator.demo.ClaimStore;
import dev.ccbackend.operator.demo.DemoInstallation;
import dev.ccbackend.operator.demo.InProcessMigrationRunner;
import dev.ccbackend.operator.steps.MigratorConfigConversion;
import io.fabric8.kubernetes.api.model.Event;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The headline test: the real cc-migrator (in-process) upgrades a Deployment holding cc-backend's
 * own v1.3.1 data (schema 7, archive 1) to v1.5.4 through every phase, and the data ends up at
 * schema 11 and archive 3 with nothing lost, the old data kept in the snapshot.
 */
class FixtureUpgradeFlowTest {
    @TempDir
    Path work;

    static Path fixtures() {
        return Path.of(System.getProperty("project.root", "..")).resolve("../shared/fixtures/cc-backend/v1.3.1")
                .toAbsolutePath().normalize();
    }

    @Test
    void upgradesTheV131FixturesToV154() throws Exception {
        Path fixtures = fixtures();
        assumeTrue(Files.isDirectory(fixtures), "no fixtures at " + fixtures + ": skipping");
        MigratorEngines.assumeMerged();
        DbInspection before = DatabaseInspector.inspect(Driver.SQLITE3, fixtures.resolve("job.db").toString());

        ClaimStore seed = new ClaimStore(work.resolve("seed"));
        Path claim = seed.claim(DemoInstallation.CLAIM);
        ClaimStore.copyTree(fixtures.resolve("job-archive"), claim.resolve("job-archive"));
        Files.copy(fixtures.resolve("job.db"), claim.resolve("job.db"));
        claim.resolve("job.db").toFile().setWritable(true, true);
        String config = Files.readString(fixtures.resolve("configs/config.json"));

        try (OperatorHarness h = new OperatorHarness(work, new InProcessMigrationRunner(), new MigratorConfigConversion(),
                new CcBackendStartupCheck(new ClaimStore(work)))) {
            ClaimStore.copyTree(claim, h.cluster.claims().claim(DemoInstallation.CLAIM));
            h.cluster.install("v1.3.1", config);
            h.awaitCcBackendRunning();
            h.cluster.client().resource(DemoInstallation.upgrade("v1.5.4", RollbackPolicy.Manual)).create();

            var s = h.awaitTerminal(Duration.ofMinutes(3)).getStatus();

            assertThat(s.phase).as(Json.pretty(s)).isEqualTo(Phase.Succeeded);
            assertThat(s.fromVersion).isEqualTo("v1.3.1");
            assertThat(s.steps).extracting(x -> x.state).containsOnly(StepState.Succeeded);
            assertThat(h.phases).containsExactly(Phase.Planning, Phase.Quiescing, Phase.Snapshotting,
                    Phase.MigratingDatabase, Phase.MigratingArchive, Phase.ConvertingConfig, Phase.Swapping,
                    Phase.Verifying, Phase.Succeeded);
            List<String> started = h.events().stream().filter(e -> "StepStarted".equals(e.getReason()))
                    .map(Event::getMessage).toList();
            assertThat(started).containsExactly(Phase.work(false, false).stream().map(p -> p + " started").toArray(String[]::new));

            Path migrated = h.cluster.claims().claim(DemoInstallation.CLAIM);
            DbInspection after = DatabaseInspector.inspect(Driver.SQLITE3, migrated.resolve("job.db").toString());
            assertThat(after.version()).isEqualTo(11);
            assertThat(after.dirty()).isFalse();
            assertThat(after.jobs()).isEqualTo(before.jobs());
            assertThat(Files.readString(migrated.resolve("job-archive/version.txt")).trim()).isEqualTo("3");
            try (Stream<Path> metas = Files.walk(migrated.resolve("job-archive"))) {
                assertThat(metas.filter(p -> p.endsWith("meta.json")).toList()).hasSize(2)
                        .allSatisfy(m -> assertThat(Files.readString(m)).contains("\"shared\""));
            }
            assertThat(h.cluster.client().configMaps().inNamespace(DemoInstallation.NAMESPACE).withName(s.newConfigMap)
                    .get().getData().get("config.json")).contains("\"main\"");

            Path snapshot = work.resolve("snapshots").resolve(s.snapshots.get(0).snapshotName);
            assertThat(DatabaseInspector.inspect(Driver.SQLITE3, snapshot.resolve("job.db").toString()).version())
                    .as("the snapshot holds the data from before").isEqualTo(7);
            assertThat(Files.readString(snapshot.resolve("job-archive/version.txt")).trim()).isEqualTo("1");
        }
    }
}

package dev.ccbackend.operator.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ccbackend.migrator.catalog.Driver;
import dev.ccbackend.migrator.db.DatabaseInspector;
import dev.ccbackend.migrator.util.FileOwnership;
import dev.ccbackend.migrator.util.Json;
import dev.ccbackend.operator.api.Phase;
import dev.ccbackend.operator.api.RollbackPolicy;
import dev.ccbackend.operator.PodmanForTests;
import dev.ccbackend.operator.demo.CcBackendStartupCheck;
import dev.ccbackend.operator.demo.ClaimStore;
import dev.ccbackend.operator.demo.ClusterProfile;
import dev.ccbackend.operator.demo.DataOwner;
import dev.ccbackend.operator.demo.DemoInstallation;
import dev.ccbackend.operator.demo.Faults;
import dev.ccbackend.operator.steps.MigratorConfigConversion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The upgrade with every Job pod a real podman container of the cc-migrator image, on data owned by
 * a non-root uid as on a real site: the Jobs run as that uid, read-only where they only read, and
 * leave every file cc-backend's. Skipped (with the reason) where podman cannot run containers.
 */
class ContainerUpgradeFlowTest {
    static final DataOwner OWNER = new DataOwner(1000, 1000);

    @TempDir
    Path work;

    private OperatorHarness harness() throws IOException {
        Path fixtures = FixtureUpgradeFlowTest.fixtures();
        assumeTrue(Files.isDirectory(fixtures), "no fixtures at " + fixtures + ": skipping");
        assumeTrue(FileOwnership.processUid() == 0, "giving the data to uid 1000 needs root: skipping");
        OperatorHarness h = new OperatorHarness(work, PodmanForTests.podmanOrSkip(), new MigratorConfigConversion(),
                new CcBackendStartupCheck(new ClaimStore(work)), Faults.none(), ClusterProfile.realistic());
        Path claim = h.cluster.claims().claim(DemoInstallation.CLAIM);
        ClaimStore.copyTree(fixtures.resolve("job-archive"), claim.resolve("job-archive"));
        Files.copy(fixtures.resolve("job.db"), claim.resolve("job.db"));
        h.cluster.install("v1.3.1", Files.readString(fixtures.resolve("configs/config.json")), OWNER);
        return h;
    }

    @Test
    void upgradesTheV131FixturesInContainersAndLeavesEveryFileCcBackends() throws Exception {
        try (OperatorHarness h = harness()) {
            Path claim = h.cluster.claims().claim(DemoInstallation.CLAIM);
            List<String> before = modes(claim);
            h.awaitCcBackendRunning();
            h.cluster.client().resource(DemoInstallation.upgrade("v1.5.4", RollbackPolicy.Manual)).create();

            var s = h.awaitTerminal(Duration.ofMinutes(3)).getStatus();

            assertThat(s.phase).as(Json.pretty(s)).isEqualTo(Phase.Succeeded);
            assertThat(s.runAs.uid).isEqualTo(1000);
            assertThat(s.runAs.source).contains("pod securityContext");
            assertThat(DatabaseInspector.inspect(Driver.SQLITE3, claim.resolve("job.db").toString()).version()).isEqualTo(11);
            assertThat(Files.readString(claim.resolve("job-archive/version.txt")).strip()).isEqualTo("3");
            assertThat(ownersBelow(claim)).as("owner of every file and directory").containsOnly("1000:1000");
            // the new cc-backend runs, holding job.db in WAL mode: its -wal and -shm are its own, as the database's owner's
            assertThat(modes(claim)).as("modes kept, nothing added or lost").isEqualTo(with(before, "job.db-shm 644", "job.db-wal 644"));
        }
    }

    @Test
    void aFileTheJobsUserCannotWriteFailsTheMigrationInTheContainerAndRollsBack() throws Exception {
        try (OperatorHarness h = harness()) {
            Path claim = h.cluster.claims().claim(DemoInstallation.CLAIM);
            Path meta;
            try (Stream<Path> metas = Files.walk(claim.resolve("job-archive"))) {
                meta = metas.filter(p -> p.endsWith("meta.json")).findFirst().orElseThrow();
            }
            // Left behind by an admin's root shell: cc-migrator, running as cc-backend, may not replace it.
            FileOwnership.apply(new FileOwnership.Owner(0, 0, 0600), meta.getParent());
            h.awaitCcBackendRunning();
            h.applyUpgrade(RollbackPolicy.Automatic, m -> m.timeouts.rollout = "5s");

            var s = h.awaitTerminal(Duration.ofMinutes(3)).getStatus();

            assertThat(s.phase).as(Json.pretty(s)).isEqualTo(Phase.RolledBack);
            assertThat(s.conditions).anySatisfy(c -> assertThat(c.reason).isEqualTo("ArchiveMigrationFailed"));
            Path restored = h.cluster.claims().claim(s.snapshots.get(0).restoredClaimName);
            assertThat(Files.readString(restored.resolve("job-archive/version.txt")).strip()).isEqualTo("1");
            assertThat(ownersBelow(restored.resolve("job.db"))).containsOnly("1000:1000");
        }
    }

    private static List<String> ownersBelow(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            return paths.map(p -> {
                try {
                    FileOwnership.Owner o = FileOwnership.of(p);
                    return o.uid() + ":" + o.gid();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).distinct().toList();
        }
    }

    /** path and mode of everything below root, sorted. */
    private static List<String> with(List<String> lines, String... more) {
        return Stream.concat(lines.stream(), Stream.of(more)).sorted().toList();
    }

    private static List<String> modes(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            return paths.map(p -> {
                try {
                    return root.relativize(p) + " " + Integer.toOctalString(FileOwnership.of(p).mode());
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).sorted().toList();
        }
    }
}

package dev.ccbackend.operator.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ccbackend.migrator.archive.SampleArchiveGenerator;
import dev.ccbackend.migrator.cli.CcMigrator;
import dev.ccbackend.migrator.util.Json;
import dev.ccbackend.operator.MigratorEngines;
import dev.ccbackend.operator.api.CcBackendUpgrade;
import dev.ccbackend.operator.api.CcBackendUpgradeStatus;
import dev.ccbackend.operator.api.Phase;
import dev.ccbackend.operator.api.RollbackPolicy;
import dev.ccbackend.operator.demo.CcBackendStartupCheck;
import dev.ccbackend.operator.demo.ClaimStore;
import dev.ccbackend.operator.demo.DemoInstallation;
import dev.ccbackend.operator.demo.Faults;
import dev.ccbackend.operator.demo.InProcessMigrationRunner;
import dev.ccbackend.operator.demo.MigrationRunner;
import dev.ccbackend.operator.steps.MigratorConfigConversion;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole upgrade with {@code spec.archive.parallelism: 3}: the fake Job controller runs the
 * Indexed Job's pods with the real cc-migrator, and the archive ends up exactly as one unsharded
 * run leaves it. A fault in one shard is healed by rerunning that shard alone.
 */
class ShardedArchiveFlowTest {
    static final int JOBS = 30;

    @TempDir
    Path work;

    /** The real migrator, recording every command line it ran. */
    static final class RecordingRunner implements MigrationRunner {
        final List<List<String>> runs = new CopyOnWriteArrayList<>();
        private final MigrationRunner real = new InProcessMigrationRunner();

        @Override
        public int run(List<String> args, Path resultFile, java.util.function.Consumer<String> stderr) {
            runs.add(List.copyOf(args));
            return real.run(args, resultFile, stderr);
        }

        /** The {@code --shard} values of the archive runs, in the order they ran; "finalize" for the finalize run. */
        List<String> archiveRuns() {
            return runs.stream().filter(a -> a.get(0).equals("archive"))
                    .map(a -> a.get(1).equals("finalize") ? "finalize"
                            : a.contains("--shard") ? a.get(a.indexOf("--shard") + 1) : "all")
                    .toList();
        }
    }

    @Test
    void threeShardsOnAReadWriteManyClaimMigrateTheArchiveAsOneRunWould() throws Exception {
        RecordingRunner runner = new RecordingRunner();
        CcBackendUpgradeStatus s = upgrade(runner, Faults.none(), "ReadWriteMany");

        assertThat(s.phase).as(Json.pretty(s)).isEqualTo(Phase.Succeeded);
        assertThat(runner.archiveRuns()).containsExactly("0/3", "1/3", "2/3", "finalize");
        assertThat(s.archiveProgress.shards).extracting(x -> x.index).containsExactly(0, 1, 2);
        assertThat(s.archiveProgress.shards).extracting(x -> x.state).containsOnly("Succeeded");
        assertThat(s.archiveProgress.jobsTotal).isEqualTo(JOBS);
        // A stable hash partition: every shard gets a share, together exactly all jobs.
        assertThat(s.archiveProgress.shards).allSatisfy(x -> assertThat(x.jobsTotal).isPositive());
        assertThat(s.archiveProgress.shards.stream().mapToLong(x -> x.jobsTotal).sum()).isEqualTo(JOBS);
        assertThat(tree(archive())).isEqualTo(tree(unshardedRun()));
    }

    @Test
    void aFailedShardIsRerunAloneAndTheUpgradeCompletes() throws Exception {
        RecordingRunner runner = new RecordingRunner();
        CcBackendUpgradeStatus s = upgrade(runner, Faults.atArchiveShard(1), "ReadWriteMany");

        assertThat(s.phase).as(Json.pretty(s)).isEqualTo(Phase.Succeeded);
        // The faulted pod never reached the migrator; its lone rerun did, before finalize.
        assertThat(runner.archiveRuns()).containsExactly("0/3", "2/3", "1/3", "finalize");
        assertThat(jobsAfterUpgrade).filteredOn(n -> n.contains("retry")).hasSize(1)
                .allSatisfy(n -> assertThat(n).contains("shard1-retry1"));
        assertThat(s.archiveProgress.shards).extracting(x -> x.state).containsOnly("Succeeded");
        assertThat(tree(archive())).isEqualTo(tree(unshardedRun()));
    }

    @Test
    void aReadWriteOnceClaimFallsBackToOneJob() throws Exception {
        RecordingRunner runner = new RecordingRunner();
        CcBackendUpgradeStatus s = upgrade(runner, Faults.none(), "ReadWriteOnce");

        assertThat(s.phase).as(Json.pretty(s)).isEqualTo(Phase.Succeeded);
        assertThat(runner.archiveRuns()).containsExactly("all");
        assertThat(s.step(Phase.MigratingArchive).orElseThrow().message).contains("needs a ReadWriteMany archive claim");
        assertThat(tree(archive())).isEqualTo(tree(unshardedRun()));
    }

    private Path archive() {
        return work.resolve("claims").resolve(DemoInstallation.CLAIM).resolve("job-archive");
    }

    private Path seedArchive() throws Exception {
        Path seed = work.resolve("seed-archive");
        if (!Files.isDirectory(seed)) {
            SampleArchiveGenerator.generate(seed, SampleArchiveGenerator.Spec.of(1, JOBS));
        }
        return seed;
    }

    /** The same archive migrated by one plain {@code archive migrate} run. */
    private Path unshardedRun() throws Exception {
        Path copy = work.resolve("unsharded");
        ClaimStore.copyTree(seedArchive(), copy);
        int code = CcMigrator.execute(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()),
                "archive", "migrate", "--archive", copy.toString(), "--to-version", "3", "--mode", "in-place");
        assertThat(code).isZero();
        return copy;
    }

    /** The Jobs that existed when the last upgrade ended. */
    private List<String> jobsAfterUpgrade = List.of();

    private CcBackendUpgradeStatus upgrade(MigrationRunner runner, Faults faults, String accessMode) throws Exception {
        Path fixtures = FixtureUpgradeFlowTest.fixtures();
        assumeTrue(Files.isDirectory(fixtures), "no fixtures at " + fixtures + ": skipping");
        MigratorEngines.assumeMerged();
        try (OperatorHarness h = new OperatorHarness(work, runner, new MigratorConfigConversion(),
                new CcBackendStartupCheck(new ClaimStore(work)), faults)) {
            Path claim = h.cluster.claims().claim(DemoInstallation.CLAIM);
            Files.copy(fixtures.resolve("job.db"), claim.resolve("job.db"));
            claim.resolve("job.db").toFile().setWritable(true, true);
            ClaimStore.copyTree(seedArchive(), claim.resolve("job-archive"));
            h.cluster.install("v1.3.1", Files.readString(fixtures.resolve("configs/config.json")));
            // The demo's claim is ReadWriteOnce; this test's claim has the access mode under test.
            var claims = h.cluster.client().persistentVolumeClaims().inNamespace(DemoInstallation.NAMESPACE);
            var pvc = claims.withName(DemoInstallation.CLAIM).get();
            claims.withName(DemoInstallation.CLAIM).delete();
            pvc.getSpec().setAccessModes(List.of(accessMode));
            pvc.getMetadata().setResourceVersion(null);
            pvc.getMetadata().setUid(null);
            claims.resource(pvc).create();
            h.awaitCcBackendRunning();
            CcBackendUpgrade cr = DemoInstallation.upgrade("v1.5.4", RollbackPolicy.Manual);
            cr.getSpec().archive.parallelism = 3;
            h.cluster.client().resource(cr).create();
            CcBackendUpgradeStatus status = h.awaitTerminal(Duration.ofMinutes(3)).getStatus();
            jobsAfterUpgrade = h.cluster.client().batch().v1().jobs().inNamespace(DemoInstallation.NAMESPACE).list()
                    .getItems().stream().map(j -> j.getMetadata().getName()).toList();
            return status;
        }
    }

    /** Every file under {@code root} (relative path to content), leaving out the migrator's own bookkeeping. */
    static Map<String, String> tree(Path root) throws Exception {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                String rel = root.relativize(p).toString();
                if (!rel.startsWith(".cc-migrator")) {
                    files.put(rel, java.util.HexFormat.of().formatHex(
                            java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p))));
                }
            }
        }
        return files;
    }
}

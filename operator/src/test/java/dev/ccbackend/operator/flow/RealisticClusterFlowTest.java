package dev.ccbackend.operator.flow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ccbackend.migrator.archive.SampleArchiveGenerator;
import dev.ccbackend.migrator.db.SampleDatabaseGenerator;
import dev.ccbackend.migrator.util.Json;
import dev.ccbackend.operator.MigratorEngines;
import dev.ccbackend.operator.api.CcBackendUpgrade;
import dev.ccbackend.operator.api.Phase;
import dev.ccbackend.operator.api.RollbackPolicy;
import dev.ccbackend.operator.demo.CcBackendStartupCheck;
import dev.ccbackend.operator.demo.ClaimStore;
import dev.ccbackend.operator.demo.ClusterProfile;
import dev.ccbackend.operator.demo.DemoInstallation;
import dev.ccbackend.operator.demo.Faults;
import dev.ccbackend.operator.demo.InProcessMigrationRunner;
import dev.ccbackend.operator.demo.InProcessRuntime;
import dev.ccbackend.operator.demo.RuntimeChoice;
import dev.ccbackend.operator.steps.MigratorConfigConversion;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.storage.StorageClassBuilder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * One flow per way a real cluster is harder than the old fakes were (issue: a test cluster that
 * behaves like a real one). Each ran into a defect of the operator: stuck, looping or failing a
 * healthy upgrade. All on the realistic profile.
 */
class RealisticClusterFlowTest {
    @TempDir
    Path work;
    final ScriptedMigrationRunner runner = new ScriptedMigrationRunner(7, 1);

    private OperatorHarness harness(Faults faults, ClusterProfile profile) throws Exception {
        OperatorHarness h = new OperatorHarness(work, new RuntimeChoice(new InProcessRuntime(runner), "cc-migrator:test", "in-process"),
                ScriptedUpgradeFlowTest.WRAP_IN_MAIN, pod -> true, faults, profile);
        h.cluster.install("v1.3.1", "{}");
        return h;
    }

    private static Deployment ccBackend(OperatorHarness h) {
        return h.cluster.client().apps().deployments().inNamespace(DemoInstallation.NAMESPACE).withName(DemoInstallation.DEPLOYMENT).get();
    }

    private static String failedReason(CcBackendUpgrade cr) {
        return cr.getStatus().conditions.stream().filter(c -> "Failed".equals(c.type)).map(c -> c.reason).findFirst().orElse(null);
    }

    @Test
    void automaticRollbackOnWaitForFirstConsumerStorageRestoresClaimsOfTheSnapshotsRestoreSize() throws Exception {
        try (OperatorHarness h = harness(Faults.at(Faults.Step.archive), ClusterProfile.realistic()
                .withBinding(ClusterProfile.WAIT_FOR_FIRST_CONSUMER))) {
            h.awaitCcBackendRunning();
            h.applyUpgrade(RollbackPolicy.Automatic, m -> { });

            var s = h.awaitTerminal(Duration.ofSeconds(60)).getStatus();

            assertThat(s.phase).as(Json.pretty(s)).isEqualTo(Phase.RolledBack);
            var restored = h.cluster.client().persistentVolumeClaims().inNamespace(DemoInstallation.NAMESPACE)
                    .withName(s.snapshots.get(0).restoredClaimName).get();
            assertThat(restored.getStatus().getPhase()).isEqualTo("Bound");
            assertThat(restored.getSpec().getResources().getRequests().get("storage"))
                    .as("the snapshot's restoreSize (1500Mi rounded up), not the smaller claim size").isEqualTo(new Quantity("2Gi"));
        }
    }

    @ParameterizedTest
    @EnumSource(value = Faults.ClusterFault.class, names = {"IMAGE_PULL", "UNSCHEDULABLE"})
    void aMigrationPodThatCannotStartFailsSoonAndCcBackendRunsAgain(Faults.ClusterFault fault) throws Exception {
        try (OperatorHarness h = harness(Faults.none().with(List.of(fault)), ClusterProfile.realistic())) {
            h.awaitCcBackendRunning();
            h.applyUpgrade(RollbackPolicy.Automatic, m -> m.timeouts.podStart = "3s");

            var cr = h.awaitTerminal(Duration.ofSeconds(40));

            assertThat(cr.getStatus().phase).as(Json.pretty(cr.getStatus())).isEqualTo(Phase.Failed);
            assertThat(failedReason(cr)).isEqualTo("PodCannotStart");
            assertThat(cr.getStatus().message).contains("No data was touched: cc-backend runs again with 1 replicas");
            assertThat(cr.getStatus().dataTouched).isNull();
            assertThat(ccBackend(h).getSpec().getReplicas()).isEqualTo(1);
            assertThat(h.cluster.client().batch().v1().jobs().inNamespace(DemoInstallation.NAMESPACE).list().getItems())
                    .as("the Job that could not start is gone: it must not start later").noneMatch(j -> j.getMetadata().getName().contains("-db-"));
            assertThat(runner.calls).noneMatch(call -> call.get(0).equals("db"));
        }
    }

    @Test
    void anEvictedPodThatLingersNeitherBlocksQuiescingNorFailsVerification() throws Exception {
        try (OperatorHarness h = harness(Faults.none().with(List.of(Faults.ClusterFault.EVICTED_POD)), ClusterProfile.realistic())) {
            h.awaitCcBackendRunning();
            h.applyUpgrade(RollbackPolicy.Manual, m -> m.timeouts.rollout = "10s");

            var s = h.awaitTerminal(Duration.ofSeconds(60)).getStatus();

            assertThat(s.phase).as(Json.pretty(s)).isEqualTo(Phase.Succeeded);
            assertThat(h.cluster.client().pods().inNamespace(DemoInstallation.NAMESPACE).withName("cc-backend-evicted-0").get())
                    .as("still there, as until the pod GC's threshold").isNotNull();
        }
    }

    @Test
    void aTransientSnapshotErrorIsRetried() throws Exception {
        try (OperatorHarness h = harness(Faults.none().with(List.of(Faults.ClusterFault.SNAPSHOT_TRANSIENT_ERROR)),
                ClusterProfile.realistic())) {
            h.awaitCcBackendRunning();
            h.applyUpgrade(RollbackPolicy.Manual, m -> { });

            var s = h.awaitTerminal(Duration.ofSeconds(60)).getStatus();

            assertThat(s.phase).as(Json.pretty(s)).isEqualTo(Phase.Succeeded);
            assertThat(s.snapshots).allSatisfy(snap -> assertThat(snap.readyToUse).isTrue());
            // down from the scale-down to the new version's readiness, as the steps' timestamps say
            long stepsSay = java.time.Duration.between(java.time.Instant.parse(s.stepFor(Phase.Quiescing).startedAt),
                    java.time.Instant.parse(s.stepFor(Phase.Verifying).finishedAt)).toSeconds();
            assertThat(s.downtimeSeconds).as(Json.pretty(s)).isPositive().isBetween(stepsSay - 1, stepsSay + 1);
            assertThat(s.message).contains("down for " + s.downtimeSeconds + " s");
        }
    }

    @Test
    void aSnapshotClassOfAnotherDriverIsRefusedBeforeCcBackendStops() throws Exception {
        try (OperatorHarness h = new OperatorHarness(work, new RuntimeChoice(new InProcessRuntime(runner), "cc-migrator:test",
                "in-process"), ScriptedUpgradeFlowTest.WRAP_IN_MAIN, pod -> true, Faults.none(), ClusterProfile.realistic())) {
            h.cluster.client().storage().v1().storageClasses().resource(new StorageClassBuilder().withNewMetadata()
                    .withName("nfs").endMetadata().withProvisioner("nfs.csi.k8s.io")
                    .withVolumeBindingMode(ClusterProfile.IMMEDIATE).build()).create();
            DemoInstallation site = DemoInstallation.DEFAULT;
            h.cluster.client().persistentVolumeClaims().inNamespace(DemoInstallation.NAMESPACE).resource(
                    new io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder().withNewMetadata().withName(site.claim())
                            .withNamespace(DemoInstallation.NAMESPACE).endMetadata().withNewSpec().withStorageClassName("nfs")
                            .withAccessModes("ReadWriteMany").withNewResources()
                            .withRequests(Map.of("storage", new Quantity("1Gi"))).endResources().endSpec().build()).create();
            h.cluster.install("v1.3.1", "{}"); // its claim exists already: the one on NFS
            h.awaitCcBackendRunning();
            h.applyUpgrade(RollbackPolicy.Manual, m -> { });

            var cr = h.awaitTerminal(Duration.ofSeconds(40));

            assertThat(failedReason(cr)).isEqualTo("SnapshotDriverMismatch");
            assertThat(cr.getStatus().message).contains("nfs.csi.k8s.io").contains(DemoInstallation.SNAPSHOT_CLASS);
            assertThat(h.phases).doesNotContain(Phase.Quiescing);
            assertThat(ccBackend(h).getSpec().getReplicas()).isEqualTo(1);
        }
    }

    @Test
    void aRolloutThatGivesUpFailsVerificationAtOnceAndRollsBack() throws Exception {
        try (OperatorHarness h = harness(Faults.none().with(List.of(Faults.ClusterFault.ROLLOUT_DEADLINE)), ClusterProfile.realistic())) {
            h.awaitCcBackendRunning();
            h.applyUpgrade(RollbackPolicy.Automatic, m -> { }); // rollout timeout: 10m

            var cr = h.awaitTerminal(Duration.ofSeconds(60));

            assertThat(cr.getStatus().phase).as(Json.pretty(cr.getStatus())).isEqualTo(Phase.RolledBack);
            assertThat(failedReason(cr)).isEqualTo("VerificationFailed");
            assertThat(cr.getStatus().message).contains("ProgressDeadlineExceeded");
        }
    }

    @Test
    void aSelectorWithMatchExpressionsSelectsOnlyCcBackendsPods() throws Exception {
        try (OperatorHarness h = harness(Faults.none(), ClusterProfile.realistic())) {
            h.cluster.client().apps().deployments().inNamespace(DemoInstallation.NAMESPACE).withName(DemoInstallation.DEPLOYMENT).edit(d -> {
                d.getSpec().setSelector(new LabelSelectorBuilder().addNewMatchExpression().withKey("app.kubernetes.io/name")
                        .withOperator("In").withValues(DemoInstallation.DEPLOYMENT).endMatchExpression().build());
                return d;
            });
            h.cluster.client().pods().inNamespace(DemoInstallation.NAMESPACE).resource(new PodBuilder().withNewMetadata()
                    .withName("slurm-exporter").withLabels(Map.of("app.kubernetes.io/name", "slurm-exporter")).endMetadata()
                    .withNewSpec().addNewContainer().withName("exporter").withImage("exporter:1").endContainer().endSpec()
                    .withNewStatus().withPhase("Running").endStatus().build()).create();
            h.awaitCcBackendRunning();
            h.applyUpgrade(RollbackPolicy.Manual, m -> m.timeouts.rollout = "10s");

            var s = h.awaitTerminal(Duration.ofSeconds(60)).getStatus();

            assertThat(s.phase).as(Json.pretty(s)).isEqualTo(Phase.Succeeded);
        }
    }

    @Test
    void aConfigMountedThroughAProjectedVolumeIsSwappedToo() throws Exception {
        try (OperatorHarness h = harness(Faults.none(), ClusterProfile.realistic())) {
            h.cluster.client().apps().deployments().inNamespace(DemoInstallation.NAMESPACE).withName(DemoInstallation.DEPLOYMENT).edit(d -> {
                var pod = d.getSpec().getTemplate().getSpec();
                pod.getVolumes().removeIf(v -> v.getConfigMap() != null);
                pod.getVolumes().add(new VolumeBuilder().withName("config").withNewProjected().addNewSource().withNewConfigMap()
                        .withName(DemoInstallation.CONFIG_MAP).endConfigMap().endSource().endProjected().build());
                return d;
            });
            h.awaitCcBackendRunning();
            h.applyUpgrade(RollbackPolicy.Manual, m -> { });

            var s = h.awaitTerminal(Duration.ofSeconds(60)).getStatus();

            assertThat(s.phase).as(Json.pretty(s)).isEqualTo(Phase.Succeeded);
            var volume = ccBackend(h).getSpec().getTemplate().getSpec().getVolumes().stream()
                    .filter(v -> v.getProjected() != null).findFirst().orElseThrow();
            assertThat(volume.getProjected().getSources().get(0).getConfigMap().getName()).isEqualTo(s.newConfigMap);
        }
    }

    @Test
    void aMigrationWhoseProgressStandsStillIsStoppedAtTheStallDeadline() throws Exception {
        runner.archiveHangs = true;
        try (OperatorHarness h = harness(Faults.none(), ClusterProfile.realistic())) {
            h.awaitCcBackendRunning();
            h.applyUpgrade(RollbackPolicy.Manual, m -> m.timeouts.stall = "3s");

            var cr = h.awaitTerminal(Duration.ofSeconds(60));

            assertThat(failedReason(cr)).as(Json.pretty(cr.getStatus())).isEqualTo("MigrationStalled");
            assertThat(cr.getStatus().message).contains("made no progress for 3s");
            assertThat(h.cluster.client().batch().v1().jobs().inNamespace(DemoInstallation.NAMESPACE).withName(
                    cr.getStatus().step(Phase.MigratingArchive).orElseThrow().jobName).get()).as("stopped").isNull();
        }
    }

    @Test
    void aNodeDrainMidMigrationReplacesThePodInsteadOfFailing() throws Exception {
        try (OperatorHarness h = harness(Faults.none().with(List.of(Faults.ClusterFault.NODE_DRAIN)), ClusterProfile.realistic())) {
            h.awaitCcBackendRunning();
            h.applyUpgrade(RollbackPolicy.Manual, m -> { });

            var s = h.awaitTerminal(Duration.ofSeconds(60)).getStatus();

            assertThat(s.phase).as(Json.pretty(s)).isEqualTo(Phase.Succeeded);
            String archiveJob = s.step(Phase.MigratingArchive).orElseThrow().jobName;
            assertThat(h.cluster.client().pods().inNamespace(DemoInstallation.NAMESPACE).withLabel("job-name", archiveJob).list()
                    .getItems()).as("the drained pod and its replacement").hasSize(2);
        }
    }

    /** An upgrade whose archive migration waits at {@code runner.archiveGate} until the test opens it. */
    private OperatorHarness upgradeHeldInTheArchiveStep() throws Exception {
        runner.archiveGate = new java.util.concurrent.CountDownLatch(1);
        OperatorHarness h = harness(Faults.none(), ClusterProfile.realistic());
        h.awaitCcBackendRunning();
        h.applyUpgrade(RollbackPolicy.Manual, m -> { });
        awaitPhase(h, Phase.MigratingArchive);
        return h;
    }

    @Test
    void aFinishedJobGoneDuringAPauseIsNotRunAgain() throws Exception {
        try (OperatorHarness h = upgradeHeldInTheArchiveStep()) {
            String job = awaitJobName(h, Phase.MigratingArchive);
            h.editSpec(spec -> spec.paused = true);
            Thread.sleep(500);
            runner.archiveGate.countDown();
            Thread.sleep(1000);
            // its TTL ran out while the upgrade was paused
            h.cluster.client().batch().v1().jobs().inNamespace(DemoInstallation.NAMESPACE).withName(job).delete();
            h.editSpec(spec -> spec.paused = false);

            var cr = h.awaitTerminal(Duration.ofSeconds(40));

            assertThat(failedReason(cr)).as(Json.pretty(cr.getStatus())).isEqualTo("JobLost");
            assertThat(runner.calls.stream().filter(c -> c.get(0).equals("archive")).count()).as("run once, not again").isEqualTo(1);
        }
    }

    @Test
    void observedGenerationIsOnlyBumpedForASpecThatIsActedOn() throws Exception {
        try (OperatorHarness h = upgradeHeldInTheArchiveStep()) {
            long started = h.get().getStatus().observedGeneration;

            h.editSpec(spec -> spec.version = "v1.5.3"); // waits for the end of this upgrade
            Thread.sleep(1000);

            assertThat(h.get().getStatus().observedGeneration).as("a new version is not applied mid-upgrade").isEqualTo(started);
            runner.archiveGate.countDown();
        }
    }

    @Test
    void aPlanLargerThanATerminationMessageStillReachesTheOperator() throws Exception {
        MigratorEngines.assumeMerged();
        try (OperatorHarness h = new OperatorHarness(work, new InProcessMigrationRunner(), new MigratorConfigConversion(),
                new CcBackendStartupCheck(new ClaimStore(work)))) {
            Path claim = h.cluster.claims().claim(DemoInstallation.CLAIM);
            SampleDatabaseGenerator.generate(claim.resolve("job.db"), new SampleDatabaseGenerator.Options(7, 20, 0, 42));
            // a site with many clusters: the plan lists every one (about 10 KiB of JSON)
            List<String> clusters = java.util.stream.IntStream.range(0, 200).mapToObj(i -> "partition-of-the-cluster-" + i).toList();
            SampleArchiveGenerator.generate(claim.resolve("job-archive"),
                    new SampleArchiveGenerator.Spec(1, 200, clusters, 256, true, 0, 42));
            h.cluster.install("v1.3.1", "{\"addr\":\"0.0.0.0:8080\",\"db-driver\":\"sqlite3\",\"db\":\"./var/job.db\"}");
            h.awaitCcBackendRunning();
            h.applyUpgrade(RollbackPolicy.Manual, m -> { });

            var s = h.awaitTerminal(Duration.ofMinutes(2)).getStatus();

            assertThat(s.phase).as(Json.pretty(s)).isEqualTo(Phase.Succeeded);
            assertThat(s.plan.archiveFrom).isEqualTo(1);
            assertThat(s.plan.jobs).isEqualTo(200);
        }
    }

    private static void awaitPhase(OperatorHarness h, Phase phase) throws InterruptedException {
        for (int i = 0; i < 400 && !h.phases.contains(phase); i++) {
            Thread.sleep(50);
        }
        assertThat(h.phases).contains(phase);
    }

    private static String awaitJobName(OperatorHarness h, Phase phase) throws InterruptedException {
        for (int i = 0; i < 400; i++) {
            String name = h.get().getStatus().step(phase).map(s -> s.jobName).orElse(null);
            if (name != null && h.cluster.client().batch().v1().jobs().inNamespace(DemoInstallation.NAMESPACE).withName(name).get() != null) {
                Thread.sleep(300); // and the operator has seen it
                return name;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no Job for " + phase);
    }
}

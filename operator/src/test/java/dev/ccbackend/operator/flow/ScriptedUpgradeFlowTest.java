package dev.ccbackend.operator.flow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccbackend.operator.api.CcBackendUpgrade;
import dev.ccbackend.operator.api.Phase;
import dev.ccbackend.operator.api.RollbackPolicy;
import dev.ccbackend.operator.api.StepState;
import dev.ccbackend.operator.api.StepStatus;
import dev.ccbackend.operator.demo.DemoInstallation;
import dev.ccbackend.operator.kube.MigrationJobBuilder;
import dev.ccbackend.operator.status.Conditions;
import dev.ccbackend.operator.steps.ConfigConversion;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole upgrade flow against the mock API server with a scripted cc-migrator: every phase in
 * order, the Deployment swapped, the Jobs shaped as promised, and a failing step reported.
 */
class ScriptedUpgradeFlowTest {
    static final ConfigConversion WRAP_IN_MAIN = (config, release, db) -> {
        ObjectNode out = config.objectNode();
        out.set("main", config);
        return new ConfigConversion.Converted(out, List.of());
    };

    @TempDir
    Path work;

    @Test
    void upgradesV131ToV154ThroughEveryPhase() throws Exception {
        ScriptedMigrationRunner runner = new ScriptedMigrationRunner(7, 1);
        try (OperatorHarness h = new OperatorHarness(work, runner, WRAP_IN_MAIN)) {
            h.cluster.install("v1.3.1", "{\"addr\":\"0.0.0.0:8080\"}");
            h.cluster.claims().claim(DemoInstallation.CLAIM);
            h.awaitCcBackendRunning();
            h.cluster.client().resource(DemoInstallation.upgrade("v1.5.4", RollbackPolicy.Manual)).create();

            CcBackendUpgrade cr = h.awaitTerminal(Duration.ofSeconds(60));

            var s = cr.getStatus();
            assertThat(s.phase).as(s.message).isEqualTo(Phase.Succeeded);
            assertThat(s.steps).extracting(st -> st.name).containsExactly(Phase.work(false, false).stream().map(Enum::name).toArray(String[]::new));
            assertThat(s.steps).extracting(st -> st.state).containsOnly(StepState.Succeeded);
            assertThat(h.phases).containsExactly(Phase.Planning, Phase.Quiescing, Phase.Snapshotting,
                    Phase.MigratingDatabase, Phase.MigratingArchive, Phase.ConvertingConfig, Phase.Swapping,
                    Phase.Verifying, Phase.Succeeded);
            assertThat(s.steps).allSatisfy(st -> assertThat(st.finishedAt).isGreaterThanOrEqualTo(st.startedAt));
            assertThat(s.fromVersion).isEqualTo("v1.3.1");
            assertThat(s.toVersion).isEqualTo("v1.5.4");
            assertThat(s.plan.databaseFrom).isEqualTo(7);
            assertThat(s.plan.databaseTo).isEqualTo(11);
            assertThat(s.archiveProgress.jobsDone).isEqualTo(4);
            assertThat(s.snapshots).singleElement().satisfies(x -> assertThat(x.readyToUse).isTrue());
            assertThat(s.originalReplicas).isEqualTo(1);
            assertThat(Conditions.isTrue(s, Conditions.READY)).isTrue();
            assertThat(Conditions.isTrue(s, Conditions.PROGRESSING)).isFalse();
            assertThat(Conditions.hasReason(s, Conditions.RECONCILING, "UpgradeSucceeded")).isTrue();
            assertThat(Conditions.isTrue(s, Conditions.RECONCILING)).isFalse();
            assertThat(Conditions.isTrue(s, Conditions.STALLED)).isFalse();
            assertThat(runner.dbVersion).isEqualTo(11);
            assertThat(runner.archiveVersion).isEqualTo(3);

            List<String> started = h.events().stream().filter(e -> "StepStarted".equals(e.getReason()))
                    .map(Event::getMessage).toList();
            assertThat(started).containsExactly(Phase.work(false, false).stream().map(p -> p + " started").toArray(String[]::new));
            assertThat(h.events()).extracting(Event::getReason).contains("UpgradeStarted", "UpgradeSucceeded", "ScaledDown", "Swapped");

            Deployment d = h.cluster.client().apps().deployments().inNamespace(DemoInstallation.NAMESPACE)
                    .withName(DemoInstallation.DEPLOYMENT).get();
            assertThat(d.getSpec().getReplicas()).isEqualTo(1);
            assertThat(d.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                    .isEqualTo(DemoInstallation.REPOSITORY + ":v1.5.4");
            assertThat(d.getSpec().getTemplate().getSpec().getVolumes()).anySatisfy(v ->
                    assertThat(v.getConfigMap() != null ? v.getConfigMap().getName() : "").isEqualTo(s.newConfigMap));
            ConfigMap converted = h.cluster.client().configMaps().inNamespace(DemoInstallation.NAMESPACE)
                    .withName(s.newConfigMap).get();
            assertThat(converted.getData().get("config.json")).contains("\"main\"").contains("0.0.0.0:8080");
            assertThat(h.cluster.client().configMaps().inNamespace(DemoInstallation.NAMESPACE)
                    .withName(DemoInstallation.CONFIG_MAP).get()).as("the old ConfigMap stays").isNotNull();

            assertJobsAreLockedDown(h, s.steps);
        }
    }

    private static void assertJobsAreLockedDown(OperatorHarness h, List<StepStatus> steps) {
        List<Job> jobs = h.cluster.client().batch().v1().jobs().inNamespace(DemoInstallation.NAMESPACE).list().getItems();
        assertThat(jobs).extracting(j -> j.getMetadata().getName())
                .containsExactlyInAnyOrderElementsOf(steps.stream().filter(st -> st.jobName != null).map(st -> st.jobName).toList());
        assertThat(jobs).hasSize(5); // plan, db, archive, check, smoke test
        for (Job j : jobs) {
            assertThat(j.getSpec().getBackoffLimit()).isZero();
            assertThat(j.getSpec().getActiveDeadlineSeconds()).as("judged by progress (timeouts.stall), no overall deadline").isNull();
            assertThat(j.getSpec().getPodFailurePolicy().getRules()).singleElement()
                    .satisfies(r -> assertThat(r.getOnPodConditions().get(0).getType()).isEqualTo("DisruptionTarget"));
            assertThat(j.getMetadata().getOwnerReferences()).singleElement()
                    .satisfies(o -> assertThat(o.getKind()).isEqualTo("CcBackendUpgrade"));
            assertThat(j.getMetadata().getAnnotations()).containsKey(MigrationJobBuilder.ANNOTATION_SPEC_HASH);
            var sc = j.getSpec().getTemplate().getSpec().getContainers().get(0).getSecurityContext();
            assertThat(sc.getRunAsNonRoot()).isTrue();
            assertThat(sc.getReadOnlyRootFilesystem()).isTrue();
            assertThat(sc.getAllowPrivilegeEscalation()).isFalse();
            assertThat(sc.getCapabilities().getDrop()).containsExactly("ALL");
            assertThat(sc.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        }
        Job plan = jobs.stream().filter(j -> j.getMetadata().getName().contains("-plan-")).findFirst().orElseThrow();
        assertThat(plan.getSpec().getTemplate().getSpec().getContainers().get(0).getVolumeMounts())
                .allSatisfy(m -> assertThat(Boolean.TRUE.equals(m.getReadOnly()) || m.getMountPath().equals("/tmp")).isTrue());
        assertThat(plan.getSpec().getTemplate().getSpec().getAffinity().getPodAffinity()
                .getRequiredDuringSchedulingIgnoredDuringExecution()).singleElement()
                .satisfies(t -> assertThat(t.getTopologyKey()).isEqualTo("kubernetes.io/hostname"));
    }

    @Test
    void aFailingDatabaseMigrationStopsWithItsReasonAndLeavesCcBackendStopped() throws Exception {
        ScriptedMigrationRunner runner = new ScriptedMigrationRunner(7, 1);
        runner.failCommand = "db migrate";
        try (OperatorHarness h = new OperatorHarness(work, runner, WRAP_IN_MAIN)) {
            h.cluster.install("v1.3.1", "{}");
            h.cluster.claims().claim(DemoInstallation.CLAIM);
            h.awaitCcBackendRunning();
            h.cluster.client().resource(DemoInstallation.upgrade("v1.5.4", RollbackPolicy.Manual)).create();

            var s = h.awaitTerminal(Duration.ofSeconds(60)).getStatus();

            assertThat(s.phase).isEqualTo(Phase.Failed);
            assertThat(s.currentStep).isEqualTo("MigratingDatabase");
            assertThat(s.conditions).anySatisfy(c -> {
                assertThat(c.type).isEqualTo(Conditions.FAILED);
                assertThat(c.status).isEqualTo("True");
                assertThat(c.reason).isEqualTo("DatabaseMigrationFailed");
                assertThat(c.message).contains("scripted failure of db migrate").contains("increment spec.retry")
                        .contains("To roll back by hand: create a PersistentVolumeClaim from each of VolumeSnapshot ")
                        .contains("its replicas to 1");
            });
            assertThat(Conditions.isTrue(s, Conditions.STALLED)).isTrue();
            assertThat(Conditions.hasReason(s, Conditions.STALLED, "DatabaseMigrationFailed")).isTrue();
            assertThat(Conditions.isTrue(s, Conditions.RECONCILING)).isFalse();
            assertThat(s.step(Phase.MigratingDatabase).orElseThrow().jobName).isNotNull();
            assertThat(s.step(Phase.MigratingArchive).orElseThrow().state).isEqualTo(StepState.Pending);
            assertThat(h.events()).anySatisfy(e -> {
                assertThat(e.getType()).isEqualTo("Warning");
                assertThat(e.getReason()).isEqualTo("DatabaseMigrationFailed");
            });
            assertThat(h.cluster.client().apps().deployments().inNamespace(DemoInstallation.NAMESPACE)
                    .withName(DemoInstallation.DEPLOYMENT).get().getSpec().getReplicas()).isZero();
        }
    }

    @Test
    void pausedStopsBeforeTheNextStepAndResumesWhereItStopped() throws Exception {
        ScriptedMigrationRunner runner = new ScriptedMigrationRunner(7, 1);
        try (OperatorHarness h = new OperatorHarness(work, runner, WRAP_IN_MAIN)) {
            h.cluster.install("v1.3.1", "{}");
            h.cluster.claims().claim(DemoInstallation.CLAIM);
            h.awaitCcBackendRunning();
            CcBackendUpgrade cr = DemoInstallation.upgrade("v1.5.4", RollbackPolicy.Manual);
            cr.getSpec().paused = true;
            h.cluster.client().resource(cr).create();

            Thread.sleep(1500);
            var paused = h.get().getStatus();
            assertThat(paused.phase).isEqualTo(Phase.Planning);
            assertThat(paused.conditions).anySatisfy(c -> {
                assertThat(c.type).isEqualTo(Conditions.PROGRESSING);
                assertThat(c.reason).isEqualTo("Paused");
            });
            assertThat(Conditions.isTrue(paused, Conditions.RECONCILING)).isFalse();
            assertThat(Conditions.hasReason(paused, Conditions.RECONCILING, "Paused")).isTrue();
            assertThat(h.cluster.client().batch().v1().jobs().inAnyNamespace().list().getItems()).isEmpty();

            h.cluster.client().resources(CcBackendUpgrade.class).inNamespace(DemoInstallation.NAMESPACE)
                    .withName(DemoInstallation.DEPLOYMENT).edit(x -> {
                        x.getSpec().paused = false;
                        return x;
                    });
            CcBackendUpgrade done = h.awaitTerminal(Duration.ofSeconds(60));
            assertThat(done.getStatus().phase).isEqualTo(Phase.Succeeded);
            assertThat(done.getStatus().observedGeneration).isEqualTo(done.getMetadata().getGeneration()).isEqualTo(2L);
            assertThat(h.events()).extracting(Event::getReason).contains("Paused", "Resumed");
        }
    }

    @Test
    void aFailedUpgradeIsRetriedBySpecRetryAndKeepsWhatToRestore() throws Exception {
        ScriptedMigrationRunner runner = new ScriptedMigrationRunner(7, 1);
        runner.failCommand = "archive migrate";
        try (OperatorHarness h = new OperatorHarness(work, runner, WRAP_IN_MAIN)) {
            h.cluster.install("v1.3.1", "{}");
            h.cluster.claims().claim(DemoInstallation.CLAIM);
            h.awaitCcBackendRunning();
            h.cluster.client().resource(DemoInstallation.upgrade("v1.5.4", RollbackPolicy.Manual)).create();
            var failed = h.awaitTerminal(Duration.ofSeconds(60)).getStatus();
            assertThat(failed.phase).isEqualTo(Phase.Failed);
            assertThat(runner.dbVersion).isEqualTo(11);

            runner.failCommand = null;
            h.cluster.client().resources(CcBackendUpgrade.class).inNamespace(DemoInstallation.NAMESPACE)
                    .withName(DemoInstallation.DEPLOYMENT).edit(x -> {
                        x.getSpec().retry = 1;
                        return x;
                    });
            Thread.sleep(300);
            var s = h.awaitTerminal(Duration.ofSeconds(60)).getStatus();

            assertThat(s.phase).isEqualTo(Phase.Succeeded);
            assertThat(s.observedRetry).isEqualTo(1);
            assertThat(s.originalReplicas).as("kept from the first attempt, not the 0 it left").isEqualTo(1);
            assertThat(s.plan.databaseFrom).as("planned anew from disk").isEqualTo(11);
            assertThat(s.step(Phase.MigratingDatabase).orElseThrow().state).isEqualTo(StepState.Skipped);
            assertThat(s.snapshots).as("the snapshot of the first attempt is the one that holds the old data").hasSize(1);
            assertThat(h.cluster.client().apps().deployments().inNamespace(DemoInstallation.NAMESPACE)
                    .withName(DemoInstallation.DEPLOYMENT).get().getSpec().getReplicas()).isEqualTo(1);
        }
    }

    @Test
    void aFreshOperatorContinuesAnUpgradeWithoutRunningAnyStepTwice() throws Exception {
        ScriptedMigrationRunner runner = new ScriptedMigrationRunner(7, 1);
        runner.archiveGate = new java.util.concurrent.CountDownLatch(1);
        try (OperatorHarness h = new OperatorHarness(work, runner, WRAP_IN_MAIN)) {
            h.cluster.install("v1.3.1", "{}");
            h.cluster.claims().claim(DemoInstallation.CLAIM);
            h.awaitCcBackendRunning();
            h.cluster.client().resource(DemoInstallation.upgrade("v1.5.4", RollbackPolicy.Manual)).create();
            for (int i = 0; i < 200 && runner.calls.stream().noneMatch(c -> c.get(0).equals("archive")); i++) {
                Thread.sleep(50);
            }
            assertThat(h.get().getStatus().phase).isEqualTo(Phase.MigratingArchive);

            h.restartOperator();
            runner.archiveGate.countDown();
            var s = h.awaitTerminal(Duration.ofSeconds(60)).getStatus();

            assertThat(s.phase).isEqualTo(Phase.Succeeded);
            assertThat(runner.calls).extracting(c -> c.get(0).equals("plan") ? "plan" : c.get(0) + " " + c.get(1))
                    .containsExactly("plan", "db migrate", "archive migrate", "plan", "db inspect");
            assertThat(h.cluster.client().batch().v1().jobs().inAnyNamespace().list().getItems()).hasSize(5);
            assertThat(s.originalReplicas).isEqualTo(1);
        }
    }

    @Test
    void upgradesToAReleaseNewerThanTheCatalogByProbingItsImage() throws Exception {
        ScriptedMigrationRunner runner = new ScriptedMigrationRunner(7, 1);
        try (OperatorHarness h = new OperatorHarness(work, runner, WRAP_IN_MAIN)) {
            h.cluster.images().add("v1.6.0", 12, 3);
            h.cluster.install("v1.3.1", "{}");
            h.cluster.claims().claim(DemoInstallation.CLAIM);
            h.awaitCcBackendRunning();
            h.cluster.client().resource(DemoInstallation.upgrade("v1.6.0", RollbackPolicy.Manual)).create();

            var s = h.awaitTerminal(Duration.ofSeconds(60)).getStatus();

            assertThat(s.phase).as(s.message).isEqualTo(Phase.Succeeded);
            assertThat(s.probedRelease.dbVersion).isEqualTo(12);
            assertThat(runner.dbVersion).isEqualTo(12);
            assertThat(h.events()).extracting(Event::getReason).contains("ReleaseProbed");
        }
    }

    @Test
    void restartingTheOperatorAtEveryPhaseStillSucceedsWithoutRepeatingWork() throws Exception {
        ScriptedMigrationRunner runner = new ScriptedMigrationRunner(7, 1);
        try (OperatorHarness h = new OperatorHarness(work, runner, WRAP_IN_MAIN)) {
            h.cluster.install("v1.3.1", "{}");
            h.cluster.claims().claim(DemoInstallation.CLAIM);
            h.awaitCcBackendRunning();
            h.cluster.client().resource(DemoInstallation.upgrade("v1.5.4", RollbackPolicy.Manual)).create();

            int restarts = 0;
            int seen = 0;
            for (int i = 0; i < 600; i++) {
                CcBackendUpgrade cr = h.get();
                if (cr.getStatus() != null && cr.getStatus().phase != null && cr.getStatus().phase.terminal()) {
                    break;
                }
                if (h.phases.size() > seen) {
                    seen = h.phases.size();
                    h.restartOperator(); // killed right after entering each phase
                    restarts++;
                }
                Thread.sleep(50);
            }
            var s = h.awaitTerminal(Duration.ofSeconds(60)).getStatus();

            assertThat(s.phase).as(s.message).isEqualTo(Phase.Succeeded);
            assertThat(restarts).isGreaterThanOrEqualTo(5);
            assertThat(runner.calls).extracting(c -> c.get(0).equals("plan") ? "plan" : c.get(0) + " " + c.get(1))
                    .containsExactly("plan", "db migrate", "archive migrate", "plan", "db inspect");
            assertThat(h.cluster.client().batch().v1().jobs().inAnyNamespace().list().getItems()).hasSize(5);
            assertThat(h.cluster.client().resources(dev.ccbackend.operator.kube.snapshot.VolumeSnapshot.class)
                    .inAnyNamespace().list().getItems()).hasSize(1);
            assertThat(h.cluster.client().configMaps().inNamespace(DemoInstallation.NAMESPACE).list().getItems()).hasSize(2);
            assertThat(s.originalReplicas).isEqualTo(1);
        }
    }
}

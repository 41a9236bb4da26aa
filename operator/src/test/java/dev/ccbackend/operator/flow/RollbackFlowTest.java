package dev.ccbackend.operator.flow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ccbackend.operator.api.Phase;
import dev.ccbackend.operator.api.RollbackPolicy;
import dev.ccbackend.operator.demo.DemoInstallation;
import dev.ccbackend.operator.demo.Faults;
import dev.ccbackend.operator.status.Conditions;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** rollback: Automatic brings the old version back on claims restored from the snapshots. */
class RollbackFlowTest {
    @TempDir
    Path work;

    @ParameterizedTest
    @EnumSource(value = Faults.Step.class, names = {"archive", "verify"})
    void aFailureAfterTheSnapshotsRollsBackToTheRestoredClaims(Faults.Step step) throws Exception {
        ScriptedMigrationRunner runner = new ScriptedMigrationRunner(7, 1);
        try (OperatorHarness h = new OperatorHarness(work, runner, ScriptedUpgradeFlowTest.WRAP_IN_MAIN, pod -> true,
                Faults.at(step))) {
            h.cluster.install("v1.3.1", "{}");
            Files.writeString(h.cluster.claims().claim(DemoInstallation.CLAIM).resolve("marker"), "before");
            h.awaitCcBackendRunning();
            h.applyUpgrade(RollbackPolicy.Automatic, m -> m.timeouts.rollout = "2s");

            var s = h.awaitTerminal(Duration.ofSeconds(60)).getStatus();

            assertThat(s.phase).as(s.message).isEqualTo(Phase.RolledBack);
            assertThat(h.phases).contains(Phase.RollingBack, Phase.RolledBack);
            assertThat(s.conditions).anySatisfy(c -> {
                assertThat(c.type).isEqualTo(Conditions.FAILED);
                assertThat(c.status).isEqualTo("True");
            });
            assertThat(s.rollbackable).isFalse();
            assertThat(s.downtimeSeconds).as("from the scale-down until the old version ran again").isNotNull()
                    .isGreaterThanOrEqualTo(java.time.Duration.between(java.time.Instant.parse(s.stepFor(Phase.Quiescing).startedAt),
                            java.time.Instant.parse(s.stepFor(Phase.RollingBack).startedAt)).toSeconds());
            String restored = s.snapshots.get(0).restoredClaimName;
            Deployment d = h.cluster.client().apps().deployments().inNamespace(DemoInstallation.NAMESPACE)
                    .withName(DemoInstallation.DEPLOYMENT).get();
            var pod = d.getSpec().getTemplate().getSpec();
            assertThat(pod.getContainers().get(0).getImage()).isEqualTo(DemoInstallation.REPOSITORY + ":v1.3.1");
            assertThat(d.getSpec().getReplicas()).isEqualTo(1);
            assertThat(pod.getVolumes()).anySatisfy(v -> assertThat(v.getPersistentVolumeClaim() == null ? null
                    : v.getPersistentVolumeClaim().getClaimName()).isEqualTo(restored));
            assertThat(pod.getVolumes()).anySatisfy(v -> assertThat(v.getConfigMap() == null ? null
                    : v.getConfigMap().getName()).isEqualTo(DemoInstallation.CONFIG_MAP));
            assertThat(h.cluster.client().persistentVolumeClaims().inNamespace(DemoInstallation.NAMESPACE)
                    .withName(DemoInstallation.CLAIM).get()).as("the original claim is never deleted").isNotNull();
            assertThat(Files.readString(h.cluster.claims().claim(restored).resolve("marker"))).isEqualTo("before");
            assertThat(h.events()).extracting(Event::getReason).contains("RolledBack");
        }
    }
}

package dev.ccbackend.operator.flow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ccbackend.operator.api.CcBackendUpgrade;
import dev.ccbackend.operator.api.Phase;
import dev.ccbackend.operator.api.RollbackPolicy;
import dev.ccbackend.operator.demo.DemoInstallation;
import dev.ccbackend.operator.demo.Faults;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Deleting the resource mid-upgrade never leaves cc-backend silently scaled to zero. */
class DeletionFlowTest {
    @TempDir
    Path work;

    @ParameterizedTest
    @CsvSource({"snapshot,1,replicas restored", "archive,0,stays stopped"})
    void deletingAFailedUpgradeRestoresOrExplains(Faults.Step step, int replicas, String says) throws Exception {
        try (OperatorHarness h = new OperatorHarness(work, new ScriptedMigrationRunner(7, 1),
                ScriptedUpgradeFlowTest.WRAP_IN_MAIN, pod -> true, Faults.at(step))) {
            h.cluster.install("v1.3.1", "{}");
            h.cluster.claims().claim(DemoInstallation.CLAIM);
            h.awaitCcBackendRunning();
            // a snapshot error is taken as final only at the deadline
            h.applyUpgrade(RollbackPolicy.Manual, m -> m.timeouts.snapshot = "3s");
            assertThat(h.awaitTerminal(Duration.ofSeconds(60)).getStatus().phase).isEqualTo(Phase.Failed);

            h.cluster.client().resources(CcBackendUpgrade.class).inNamespace(DemoInstallation.NAMESPACE)
                    .withName(DemoInstallation.DEPLOYMENT).delete();
            for (int i = 0; i < 100 && h.get() != null; i++) {
                Thread.sleep(50);
            }

            assertThat(h.get()).as("the finalizer lets go").isNull();
            Deployment d = h.cluster.client().apps().deployments().inNamespace(DemoInstallation.NAMESPACE)
                    .withName(DemoInstallation.DEPLOYMENT).get();
            assertThat(d.getSpec().getReplicas()).isEqualTo(replicas);
            assertThat(d.getMetadata().getAnnotations().get("cc-backend.dev/upgrade-interrupted")).contains(says);
            assertThat(h.events()).anySatisfy(e -> {
                assertThat(e.getReason()).isEqualTo("UpgradeInterrupted");
                assertThat(e.getInvolvedObject().getKind()).isEqualTo("Deployment");
            });
        }
    }
}

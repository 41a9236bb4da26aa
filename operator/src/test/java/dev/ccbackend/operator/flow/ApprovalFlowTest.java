package dev.ccbackend.operator.flow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ccbackend.migrator.util.Json;
import dev.ccbackend.operator.api.ApprovalPolicy;
import dev.ccbackend.operator.api.CcBackendUpgrade;
import dev.ccbackend.operator.api.Phase;
import dev.ccbackend.operator.api.RollbackPolicy;
import dev.ccbackend.operator.api.StepState;
import dev.ccbackend.operator.demo.DemoInstallation;
import io.fabric8.kubernetes.api.model.Event;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** approval: Manual waits after planning with cc-backend running, until spec.approvedPlan names the plan's hash. */
class ApprovalFlowTest {
    @TempDir
    Path work;

    @Test
    void waitsWithCcBackendRunningRefusesAStaleHashAndGoesOnWithTheRightOne() throws Exception {
        ScriptedMigrationRunner runner = new ScriptedMigrationRunner(7, 1);
        try (OperatorHarness h = new OperatorHarness(work, runner, ScriptedUpgradeFlowTest.WRAP_IN_MAIN)) {
            h.cluster.install("v1.3.1", "{}");
            h.awaitCcBackendRunning();
            CcBackendUpgrade cr = DemoInstallation.upgrade("v1.5.4", RollbackPolicy.Manual);
            cr.getSpec().approval = ApprovalPolicy.Manual;
            h.cluster.client().resource(cr).create();

            var waiting = h.await(s -> s.getStatus() != null && s.getStatus().phase == Phase.AwaitingApproval
                    && s.getStatus().message != null && s.getStatus().message.startsWith("waiting for approval"));
            String hash = waiting.getStatus().plan.hash;
            assertThat(hash).hasSize(8);
            assertThat(waiting.getStatus().plan.estimatedDowntimeSeconds).isGreaterThanOrEqualTo(60);
            assertThat(waiting.getStatus().message).contains("set spec.approvedPlan to " + hash, "cc-backend keeps running");
            Thread.sleep(1000); // it stays there
            assertThat(h.get().getStatus().phase).isEqualTo(Phase.AwaitingApproval);
            assertThat(h.cluster.client().apps().deployments().inNamespace(DemoInstallation.NAMESPACE)
                    .withName(DemoInstallation.DEPLOYMENT).get().getSpec().getReplicas()).as("cc-backend untouched").isEqualTo(1);
            assertThat(runner.calls).as("no migration Job").allMatch(c -> c.contains("plan"));

            h.editSpec(spec -> spec.approvedPlan = "0123456789");
            var stale = h.await(s -> s.getStatus().message.contains("is not this plan's hash"));
            assertThat(stale.getStatus().phase).isEqualTo(Phase.AwaitingApproval);
            assertThat(stale.getStatus().message).contains("set spec.approvedPlan to " + hash);

            h.editSpec(spec -> spec.approvedPlan = hash);
            var s = h.awaitTerminal(Duration.ofSeconds(60)).getStatus();

            assertThat(s.phase).as(Json.pretty(s)).isEqualTo(Phase.Succeeded);
            assertThat(s.stepFor(Phase.AwaitingApproval).state).isEqualTo(StepState.Succeeded);
            assertThat(s.stepFor(Phase.AwaitingApproval).message).isEqualTo("plan " + hash + " approved");
            assertThat(h.phases).containsSubsequence(Phase.Planning, Phase.AwaitingApproval, Phase.Quiescing);
            assertThat(h.events()).extracting(Event::getReason).contains("AwaitingApproval");
            assertThat(h.get().getStatus().observedGeneration).as("approving is not a new spec").isEqualTo(h.get().getMetadata().getGeneration());
        }
    }
}

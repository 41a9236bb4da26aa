package dev.ccbackend.operator.steps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ccbackend.operator.api.Phase;
import dev.ccbackend.operator.demo.DemoInstallation;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class QuiesceStepTest {
    final StepFixture f = new StepFixture();

    @AfterEach
    void close() {
        f.close();
    }

    private int replicas() {
        return f.client.apps().deployments().inNamespace(DemoInstallation.NAMESPACE).withName("cc-backend").get()
                .getSpec().getReplicas();
    }

    @Test
    void recordsWhatToRestoreBeforeScalingToZeroAndWaitsForThePodsToGo() {
        f.runCcBackendPod();
        StepResult first = new QuiesceStep().run(f.context(Phase.Quiescing));

        assertThat(first).isInstanceOf(StepResult.Wait.class);
        assertThat(f.saves).singleElement().satisfies(s -> assertThat(s).contains("\"originalReplicas\":1"));
        assertThat(f.cr.getStatus().originalImage).isEqualTo(DemoInstallation.REPOSITORY + ":v1.3.1");
        assertThat(f.cr.getStatus().originalConfigMap).isEqualTo(DemoInstallation.CONFIG_MAP);
        assertThat(replicas()).isZero();

        // Re-entered while the pod still runs: the recorded replicas stay 1, not the current 0.
        assertThat(new QuiesceStep().run(f.context(Phase.Quiescing))).isInstanceOf(StepResult.Wait.class);
        assertThat(f.cr.getStatus().originalReplicas).isEqualTo(1);

        f.client.pods().inNamespace(DemoInstallation.NAMESPACE).withName("cc-backend-abc-0").delete();
        assertThat(new QuiesceStep().run(f.context(Phase.Quiescing))).isInstanceOf(StepResult.Advance.class);
    }

    @Test
    void theRolloutTimeoutAndTheDowntimeCountFromTheScaleDownNotFromTheWaitBeforeIt() {
        f.runCcBackendPod();
        StepContext ctx = f.context(Phase.Quiescing);
        f.clock.advance(Duration.ofHours(3)); // waited for the window, or for the online catch-up, cc-backend running

        assertThat(new QuiesceStep().run(ctx)).isInstanceOf(StepResult.Wait.class);

        assertThat(f.cr.getStatus().stepFor(Phase.Quiescing).startedAt).isEqualTo(f.clock.instant().toString());
        f.clock.advance(Duration.ofMinutes(1));
        assertThat(new QuiesceStep().run(ctx)).as("a pod still stopping a minute later").isInstanceOf(StepResult.Wait.class);
    }

    @Test
    void podsThatNeverStopFailAfterTheRolloutTimeout() {
        f.runCcBackendPod();
        StepContext ctx = f.context(Phase.Quiescing);
        new QuiesceStep().run(ctx);
        f.clock.advance(Duration.ofMinutes(11));

        assertThat(new QuiesceStep().run(ctx)).isInstanceOfSatisfying(StepResult.Fail.class,
                x -> assertThat(x.reason()).isEqualTo("QuiesceTimeout"));
    }
}

package dev.ccbackend.operator.steps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ccbackend.operator.api.Phase;
import dev.ccbackend.operator.demo.DemoInstallation;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SwapAndVerifyStepTest {
    final StepFixture f = new StepFixture();

    @BeforeEach
    void quiesced() {
        f.cr.getStatus().originalReplicas = 1;
        f.cr.getStatus().newConfigMap = "cc-backend-config-v1-5-4-abcdef12";
        f.client.apps().deployments().inNamespace(DemoInstallation.NAMESPACE).withName("cc-backend").edit(d -> {
            d.getSpec().setReplicas(0);
            return d;
        });
    }

    @AfterEach
    void close() {
        f.close();
    }

    private Deployment deployment() {
        return f.client.apps().deployments().inNamespace(DemoInstallation.NAMESPACE).withName("cc-backend").get();
    }

    private String checkJob() {
        new SwapStep().run(f.context(Phase.Swapping));
        return f.cr.getStatus().step(Phase.Swapping).orElseThrow().jobName;
    }

    @Test
    void refusesToStartTheNewVersionWhenTheDiskIsNotAtItsVersions() {
        f.finishJob(checkJob(), 0, PlanStepTest.PLAN.formatted(0, 0, "[]"));

        assertThat(new SwapStep().run(f.context(Phase.Swapping))).isInstanceOfSatisfying(StepResult.Fail.class, x -> {
            assertThat(x.reason()).isEqualTo("VersionMismatch");
            assertThat(x.message()).contains("database 7 (need 11)");
        });
        assertThat(deployment().getSpec().getReplicas()).isZero();
    }

    @Test
    void swapsImageConfigAndReplicasThenVerifyWaitsForTheRollout() {
        f.finishJob(checkJob(), 0, PlanStepTest.PLAN.formatted(0, 0, "[]").replace("\"currentVersion\":7,", "\"currentVersion\":11,")
                .replace("\"currentVersion\":1,", "\"currentVersion\":3,"));

        assertThat(new SwapStep().run(f.context(Phase.Swapping))).isInstanceOf(StepResult.Advance.class);
        Deployment d = deployment();
        assertThat(d.getSpec().getReplicas()).isEqualTo(1);
        assertThat(d.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                .isEqualTo(DemoInstallation.REPOSITORY + ":v1.5.4");
        assertThat(d.getSpec().getTemplate().getSpec().getVolumes()).anySatisfy(v ->
                assertThat(v.getConfigMap() == null ? null : v.getConfigMap().getName()).isEqualTo("cc-backend-config-v1-5-4-abcdef12"));
        String resourceVersion = d.getMetadata().getResourceVersion();
        assertThat(new SwapStep().run(f.context(Phase.Swapping))).isInstanceOf(StepResult.Advance.class);
        assertThat(deployment().getMetadata().getResourceVersion()).as("re-entry patches nothing").isEqualTo(resourceVersion);

        StepContext verify = f.context(Phase.Verifying);
        assertThat(new VerifyStep().run(verify)).as("not rolled out yet").isInstanceOf(StepResult.Wait.class);
        f.client.apps().deployments().inNamespace(DemoInstallation.NAMESPACE).withName("cc-backend").editStatus(x -> {
            x.setStatus(new DeploymentStatusBuilder().withObservedGeneration(x.getMetadata().getGeneration())
                    .withReplicas(1).withUpdatedReplicas(1).withReadyReplicas(1).withAvailableReplicas(1).build());
            return x;
        });
        assertThat(new VerifyStep().run(verify)).as("no pod runs the new image yet").isInstanceOf(StepResult.Wait.class);
        f.client.pods().inNamespace(DemoInstallation.NAMESPACE).resource(new io.fabric8.kubernetes.api.model.PodBuilder()
                .withNewMetadata().withName("cc-backend-new-0").withLabels(java.util.Map.of("app.kubernetes.io/name", "cc-backend"))
                .endMetadata().withNewSpec().addNewContainer().withName("cc-backend")
                .withImage(DemoInstallation.REPOSITORY + ":v1.5.4").endContainer().endSpec()
                .withNewStatus().addNewCondition().withType("Ready").withStatus("True").endCondition().endStatus()
                .build()).create();
        // ready, but nothing serves its page: the smoke test (SmokeTestFlowTest) holds the step
        assertThat(new VerifyStep().run(verify)).isInstanceOfSatisfying(StepResult.Wait.class, w -> assertThat(w.message())
                .contains("is ready; its page does not answer yet", "connection refused"));
        assertThat(f.cr.getStatus().rollbackable).isNotEqualTo(Boolean.FALSE);
    }

    @Test
    void aRolloutThatNeverBecomesReadyFailsAfterTheRolloutTimeout() {
        StepContext verify = f.context(Phase.Verifying);
        assertThat(new VerifyStep().run(verify)).isInstanceOf(StepResult.Wait.class);
        f.clock.advance(java.time.Duration.ofMinutes(11));
        assertThat(new VerifyStep().run(verify)).isInstanceOfSatisfying(StepResult.Fail.class,
                x -> assertThat(x.reason()).isEqualTo("VerificationFailed"));
    }
}

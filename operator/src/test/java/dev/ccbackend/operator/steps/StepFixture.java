package dev.ccbackend.operator.steps;

import dev.ccbackend.migrator.util.Json;
import dev.ccbackend.operator.api.CcBackendUpgrade;
import dev.ccbackend.operator.api.CcBackendUpgradeStatus;
import dev.ccbackend.operator.api.Phase;
import dev.ccbackend.operator.api.RollbackPolicy;
import dev.ccbackend.operator.demo.DataOwner;
import dev.ccbackend.operator.demo.DemoInstallation;
import dev.ccbackend.operator.demo.MockCluster;
import dev.ccbackend.operator.kube.LogSource;
import dev.ccbackend.operator.status.EventRecorder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A step's world without JOSDK: the mock API server holding a cc-backend installation, a
 * CcBackendUpgrade whose status the step edits, a clock the test moves, and a record of every
 * status save with what existed at that moment (to check write-ahead).
 */
final class StepFixture implements AutoCloseable {
    final MockCluster cluster = MockCluster.start();
    final KubernetesClient client = cluster.client();
    final TestingClock clock = new TestingClock();
    final CcBackendUpgrade cr;
    /** Status JSON at each save, with the Jobs that existed then. */
    final List<String> saves = new ArrayList<>();
    final List<List<String>> jobsAtSave = new ArrayList<>();

    StepFixture() {
        DemoInstallation.create(client, "v1.3.1", "{\"addr\":\"0.0.0.0:8080\"}", new DataOwner(1000, 1000));
        cr = client.resource(DemoInstallation.upgrade("v1.5.4", RollbackPolicy.Manual)).create();
        cr.setStatus(new CcBackendUpgradeStatus());
    }

    StepContext context(Phase phase) {
        cr.getStatus().stepFor(phase).startedAt = clock.instant().toString();
        OperatorSettings settings = new OperatorSettings("cc-migrator:test", Duration.ofSeconds(5),
                LogSource.podLog(), Duration.ofDays(7));
        return new StepContext(cr, phase, client, clock, settings, () -> {
            saves.add(Json.compact(cr.getStatus()));
            jobsAtSave.add(jobNames());
        }, new EventRecorder(client, clock));
    }

    /** cc-backend scaled to zero, as Quiescing leaves it before any migration Job may run. */
    StepFixture ccBackendStopped() {
        client.apps().deployments().inNamespace(DemoInstallation.NAMESPACE).withName(DemoInstallation.DEPLOYMENT).edit(d -> {
            d.getSpec().setReplicas(0);
            return d;
        });
        return this;
    }

    List<String> jobNames() {
        return client.batch().v1().jobs().inNamespace(DemoInstallation.NAMESPACE).list().getItems().stream()
                .map(j -> j.getMetadata().getName()).toList();
    }

    Job job(String name) {
        return client.batch().v1().jobs().inNamespace(DemoInstallation.NAMESPACE).withName(name).get();
    }

    /** Plays the kubelet and Job controller: the Job's pod ended with {@code terminationMessage}. */
    void finishJob(String name, int exitCode, String terminationMessage) {
        client.pods().inNamespace(DemoInstallation.NAMESPACE).resource(new PodBuilder()
                .withNewMetadata().withName(name + "-x").withLabels(Map.of("job-name", name)).endMetadata()
                .withNewSpec().addNewContainer().withName("cc-migrator").withImage("cc-migrator:test").endContainer().endSpec()
                .withNewStatus().addNewContainerStatus().withName("cc-migrator").withNewState().withNewTerminated()
                .withExitCode(exitCode).withMessage(terminationMessage).endTerminated().endState().endContainerStatus()
                .endStatus().build()).create();
        client.batch().v1().jobs().inNamespace(DemoInstallation.NAMESPACE).withName(name).editStatus(j -> {
            j.setStatus(exitCode == 0 ? new JobStatusBuilder().withSucceeded(1).build()
                    : new JobStatusBuilder().withFailed(1).addNewCondition().withType("Failed").withStatus("True")
                    .withReason("BackoffLimitExceeded").endCondition().build());
            return j;
        });
    }

    /** Runs cc-backend's pod as the Deployment controller would. */
    void runCcBackendPod() {
        client.pods().inNamespace(DemoInstallation.NAMESPACE).resource(new PodBuilder()
                .withNewMetadata().withName("cc-backend-abc-0").withLabels(Map.of("app.kubernetes.io/name", "cc-backend"))
                .endMetadata().withNewSpec().addNewContainer().withName("cc-backend")
                .withImage(DemoInstallation.REPOSITORY + ":v1.3.1").endContainer().endSpec().build()).create();
    }

    @Override
    public void close() {
        cluster.close();
    }
}

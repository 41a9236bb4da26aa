package dev.ccbackend.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ccbackend.operator.api.CcBackendUpgrade;
import dev.ccbackend.operator.api.Phase;
import dev.ccbackend.operator.api.RollbackPolicy;
import dev.ccbackend.operator.demo.DemoInstallation;
import dev.ccbackend.operator.demo.MockCluster;
import dev.ccbackend.operator.kube.LogSource;
import dev.ccbackend.operator.metrics.OperatorMetrics;
import dev.ccbackend.operator.steps.OperatorSettings;
import dev.ccbackend.operator.steps.Step;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A request the API server refuses for good fails the step with what it said, instead of a retry loop. */
class RejectedRequestTest {
    final MockCluster cluster = MockCluster.start();

    @AfterEach
    void close() {
        cluster.close();
    }

    private CcBackendUpgrade planningWith(Step planning) {
        var reconciler = new CcBackendUpgradeReconciler(cluster.client(), Map.of(Phase.Planning, planning),
                new OperatorSettings("cc-migrator:test", Duration.ofSeconds(1), LogSource.podLog(), Duration.ofDays(1)),
                Clock.systemUTC(), new OperatorMetrics());
        CcBackendUpgrade cr = cluster.client().resource(DemoInstallation.upgrade("v1.5.4", RollbackPolicy.Manual)).create();
        reconciler.reconcileOnce(cr); // starts the attempt
        reconciler.reconcileOnce(cr);
        return cr;
    }

    private static KubernetesClientException refused(int code, String message) {
        return new KubernetesClientException(new StatusBuilder().withCode(code).withMessage(message).build());
    }

    @Test
    void anInvalidObjectFailsTheStepWithTheApiServersMessage() {
        CcBackendUpgrade cr = planningWith(ctx -> {
            throw refused(422, "Job.batch \"x\" is invalid: metadata.name: must be no more than 63 characters");
        });

        assertThat(cr.getStatus().phase).isEqualTo(Phase.Failed);
        assertThat(cr.getStatus().conditions).anySatisfy(c -> {
            assertThat(c.reason).isEqualTo("RejectedByApiServer");
            assertThat(c.message).contains("must be no more than 63 characters").contains("admission policies");
        });
    }

    @Test
    void aPassingFaultIsLeftToTheNextReconcile() {
        assertThatThrownBy(() -> planningWith(ctx -> {
            throw refused(409, "the object has been modified");
        })).isInstanceOf(KubernetesClientException.class);
    }
}

package dev.ccbackend.operator.flow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ccbackend.operator.api.CcBackendUpgrade;
import dev.ccbackend.operator.api.Phase;
import dev.ccbackend.operator.api.RollbackPolicy;
import dev.ccbackend.operator.demo.DemoInstallation;
import dev.ccbackend.operator.kube.LogSource;
import dev.ccbackend.operator.metrics.OperatorMetrics;
import dev.ccbackend.operator.reconciler.OperatorLauncher;
import dev.ccbackend.operator.steps.OperatorSettings;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two operator replicas with leader election on one Lease: only the holder acts, the upgrade
 * runs once (one Job per step), and when the holder stops the other replica takes over.
 */
class LeaderElectionFlowTest {
    private static final String LEASE = "cc-upgrade-operator-leader";

    @TempDir
    Path work;

    @Test
    void oneReplicaActsAndTheOtherTakesOverWhenItStops() throws Exception {
        ScriptedMigrationRunner runner = new ScriptedMigrationRunner(7, 1);
        try (OperatorHarness h = new OperatorHarness(work, runner, ScriptedUpgradeFlowTest.WRAP_IN_MAIN)) {
            h.operator.stop(); // the harness's own replica runs without a Lease; these two compete for one
            Operator a = replica(h, "replica-a");
            Operator b = replica(h, "replica-b");
            try {
                String first = awaitHolder(h, null);
                assertThat(first).isIn("replica-a", "replica-b");

                h.cluster.install("v1.3.1", "{\"addr\":\"0.0.0.0:8080\"}");
                h.cluster.claims().claim(DemoInstallation.CLAIM);
                h.awaitCcBackendRunning();
                h.cluster.client().resource(DemoInstallation.upgrade("v1.5.4", RollbackPolicy.Manual)).create();
                CcBackendUpgrade cr = h.awaitTerminal(Duration.ofSeconds(60));

                assertThat(cr.getStatus().phase).as(cr.getStatus().message).isEqualTo(Phase.Succeeded);
                assertThat(h.cluster.client().batch().v1().jobs().inNamespace(DemoInstallation.NAMESPACE).list().getItems())
                        .extracting(j -> j.getMetadata().getName())
                        .as("one Job per step: the replica without the Lease never acted")
                        .doesNotHaveDuplicates()
                        .allSatisfy(name -> assertThat(name).doesNotContain("retry"));

                (first.equals("replica-a") ? a : b).stop();
                assertThat(awaitHolder(h, first)).isEqualTo(first.equals("replica-a") ? "replica-b" : "replica-a");
            } finally {
                a.stop();
                b.stop();
            }
        }
    }

    private static Operator replica(OperatorHarness h, String identity) {
        var lease = new LeaderElectionConfiguration(LEASE, DemoInstallation.NAMESPACE, Duration.ofSeconds(2),
                Duration.ofMillis(1500), Duration.ofMillis(200), identity, null, false);
        var settings = new OperatorSettings("cc-migrator:test", Duration.ofMillis(100), LogSource.podLog(),
                Duration.ofDays(7));
        return OperatorLauncher.start(h.cluster.client(), settings, ScriptedUpgradeFlowTest.WRAP_IN_MAIN,
                Clock.systemUTC(), new OperatorMetrics(), Set.of(), lease);
    }

    /** The Lease's holder once it is held by someone other than {@code previous}. */
    private static String awaitHolder(OperatorHarness h, String previous) throws InterruptedException {
        Instant end = Instant.now().plusSeconds(20);
        while (Instant.now().isBefore(end)) {
            Lease lease = h.cluster.client().leases().inNamespace(DemoInstallation.NAMESPACE).withName(LEASE).get();
            String holder = lease == null || lease.getSpec() == null ? null : lease.getSpec().getHolderIdentity();
            if (holder != null && !holder.equals(previous)) {
                return holder;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no new Lease holder within 20 s (previous: " + previous + ")");
    }
}

package dev.ccbackend.operator.flow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ccbackend.migrator.util.Json;
import dev.ccbackend.operator.api.CcBackendUpgrade;
import dev.ccbackend.operator.api.MaintenanceWindowSpec;
import dev.ccbackend.operator.api.Phase;
import dev.ccbackend.operator.api.RollbackPolicy;
import dev.ccbackend.operator.demo.DemoInstallation;
import io.fabric8.kubernetes.api.model.Event;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** spec.maintenanceWindow: cc-backend is stopped only inside a window the estimated downtime fits into. */
class MaintenanceWindowFlowTest {
    @TempDir
    Path work;

    private static MaintenanceWindowSpec window(String schedule, String duration) {
        MaintenanceWindowSpec w = new MaintenanceWindowSpec();
        w.schedule = schedule;
        w.duration = duration;
        return w;
    }

    private static OperatorHarness harness(Path work) throws Exception {
        OperatorHarness h = new OperatorHarness(work, new ScriptedMigrationRunner(7, 1), ScriptedUpgradeFlowTest.WRAP_IN_MAIN);
        h.cluster.install("v1.3.1", "{}");
        h.awaitCcBackendRunning();
        return h;
    }

    private static void apply(OperatorHarness h, MaintenanceWindowSpec window) {
        CcBackendUpgrade cr = DemoInstallation.upgrade("v1.5.4", RollbackPolicy.Manual);
        cr.getSpec().maintenanceWindow = window;
        h.cluster.client().resource(cr).create();
    }

    private static int replicas(OperatorHarness h) {
        return h.cluster.client().apps().deployments().inNamespace(DemoInstallation.NAMESPACE)
                .withName(DemoInstallation.DEPLOYMENT).get().getSpec().getReplicas();
    }

    @Test
    void aWindowInTheFutureWaitsWithCcBackendRunningThenAnOpenOneGoesOn() throws Exception {
        ZonedDateTime later = ZonedDateTime.now(ZoneOffset.UTC).plusHours(12);
        try (OperatorHarness h = harness(work)) {
            apply(h, window(later.getMinute() + " " + later.getHour() + " * * *", "2h"));

            var waiting = h.await(cr -> cr.getStatus().message.startsWith("waiting for the maintenance window"));
            assertThat(waiting.getStatus().phase).isEqualTo(Phase.Quiescing);
            assertThat(waiting.getStatus().message).contains("cc-backend running", "outside the maintenance window",
                    later.truncatedTo(ChronoUnit.MINUTES).toInstant().toString());
            Thread.sleep(1000); // it stays there, and says so once
            assertThat(replicas(h)).as("cc-backend untouched").isEqualTo(1);
            assertThat(h.get().getStatus().originalReplicas).isNull();
            assertThat(h.events()).extracting(Event::getReason).containsOnlyOnce("WaitingForMaintenanceWindow");

            h.editSpec(spec -> spec.maintenanceWindow = window("* * * * *", "6h")); // an admin opens one now
            var s = h.awaitTerminal(Duration.ofSeconds(60)).getStatus();

            assertThat(s.phase).as(Json.pretty(s)).isEqualTo(Phase.Succeeded);
            assertThat(h.get().getStatus().observedGeneration).as("a window says when, not what")
                    .isEqualTo(h.get().getMetadata().getGeneration());
        }
    }

    @Test
    void aWindowWithTooLittleLeftForTheEstimateWaitsForTheNextOne() throws Exception {
        Instant now = Instant.now();
        ZonedDateTime opened = now.atZone(ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES).minusMinutes(1);
        long seconds = Duration.between(opened.toInstant(), now).toSeconds() + 20; // about 20 s left: the estimate is ≥ 60 s
        try (OperatorHarness h = harness(work)) {
            apply(h, window(opened.getMinute() + " " + opened.getHour() + " * * *", seconds + "s"));

            var waiting = h.await(cr -> cr.getStatus().message.startsWith("waiting for the maintenance window"));

            assertThat(waiting.getStatus().message).contains("waiting for the next, at " + opened.plusDays(1).toInstant());
            assertThat(replicas(h)).isEqualTo(1);
        }
    }

    @Test
    void aWindowShorterThanTheEstimateFailsWithNothingTouched() throws Exception {
        try (OperatorHarness h = harness(work)) {
            apply(h, window("0 22 * * 6", "30s"));

            var s = h.awaitTerminal(Duration.ofSeconds(60)).getStatus();

            assertThat(s.phase).isEqualTo(Phase.Failed);
            assertThat(s.conditions).anySatisfy(c -> assertThat(c.reason).isEqualTo("MaintenanceWindowTooShort"));
            assertThat(s.message).contains("does not fit into a maintenance window", "lengthen spec.maintenanceWindow.duration",
                    "Nothing was changed");
            assertThat(replicas(h)).isEqualTo(1);
        }
    }
}

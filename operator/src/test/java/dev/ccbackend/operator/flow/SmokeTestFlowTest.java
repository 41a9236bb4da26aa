package dev.ccbackend.operator.flow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ccbackend.migrator.util.Json;
import dev.ccbackend.operator.api.Phase;
import dev.ccbackend.operator.api.RollbackPolicy;
import dev.ccbackend.operator.demo.DemoInstallation;
import dev.ccbackend.operator.demo.Faults;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Verifying is more than Ready: cc-backend serves its pages and its database holds the migrated jobs. */
class SmokeTestFlowTest {
    @TempDir
    Path work;

    @Test
    void aSucceededUpgradeShowsThePageAndTheJobCountItChecked() throws Exception {
        try (OperatorHarness h = new OperatorHarness(work, new ScriptedMigrationRunner(7, 1), ScriptedUpgradeFlowTest.WRAP_IN_MAIN)) {
            h.cluster.install("v1.3.1", "{}");
            h.awaitCcBackendRunning();
            h.applyUpgrade(RollbackPolicy.Manual, m -> { });

            var s = h.awaitTerminal(Duration.ofSeconds(60)).getStatus();

            assertThat(s.phase).as(Json.pretty(s)).isEqualTo(Phase.Succeeded);
            assertThat(s.migratedJobs).isEqualTo(ScriptedMigrationRunner.JOBS);
            // the redirect to /login is followed through the proxy (which rewrites Location), to the login page
            assertThat(s.stepFor(Phase.Verifying).message).contains("answers GET / on port 8080 with 200",
                    "its database holds 6 jobs (6 migrated)");
        }
    }

    @Test
    void aPageThatFailsRollsBackWithTheEvidence() throws Exception {
        try (OperatorHarness h = new OperatorHarness(work, new ScriptedMigrationRunner(7, 1), ScriptedUpgradeFlowTest.WRAP_IN_MAIN,
                pod -> true, Faults.at(Faults.Step.smoke_test))) {
            h.cluster.install("v1.3.1", "{}");
            h.awaitCcBackendRunning();
            h.applyUpgrade(RollbackPolicy.Automatic, m -> m.timeouts.rollout = "2s");

            var s = h.awaitTerminal(Duration.ofSeconds(60)).getStatus();

            assertThat(s.phase).as(Json.pretty(s)).isEqualTo(Phase.RolledBack);
            assertThat(s.conditions).anySatisfy(c -> assertThat(c.reason).isEqualTo("VerificationFailed"));
            assertThat(s.message).contains("is ready but does not serve its pages", "answered HTTP 500",
                    "no such template");
            assertThat(h.cluster.client().apps().deployments().inNamespace(DemoInstallation.NAMESPACE)
                    .withName(DemoInstallation.DEPLOYMENT).get().getSpec().getTemplate().getSpec().getContainers().get(0)
                    .getImage()).endsWith(":v1.3.1");
        }
    }

    @Test
    void fewerJobsThanWereMigratedFailTheUpgrade() throws Exception {
        ScriptedMigrationRunner runner = new ScriptedMigrationRunner(7, 1);
        runner.jobsSeen = ScriptedMigrationRunner.JOBS - 2;
        try (OperatorHarness h = new OperatorHarness(work, runner, ScriptedUpgradeFlowTest.WRAP_IN_MAIN)) {
            h.cluster.install("v1.3.1", "{}");
            h.awaitCcBackendRunning();
            h.applyUpgrade(RollbackPolicy.Manual, m -> { });

            var s = h.awaitTerminal(Duration.ofSeconds(60)).getStatus();

            assertThat(s.phase).isEqualTo(Phase.Failed);
            assertThat(s.message).contains("VerificationFailed", "its database holds 4 jobs where 6 were migrated: 2 are missing",
                    "did not pass verification");
        }
    }
}

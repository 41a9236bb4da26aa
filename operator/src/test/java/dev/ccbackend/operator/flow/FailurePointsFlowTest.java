package dev.ccbackend.operator.flow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ccbackend.operator.api.Phase;
import dev.ccbackend.operator.api.RollbackPolicy;
import dev.ccbackend.operator.demo.DemoInstallation;
import dev.ccbackend.operator.demo.Faults;
import dev.ccbackend.operator.status.Conditions;
import io.fabric8.kubernetes.api.model.Event;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A fault at each step (injected by the fake cluster) fails the upgrade there, with its own reason. */
class FailurePointsFlowTest {
    static final Map<Faults.Step, String> REASONS = Map.of(
            Faults.Step.plan, "PlanFailed",
            Faults.Step.quiesce, "QuiesceTimeout",
            Faults.Step.snapshot, "SnapshotFailed",
            Faults.Step.database, "DatabaseMigrationFailed",
            Faults.Step.archive, "ArchiveMigrationFailed",
            Faults.Step.config, "ConfigConversionFailed",
            Faults.Step.swap, "VersionMismatch",
            Faults.Step.verify, "VerificationFailed");
    static final Map<Faults.Step, Phase> PHASES = Map.of(
            Faults.Step.plan, Phase.Planning, Faults.Step.quiesce, Phase.Quiescing,
            Faults.Step.snapshot, Phase.Snapshotting, Faults.Step.database, Phase.MigratingDatabase,
            Faults.Step.archive, Phase.MigratingArchive, Faults.Step.config, Phase.ConvertingConfig,
            Faults.Step.swap, Phase.Swapping, Faults.Step.verify, Phase.Verifying);

    @TempDir
    Path work;

    @ParameterizedTest
    @EnumSource(value = Faults.Step.class, names = {"prepare", "catch_up", "cutover", "smoke_test"}, mode = EnumSource.Mode.EXCLUDE) // OnlineUpgradeFlowTest, SmokeTestFlowTest
    void aFaultFailsTheUpgradeAtItsStepWithItsReason(Faults.Step step) throws Exception {
        ScriptedMigrationRunner runner = new ScriptedMigrationRunner(7, 1);
        try (OperatorHarness h = new OperatorHarness(work, runner, ScriptedUpgradeFlowTest.WRAP_IN_MAIN, pod -> true,
                Faults.at(step))) {
            h.cluster.install("v1.3.1", "{}");
            h.cluster.claims().claim(DemoInstallation.CLAIM);
            h.awaitCcBackendRunning();
            h.applyUpgrade(RollbackPolicy.Manual, m -> {
                m.timeouts.rollout = "2s";
                m.timeouts.snapshot = "3s"; // a snapshot error is taken as final only at the deadline
            });

            var s = h.awaitTerminal(Duration.ofSeconds(60)).getStatus();

            assertThat(s.phase).isEqualTo(Phase.Failed);
            assertThat(s.currentStep).isEqualTo(PHASES.get(step).name());
            assertThat(s.conditions).anySatisfy(c -> {
                assertThat(c.type).isEqualTo(Conditions.FAILED);
                assertThat(c.reason).isEqualTo(REASONS.get(step));
            });
            assertThat(s.message).contains(step == Faults.Step.quiesce || step == Faults.Step.verify ? "after 2s" : "injected failure")
                    .contains("spec.retry");
            assertThat(h.events()).anySatisfy(e -> {
                assertThat(e.getType()).isEqualTo("Warning");
                assertThat(e.getReason()).isEqualTo(REASONS.get(step));
            });
            assertThat(h.events()).extracting(Event::getReason).doesNotContain("UpgradeSucceeded");
            if (step == Faults.Step.quiesce || step == Faults.Step.snapshot) {
                // stopped before any migration: the claims hold what cc-backend left, a snapshot restore would be pointless
                assertThat(s.message).contains("No data was changed", "kubectl scale deployment/" + DemoInstallation.DEPLOYMENT
                        + " --replicas=1").doesNotContain("PersistentVolumeClaim from");
            } else if (PHASES.get(step).ordinal() > Phase.Snapshotting.ordinal()) {
                assertThat(s.message).contains("To roll back by hand");
            }
        }
    }
}

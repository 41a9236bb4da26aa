package dev.ccbackend.operator.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ccbackend.operator.api.CcBackendUpgradeStatus;
import dev.ccbackend.operator.api.Condition;
import dev.ccbackend.operator.api.Phase;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The kstatus conditions (Reconciling, Stalled) follow the phase for every phase family. */
class ConditionsTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @ParameterizedTest
    @EnumSource(value = Phase.class, names = {"Planning", "Quiescing", "Snapshotting", "MigratingDatabase",
            "MigratingArchive", "ConvertingConfig", "Swapping", "Verifying", "RollingBack"})
    void workingPhasesReconcile(Phase phase) {
        CcBackendUpgradeStatus s = status(phase);
        Conditions.reflectPhase(s, false, T0);
        assertCondition(s, Conditions.RECONCILING, "True", phase.name());
        assertCondition(s, Conditions.STALLED, "False", phase.name());
        assertThat(get(s, Conditions.RECONCILING).observedGeneration).isEqualTo(4L);
    }

    @Test
    void pausedIsNeitherReconcilingNorStalled() {
        CcBackendUpgradeStatus s = status(Phase.MigratingArchive);
        Conditions.reflectPhase(s, true, T0);
        assertCondition(s, Conditions.RECONCILING, "False", "Paused");
        assertCondition(s, Conditions.STALLED, "False", "Paused");
    }

    @Test
    void succeededIsCurrent() {
        CcBackendUpgradeStatus s = status(Phase.Succeeded);
        Conditions.reflectPhase(s, false, T0);
        assertCondition(s, Conditions.RECONCILING, "False", "UpgradeSucceeded");
        assertCondition(s, Conditions.STALLED, "False", "UpgradeSucceeded");
    }

    @Test
    void failedIsStalledWithTheFailureReason() {
        CcBackendUpgradeStatus s = status(Phase.Failed);
        Conditions.set(s, Conditions.FAILED, true, "DatabaseMigrationFailed", "boom", T0, 4L);
        Conditions.reflectPhase(s, false, T0);
        assertCondition(s, Conditions.STALLED, "True", "DatabaseMigrationFailed");
        assertCondition(s, Conditions.RECONCILING, "False", "DatabaseMigrationFailed");
        assertThat(get(s, Conditions.STALLED).message).isEqualTo(s.message);
    }

    @Test
    void rolledBackIsStalledBecauseTheRequestedVersionDoesNotRun() {
        CcBackendUpgradeStatus s = status(Phase.RolledBack);
        Conditions.reflectPhase(s, false, T0);
        assertCondition(s, Conditions.STALLED, "True", "RolledBack");
        assertCondition(s, Conditions.RECONCILING, "False", "RolledBack");
    }

    @Test
    void transitionTimeMovesOnlyWhenTheValueChanges() {
        CcBackendUpgradeStatus s = status(Phase.Planning);
        Conditions.reflectPhase(s, false, T0);
        s.phase = Phase.Quiescing;
        Conditions.reflectPhase(s, false, T0.plusSeconds(5));
        assertThat(get(s, Conditions.RECONCILING).lastTransitionTime).isEqualTo(T0.toString());
        s.phase = Phase.Succeeded;
        Conditions.reflectPhase(s, false, T0.plusSeconds(9));
        assertThat(get(s, Conditions.RECONCILING).lastTransitionTime).isEqualTo(T0.plusSeconds(9).toString());
    }

    private static CcBackendUpgradeStatus status(Phase phase) {
        CcBackendUpgradeStatus s = new CcBackendUpgradeStatus();
        s.phase = phase;
        s.observedGeneration = 4L;
        s.message = "phase " + phase;
        return s;
    }

    private static Condition get(CcBackendUpgradeStatus s, String type) {
        return s.conditions.stream().filter(c -> type.equals(c.type)).findFirst().orElseThrow();
    }

    private static void assertCondition(CcBackendUpgradeStatus s, String type, String value, String reason) {
        Condition c = get(s, type);
        assertThat(c.status).as(type).isEqualTo(value);
        assertThat(c.reason).as(type + " reason").isEqualTo(reason);
    }
}

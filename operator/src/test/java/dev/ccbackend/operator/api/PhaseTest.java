package dev.ccbackend.operator.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which phases an upgrade runs, by approval and strategy. */
class PhaseTest {

    @Test
    void offlineSnapshotsAndMigratesInPlaceOnlinePreparesAndCutsOver() {
        assertThat(Phase.work(false, false)).containsExactly(Phase.Planning, Phase.Quiescing, Phase.Snapshotting,
                Phase.MigratingDatabase, Phase.MigratingArchive, Phase.ConvertingConfig, Phase.Swapping, Phase.Verifying);
        assertThat(Phase.work(true, true)).containsExactly(Phase.Planning, Phase.AwaitingApproval, Phase.Preparing,
                Phase.Quiescing, Phase.CuttingOver, Phase.ConvertingConfig, Phase.Swapping, Phase.Verifying);
    }

    @Test
    void nextFollowsTheStrategysOwnPhases() {
        assertThat(Phase.Planning.next(false, true)).isEqualTo(Phase.Preparing);
        assertThat(Phase.Quiescing.next(false, true)).isEqualTo(Phase.CuttingOver);
        assertThat(Phase.Quiescing.next(false, false)).isEqualTo(Phase.Snapshotting);
        assertThat(Phase.CuttingOver.next(true, true)).isEqualTo(Phase.ConvertingConfig);
        assertThat(Phase.AwaitingApproval.next(false, false)).as("approval switched off while waiting").isEqualTo(Phase.Quiescing);
        assertThat(Phase.Verifying.next(false, true)).isEqualTo(Phase.Succeeded);
    }
}

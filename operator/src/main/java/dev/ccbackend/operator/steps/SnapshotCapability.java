package dev.ccbackend.operator.steps;

import dev.ccbackend.operator.api.BackupMethod;
import dev.ccbackend.operator.kube.DataVolumes;
import dev.ccbackend.operator.kube.Snapshots;
import dev.ccbackend.operator.status.Conditions;
import dev.ccbackend.operator.status.Reason;
import java.util.Optional;

/**
 * Checked while planning, before any downtime: can the cluster take the snapshots the spec asks
 * for? Sets the {@code SnapshotCapable} condition; without snapshots the upgrade does not start
 * unless {@code backup.method: None} was stated.
 */
final class SnapshotCapability {
    private SnapshotCapability() {
    }

    static Optional<StepResult> check(StepContext ctx) {
        var backup = ctx.spec().backup;
        var status = ctx.status();
        Long generation = ctx.resource().getMetadata().getGeneration();
        if (backup.method == BackupMethod.None) {
            Conditions.set(status, Conditions.SNAPSHOT_CAPABLE, false, "BackupNone",
                    "backup.method is None: no snapshots will be taken", ctx.now(), generation);
            return Optional.empty();
        }
        if (status.online()) {
            Conditions.set(status, Conditions.SNAPSHOT_CAPABLE, false, "OnlineKeepsOriginals",
                    "strategy Online takes no snapshots: the cutover keeps the originals beside the data", ctx.now(), generation);
            return Optional.empty();
        }
        if (!new Snapshots(ctx.client(), ctx.namespace()).classExists(backup.volumeSnapshotClassName)) {
            String message = "VolumeSnapshotClass " + backup.volumeSnapshotClassName + " not found (or the snapshot CRDs"
                    + " are not installed): fix spec.backup.volumeSnapshotClassName, or state backup.method: None";
            Conditions.set(status, Conditions.SNAPSHOT_CAPABLE, false, Reason.SnapshotClassNotFound.name(), message,
                    ctx.now(), generation);
            return Optional.of(StepResult.fail(Reason.SnapshotClassNotFound, message));
        }
        Optional<String> unfit = new Snapshots(ctx.client(), ctx.namespace())
                .driverMismatch(backup.volumeSnapshotClassName, new DataVolumes(ctx.spec()).claims());
        if (unfit.isPresent()) {
            String message = unfit.get() + ": pick a VolumeSnapshotClass of the claim's CSI driver, or state backup.method: None"
                    + " and back up by other means";
            Conditions.set(status, Conditions.SNAPSHOT_CAPABLE, false, Reason.SnapshotDriverMismatch.name(), message,
                    ctx.now(), generation);
            return Optional.of(StepResult.fail(Reason.SnapshotDriverMismatch, message));
        }
        Conditions.set(status, Conditions.SNAPSHOT_CAPABLE, true, "SnapshotClassFound",
                "snapshots use VolumeSnapshotClass " + backup.volumeSnapshotClassName, ctx.now(), generation);
        return Optional.empty();
    }
}

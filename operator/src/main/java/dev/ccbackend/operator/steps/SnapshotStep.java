package dev.ccbackend.operator.steps;

import dev.ccbackend.operator.api.BackupMethod;
import dev.ccbackend.operator.api.SnapshotStatus;
import dev.ccbackend.operator.kube.DataVolumes;
import dev.ccbackend.operator.kube.Snapshots;
import dev.ccbackend.operator.kube.snapshot.VolumeSnapshot;
import dev.ccbackend.operator.status.Reason;

/** One VolumeSnapshot per distinct claim; done when every snapshot and its bound content are ready. */
public class SnapshotStep implements Step {

    @Override
    public StepResult run(StepContext ctx) {
        var spec = ctx.spec();
        var status = ctx.status();
        if (spec.backup.method == BackupMethod.None) {
            status.rollbackable = false;
            status.rollbackMessage = "backup.method is None: no snapshots, no way back";
            return StepResult.skip("no snapshots (backup.method None)");
        }
        Snapshots snapshots = new Snapshots(ctx.client(), ctx.namespace());
        if (!snapshots.classExists(spec.backup.volumeSnapshotClassName)) {
            return StepResult.fail(Reason.SnapshotClassNotFound, "VolumeSnapshotClass "
                    + spec.backup.volumeSnapshotClassName + " not found: fix spec.backup.volumeSnapshotClassName");
        }
        boolean added = false;
        for (String claim : new DataVolumes(spec).claims()) {
            if (status.snapshots.stream().noneMatch(s -> claim.equals(s.claimName))) {
                status.snapshots.add(new SnapshotStatus(claim, Snapshots.name(ctx.resource(), claim)));
                added = true;
            }
        }
        if (added) {
            ctx.saveStatus();
        }
        int ready = 0;
        // The snapshotter retries after an error (conflicts, timeouts, a busy backend): an error ends the step only at its deadline.
        String lastError = "";
        for (SnapshotStatus s : status.snapshots) {
            VolumeSnapshot vs = snapshots.ensure(ctx.resource(), s, spec.backup.volumeSnapshotClassName);
            if (vs.getStatus() != null && vs.getStatus().error != null && vs.getStatus().error.message != null) {
                lastError = "; snapshot " + s.snapshotName + " of claim " + s.claimName + " reports: " + vs.getStatus().error.message;
            }
            s.readyToUse = snapshots.ready(vs);
            ready += s.readyToUse ? 1 : 0;
        }
        if (ready == status.snapshots.size()) {
            status.rollbackable = true;
            status.rollbackMessage = "snapshots " + String.join(", ", status.snapshots.stream().map(s -> s.snapshotName).toList())
                    + " hold the data before the upgrade";
            return StepResult.advance(ready + " snapshots ready"
                    + (spec.database.convertsToSqlite() ? " (MariaDB is only read by the conversion and needs no snapshot)" : ""));
        }
        if (ctx.pastDeadline(spec.migratorOrDefault().timeouts.snapshotTimeout())) {
            return StepResult.fail(lastError.isEmpty() ? Reason.SnapshotTimeout : Reason.SnapshotFailed,
                    (status.snapshots.size() - ready) + " snapshots not ready after " + spec.migratorOrDefault().timeouts.snapshot
                            + lastError + ": check the CSI driver (kubectl describe volumesnapshot)");
        }
        return StepResult.waitFor(ready + "/" + status.snapshots.size() + " snapshots ready" + lastError);
    }
}

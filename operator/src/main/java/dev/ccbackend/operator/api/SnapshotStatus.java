package dev.ccbackend.operator.api;

/** A VolumeSnapshot taken of one claim before the upgrade. */
public class SnapshotStatus {
    public String claimName;
    public String snapshotName;
    public boolean readyToUse;
    /** The claim restored from this snapshot by an automatic rollback. */
    public String restoredClaimName;

    public SnapshotStatus() {
    }

    public SnapshotStatus(String claimName, String snapshotName) {
        this.claimName = claimName;
        this.snapshotName = snapshotName;
    }
}

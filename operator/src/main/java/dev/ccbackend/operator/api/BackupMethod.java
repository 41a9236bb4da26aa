package dev.ccbackend.operator.api;

/** How volumes are backed up before the upgrade changes them. */
public enum BackupMethod {
    VolumeSnapshot, None
}

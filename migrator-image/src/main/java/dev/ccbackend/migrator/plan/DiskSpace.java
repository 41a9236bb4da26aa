package dev.ccbackend.migrator.plan;

/**
 * Free space where the plan writes. Null when unknown (the check is then skipped with a warning).
 *
 * @param databaseFreeBytes free bytes where the database (or the converted SQLite file) is written
 * @param archiveFreeBytes  free bytes on the archive's volume
 * @param sameVolume        both on one filesystem: their needs add up
 */
public record DiskSpace(Long databaseFreeBytes, Long archiveFreeBytes, boolean sameVolume) {
    public static final DiskSpace UNKNOWN = new DiskSpace(null, null, false);
}

package dev.ccbackend.migrator.plan;

/**
 * Free space where the plan writes, and how the volumes lie. Null when unknown (the check is then skipped with a warning).
 *
 * @param databaseFreeBytes free bytes where the database (or the converted SQLite file) is written
 * @param archiveFreeBytes  free bytes on the archive's volume
 * @param sameVolume        both on one filesystem: their needs add up
 * @param archiveIsVolumeRoot the archive is the root of its filesystem (a mount point), so it cannot be renamed
 */
public record DiskSpace(Long databaseFreeBytes, Long archiveFreeBytes, boolean sameVolume, boolean archiveIsVolumeRoot) {
    public static final DiskSpace UNKNOWN = new DiskSpace(null, null, false);

    public DiskSpace(Long databaseFreeBytes, Long archiveFreeBytes, boolean sameVolume) {
        this(databaseFreeBytes, archiveFreeBytes, sameVolume, false);
    }
}

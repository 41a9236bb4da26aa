package dev.ccbackend.migrator.plan;

/**
 * Why a plan cannot run. {@link #reason()} is the CamelCase reason the operator puts on its
 * {@code Failed} condition, so the two modules share one list.
 */
public enum BlockerCode {
    UNKNOWN_RELEASE("UnknownRelease"),
    DOWNGRADE("Downgrade"),
    DIRTY_DATABASE("DirtyDatabase"),
    UNSHIPPED_DB_VERSION("UnshippedDatabaseVersion"),
    MARIADB_NEEDS_CONVERSION("MariaDbNeedsConversion"),
    STOPPED_JOBS("StoppedJobs"),
    DATABASE_UNREADABLE("DatabaseUnreadable"),
    DATABASE_MISSING("DatabaseMissing"),
    DATABASE_IN_USE("DatabaseInUse"),
    ARCHIVE_UNREADABLE("ArchiveUnreadable"),
    ARCHIVE_VERSION_INVALID("ArchiveVersionInvalid"),
    LOST_FOUND("LostFoundInArchiveRoot"),
    INSUFFICIENT_SPACE("InsufficientSpace"),
    CONFIG_UNCONVERTIBLE("ConfigUnconvertible"),
    READ_ONLY("ReadOnlyVolume"),
    ENV_FILE_MISSING("EnvFileMissing"),
    CONVERSION_TARGET_EXISTS("ConversionTargetExists"),
    ONLINE_NEEDS_SQLITE("OnlineNeedsSqlite"),
    ARCHIVE_IS_VOLUME_ROOT("ArchiveIsVolumeRoot");

    private final String reason;

    BlockerCode(String reason) {
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}

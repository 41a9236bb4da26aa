package dev.ccbackend.operator.status;

/** The operator's own condition and event reasons (plan blockers bring theirs from BlockerCode). */
public enum Reason {
    UpgradeStarted,
    StepStarted,
    StepSucceeded,
    StepSkipped,
    UpgradeSucceeded,
    Paused,
    Resumed,
    // failures
    DeploymentNotFound,
    ConflictingUpgrade,
    ContainerNotFound,
    ConfigMapNotFound,
    ClaimNotFound,
    ClaimNotMounted,
    SecretNotFound,
    UnknownRelease,
    PlanFailed,
    PlanBlocked,
    DataOwnedByRoot,
    DataOwnerMismatch,
    QuiesceTimeout,
    SnapshotClassNotFound,
    SnapshotFailed,
    SnapshotTimeout,
    DatabaseMigrationFailed,
    ArchiveMigrationFailed,
    ConfigConversionFailed,
    VersionMismatch,
    VerificationFailed,
    RollbackFailed,
    RejectedByApiServer,
    RolledBack
}

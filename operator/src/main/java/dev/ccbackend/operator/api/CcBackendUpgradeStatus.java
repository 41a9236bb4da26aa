package dev.ccbackend.operator.api;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Where the upgrade stands. Written before every side effect, so a restarted operator resumes from it. */
public class CcBackendUpgradeStatus {
    @JsonPropertyDescription("The spec generation the status describes.")
    public Long observedGeneration;
    @JsonPropertyDescription("spec.retry when this attempt started.")
    public Integer observedRetry;
    @JsonPropertyDescription("Hash of the spec this attempt started with; part of every Job and snapshot name.")
    public String specHash;
    public Phase phase;
    @JsonPropertyDescription("spec.strategy when this attempt started.")
    public UpgradeStrategy strategy;
    @JsonPropertyDescription("The step running now, or the one that failed.")
    public String currentStep;
    @JsonPropertyDescription("The release before the upgrade, or 'db N / archive M' when no release matches.")
    public String fromVersion;
    public String toVersion;
    public List<Condition> conditions = new ArrayList<>();
    public List<StepStatus> steps = new ArrayList<>();
    public PlanSummary plan;
    @JsonPropertyDescription("Versions the target image reported (cc-backend -version), for a release the catalog does not know.")
    public ProbedRelease probedRelease;
    public List<SnapshotStatus> snapshots = new ArrayList<>();
    @JsonPropertyDescription("Online strategy: the originals the cutovers kept beside the data (what a rollback renames back).")
    public KeptOriginals keptOriginals;
    public ArchiveProgress archiveProgress;
    @JsonPropertyDescription("Replicas of the Deployment before it was scaled down.")
    public Integer originalReplicas;
    public String originalImage;
    @JsonPropertyDescription("Whether a migration Job's container has started, so that data may have been written.")
    public Boolean dataTouched;
    @JsonPropertyDescription("The uid and gid the migration Jobs run as.")
    public RunAs runAs;
    public String originalConfigMap;
    @JsonPropertyDescription("The ConfigMap holding the converted config.")
    public String newConfigMap;
    @JsonPropertyDescription("Whether the snapshots can still bring back the old version.")
    public Boolean rollbackable;
    public String rollbackMessage;
    @JsonPropertyDescription("With spec.retention: until when the old version can be brought back by hand after success"
            + " (snapshots, kept originals); then they are deleted.")
    public String rollbackableUntil;
    @JsonPropertyDescription("When spec.retention's cleanup finished.")
    public String cleanedUpAt;
    @JsonPropertyDescription("The jobs in the database after its migration (what the smoke test expects the new version to see).")
    public Long migratedJobs;
    @JsonPropertyDescription("Seconds cc-backend was down: from its scale-down (Quiescing) until it ran again, on the new"
            + " version (Succeeded) or the old one (RolledBack).")
    public Long downtimeSeconds;
    @JsonPropertyDescription("A human summary.")
    public String message;

    /** Whether this attempt runs the Online strategy. */
    @JsonIgnore
    public boolean online() {
        return strategy == UpgradeStrategy.Online;
    }

    @JsonIgnore
    public Optional<StepStatus> step(Phase phase) {
        return steps.stream().filter(s -> phase.name().equals(s.name)).findFirst();
    }

    /** The step of a working phase, created Pending on first use. */
    @JsonIgnore
    public StepStatus stepFor(Phase phase) {
        return step(phase).orElseGet(() -> {
            StepStatus s = new StepStatus(phase.name());
            steps.add(s);
            return s;
        });
    }
}

package dev.ccbackend.operator.api;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.Map;

/** What to upgrade and how. Field names are shared with the Helm chart and the docs. */
@ValidationRule(value = "has(self.image) != has(self.imageRepository)",
        message = "give exactly one of spec.image (full reference) or spec.imageRepository (the tag is spec.version)")
@ValidationRule(value = "!has(self.strategy) || self.strategy != 'Online' || !self.archive.path.matches('^[./]*$')",
        message = "strategy Online renames the archive, which the root of a claim (a mount point) cannot be: keep the"
                + " archive in a sub-directory of its claim and name it in spec.archive.path, or use strategy Offline")
public class CcBackendUpgradeSpec {

    @Required
    @ValidationRule(value = "self.matches('^v[0-9]+\\\\.[0-9]+\\\\.[0-9]+(-[0-9A-Za-z.]+)?$')",
            message = "version must be a cc-backend release tag like v1.5.4")
    @JsonPropertyDescription("The cc-backend release to upgrade to, e.g. v1.5.4.")
    public String version;

    @JsonPropertyDescription("Full image reference of the target cc-backend (there is no official image). "
            + "Exclusive with imageRepository.")
    public String image;

    @JsonPropertyDescription("Image repository of cc-backend; the tag is spec.version. Exclusive with image.")
    public String imageRepository;

    @Min(1)
    @JsonPropertyDescription("DB schema version of the target release, for releases the catalog does not know "
            + "(otherwise probed from the image).")
    public Integer targetDbVersion;

    @Min(1)
    @JsonPropertyDescription("Job archive version of the target release, for releases the catalog does not know.")
    public Integer targetArchiveVersion;

    @Required
    @JsonPropertyDescription("The cc-backend Deployment in this namespace.")
    public TargetSpec target;

    @Required
    @JsonPropertyDescription("Where the database lives.")
    public DatabaseSpec database;

    @Required
    @JsonPropertyDescription("Where the job archive lives.")
    public ArchiveSpec archive;

    @Required
    @JsonPropertyDescription("The cc-backend configuration.")
    public ConfigSpec config;

    @Required
    @JsonPropertyDescription("How the volumes are backed up before anything is changed.")
    public BackupSpec backup;

    @JsonPropertyDescription("Offline (default): cc-backend is stopped while the data is snapshotted and migrated in place."
            + " Online: migrated copies are prepared beside the data while cc-backend runs; it is stopped only to apply"
            + " what changed since and switch by renaming (SQLite only; the originals are kept and a rollback renames"
            + " them back; needs disk for the copies).")
    public UpgradeStrategy strategy = UpgradeStrategy.Offline;

    @JsonPropertyDescription("What happens after a failure: Automatic restores the snapshots, Manual (default) "
            + "stops and explains.")
    public RollbackPolicy rollback = RollbackPolicy.Manual;

    @JsonPropertyDescription("Manual: after planning, wait with cc-backend untouched until spec.approvedPlan equals"
            + " status.plan.hash (the plan shown in status). Automatic (default): go on at once.")
    public ApprovalPolicy approval = ApprovalPolicy.Automatic;

    @JsonPropertyDescription("With approval: Manual, the status.plan.hash of the plan to run. A plan with another hash"
            + " (the installation changed, or a retry planned anew) waits for its own approval.")
    public String approvedPlan;

    @JsonPropertyDescription("Stop cc-backend only inside these windows, and only when the estimated downtime fits into"
            + " what is left of one; planning (and an online prepare) may run before. Default: at once.")
    public MaintenanceWindowSpec maintenanceWindow;

    @JsonPropertyDescription("Clean up after success once a rollback window has passed. Default: keep everything until"
            + " deleted by hand.")
    public RetentionSpec retention;

    @JsonPropertyDescription("true stops the upgrade before its next step.")
    public boolean paused;

    @Min(0)
    @JsonPropertyDescription("Increment to retry after a failure: plans anew from what is on disk.")
    public int retry;

    @JsonPropertyDescription("Job states to rewrite during migration, e.g. {stopped: completed} "
            + "(passed as --map-state to cc-migrator).")
    public Map<String, String> mapStates;

    @JsonPropertyDescription("The cc-migrator Jobs: image, resources, timeouts.")
    public MigratorSpec migrator;

    /** The image the Deployment runs after the upgrade. */
    @JsonIgnore
    public String targetImage() {
        return image != null ? image : imageRepository + ":" + version;
    }

    @JsonIgnore
    public MigratorSpec migratorOrDefault() {
        return migrator != null ? migrator : new MigratorSpec();
    }
}

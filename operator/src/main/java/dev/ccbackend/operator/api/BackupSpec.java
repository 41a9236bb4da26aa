package dev.ccbackend.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;

/** The backup taken after cc-backend is stopped and before anything is changed. */
@ValidationRule(value = "self.method != 'VolumeSnapshot' || has(self.volumeSnapshotClassName)",
        message = "backup.volumeSnapshotClassName is required when method is VolumeSnapshot")
public class BackupSpec {
    @Required
    @JsonPropertyDescription("VolumeSnapshot takes one snapshot per claim; None must be stated explicitly and "
            + "means no way back.")
    public BackupMethod method;

    @JsonPropertyDescription("VolumeSnapshotClass of the snapshots (required when method is VolumeSnapshot).")
    public String volumeSnapshotClassName;
}

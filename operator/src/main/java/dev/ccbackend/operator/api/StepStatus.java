package dev.ccbackend.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** One step of the upgrade as it ran. */
public class StepStatus {
    @JsonPropertyDescription("The phase this step belongs to, e.g. MigratingDatabase.")
    public String name;
    @JsonPropertyDescription("Pending, Running, Succeeded, Failed or Skipped.")
    public StepState state = StepState.Pending;
    public String startedAt;
    public String finishedAt;
    @JsonPropertyDescription("What the step did or is doing.")
    public String message;
    @JsonPropertyDescription("The Job that ran this step, kept for its logs.")
    public String jobName;
    @JsonPropertyDescription("The uid of that Job once it existed: a Job gone since (deleted, or its TTL ran out) is not created again.")
    public String jobUid;
    @JsonPropertyDescription("The work counter of the Job's last progress line (jobs, database work), for the stall deadline.")
    public Long progressDone;
    @JsonPropertyDescription("When the work counter last moved.")
    public String progressAt;

    public StepStatus() {
    }

    public StepStatus(String name) {
        this.name = name;
    }
}

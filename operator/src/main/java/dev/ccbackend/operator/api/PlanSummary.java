package dev.ccbackend.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;

/** The part of cc-migrator's plan a user needs to see in the status. */
public class PlanSummary {
    public String targetRelease;
    public String databaseDriver;
    public int databaseFrom;
    public int databaseTo;
    public Integer archiveFrom;
    public int archiveTo;
    public boolean convertConfig;
    public String configFrom;
    public String configTo;
    @JsonPropertyDescription("Archived jobs.")
    public long jobs;
    @JsonPropertyDescription("Jobs in the database.")
    public long databaseJobs;
    public List<String> steps = new ArrayList<>();
    public List<String> warnings = new ArrayList<>();
    @JsonPropertyDescription("Free disk the steps need, in bytes (null when the plan could not tell).")
    public Long requiredBytes;
    @JsonPropertyDescription("How long cc-backend will be down, in seconds: a rough estimate from the counts above and"
            + " the migrator's measured rates.")
    public long estimatedDowntimeSeconds;
    @JsonPropertyDescription("A short hash of this plan; spec.approvedPlan names it to approve exactly this plan.")
    public String hash;
}

package dev.ccbackend.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** A standard Kubernetes condition: Ready, Progressing, Failed, SnapshotCapable. */
public class Condition {
    @JsonPropertyDescription("Ready, Progressing, Failed or SnapshotCapable.")
    public String type;
    @JsonPropertyDescription("True, False or Unknown.")
    public String status;
    @JsonPropertyDescription("Why, in CamelCase.")
    public String reason;
    @JsonPropertyDescription("What happened and what to do next.")
    public String message;
    @JsonPropertyDescription("When status last changed (RFC 3339).")
    public String lastTransitionTime;
    @JsonPropertyDescription("The spec generation this condition describes.")
    public Long observedGeneration;
}

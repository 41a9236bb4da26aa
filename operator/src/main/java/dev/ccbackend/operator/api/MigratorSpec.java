package dev.ccbackend.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.ResourceRequirements;

/** The cc-migrator Jobs. */
public class MigratorSpec {
    @JsonPropertyDescription("cc-migrator image; default: the operator's --migrator-image.")
    public String image;

    @JsonPropertyDescription("Resources of the migration Jobs' container.")
    public ResourceRequirements resources;

    @JsonPropertyDescription("Deadlines of the steps, as Go durations.")
    public Timeouts timeouts = new Timeouts();
}

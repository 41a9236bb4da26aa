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

    @JsonPropertyDescription("Overrides who the Jobs run as. By default they run as cc-backend itself, so every file "
            + "they write stays cc-backend's.")
    public MigratorSecurityContext securityContext;

    @JsonPropertyDescription("Run the Jobs under cc-backend's service account. Default false: they need no API access, "
            + "so they get the namespace's default account without a token.")
    public boolean inheritServiceAccount;
}

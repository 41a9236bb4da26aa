package dev.ccbackend.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

/** The cc-backend Deployment to upgrade. */
public class TargetSpec {
    @Required
    @JsonPropertyDescription("Name of the cc-backend Deployment, in the namespace of this resource.")
    public String deployment;

    @JsonPropertyDescription("Container running cc-backend; default: the Deployment's only container.")
    public String container;
}

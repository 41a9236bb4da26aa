package dev.ccbackend.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;

/** A file or directory inside a PersistentVolumeClaim. */
public class ClaimPath {
    @Required
    @JsonPropertyDescription("Name of the PersistentVolumeClaim.")
    public String claimName;

    @Required
    @ValidationRule(value = "!self.startsWith('/') && !self.contains('..')",
            message = "path is relative to the claim's root and must not contain '..'")
    @JsonPropertyDescription("Path inside the claim, relative to its root.")
    public String path;

    public ClaimPath() {
    }

    public ClaimPath(String claimName, String path) {
        this.claimName = claimName;
        this.path = path;
    }
}

package dev.ccbackend.operator.api;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;
import java.time.Duration;

/** How long what a rollback would need is kept after a successful upgrade. */
public class RetentionSpec {
    @Required
    @ValidationRule(value = GoDuration.CEL_RULE, message = GoDuration.CEL_MESSAGE)
    @JsonPropertyDescription("After success, keep the snapshots, the kept originals (Online), the old operator-made"
            + " ConfigMaps, restored claims and finished Jobs this long (status.rollbackableUntil), then delete them, each"
            + " with an Event. Nothing the user created is deleted. E.g. 168h.")
    public String keepFor;

    @JsonIgnore
    public Duration length() {
        return GoDuration.parse(keepFor);
    }
}

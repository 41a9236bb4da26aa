package dev.ccbackend.operator.api;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;
import java.time.Duration;

/** When cc-backend may be stopped: windows that open on a cron schedule and stay open for a while. */
public class MaintenanceWindowSpec {
    @Required
    @JsonPropertyDescription("When a window opens: five cron fields (minute hour day-of-month month day-of-week) in UTC,"
            + " or with a zone prefix, e.g. 'CRON_TZ=Europe/Berlin 0 22 * * 6' (Saturdays 22:00 Berlin time).")
    public String schedule;

    @Required
    @ValidationRule(value = GoDuration.CEL_RULE, message = GoDuration.CEL_MESSAGE)
    @JsonPropertyDescription("How long each window stays open, e.g. 4h. cc-backend is stopped only when the plan's"
            + " estimated downtime fits into what is left of a window; an upgrade that has started is never interrupted.")
    public String duration;

    @JsonIgnore
    public Duration length() {
        return GoDuration.parse(duration);
    }
}

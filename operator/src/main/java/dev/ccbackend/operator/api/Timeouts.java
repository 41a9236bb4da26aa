package dev.ccbackend.operator.api;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.ValidationRule;
import java.time.Duration;

/** Deadlines of the steps, Go-style durations like 6h, 30m, 1h30m, 90s. */
public class Timeouts {
    private static final String RULE = GoDuration.CEL_RULE;
    private static final String MESSAGE = GoDuration.CEL_MESSAGE;

    @ValidationRule(value = RULE, message = MESSAGE)
    @JsonPropertyDescription("Overall deadline of each migration Job (activeDeadlineSeconds). Default none: a long migration "
            + "is judged by its progress (stall), not by its length.")
    public String job;

    @ValidationRule(value = RULE, message = MESSAGE)
    @JsonPropertyDescription("How long a migration Job's progress (jobs migrated, database work done) may stand still before "
            + "the Job is stopped and the step fails. Default 30m.")
    public String stall = "30m";

    @ValidationRule(value = RULE, message = MESSAGE)
    @JsonPropertyDescription("How long a snapshot may take to become ready. Default 30m.")
    public String snapshot = "30m";

    @ValidationRule(value = RULE, message = MESSAGE)
    @JsonPropertyDescription("How long scaling down and rolling out may take. Default 10m.")
    public String rollout = "10m";

    @ValidationRule(value = RULE, message = MESSAGE)
    @JsonPropertyDescription("How long a Job's pod may stay unable to start (image pull, scheduling, container config) "
            + "before the step fails; cc-backend is started again when no data was touched. Default 2m.")
    public String podStart = "2m";

    @JsonIgnore
    public Duration podStartTimeout() {
        return GoDuration.parse(podStart);
    }

    /** The overall Job deadline, if one is set. */
    @JsonIgnore
    public java.util.Optional<Duration> jobTimeout() {
        return java.util.Optional.ofNullable(job).map(GoDuration::parse);
    }

    @JsonIgnore
    public Duration stallTimeout() {
        return GoDuration.parse(stall);
    }

    @JsonIgnore
    public Duration snapshotTimeout() {
        return GoDuration.parse(snapshot);
    }

    @JsonIgnore
    public Duration rolloutTimeout() {
        return GoDuration.parse(rollout);
    }
}

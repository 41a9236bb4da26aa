package dev.ccbackend.migrator.plan;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * How one step of {@code cc-migrator upgrade} went.
 *
 * @param kind        the step
 * @param fromVersion version before
 * @param toVersion   version after
 * @param description the plan's line for it
 * @param exitCode    the sibling command's exit code
 * @param seconds     how long it ran
 * @param result      the JSON it printed (null when it printed none)
 * @param error       its {@code error:} line when it failed
 */
public record StepOutcome(PlannedStep.Kind kind, int fromVersion, int toVersion, String description, int exitCode,
                          double seconds, JsonNode result, String error) {

    public boolean succeeded() {
        return exitCode == 0;
    }
}

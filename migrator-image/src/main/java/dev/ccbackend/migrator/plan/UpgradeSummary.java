package dev.ccbackend.migrator.plan;

import java.util.List;

/**
 * The one summary {@code cc-migrator upgrade} prints at the end.
 *
 * @param targetRelease the release upgraded to
 * @param completed     every step succeeded
 * @param steps         the steps that ran, in order (the failed one last)
 * @param notRun        the steps left after a failure
 * @param message       what happened and, after a failure, how to resume
 * @param downtimeSeconds an online upgrade's part with cc-backend stopped (null offline: all of it)
 */
public record UpgradeSummary(String targetRelease, boolean completed, List<StepOutcome> steps, List<PlannedStep> notRun,
                             String message, Double downtimeSeconds) {
    public UpgradeSummary(String targetRelease, boolean completed, List<StepOutcome> steps, List<PlannedStep> notRun,
                          String message) {
        this(targetRelease, completed, steps, notRun, message, null);
    }
}

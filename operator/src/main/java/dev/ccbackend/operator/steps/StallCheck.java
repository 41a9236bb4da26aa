package dev.ccbackend.operator.steps;

import dev.ccbackend.operator.kube.MigrationJobs;
import dev.ccbackend.operator.status.Reason;
import java.time.Instant;
import java.util.Optional;

/**
 * Judges a running migration by its progress, not its length: when the work counter of its
 * progress lines has not moved for {@code timeouts.stall}, the Job is stopped and the step fails.
 * A Job that prints no progress lines (a MariaDB step) is not judged.
 */
final class StallCheck {
    private StallCheck() {
    }

    /** Records {@code done} when it moved; the failure when it stood still too long. */
    static Optional<StepResult> check(StepContext ctx, String jobName, long done) {
        var step = ctx.step();
        if (step.progressDone == null || step.progressDone != done) {
            step.progressDone = done;
            step.progressAt = ctx.now().toString();
            ctx.saveStatus();
            return Optional.empty();
        }
        var stall = ctx.spec().migratorOrDefault().timeouts;
        Instant since = Instant.parse(step.progressAt);
        if (!ctx.now().isAfter(since.plus(stall.stallTimeout()))) {
            return Optional.empty();
        }
        new MigrationJobs(ctx.client(), ctx.namespace()).delete(jobName);
        return Optional.of(StepResult.fail(Reason.MigrationStalled, "Job " + jobName + " made no progress for " + stall.stall
                + " (its work counter stayed at " + done + "); it was stopped. See kubectl logs job/" + jobName
                + " for what it waited on (a lock, the storage), then raise spec.migrator.timeouts.stall or fix the cause"));
    }
}

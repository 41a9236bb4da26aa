package dev.ccbackend.operator.steps;

import dev.ccbackend.operator.kube.JobOutcome;
import dev.ccbackend.operator.kube.MigratorArgs;
import dev.ccbackend.operator.status.Reason;
import java.util.Optional;

/**
 * Online, right before cc-backend is stopped (the maintenance window open): {@code db catch-up} in a Job beside
 * cc-backend applies what it wrote since the prepare, hours ago maybe, to the prepared database, so that the cutover
 * only applies the last moments' changes. The archive has no catch-up: its cutover finds changes by their times.
 */
final class CatchUpGate {
    private CatchUpGate() {
    }

    /** Empty: caught up (or nothing to catch up), go on; else wait for the Job or fail before anything is stopped. */
    static Optional<StepResult> check(StepContext ctx) {
        var plan = ctx.status().plan;
        if (!ctx.status().online() || plan == null || plan.databaseFrom == plan.databaseTo) {
            return Optional.empty();
        }
        JobOutcome outcome = JobStepRunner.runBeside(ctx, "dbcatchup", new MigratorArgs(ctx.spec()).catchUpDatabase());
        if (outcome instanceof JobOutcome.Succeeded) {
            return Optional.empty();
        }
        if (outcome instanceof JobOutcome.Failed f) {
            return Optional.of(StepResult.fail(Reason.CatchUpFailed, "catching up the prepared database failed: "
                    + JobStepRunner.describe(f, ctx.step().jobName) + ". cc-backend was not stopped and its data not touched:"
                    + " fix the cause and increment spec.retry"));
        }
        return Optional.of(StepResult.waitFor("catching up the prepared database with what cc-backend wrote since the prepare,"
                + " in Job " + ctx.step().jobName + "; cc-backend keeps running"));
    }
}

package dev.ccbackend.operator.steps;

import dev.ccbackend.operator.kube.JobOutcome;
import dev.ccbackend.operator.kube.MigrationJobs;
import dev.ccbackend.operator.kube.MigratorArgs;
import dev.ccbackend.operator.kube.MigratorProgress;
import dev.ccbackend.operator.status.Reason;
import java.util.Objects;

/** {@code cc-migrator archive migrate} in place to the plan's target version; reports progress while it runs. */
public class MigrateArchiveStep implements Step {

    @Override
    public StepResult run(StepContext ctx) {
        var plan = ctx.status().plan;
        if (Objects.equals(plan.archiveFrom, plan.archiveTo)) {
            return StepResult.skip("archive already at version " + plan.archiveTo);
        }
        JobOutcome outcome = JobStepRunner.run(ctx, "archive", new MigratorArgs(ctx.spec()).migrateArchive(plan.archiveTo),
                false, false, null);
        new MigrationJobs(ctx.client(), ctx.namespace()).latestPod(ctx.step().jobName)
                .flatMap(pod -> ctx.settings().logSource().tail(ctx.client(), pod))
                .flatMap(MigratorProgress::lastOf)
                .ifPresent(p -> ctx.status().archiveProgress = p);
        if (outcome instanceof JobOutcome.Succeeded) {
            return StepResult.advance("archive migrated from version " + plan.archiveFrom + " to " + plan.archiveTo);
        }
        if (outcome instanceof JobOutcome.Failed f) {
            return StepResult.fail(Reason.ArchiveMigrationFailed, "archive migration failed: "
                    + JobStepRunner.describe(f, ctx.step().jobName));
        }
        var p = ctx.status().archiveProgress;
        return StepResult.waitFor("migrating the archive to version " + plan.archiveTo
                + (p == null ? "" : ": " + p.jobsDone + "/" + p.jobsTotal + " jobs"));
    }
}

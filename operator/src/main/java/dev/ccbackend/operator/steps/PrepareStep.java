package dev.ccbackend.operator.steps;

import dev.ccbackend.operator.kube.JobOutcome;
import dev.ccbackend.operator.kube.MigratorArgs;
import dev.ccbackend.operator.status.Reason;
import java.util.Objects;

/**
 * Online strategy, with cc-backend running: {@code db prepare}, then {@code archive prepare}, each in a Job beside
 * cc-backend that writes a migrated copy next to the data ({@code <path>.next}) and never touches the original.
 * A retry keeps a finished copy ({@code --reuse}): the cutover applies what changed since.
 */
public class PrepareStep implements Step {

    @Override
    public StepResult run(StepContext ctx) {
        var plan = ctx.status().plan;
        MigratorArgs args = new MigratorArgs(ctx.spec());
        boolean database = plan.databaseFrom != plan.databaseTo;
        boolean archive = !Objects.equals(plan.archiveFrom, plan.archiveTo);
        if (!database && !archive) {
            return StepResult.skip("database and archive at the target already: nothing to prepare");
        }
        if (database) {
            JobOutcome db = JobStepRunner.runBeside(ctx, "dbprepare", args.prepareDatabase(plan.databaseTo));
            if (!(db instanceof JobOutcome.Succeeded)) {
                return unfinished(ctx, db, "the database");
            }
        }
        if (archive) {
            JobOutcome a = JobStepRunner.runBeside(ctx, "archiveprepare", args.prepareArchive(plan.archiveTo));
            if (!(a instanceof JobOutcome.Succeeded)) {
                JobStepRunner.progress(ctx, ctx.step().jobName).ifPresent(p -> ctx.status().archiveProgress = p);
                return unfinished(ctx, a, "the archive");
            }
        }
        return StepResult.advance((database ? "database" : "") + (database && archive ? " and " : "") + (archive ? "archive" : "")
                + " prepared beside the data while cc-backend ran");
    }

    private static StepResult unfinished(StepContext ctx, JobOutcome outcome, String what) {
        if (outcome instanceof JobOutcome.Failed f) {
            return StepResult.fail(Reason.PrepareFailed, "preparing " + what + " failed: " + JobStepRunner.describe(f,
                    ctx.step().jobName) + ". A prepare only writes beside the data, never the data itself: fix the cause and"
                    + " increment spec.retry");
        }
        var p = ctx.status().archiveProgress;
        return StepResult.waitFor("preparing " + what + " beside the data while cc-backend runs, in Job " + ctx.step().jobName
                + (p == null || what.contains("database") ? "" : ": " + p.jobsDone + "/" + p.jobsTotal + " jobs"));
    }
}

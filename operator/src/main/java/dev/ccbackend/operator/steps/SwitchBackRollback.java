package dev.ccbackend.operator.steps;

import dev.ccbackend.operator.kube.Deployments;
import dev.ccbackend.operator.kube.JobOutcome;
import dev.ccbackend.operator.kube.MigratorArgs;
import dev.ccbackend.operator.status.Reason;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.Objects;

/**
 * The rollback of an online upgrade, which took no snapshots because it never wrote the originals: stop
 * cc-backend on the old image and config, rename the kept originals back ({@code switch-back} Jobs; the upgraded
 * data is set aside beside them), then start the old replicas again. Seconds, whatever the size of the data.
 */
class SwitchBackRollback implements Step {

    @Override
    public StepResult run(StepContext ctx) {
        var status = ctx.status();
        var found = Deployments.get(ctx.client(), ctx.namespace(), ctx.spec().target.deployment);
        if (found.isEmpty()) {
            return StepResult.fail(Reason.DeploymentNotFound, "Deployment " + ctx.spec().target.deployment
                    + " disappeared; rename the kept originals back by hand (" + kept(ctx) + ")");
        }
        Deployment d = found.get();
        if (!Boolean.TRUE.equals(status.keptOriginals.renamedBack)) {
            if (!RollbackStep.pointsAtOldState(ctx, d, 0)) {
                ctx.client().apps().deployments().inNamespace(ctx.namespace()).withName(ctx.spec().target.deployment)
                        .edit(x -> RollbackStep.restore(ctx, x, 0));
                return StepResult.waitFor("stopping cc-backend to rename the originals back");
            }
            long running = Deployments.pods(ctx.client(), d).stream().filter(Deployments::active).count();
            if (running > 0) {
                return waitOrFail(ctx, "waiting for " + running + " cc-backend pods to stop before renaming the originals back");
            }
            StepResult renamed = renameBack(ctx);
            if (renamed != null) {
                return renamed;
            }
            status.keptOriginals.renamedBack = true;
            ctx.saveStatus();
        }
        if (!RollbackStep.pointsAtOldState(ctx, d, status.originalReplicas)) {
            ctx.client().apps().deployments().inNamespace(ctx.namespace()).withName(ctx.spec().target.deployment)
                    .edit(x -> RollbackStep.restore(ctx, x, status.originalReplicas));
            ctx.events().normal(ctx.resource(), "RollbackSwapped", "Deployment " + ctx.spec().target.deployment + " runs "
                    + status.originalImage + " again on the original database and archive");
            return StepResult.waitFor("starting " + status.originalImage + " on the originals");
        }
        long ready = Deployments.pods(ctx.client(), d).stream().filter(VerifyStep::ready).count();
        if (Deployments.rolledOut(d) && ready == status.originalReplicas) {
            return StepResult.advance("cc-backend " + status.originalImage + " runs again on the original database and"
                    + " archive, renamed back; the upgraded ones are kept beside them as <name>.rolled-back-<time>");
        }
        return waitOrFail(ctx, ready + "/" + status.originalReplicas + " pods of " + status.originalImage + " ready");
    }

    /** The switch-back Jobs, database first; null once both are done. */
    private static StepResult renameBack(StepContext ctx) {
        var plan = ctx.status().plan;
        var kept = ctx.status().keptOriginals;
        MigratorArgs args = new MigratorArgs(ctx.spec());
        if (kept.database != null || plan.databaseFrom != plan.databaseTo) {
            JobOutcome db = JobStepRunner.run(ctx, "dbswitchback", args.switchBackDatabase(kept.database), false, false, null);
            if (!(db instanceof JobOutcome.Succeeded)) {
                return unfinished(ctx, db, "the database");
            }
        }
        if (kept.archive != null || !Objects.equals(plan.archiveFrom, plan.archiveTo)) {
            JobOutcome archive = JobStepRunner.run(ctx, "archiveswitchback", args.switchBackArchive(kept.archive), false, false, null);
            if (!(archive instanceof JobOutcome.Succeeded)) {
                return unfinished(ctx, archive, "the archive");
            }
        }
        return null;
    }

    private static StepResult unfinished(StepContext ctx, JobOutcome outcome, String what) {
        if (outcome instanceof JobOutcome.Failed f) {
            return StepResult.fail(Reason.RollbackFailed, "renaming " + what + " back failed: " + JobStepRunner.describe(f,
                    ctx.step().jobName) + ". cc-backend stays stopped; the kept originals: " + kept(ctx));
        }
        return waitOrFail(ctx, "renaming " + what + " back in Job " + ctx.step().jobName);
    }

    private static StepResult waitOrFail(StepContext ctx, String message) {
        if (RollbackStep.pastDeadline(ctx)) {
            return StepResult.fail(Reason.RollbackFailed, "rollback did not finish: " + message + "; rename the kept"
                    + " originals back by hand (" + kept(ctx) + ") with cc-backend stopped");
        }
        return StepResult.waitFor(message);
    }

    private static String kept(StepContext ctx) {
        var k = ctx.status().keptOriginals;
        return "database " + (k.database == null ? "not switched" : "kept as " + k.database) + ", archive "
                + (k.archive == null ? "not switched" : "kept as " + k.archive);
    }
}

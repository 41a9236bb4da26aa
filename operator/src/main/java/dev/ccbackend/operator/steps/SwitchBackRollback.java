package dev.ccbackend.operator.steps;

import dev.ccbackend.operator.kube.Deployments;
import dev.ccbackend.operator.kube.JobOutcome;
import dev.ccbackend.operator.api.Phase;
import dev.ccbackend.operator.kube.MigrationJobs;
import dev.ccbackend.operator.kube.MigratorArgs;
import dev.ccbackend.operator.kube.Names;
import dev.ccbackend.operator.status.Conditions;
import dev.ccbackend.operator.status.Reason;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.Optional;

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
        if (status.keptOriginals == null) {
            status.keptOriginals = new dev.ccbackend.operator.api.KeptOriginals(); // failed before CuttingOver recorded one
        }
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
        var kept = ctx.status().keptOriginals;
        MigratorArgs args = new MigratorArgs(ctx.spec());
        for (boolean database : new boolean[]{true, false}) {
            String name = database ? kept.database : kept.archive;
            String what = database ? "the database" : "the archive";
            if (name == null) {
                Optional<StepResult> unknown = withoutKeptName(ctx, database);
                if (unknown.isPresent() && unknown.get() == NOTHING_SWITCHED) {
                    continue;
                }
                if (unknown.isPresent()) {
                    return unknown.get();
                }
            }
            JobOutcome outcome = JobStepRunner.run(ctx, database ? "dbswitchback" : "archiveswitchback",
                    database ? args.switchBackDatabase(name) : args.switchBackArchive(name), false, false, null);
            if (!(outcome instanceof JobOutcome.Succeeded)) {
                return unfinished(ctx, outcome, what);
            }
        }
        return null;
    }

    private static final StepResult NOTHING_SWITCHED = StepResult.skip("nothing switched");

    /**
     * A kind whose cutover reported no kept name: a failed cutover Job may have stopped between its renames (the
     * switch-back {@code --interrupted} finishes from its switch file: empty result); no Job, or one whose pod never
     * started, switched nothing; anything else cannot be told and is not guessed at.
     */
    private static Optional<StepResult> withoutKeptName(StepContext ctx, boolean database) {
        String what = database ? "the database" : "the archive";
        String command = "`cc-migrator " + (database ? "db" : "archive") + " switch-back --kept NAME`";
        String jobName = Names.job(ctx.resource(), database ? "dbcutover" : "archivecutover");
        MigrationJobs jobs = new MigrationJobs(ctx.client(), ctx.namespace());
        Job job = jobs.get(jobName);
        if (job == null) {
            boolean neverStarted = !ctx.status().step(Phase.CuttingOver).map(st -> st.startedAt != null).orElse(false)
                    || Conditions.hasReason(ctx.status(), Conditions.FAILED, Reason.PodCannotStart.name());
            return neverStarted ? Optional.of(NOTHING_SWITCHED) : Optional.of(StepResult.fail(Reason.RollbackFailed,
                    "cannot tell whether the cutover switched " + what + ": its Job " + jobName + " is gone. cc-backend stays"
                            + " stopped; look beside it for <name>.v<old>-<time> and run " + command + " if it is there"));
        }
        JobOutcome outcome = jobs.outcome(job, jobs.pods(jobName));
        if (outcome instanceof JobOutcome.Failed) {
            return Optional.empty(); // --interrupted
        }
        if (outcome instanceof JobOutcome.Running || outcome instanceof JobOutcome.Stuck) {
            jobs.delete(jobName); // it must not switch after the switch-back
            return Optional.of(StepResult.waitFor("stopping Job " + jobName + " before renaming " + what + " back"));
        }
        return Optional.of(StepResult.fail(Reason.RollbackFailed, "the cutover of " + what + " finished without reporting the"
                + " name it kept the original under (see kubectl logs job/" + jobName + "). cc-backend stays stopped; run "
                + command + " by hand"));
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

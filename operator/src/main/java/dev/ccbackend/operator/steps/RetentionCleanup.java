package dev.ccbackend.operator.steps;

import dev.ccbackend.operator.kube.ConfigMapReferences;
import dev.ccbackend.operator.kube.Deployments;
import dev.ccbackend.operator.kube.JobOutcome;
import dev.ccbackend.operator.kube.MigrationJobBuilder;
import dev.ccbackend.operator.kube.MigrationJobs;
import dev.ccbackend.operator.kube.MigratorArgs;
import dev.ccbackend.operator.kube.Names;
import dev.ccbackend.operator.kube.PodAffinities;
import dev.ccbackend.operator.kube.snapshot.VolumeSnapshot;
import dev.ccbackend.operator.status.Reason;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * {@code spec.retention} after a success: once {@code status.rollbackableUntil} has passed, deletes what this
 * upgrade's operator made and no longer needs, each with an Event: its VolumeSnapshots, the kept originals of an
 * online cutover (Jobs beside cc-backend), its ConfigMaps and restored claims the Deployment does not use, and its
 * finished Jobs. Only objects labelled as the operator's for this resource are touched: nothing a user created.
 */
public final class RetentionCleanup {
    private RetentionCleanup() {
    }

    /** When to look again; null once everything is cleaned up. */
    public static Duration run(StepContext ctx) {
        var status = ctx.status();
        if (status.rollbackableUntil == null) { // succeeded before spec.retention was set: the window starts now
            status.rollbackableUntil = ctx.now().plus(ctx.spec().retention.length()).toString();
            ctx.saveStatus();
        }
        Instant until = Instant.parse(status.rollbackableUntil);
        if (ctx.now().isBefore(until)) {
            return Duration.between(ctx.now(), until).plusSeconds(1);
        }
        if (!String.valueOf(status.rollbackMessage).startsWith("the rollback window")) {
            status.rollbackable = false;
            status.rollbackMessage = "the rollback window ended at " + until + " (spec.retention): what it needed is deleted";
            ctx.saveStatus();
        }
        Duration removing = removeKeptOriginals(ctx);
        if (removing != null) {
            return removing;
        }
        Deployment d = Deployments.get(ctx.client(), ctx.namespace(), ctx.spec().target.deployment).orElse(null);
        PodSpec inUse = d == null ? new PodSpec() : d.getSpec().getTemplate().getSpec();
        Map<String, String> ours = Map.of(MigrationJobBuilder.MANAGED_BY, MigrationJobBuilder.OPERATOR,
                MigrationJobBuilder.LABEL_UPGRADE, Names.labelValue(ctx.resource().getMetadata().getName()));
        var snapshots = ctx.client().resources(VolumeSnapshot.class).inNamespace(ctx.namespace()).withLabels(ours).list().getItems();
        snapshots.forEach(vs -> delete(ctx, vs, "VolumeSnapshot"));
        ctx.client().configMaps().inNamespace(ctx.namespace()).withLabels(ours).list().getItems().stream()
                .filter(c -> ConfigMapReferences.count(inUse, c.getMetadata().getName()) == 0)
                .forEach(c -> delete(ctx, c, "ConfigMap"));
        ctx.client().persistentVolumeClaims().inNamespace(ctx.namespace()).withLabels(ours).list().getItems().stream()
                .filter(c -> inUse.getVolumes() == null || inUse.getVolumes().stream().noneMatch(v -> v.getPersistentVolumeClaim() != null
                        && c.getMetadata().getName().equals(v.getPersistentVolumeClaim().getClaimName())))
                .forEach(c -> delete(ctx, c, "PersistentVolumeClaim"));
        MigrationJobs jobs = new MigrationJobs(ctx.client(), ctx.namespace());
        ctx.client().batch().v1().jobs().inNamespace(ctx.namespace()).withLabels(ours).list().getItems().stream()
                .filter(j -> !(jobs.outcome(j, jobs.pods(j.getMetadata().getName())) instanceof JobOutcome.Running))
                .forEach(j -> {
                    jobs.delete(j.getMetadata().getName());
                    ctx.events().normal(ctx.resource(), Reason.RetentionDeleted.name(), "deleted Job " + j.getMetadata().getName());
                });
        status.snapshots.clear();
        status.cleanedUpAt = ctx.now().toString();
        ctx.saveStatus();
        ctx.events().normal(ctx.resource(), Reason.RetentionDone.name(), "the rollback window ended at " + until
                + ": the operator's snapshots, kept originals, old ConfigMaps, restored claims and Jobs of this upgrade are deleted");
        return null;
    }

    /** Online: a Job beside cc-backend per kept original; null once both are gone. */
    private static Duration removeKeptOriginals(StepContext ctx) {
        var kept = ctx.status().keptOriginals;
        if (kept == null || Boolean.TRUE.equals(kept.renamedBack)) {
            return null;
        }
        MigratorArgs args = new MigratorArgs(ctx.spec());
        for (boolean database : new boolean[]{true, false}) {
            String name = database ? kept.database : kept.archive;
            if (name == null) {
                continue;
            }
            String step = database ? "dbremovekept" : "archiveremovekept";
            String jobName = Names.job(ctx.resource(), step);
            MigrationJobs jobs = new MigrationJobs(ctx.client(), ctx.namespace());
            Job job = jobs.get(jobName);
            if (job == null) {
                var ccBackend = Deployments.get(ctx.client(), ctx.namespace(), ctx.spec().target.deployment);
                jobs.create(JobStepRunner.jobBuilder(ctx).build(step, database ? args.removeKeptDatabase(name)
                        : args.removeKeptArchive(name), false, false,
                        ccBackend.map(x -> PodAffinities.sameNodeAsRunningPods(ctx.client(), x)).orElse(null)));
                return Duration.ofSeconds(2);
            }
            JobOutcome outcome = jobs.outcome(job, jobs.pods(jobName));
            if (outcome instanceof JobOutcome.Failed f) {
                ctx.events().warning(ctx.resource(), Reason.RetentionFailed.name(), "removing the kept " + name + " failed: "
                        + JobStepRunner.describe(f, jobName) + "; delete it by hand");
            } else if (!(outcome instanceof JobOutcome.Succeeded)) {
                return Duration.ofSeconds(2);
            } else {
                ctx.events().normal(ctx.resource(), Reason.RetentionDeleted.name(), "deleted " + name + ", the original the"
                        + " cutover kept beside the " + (database ? "database" : "archive"));
            }
            if (database) {
                kept.database = null;
            } else {
                kept.archive = null;
            }
            ctx.saveStatus();
        }
        return null;
    }

    private static void delete(StepContext ctx, HasMetadata object, String kind) {
        ctx.client().resource(object).delete();
        ctx.events().normal(ctx.resource(), Reason.RetentionDeleted.name(), "deleted " + kind + " "
                + object.getMetadata().getName() + " (spec.retention: the rollback window has ended)");
    }
}

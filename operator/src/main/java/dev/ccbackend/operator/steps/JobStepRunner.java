package dev.ccbackend.operator.steps;

import dev.ccbackend.operator.kube.Deployments;
import dev.ccbackend.operator.kube.JobOutcome;
import dev.ccbackend.operator.kube.MigrationJobBuilder;
import dev.ccbackend.operator.kube.MigrationJobs;
import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.List;

/** Runs one cc-migrator Job for a step: records its name in status first, then creates it once. */
final class JobStepRunner {
    private JobStepRunner() {
    }

    static JobOutcome run(StepContext ctx, String step, List<String> args, boolean readOnly, boolean withConfig,
                          Affinity affinity) {
        Job job = jobBuilder(ctx).build(step, args, readOnly, withConfig, affinity);
        String name = job.getMetadata().getName();
        if (!name.equals(ctx.step().jobName)) {
            ctx.step().jobName = name;
            ctx.saveStatus();
        }
        return new MigrationJobs(ctx.client(), ctx.namespace()).ensure(job);
    }

    /** Builds this upgrade's Jobs: as cc-backend's user, placed where its pods may run. */
    static MigrationJobBuilder jobBuilder(StepContext ctx) {
        var ccBackend = Deployments.get(ctx.client(), ctx.namespace(), ctx.spec().target.deployment).orElse(null);
        return new MigrationJobBuilder(ctx.resource(), ctx.settings().migratorImage(), ctx.settings().jobTtl(), ccBackend);
    }

    /** The failure text of a Job, with where to look next. */
    static String describe(JobOutcome.Failed failed, String jobName) {
        return failed.error() + " (exit code " + failed.exitCode() + "; see kubectl logs job/" + jobName + ")";
    }
}

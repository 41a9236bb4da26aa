package dev.ccbackend.operator.steps;

import dev.ccbackend.operator.api.ArchiveProgress;
import dev.ccbackend.operator.kube.Deployments;
import dev.ccbackend.operator.kube.JobOutcome;
import dev.ccbackend.operator.kube.MigrationJobBuilder;
import dev.ccbackend.operator.kube.MigrationJobs;
import dev.ccbackend.operator.kube.MigratorProgress;
import dev.ccbackend.operator.kube.Names;
import dev.ccbackend.operator.kube.PodAffinities;
import dev.ccbackend.operator.status.Reason;
import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** Runs one cc-migrator Job for a step: records its name in status first, then creates it once. */
final class JobStepRunner {
    private JobStepRunner() {
    }

    static JobOutcome run(StepContext ctx, String step, List<String> args, boolean readOnly, boolean withConfig,
                          Affinity affinity) {
        String name = recordJob(ctx, step);
        // the spec (which reads cc-backend's Deployment for placement) is built only to create the Job
        return ensure(ctx, name, () -> jobBuilder(ctx).build(step, args, readOnly, withConfig, affinity), !readOnly);
    }

    /**
     * A Job that writes only new files beside the data while cc-backend runs (an online prepare): mounted writable,
     * on the node of cc-backend's pods (ReadWriteOnce claims attach to one node), and exempt from the rule that
     * writing Jobs wait for cc-backend to stop.
     */
    static JobOutcome runBeside(StepContext ctx, String step, List<String> args) {
        String name = recordJob(ctx, step);
        return ensure(ctx, name, () -> {
            var ccBackend = Deployments.get(ctx.client(), ctx.namespace(), ctx.spec().target.deployment);
            Affinity affinity = ccBackend.map(d -> PodAffinities.sameNodeAsRunningPods(ctx.client(), d)).orElse(null);
            return jobBuilder(ctx).build(step, args, false, false, affinity);
        }, false);
    }

    /** Records the step's Job name in status before the Job exists; returns the name. */
    private static String recordJob(StepContext ctx, String step) {
        String name = Names.job(ctx.resource(), step);
        if (!name.equals(ctx.step().jobName)) {
            ctx.step().jobName = name;
            ctx.step().jobUid = null; // a step's next Job (the conversion's migration, say)
            ctx.saveStatus();
        }
        return name;
    }

    /** {@link #ensure(StepContext, String, Supplier, boolean)} of a Job already built. */
    static JobOutcome ensure(StepContext ctx, Job job, boolean writes) {
        return ensure(ctx, job.getMetadata().getName(), () -> job, writes);
    }

    /**
     * Creates Job {@code name} once from {@code desired} and reads how it stands (one read of the Job and
     * one of its pods). A Job that {@code writes} data is never created while cc-backend runs, and the
     * first of its containers to start marks the data as touched. A pod that cannot start for longer than
     * {@code timeouts.podStart} ends the step ({@link PodStartFailure}).
     */
    static JobOutcome ensure(StepContext ctx, String name, Supplier<Job> desired, boolean writes) {
        MigrationJobs jobs = new MigrationJobs(ctx.client(), ctx.namespace());
        Job existing = jobs.get(name);
        boolean stepsOwnJob = name.equals(ctx.step().jobName);
        if (existing == null && stepsOwnJob && ctx.step().jobUid != null) {
            throw new StepFailure((StepResult.Fail) StepResult.fail(Reason.JobLost, "Job " + name + " is gone (deleted, or removed"
                    + " by its TTL while the upgrade was paused), so how it ended is unknown; it is not run again blindly. "
                    + "Increment spec.retry: the operator plans anew from what is on disk and skips finished work"));
        }
        if (existing == null) {
            if (writes) {
                requireCcBackendStopped(ctx, name);
            }
            return jobs.create(desired.get());
        }
        if (stepsOwnJob && !existing.getMetadata().getUid().equals(ctx.step().jobUid)) {
            ctx.step().jobUid = existing.getMetadata().getUid();
            ctx.saveStatus();
        }
        List<Pod> pods = jobs.pods(name);
        if (writes && !Boolean.TRUE.equals(ctx.status().dataTouched) && MigrationJobs.anyStarted(pods)) {
            ctx.status().dataTouched = true;
            ctx.saveStatus();
        }
        JobOutcome outcome = jobs.outcome(existing, pods);
        if (outcome instanceof JobOutcome.Stuck stuck) {
            if (!ctx.now().isAfter(stuck.since().plus(ctx.spec().migratorOrDefault().timeouts.podStartTimeout()))) {
                return new JobOutcome.Running(stuck.podName());
            }
            throw PodStartFailure.of(ctx, name, stuck);
        }
        return outcome;
    }

    /** The last {@code progress {json}} line of the Job's newest pod, if it printed one (one read of its log). */
    static Optional<ArchiveProgress> progress(StepContext ctx, String jobName) {
        return new MigrationJobs(ctx.client(), ctx.namespace()).latestPod(jobName)
                .flatMap(pod -> ctx.settings().logSource().tail(ctx.client(), pod))
                .flatMap(MigratorProgress::lastOf);
    }

    /** The invariant of every writing Job: cc-backend is scaled to zero and none of its pods runs. */
    private static void requireCcBackendStopped(StepContext ctx, String jobName) {
        var deployment = Deployments.get(ctx.client(), ctx.namespace(), ctx.spec().target.deployment);
        long running = deployment.map(d -> Deployments.pods(ctx.client(), d).stream().filter(Deployments::active).count()).orElse(0L);
        if (deployment.map(Deployments::replicas).orElse(0) > 0 || running > 0) {
            throw new StepFailure((StepResult.Fail) StepResult.fail(Reason.CcBackendRunning, "cc-backend runs ("
                    + running + " pods), so Job " + jobName + " must not write its data: scale Deployment "
                    + ctx.spec().target.deployment + " to 0 (or let the operator do it: increment spec.retry)"));
        }
    }

    /** Builds this upgrade's Jobs: as cc-backend's user, placed where its pods may run. */
    static MigrationJobBuilder jobBuilder(StepContext ctx) {
        var ccBackend = Deployments.get(ctx.client(), ctx.namespace(), ctx.spec().target.deployment).orElse(null);
        return new MigrationJobBuilder(ctx.resource(), ctx.settings().migratorImage(), ctx.settings().jobTtl(), ccBackend);
    }

    /** The job rows a database migration or cutover reports ({@code rowsAfter.job}), for the smoke test. */
    static void recordMigratedJobs(StepContext ctx, JobOutcome.Succeeded s) {
        long jobs = s.result() == null ? -1 : s.result().path("rowsAfter").path("job").asLong(-1);
        if (jobs >= 0 && !Long.valueOf(jobs).equals(ctx.status().migratedJobs)) {
            ctx.status().migratedJobs = jobs;
            ctx.saveStatus();
        }
    }

    /** The failure text of a Job, with where to look next. */
    static String describe(JobOutcome.Failed failed, String jobName) {
        return failed.error() + " (exit code " + failed.exitCode() + "; see kubectl logs job/" + jobName + ")";
    }
}

package dev.ccbackend.operator.steps;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ccbackend.operator.api.ArchiveProgress;
import dev.ccbackend.operator.kube.IndexedJobStatus;
import dev.ccbackend.operator.kube.JobOutcome;
import dev.ccbackend.operator.kube.MigrationJobBuilder;
import dev.ccbackend.operator.kube.MigrationJobs;
import dev.ccbackend.operator.kube.MigratorArgs;
import dev.ccbackend.operator.kube.MigratorProgress;
import dev.ccbackend.operator.kube.TerminationMessage;
import dev.ccbackend.operator.status.Reason;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.Optional;

/**
 * The archive migration as N shards on a ReadWriteMany claim: one Indexed Job runs every shard
 * ({@code --shard $(JOB_COMPLETION_INDEX)/N}); a shard that fails is rerun alone by a plain Job
 * named after its index and attempt (at most {@link #RETRIES} times); when every shard has
 * succeeded, a finalize Job checks them all and writes version.txt. Every shard's state is derived
 * from the Jobs themselves, so an operator restart picks up where it was.
 */
final class ShardedArchiveMigration {
    static final int RETRIES = 2;
    static final String STEP = "archive";

    private final StepContext ctx;
    private final int shards;
    private final int toVersion;
    private final MigrationJobs jobs;
    private final MigrationJobBuilder builder;
    private final MigratorArgs args;

    ShardedArchiveMigration(StepContext ctx, int shards, int toVersion) {
        this.ctx = ctx;
        this.shards = shards;
        this.toVersion = toVersion;
        this.jobs = new MigrationJobs(ctx.client(), ctx.namespace());
        this.builder = JobStepRunner.jobBuilder(ctx);
        this.args = new MigratorArgs(ctx.spec());
    }

    static String retryStep(int index, int attempt) {
        return STEP + "-shard" + index + "-retry" + attempt;
    }

    StepResult run() {
        Job indexed = builder.buildIndexed(STEP, args.migrateArchiveShard(toVersion,
                "$(" + MigrationJobBuilder.COMPLETION_INDEX_ENV + ")", shards), shards, ctx.spec().archive.parallelism);
        String name = indexed.getMetadata().getName();
        if (!name.equals(ctx.step().jobName)) {
            ctx.step().jobName = name;
            ctx.step().jobUid = null;
            ctx.saveStatus();
        }
        JobStepRunner.ensure(ctx, indexed, true);
        IndexedJobStatus status = IndexedJobStatus.of(jobs.get(name));

        ArchiveProgress progress = new ArchiveProgress();
        StringBuilder retries = new StringBuilder();
        ShardRun failed = null;
        for (int i = 0; i < shards; i++) {
            ShardRun run = shard(name, i, status);
            progress.shards.add(run.shard);
            progress.jobsDone += run.shard.jobsDone;
            progress.jobsTotal += run.shard.jobsTotal;
            if (run.shard.state.equals("Failed") && failed == null) {
                failed = run;
            } else if (run.error != null) {
                retries.append("; shard ").append(i).append(" rerun alone after: ").append(run.error);
            }
        }
        ctx.status().archiveProgress = progress;
        if (failed != null) {
            return StepResult.fail(Reason.ArchiveMigrationFailed, "archive migration failed: shard " + failed.shard.index
                    + " of " + shards + " failed " + (RETRIES + 1) + " times, last: " + failed.error
                    + " (see kubectl logs job/" + failed.jobName + ")");
        }
        long done = progress.shards.stream().filter(s -> s.state.equals("Succeeded")).count();
        if (done < shards) {
            Optional<StepResult> stalled = StallCheck.check(ctx, name, progress.jobsDone);
            if (stalled.isPresent()) {
                return stalled.get();
            }
            return StepResult.waitFor("migrating the archive to version " + toVersion + " in " + shards + " shards: "
                    + done + "/" + shards + " shards, " + progress.jobsDone + "/" + progress.jobsTotal + " jobs" + retries);
        }
        return finalizeShards();
    }

    /** Runs {@code archive finalize} once every shard has succeeded. */
    private StepResult finalizeShards() {
        Job finalizer = builder.build(STEP + "-finalize", args.finalizeArchive(toVersion, shards), false, false, null);
        JobOutcome outcome = JobStepRunner.ensure(ctx, finalizer, true);
        if (outcome instanceof JobOutcome.Succeeded) {
            return StepResult.advance("archive migrated to version " + toVersion + " in " + shards + " shards");
        }
        if (outcome instanceof JobOutcome.Failed f) {
            return StepResult.fail(Reason.ArchiveMigrationFailed, "archive finalize failed: "
                    + JobStepRunner.describe(f, finalizer.getMetadata().getName()));
        }
        return StepResult.waitFor("all " + shards + " archive shards migrated; finalizing (writing version.txt)");
    }

    /** One shard's state: from the Indexed Job, or from its retry Jobs once the Indexed Job's pod failed. */
    private ShardRun shard(String indexedJob, int index, IndexedJobStatus status) {
        ArchiveProgress.Shard shard = new ArchiveProgress.Shard();
        shard.index = index;
        Optional<Pod> pod = jobs.podForIndex(indexedJob, index);
        if (!status.failed(index)) {
            shard.state = status.completed().contains(index) ? "Succeeded" : pod.isPresent() ? "Running" : "Pending";
            progress(shard, pod);
            return new ShardRun(shard, null, indexedJob);
        }
        String error = pod.flatMap(TerminationMessage::of).map(m -> m.error()).orElse("the pod failed without a result");
        String jobName = indexedJob;
        for (int attempt = 1; attempt <= RETRIES; attempt++) {
            Job retry = builder.build(retryStep(index, attempt), args.migrateArchiveShard(toVersion,
                    Integer.toString(index), shards), false, false, null);
            jobName = retry.getMetadata().getName();
            JobOutcome outcome = JobStepRunner.ensure(ctx, retry, true);
            Optional<Pod> retryPod = jobs.latestPod(jobName);
            if (outcome instanceof JobOutcome.Failed f) {
                error = f.error();
                continue;
            }
            shard.state = outcome instanceof JobOutcome.Succeeded ? "Succeeded" : "Retrying";
            progress(shard, retryPod);
            return new ShardRun(shard, error, jobName);
        }
        shard.state = "Failed";
        return new ShardRun(shard, error, jobName);
    }

    /** The shard's last progress line; a finished shard's result counts all its jobs as done. */
    private void progress(ArchiveProgress.Shard shard, Optional<Pod> pod) {
        pod.flatMap(p -> ctx.settings().logSource().tail(ctx.client(), p)).flatMap(MigratorProgress::lastOf)
                .ifPresent(p -> {
                    shard.jobsDone = p.jobsDone;
                    shard.jobsTotal = p.jobsTotal;
                });
        if ("Succeeded".equals(shard.state)) {
            pod.flatMap(TerminationMessage::of).map(TerminationMessage::result).map(r -> r.path("jobs"))
                    .filter(JsonNode::isNumber).ifPresent(n -> {
                        shard.jobsDone = n.asLong();
                        shard.jobsTotal = n.asLong();
                    });
        }
    }

    private record ShardRun(ArchiveProgress.Shard shard, String error, String jobName) {
    }
}

package dev.ccbackend.operator.steps;

import dev.ccbackend.operator.api.ArchiveProgress;
import dev.ccbackend.operator.kube.JobOutcome;
import dev.ccbackend.operator.kube.MigratorArgs;
import dev.ccbackend.operator.status.Reason;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code cc-migrator archive migrate} in place to the plan's target version; reports progress while it runs.
 * With {@code spec.archive.parallelism} &gt; 1 on a ReadWriteMany claim it runs as shards
 * ({@link ShardedArchiveMigration}); on any other claim it falls back to one Job and says so.
 */
public class MigrateArchiveStep implements Step {
    static final String SHARDING_UNAVAILABLE = "ShardingUnavailable";

    @Override
    public StepResult run(StepContext ctx) {
        var plan = ctx.status().plan;
        if (Objects.equals(plan.archiveFrom, plan.archiveTo)) {
            return StepResult.skip("archive already at version " + plan.archiveTo);
        }
        int shards = ctx.spec().archive.parallelism;
        String fallback = null;
        if (shards > 1) {
            if (readWriteMany(ctx)) {
                return new ShardedArchiveMigration(ctx, shards, plan.archiveTo).run();
            }
            fallback = " (one Job: parallelism " + shards + " needs a ReadWriteMany archive claim, "
                    + ctx.spec().archive.claimName + " is not)";
            if (ctx.step().jobName == null) {
                ctx.events().normal(ctx.resource(), SHARDING_UNAVAILABLE, "archive migration runs as one Job" + fallback);
            }
        }
        JobOutcome outcome = JobStepRunner.run(ctx, "archive", new MigratorArgs(ctx.spec()).migrateArchive(plan.archiveTo),
                false, false, null);
        Optional<ArchiveProgress> progress = JobStepRunner.progress(ctx, ctx.step().jobName);
        progress.ifPresent(p -> ctx.status().archiveProgress = p);
        if (outcome instanceof JobOutcome.Succeeded) {
            return StepResult.advance("archive migrated from version " + plan.archiveFrom + " to " + plan.archiveTo
                    + (fallback == null ? "" : fallback));
        }
        if (outcome instanceof JobOutcome.Failed f) {
            return StepResult.fail(Reason.ArchiveMigrationFailed, "archive migration failed: "
                    + JobStepRunner.describe(f, ctx.step().jobName));
        }
        Optional<StepResult> stalled = progress.flatMap(p -> StallCheck.check(ctx, ctx.step().jobName, p.jobsDone));
        if (stalled.isPresent()) {
            return stalled.get();
        }
        var p = ctx.status().archiveProgress;
        return StepResult.waitFor("migrating the archive to version " + plan.archiveTo
                + (p == null ? "" : ": " + p.jobsDone + "/" + p.jobsTotal + " jobs") + (fallback == null ? "" : fallback));
    }

    /** Whether the archive's claim can be mounted by many pods on many nodes at once. */
    static boolean readWriteMany(StepContext ctx) {
        PersistentVolumeClaim claim = ctx.client().persistentVolumeClaims().inNamespace(ctx.namespace())
                .withName(ctx.spec().archive.claimName).get();
        return claim != null && claim.getSpec() != null && claim.getSpec().getAccessModes() != null
                && claim.getSpec().getAccessModes().contains("ReadWriteMany");
    }
}

package dev.ccbackend.operator.steps;

import dev.ccbackend.operator.api.KeptOriginals;
import dev.ccbackend.operator.kube.JobOutcome;
import dev.ccbackend.operator.kube.MigrationJobs;
import dev.ccbackend.operator.kube.MigratorArgs;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import dev.ccbackend.operator.kube.Names;
import dev.ccbackend.operator.status.Reason;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Online strategy, with cc-backend stopped: {@code db cutover} and {@code archive cutover} side by side, each
 * applying what changed since its prepare and switching by renaming. The names the originals are kept under go
 * to {@code status.keptOriginals}: what a rollback renames back.
 */
public class CutOverStep implements Step {

    @Override
    public StepResult run(StepContext ctx) {
        var status = ctx.status();
        var plan = status.plan;
        MigratorArgs args = new MigratorArgs(ctx.spec());
        Map<String, List<String>> cutovers = new LinkedHashMap<>();
        if (plan.databaseFrom != plan.databaseTo) {
            cutovers.put("dbcutover", args.cutOverDatabase());
        }
        if (!Objects.equals(plan.archiveFrom, plan.archiveTo)) {
            cutovers.put("archivecutover", args.cutOverArchive());
        }
        if (cutovers.isEmpty()) {
            return StepResult.skip("database and archive at the target already: nothing to cut over");
        }
        if (!Boolean.TRUE.equals(status.rollbackable) || status.keptOriginals == null) {
            status.rollbackable = true; // recorded before the first rename can happen
            status.rollbackMessage = "the cutovers keep the original database and archive beside them: a rollback renames them back";
            status.keptOriginals = status.keptOriginals == null ? new KeptOriginals() : status.keptOriginals;
            ctx.step().jobName = Names.job(ctx.resource(), cutovers.keySet().iterator().next());
            ctx.saveStatus();
        }
        List<String> running = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        for (var c : cutovers.entrySet()) {
            String name = Names.job(ctx.resource(), c.getKey());
            JobOutcome outcome;
            try {
                outcome = JobStepRunner.ensure(ctx, name,
                        () -> JobStepRunner.jobBuilder(ctx).build(c.getKey(), c.getValue(), false, false, null), true);
            } catch (StepFailure e) {
                // the other cutover must not start later, when cc-backend may run again or a rollback renames
                cutovers.keySet().stream().filter(other -> !other.equals(c.getKey())).map(other -> Names.job(ctx.resource(), other))
                        .forEach(other -> deleteUnfinished(ctx, other));
                throw e;
            }
            boolean database = c.getKey().startsWith("db");
            String backup = outcome instanceof JobOutcome.Succeeded s && s.result() != null ? s.result().path("backup").asText(null) : null;
            if (outcome instanceof JobOutcome.Succeeded && backup == null) {
                status.rollbackable = false; // switched, but under a name it did not report: no automatic renaming back
                status.rollbackMessage = "the cutover of " + (database ? "the database" : "the archive") + " switched without"
                        + " reporting the name it kept the original under: rename it back by hand";
                failed.add((database ? "the database" : "the archive") + " finished but its result, which names the kept"
                        + " original, is lost (see kubectl logs job/" + name + "; the original is beside the data as"
                        + " <name>.v<old>-<time>)");
            } else if (outcome instanceof JobOutcome.Succeeded s) {
                keep(ctx, database, backup);
                if (database) {
                    JobStepRunner.recordMigratedJobs(ctx, s);
                }
            } else if (outcome instanceof JobOutcome.Failed f) {
                failed.add((database ? "the database" : "the archive") + ": " + JobStepRunner.describe(f, name));
            } else {
                running.add(name);
            }
        }
        if (!running.isEmpty()) {
            return StepResult.waitFor("cutting over (cc-backend stopped) in Job " + String.join(" and Job ", running));
        }
        if (!failed.isEmpty()) {
            String switched = switched(status.keptOriginals);
            return StepResult.fail(Reason.CutoverFailed, "the cutover of " + String.join("; ", failed)
                    + (switched.isEmpty() ? ". Nothing was switched" : ". Switched already: " + switched));
        }
        return StepResult.advance("switched " + switched(status.keptOriginals));
    }

    private static void deleteUnfinished(StepContext ctx, String jobName) {
        MigrationJobs jobs = new MigrationJobs(ctx.client(), ctx.namespace());
        Job job = jobs.get(jobName);
        JobOutcome outcome = job == null ? null : jobs.outcome(job, jobs.pods(jobName));
        if (outcome instanceof JobOutcome.Running || outcome instanceof JobOutcome.Stuck) {
            jobs.delete(jobName);
        }
    }

    /** Records the kept original's name (the result's "backup", a path beside the data) once. */
    private static void keep(StepContext ctx, boolean database, String backup) {
        var kept = ctx.status().keptOriginals;
        String name = backup == null ? null : Path.of(backup).getFileName().toString();
        if (name != null && !name.equals(database ? kept.database : kept.archive)) {
            if (database) {
                kept.database = name;
            } else {
                kept.archive = name;
            }
            ctx.saveStatus();
        }
    }

    private static String switched(KeptOriginals kept) {
        List<String> names = new ArrayList<>();
        if (kept.database != null) {
            names.add("the database (original kept as " + kept.database + ")");
        }
        if (kept.archive != null) {
            names.add("the archive (original kept as " + kept.archive + ")");
        }
        return String.join(", ", names);
    }
}

package dev.ccbackend.operator.steps;

import dev.ccbackend.migrator.cli.ExitCode;
import dev.ccbackend.migrator.plan.UpgradePlan;
import dev.ccbackend.operator.kube.Deployments;
import dev.ccbackend.operator.kube.JobOutcome;
import dev.ccbackend.operator.kube.MigratorArgs;
import dev.ccbackend.operator.kube.MigratorUser;
import dev.ccbackend.operator.kube.PodAffinities;
import dev.ccbackend.operator.status.Reason;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.Optional;

/**
 * Runs {@code cc-migrator plan} in a Job beside the still-running cc-backend (volumes read-only,
 * same node), so blockers stop the upgrade before any downtime.
 */
public class PlanStep implements Step {

    @Override
    public StepResult run(StepContext ctx) {
        var spec = ctx.spec();
        Optional<Deployment> deployment = Deployments.get(ctx.client(), ctx.namespace(), spec.target.deployment);
        if (deployment.isEmpty()) {
            return StepResult.fail(Reason.DeploymentNotFound, "Deployment " + spec.target.deployment
                    + " not found in namespace " + ctx.namespace() + ": fix spec.target.deployment");
        }
        Optional<Container> container = Deployments.container(deployment.get(), spec.target.container);
        if (container.isEmpty()) {
            return StepResult.fail(Reason.ContainerNotFound, "Deployment " + spec.target.deployment
                    + " has no container " + (spec.target.container == null ? "(several, none named)" : spec.target.container)
                    + ": set spec.target.container");
        }
        Optional<StepResult> missing = InputCheck.check(ctx);
        if (missing.isPresent()) {
            return missing.get();
        }
        Optional<StepResult> conflict = ConflictCheck.check(ctx);
        if (conflict.isPresent()) {
            return conflict.get();
        }
        Optional<StepResult> noSnapshots = SnapshotCapability.check(ctx);
        if (noSnapshots.isPresent()) {
            return noSnapshots.get();
        }
        Optional<StepResult> probing = ReleaseProbe.ensure(ctx);
        if (probing.isPresent()) {
            return probing.get();
        }
        var affinity = PodAffinities.sameNodeAsRunningPods(ctx.client(), deployment.get());
        JobOutcome outcome = JobStepRunner.run(ctx, "plan", planArgs(ctx), true, true, affinity);
        String image = ctx.status().originalImage != null ? ctx.status().originalImage : container.get().getImage();
        if (outcome instanceof JobOutcome.Succeeded s) {
            return PlanResults.parse(s.result())
                    .map(plan -> accept(ctx, plan, image).orElseGet(() -> chooseUser(ctx, plan, deployment.get(), container.get())))
                    .orElseGet(() -> StepResult.fail(Reason.PlanFailed, "the plan Job " + ctx.step().jobName
                            + " printed no readable plan: see kubectl logs job/" + ctx.step().jobName));
        }
        if (outcome instanceof JobOutcome.Failed f) {
            return blockedOrFailed(ctx, f);
        }
        return StepResult.waitFor("planning in Job " + ctx.step().jobName);
    }

    /** The plan's command line, with probed versions for a release newer than the catalog. */
    static java.util.List<String> planArgs(StepContext ctx) {
        var probed = ctx.status().probedRelease;
        var spec = ctx.spec();
        boolean online = ctx.status().online();
        return probed == null ? new MigratorArgs(spec).plan(online)
                : new MigratorArgs(spec).plan(probed.dbVersion, probed.archiveVersion, online);
    }

    /** The plan's command line for the data cc-backend will run on (after a conversion: the SQLite file). */
    static java.util.List<String> checkArgs(StepContext ctx) {
        var probed = ctx.status().probedRelease;
        var spec = ctx.spec();
        return probed == null ? new MigratorArgs(spec).checkVersions(spec.targetDbVersion, spec.targetArchiveVersion)
                : new MigratorArgs(spec).checkVersions(probed.dbVersion, probed.archiveVersion);
    }

    /** Records the plan; the failure when it is blocked. */
    private static Optional<StepResult> accept(StepContext ctx, UpgradePlan plan, String image) {
        ctx.status().plan = PlanResults.summary(plan, ctx.status().online());
        ctx.status().fromVersion = PlanResults.fromVersion(plan, image);
        if (!plan.runnable()) {
            return Optional.of(StepResult.fail(plan.blockers().get(0).code().reason(), PlanResults.blockers(plan)));
        }
        return Optional.empty();
    }

    /** Decides who the migration Jobs run as (cc-backend's uid), before anything is stopped. */
    private static StepResult chooseUser(StepContext ctx, UpgradePlan plan, Deployment deployment, Container container) {
        MigratorUser.Decision who = MigratorUser.decide(ctx.spec().migratorOrDefault().securityContext,
                deployment.getSpec().getTemplate().getSpec(), container, plan.ownership());
        if (who.runAs() == null) {
            return StepResult.fail(who.blocker(), who.message());
        }
        ctx.status().runAs = who.runAs();
        plan.warnings().forEach(w -> ctx.events().warning(ctx.resource(), "PlanWarning", w));
        MigratorUser.ownerMismatch(who.runAs(), plan.ownership())
                .ifPresent(w -> ctx.events().warning(ctx.resource(), "PlanWarning", w));
        return StepResult.advance("plan: database " + plan.database().currentVersion() + " -> "
                + plan.database().targetVersion() + ", archive " + plan.archive().currentVersion() + " -> "
                + plan.archive().targetVersion() + ", " + plan.steps().size() + " steps");
    }

    private static StepResult blockedOrFailed(StepContext ctx, JobOutcome.Failed f) {
        Optional<UpgradePlan> plan = PlanResults.parse(f.result());
        if (f.exitCode() == ExitCode.BLOCKED && plan.isPresent() && !plan.get().blockers().isEmpty()) {
            return accept(ctx, plan.get(), ctx.status().originalImage).orElseThrow();
        }
        Reason reason = f.exitCode() == ExitCode.BLOCKED ? Reason.PlanBlocked : Reason.PlanFailed;
        return StepResult.fail(reason, JobStepRunner.describe(f, ctx.step().jobName));
    }
}

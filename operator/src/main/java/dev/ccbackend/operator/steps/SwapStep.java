package dev.ccbackend.operator.steps;

import dev.ccbackend.migrator.plan.UpgradePlan;
import dev.ccbackend.operator.kube.ConfigMapReferences;
import dev.ccbackend.operator.kube.Deployments;
import dev.ccbackend.operator.kube.JobOutcome;
import dev.ccbackend.operator.kube.MigratorArgs;
import dev.ccbackend.operator.status.Reason;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.Objects;
import java.util.Optional;

/**
 * Once cc-migrator reports the on-disk versions equal to the target's, points the Deployment at
 * the new image and config and restores its replicas; Verifying waits for the rollout.
 */
public class SwapStep implements Step {

    @Override
    public StepResult run(StepContext ctx) {
        var spec = ctx.spec();
        JobOutcome check = JobStepRunner.run(ctx, "check", PlanStep.checkArgs(ctx), true, true, null);
        if (check instanceof JobOutcome.Running) {
            return StepResult.waitFor("checking the on-disk versions in Job " + ctx.step().jobName);
        }
        JobOutcome.Failed failed = check instanceof JobOutcome.Failed f ? f : null;
        Optional<UpgradePlan> plan = PlanResults.parse(failed != null ? failed.result() : ((JobOutcome.Succeeded) check).result());
        if (plan.isEmpty()) {
            return StepResult.fail(Reason.VersionMismatch, "cannot read the on-disk versions: "
                    + (failed != null ? JobStepRunner.describe(failed, ctx.step().jobName) : "no result"));
        }
        var db = plan.get().database();
        var archive = plan.get().archive();
        if (db.currentVersion() != db.targetVersion() || !Objects.equals(archive.currentVersion(), archive.targetVersion())) {
            return StepResult.fail(Reason.VersionMismatch, "on disk: database " + db.currentVersion() + " (need "
                    + db.targetVersion() + "), archive " + archive.currentVersion() + " (need " + archive.targetVersion()
                    + "); cc-backend " + spec.version + " would refuse to start");
        }
        Optional<Deployment> d = Deployments.get(ctx.client(), ctx.namespace(), spec.target.deployment);
        if (d.isEmpty()) {
            return StepResult.fail(Reason.DeploymentNotFound, "Deployment " + spec.target.deployment + " disappeared");
        }
        if (needsPatch(ctx, d.get())) {
            ctx.client().apps().deployments().inNamespace(ctx.namespace()).withName(spec.target.deployment)
                    .edit(x -> patch(ctx, x));
            ctx.events().normal(ctx.resource(), "Swapped", "Deployment " + spec.target.deployment + " now runs "
                    + spec.targetImage() + (ctx.status().newConfigMap == null ? "" : " with ConfigMap " + ctx.status().newConfigMap));
        }
        return StepResult.advance("Deployment " + spec.target.deployment + " runs " + spec.targetImage() + " with "
                + ctx.status().originalReplicas + " replicas");
    }

    private static boolean needsPatch(StepContext ctx, Deployment d) {
        Container c = Deployments.container(d, ctx.spec().target.container).orElseThrow();
        return !ctx.spec().targetImage().equals(c.getImage())
                || Deployments.replicas(d) != ctx.status().originalReplicas
                || oldConfigReferences(ctx, d) > 0;
    }

    private static Deployment patch(StepContext ctx, Deployment d) {
        Deployments.container(d, ctx.spec().target.container).orElseThrow().setImage(ctx.spec().targetImage());
        if (ctx.status().newConfigMap != null) {
            ConfigMapReferences.rename(d.getSpec().getTemplate().getSpec(), ctx.spec().config.configMapName, ctx.status().newConfigMap);
        }
        d.getSpec().setReplicas(ctx.status().originalReplicas);
        return d;
    }

    /** How often the pod template still names the old ConfigMap, when there is a new one. */
    private static int oldConfigReferences(StepContext ctx, Deployment d) {
        return ctx.status().newConfigMap == null ? 0
                : ConfigMapReferences.count(d.getSpec().getTemplate().getSpec(), ctx.spec().config.configMapName);
    }
}

package dev.ccbackend.operator.steps;

import dev.ccbackend.operator.api.SnapshotStatus;
import dev.ccbackend.operator.kube.ConfigMapReferences;
import dev.ccbackend.operator.kube.Deployments;
import dev.ccbackend.operator.kube.RestoredClaims;
import dev.ccbackend.operator.status.Reason;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;

/**
 * Automatic rollback: restores every snapshot into a new claim, points the Deployment at the
 * restored claims with the old image, config and replica count, and waits until it runs. The
 * original claims stay as they are (with the half-migrated data, for inspection).
 */
public class RollbackStep implements Step {

    @Override
    public StepResult run(StepContext ctx) {
        var status = ctx.status();
        boolean named = false;
        for (SnapshotStatus s : status.snapshots) {
            if (s.restoredClaimName == null) {
                s.restoredClaimName = RestoredClaims.name(ctx.resource(), s.claimName);
                named = true;
            }
        }
        if (named) {
            ctx.saveStatus();
        }
        // The claims are not waited for: with WaitForFirstConsumer storage they bind only once cc-backend's pod uses them.
        RestoredClaims claims = new RestoredClaims(ctx.client(), ctx.namespace());
        status.snapshots.forEach(s -> claims.ensure(ctx.resource(), s));
        var found = Deployments.get(ctx.client(), ctx.namespace(), ctx.spec().target.deployment);
        if (found.isEmpty()) {
            return StepResult.fail(Reason.DeploymentNotFound, "Deployment " + ctx.spec().target.deployment
                    + " disappeared; the restored claims are " + restoredNames(ctx));
        }
        Deployment d = found.get();
        if (!pointsAtOldState(ctx, d)) {
            ctx.client().apps().deployments().inNamespace(ctx.namespace()).withName(ctx.spec().target.deployment)
                    .edit(x -> restore(ctx, x));
            ctx.events().normal(ctx.resource(), "RollbackSwapped", "Deployment " + ctx.spec().target.deployment
                    + " runs " + status.originalImage + " on " + restoredNames(ctx));
            return StepResult.waitFor("starting " + status.originalImage + " on the restored claims");
        }
        long ready = Deployments.pods(ctx.client(), d).stream().filter(VerifyStep::ready).count();
        if (Deployments.rolledOut(d) && ready == status.originalReplicas) {
            return StepResult.advance("cc-backend " + status.originalImage + " runs again on " + restoredNames(ctx)
                    + "; the original claims keep the half-migrated data");
        }
        return waitOrFail(ctx, ready + "/" + status.originalReplicas + " pods of " + status.originalImage + " ready"
                + claims.pending(status.snapshots).map(p -> "; " + p).orElse(""));
    }

    private static StepResult waitOrFail(StepContext ctx, String message) {
        var t = ctx.spec().migratorOrDefault().timeouts;
        if (ctx.pastDeadline(t.snapshotTimeout().plus(t.rolloutTimeout()))) {
            return StepResult.fail(Reason.RollbackFailed, "rollback did not finish: " + message
                    + "; restore by hand from the snapshots " + String.join(", ",
                    ctx.status().snapshots.stream().map(s -> s.snapshotName).toList()));
        }
        return StepResult.waitFor(message);
    }

    private static boolean pointsAtOldState(StepContext ctx, Deployment d) {
        var status = ctx.status();
        boolean image = status.originalImage.equals(Deployments.container(d, ctx.spec().target.container).orElseThrow().getImage());
        boolean claims = d.getSpec().getTemplate().getSpec().getVolumes().stream()
                .noneMatch(v -> v.getPersistentVolumeClaim() != null && restoredFrom(ctx, v.getPersistentVolumeClaim().getClaimName()) != null);
        return image && claims && Deployments.replicas(d) == status.originalReplicas;
    }

    private static Deployment restore(StepContext ctx, Deployment d) {
        var status = ctx.status();
        Deployments.container(d, ctx.spec().target.container).orElseThrow().setImage(status.originalImage);
        for (Volume v : d.getSpec().getTemplate().getSpec().getVolumes()) {
            if (v.getPersistentVolumeClaim() != null) {
                String restored = restoredFrom(ctx, v.getPersistentVolumeClaim().getClaimName());
                if (restored != null) {
                    v.getPersistentVolumeClaim().setClaimName(restored);
                }
            }
        }
        if (status.newConfigMap != null) {
            ConfigMapReferences.rename(d.getSpec().getTemplate().getSpec(), status.newConfigMap, status.originalConfigMap);
        }
        d.getSpec().setReplicas(status.originalReplicas);
        return d;
    }

    /** The restored claim standing in for {@code claim}, or null when it is not one of the snapshotted claims. */
    private static String restoredFrom(StepContext ctx, String claim) {
        return ctx.status().snapshots.stream().filter(s -> claim.equals(s.claimName)).map(s -> s.restoredClaimName)
                .findFirst().orElse(null);
    }

    private static String restoredNames(StepContext ctx) {
        return String.join(", ", ctx.status().snapshots.stream().map(s -> s.restoredClaimName).toList());
    }
}

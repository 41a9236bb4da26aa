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
 * original claims stay as they are (with the half-migrated data, for inspection). An online
 * upgrade took no snapshots: {@link SwitchBackRollback} renames its kept originals back instead.
 */
public class RollbackStep implements Step {
    private final Step switchBack = new SwitchBackRollback();

    @Override
    public StepResult run(StepContext ctx) {
        var status = ctx.status();
        if (status.online()) {
            return switchBack.run(ctx);
        }
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
        if (!pointsAtOldState(ctx, d, status.originalReplicas)) {
            ctx.client().apps().deployments().inNamespace(ctx.namespace()).withName(ctx.spec().target.deployment)
                    .edit(x -> restore(ctx, x, status.originalReplicas));
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
        if (pastDeadline(ctx)) {
            return StepResult.fail(Reason.RollbackFailed, "rollback did not finish: " + message
                    + "; restore by hand from the snapshots " + String.join(", ",
                    ctx.status().snapshots.stream().map(s -> s.snapshotName).toList()));
        }
        return StepResult.waitFor(message);
    }

    /** A rollback has as long as taking snapshots and rolling out together. */
    static boolean pastDeadline(StepContext ctx) {
        var t = ctx.spec().migratorOrDefault().timeouts;
        return ctx.pastDeadline(t.snapshotTimeout().plus(t.rolloutTimeout()));
    }

    /** Whether the Deployment runs the old image and config, on the restored claims if any, with {@code replicas}. */
    static boolean pointsAtOldState(StepContext ctx, Deployment d, int replicas) {
        var status = ctx.status();
        boolean image = status.originalImage.equals(Deployments.container(d, ctx.spec().target.container).orElseThrow().getImage());
        boolean claims = d.getSpec().getTemplate().getSpec().getVolumes().stream()
                .noneMatch(v -> v.getPersistentVolumeClaim() != null && restoredFrom(ctx, v.getPersistentVolumeClaim().getClaimName()) != null);
        boolean config = status.newConfigMap == null
                || ConfigMapReferences.count(d.getSpec().getTemplate().getSpec(), status.newConfigMap) == 0;
        return image && claims && config && Deployments.replicas(d) == replicas;
    }

    /** The old image and config, the restored claims if any, and {@code replicas}. */
    static Deployment restore(StepContext ctx, Deployment d, int replicas) {
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
        d.getSpec().setReplicas(replicas);
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

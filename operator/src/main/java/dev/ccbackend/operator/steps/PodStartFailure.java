package dev.ccbackend.operator.steps;

import dev.ccbackend.operator.kube.JobOutcome;
import dev.ccbackend.operator.kube.MigrationJobs;
import dev.ccbackend.operator.status.Reason;

/**
 * A Job whose pod cannot start: the Job is deleted (it must not start later, when cc-backend may
 * run again), and when no migration container has ever started, no data was touched, so cc-backend
 * is scaled back up at once instead of waiting out a deadline with nothing to roll back.
 */
final class PodStartFailure {
    private PodStartFailure() {
    }

    static StepFailure of(StepContext ctx, String jobName, JobOutcome.Stuck stuck) {
        new MigrationJobs(ctx.client(), ctx.namespace()).delete(jobName);
        String what = "the pod of Job " + jobName + " cannot start (" + stuck.reason() + ": " + stuck.message() + ")";
        String state = Boolean.TRUE.equals(ctx.status().dataTouched) ? "" : restoreCcBackend(ctx);
        return new StepFailure((StepResult.Fail) StepResult.fail(Reason.PodCannotStart,
                what + " for " + ctx.spec().migratorOrDefault().timeouts.podStart + ": " + advice(stuck.reason()) + state));
    }

    private static String advice(String reason) {
        return switch (reason) {
            case "ErrImagePull", "ImagePullBackOff", "InvalidImageName", "ErrImageNeverPull" ->
                    "check spec.migrator.image (or the operator's --migrator-image) and the imagePullSecrets of cc-backend's pod";
            case "Unschedulable" -> "no node can run it: check nodeSelector, tolerations and resources, and that the node "
                    + "holding cc-backend's ReadWriteOnce volume is up";
            case "FailedCreate" -> "the Job controller could create no pod";
            default -> "a Secret or ConfigMap it needs is missing, or its securityContext conflicts with the image";
        };
    }

    /** Scales cc-backend back to its replicas (the image was not changed yet) and forgets what there was to restore. */
    private static String restoreCcBackend(StepContext ctx) {
        var s = ctx.status();
        if (s.originalReplicas == null) {
            return "";
        }
        int replicas = s.originalReplicas;
        ctx.client().apps().deployments().inNamespace(ctx.namespace()).withName(ctx.spec().target.deployment).edit(d -> {
            d.getSpec().setReplicas(replicas);
            return d;
        });
        ctx.events().normal(ctx.resource(), "ScaledUp", "no data was touched: scaled Deployment " + ctx.spec().target.deployment
                + " back to " + replicas + " replicas");
        s.originalReplicas = null;
        s.originalImage = null;
        s.originalConfigMap = null;
        s.rollbackable = false;
        s.rollbackMessage = "nothing to roll back: no data was touched";
        return ". No data was touched: cc-backend runs again with " + replicas + " replicas";
    }
}

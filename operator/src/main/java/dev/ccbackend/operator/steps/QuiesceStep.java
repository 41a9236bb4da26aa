package dev.ccbackend.operator.steps;

import dev.ccbackend.operator.kube.Deployments;
import dev.ccbackend.operator.status.Reason;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.List;
import java.util.Optional;

/**
 * Waits for the maintenance window if there is one, lets an online upgrade's database catch up, then
 * records the Deployment's replicas, image and config, scales it to 0 and waits until its pods are gone.
 */
public class QuiesceStep implements Step {

    @Override
    public StepResult run(StepContext ctx) {
        var spec = ctx.spec();
        var status = ctx.status();
        boolean catchUpStarted = ctx.step().jobName != null; // the window was open when it started: it is not asked again
        if (status.originalReplicas == null && spec.maintenanceWindow != null && !catchUpStarted) {
            Optional<StepResult> wait = WindowGate.check(ctx); // never once cc-backend is being stopped
            if (wait.isPresent()) {
                return wait.get();
            }
        }
        if (status.originalReplicas == null) {
            Optional<StepResult> catchingUp = CatchUpGate.check(ctx);
            if (catchingUp.isPresent()) {
                return catchingUp.get();
            }
        }
        Optional<Deployment> found = Deployments.get(ctx.client(), ctx.namespace(), spec.target.deployment);
        if (found.isEmpty()) {
            return StepResult.fail(Reason.DeploymentNotFound, "Deployment " + spec.target.deployment + " disappeared");
        }
        Deployment d = found.get();
        if (status.originalReplicas == null) {
            // Remember what to restore before changing anything.
            status.originalReplicas = Deployments.replicas(d);
            status.originalImage = Deployments.container(d, spec.target.container).orElseThrow().getImage();
            status.originalConfigMap = spec.config.configMapName;
            // the downtime and the rollout timeout count from here, not from the wait for the window or the catch-up
            ctx.step().startedAt = ctx.now().toString();
            ctx.saveStatus();
        }
        if (Deployments.replicas(d) != 0) {
            ctx.client().apps().deployments().inNamespace(ctx.namespace()).withName(spec.target.deployment)
                    .edit(x -> {
                        x.getSpec().setReplicas(0);
                        return x;
                    });
            ctx.events().normal(ctx.resource(), "ScaledDown", "scaled Deployment " + spec.target.deployment
                    + " from " + status.originalReplicas + " to 0 replicas");
        }
        // evicted or failed pods linger until garbage-collected: they run nothing
        List<Pod> pods = Deployments.pods(ctx.client(), d).stream().filter(Deployments::active).toList();
        if (pods.isEmpty()) {
            return StepResult.advance("cc-backend stopped (was " + status.originalReplicas + " replicas)");
        }
        if (ctx.pastDeadline(spec.migratorOrDefault().timeouts.rolloutTimeout())) {
            return StepResult.fail(Reason.QuiesceTimeout, pods.size() + " cc-backend pods still running after "
                    + spec.migratorOrDefault().timeouts.rollout + ": check for stuck finalizers, e.g. kubectl get pods");
        }
        return StepResult.waitFor("waiting for " + pods.size() + " cc-backend pods to stop");
    }
}

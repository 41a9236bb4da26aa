package dev.ccbackend.operator.steps;

import dev.ccbackend.operator.kube.Deployments;
import dev.ccbackend.operator.status.Reason;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.List;
import java.util.Optional;

/**
 * Waits for the rollout (available, every cc-backend pod runs the target image and is ready), then for the
 * {@link SmokeTest}: its pages are served and its database holds the migrated jobs.
 */
public class VerifyStep implements Step {

    @Override
    public StepResult run(StepContext ctx) {
        var spec = ctx.spec();
        Optional<Deployment> found = Deployments.get(ctx.client(), ctx.namespace(), spec.target.deployment);
        if (found.isEmpty()) {
            return StepResult.fail(Reason.DeploymentNotFound, "Deployment " + spec.target.deployment + " disappeared");
        }
        Deployment d = found.get();
        List<Pod> pods = Deployments.pods(ctx.client(), d).stream().filter(Deployments::active).toList();
        long good = pods.stream().filter(p -> runsTarget(p, spec.targetImage()) && ready(p)).count();
        int want = Deployments.replicas(d);
        if (Deployments.rolledOut(d) && good == want && pods.stream().allMatch(p -> runsTarget(p, spec.targetImage()))) {
            StepResult smoke = want == 0 ? StepResult.advance("no replicas to test") : SmokeTest.run(ctx, d, pods);
            if (!(smoke instanceof StepResult.Advance passed)) {
                return smoke;
            }
            ctx.status().rollbackable = false;
            ctx.status().rollbackMessage = "cc-backend " + spec.version + " has run on the migrated data; the "
                    + (ctx.status().online() ? "kept originals" : "snapshots") + " still hold the old data but going back"
                    + " to them loses what the new version wrote";
            return StepResult.advance("cc-backend " + spec.version + " runs with " + want + " ready replicas and "
                    + passed.message());
        }
        Optional<String> gaveUp = Deployments.progressDeadlineExceeded(d);
        if (gaveUp.isPresent()) {
            return StepResult.fail(Reason.VerificationFailed, "the rollout of " + spec.targetImage() + " gave up ("
                    + gaveUp.get() + "): " + good + "/" + want + " pods ready; see kubectl rollout status deployment/"
                    + spec.target.deployment + " and kubectl logs deployment/" + spec.target.deployment);
        }
        if (ctx.pastDeadline(spec.migratorOrDefault().timeouts.rolloutTimeout())) {
            return StepResult.fail(Reason.VerificationFailed, good + "/" + want + " pods run " + spec.targetImage()
                    + " and are ready after " + spec.migratorOrDefault().timeouts.rollout
                    + ": see kubectl logs deployment/" + spec.target.deployment);
        }
        return StepResult.waitFor(good + "/" + want + " pods ready on " + spec.targetImage());
    }

    private static boolean runsTarget(Pod p, String image) {
        return p.getSpec().getContainers().stream().anyMatch(c -> image.equals(c.getImage()));
    }

    static boolean ready(Pod p) {
        return p.getStatus() != null && p.getStatus().getConditions() != null && p.getStatus().getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }
}

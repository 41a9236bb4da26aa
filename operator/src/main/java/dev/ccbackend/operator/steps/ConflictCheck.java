package dev.ccbackend.operator.steps;

import dev.ccbackend.operator.api.CcBackendUpgrade;
import dev.ccbackend.operator.status.Reason;
import java.util.Comparator;
import java.util.Optional;

/**
 * Two CcBackendUpgrades must never act on one Deployment. Of those that target it and have not
 * ended, the oldest (then the first by name) goes on; the others are refused before they touch
 * anything.
 */
final class ConflictCheck {
    private static final Comparator<CcBackendUpgrade> SENIORITY = Comparator
            .comparing((CcBackendUpgrade c) -> String.valueOf(c.getMetadata().getCreationTimestamp()))
            .thenComparing(c -> c.getMetadata().getName());

    private ConflictCheck() {
    }

    static Optional<StepResult> check(StepContext ctx) {
        String deployment = ctx.spec().target.deployment;
        Optional<CcBackendUpgrade> senior = ctx.client().resources(CcBackendUpgrade.class).inNamespace(ctx.namespace())
                .list().getItems().stream()
                .filter(c -> deployment.equals(c.getSpec().target.deployment))
                .filter(c -> c.getStatus() == null || c.getStatus().phase == null || !c.getStatus().phase.terminal()
                        || c.getMetadata().getName().equals(ctx.resource().getMetadata().getName()))
                .min(SENIORITY);
        if (senior.isEmpty() || senior.get().getMetadata().getName().equals(ctx.resource().getMetadata().getName())) {
            return Optional.empty();
        }
        return Optional.of(StepResult.fail(Reason.ConflictingUpgrade, "CcBackendUpgrade " + senior.get().getMetadata().getName()
                + " is already upgrading Deployment " + deployment + ": wait for it to end, then increment spec.retry here"
                + " (or delete this resource)"));
    }
}

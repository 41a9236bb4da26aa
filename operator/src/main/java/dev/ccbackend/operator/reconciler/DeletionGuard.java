package dev.ccbackend.operator.reconciler;

import dev.ccbackend.operator.api.CcBackendUpgrade;
import dev.ccbackend.operator.api.CcBackendUpgradeStatus;
import dev.ccbackend.operator.api.Phase;
import dev.ccbackend.operator.kube.Deployments;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.util.EnumSet;
import java.util.Set;

/**
 * A CcBackendUpgrade deleted mid-upgrade never leaves cc-backend silently scaled to zero: while
 * the data is untouched (stopped, snapshotting) the old replica count comes back; once a migration
 * has begun the old image cannot run on the data, so cc-backend stays stopped and the Deployment
 * says why (an annotation and a Warning event on it, since the resource's own events go with it).
 */
final class DeletionGuard {
    static final String ANNOTATION = "cc-backend.dev/upgrade-interrupted";
    private static final Set<Phase> DATA_UNTOUCHED = EnumSet.of(Phase.Quiescing, Phase.Snapshotting);

    private final KubernetesClient client;
    private final Clock clock;

    DeletionGuard(KubernetesClient client, Clock clock) {
        this.client = client;
        this.clock = clock;
    }

    void onDelete(CcBackendUpgrade cr) {
        CcBackendUpgradeStatus s = cr.getStatus();
        if (s == null || s.phase == null || s.originalReplicas == null || s.phase == Phase.Succeeded
                || s.phase == Phase.RolledBack) {
            return;
        }
        String ns = cr.getMetadata().getNamespace();
        var deployment = Deployments.get(client, ns, cr.getSpec().target.deployment);
        if (deployment.isEmpty() || Deployments.replicas(deployment.get()) != 0) {
            return;
        }
        // After a failure the phase is Failed; the step it stopped at says how far the data got.
        boolean untouched = s.currentStep != null && DATA_UNTOUCHED.contains(Phase.valueOf(s.currentStep));
        String message = untouched
                ? "CcBackendUpgrade " + cr.getMetadata().getName() + " was deleted before any data changed: "
                + s.originalReplicas + " replicas restored"
                : "CcBackendUpgrade " + cr.getMetadata().getName() + " was deleted during " + s.currentStep
                + ": cc-backend stays stopped because the data is partly migrated; restore the snapshots "
                + String.join(", ", s.snapshots.stream().map(x -> x.snapshotName).toList())
                + " or apply a new CcBackendUpgrade to finish (it plans from what is on disk)";
        client.apps().deployments().inNamespace(ns).withName(cr.getSpec().target.deployment).edit(d -> {
            if (d.getMetadata().getAnnotations() == null) {
                d.getMetadata().setAnnotations(new java.util.HashMap<>());
            }
            d.getMetadata().getAnnotations().put(ANNOTATION, message);
            if (untouched) {
                d.getSpec().setReplicas(s.originalReplicas);
            }
            return d;
        });
        warn(deployment.get(), message);
    }

    private void warn(io.fabric8.kubernetes.api.model.apps.Deployment d, String message) {
        String now = clock.instant().toString();
        client.v1().events().inNamespace(d.getMetadata().getNamespace()).resource(new EventBuilder()
                .withNewMetadata().withName(d.getMetadata().getName() + ".upgrade-interrupted." + clock.millis())
                .withNamespace(d.getMetadata().getNamespace()).endMetadata()
                .withNewInvolvedObject().withApiVersion("apps/v1").withKind("Deployment").withName(d.getMetadata().getName())
                .withNamespace(d.getMetadata().getNamespace()).withUid(d.getMetadata().getUid()).endInvolvedObject()
                .withType("Warning").withReason("UpgradeInterrupted").withMessage(message)
                .withFirstTimestamp(now).withLastTimestamp(now).withCount(1)
                .withNewSource().withComponent("cc-upgrade-operator").endSource()
                .build()).create();
    }
}

package dev.ccbackend.operator.status;

import dev.ccbackend.operator.api.CcBackendUpgrade;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * Writes the status subresource at once with a PUT guarded by the resourceVersion (no server-side
 * apply, no merge patch: lists are replaced whole, and the mock API server behaves like a real
 * one). A conflict throws, and JOSDK retries the reconcile, whose steps are safe to re-enter.
 * Called before every side effect, so the status always says what the operator was about to do.
 */
public class StatusWriter {
    private final KubernetesClient client;

    public StatusWriter(KubernetesClient client) {
        this.client = client;
    }

    public void write(CcBackendUpgrade cr) {
        CcBackendUpgrade written = client.resources(CcBackendUpgrade.class)
                .inNamespace(cr.getMetadata().getNamespace())
                .resource(cr)
                .updateStatus();
        cr.getMetadata().setResourceVersion(written.getMetadata().getResourceVersion());
    }
}

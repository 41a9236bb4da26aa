package dev.ccbackend.operator.kube;

import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.AffinityBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;

/** Scheduling a read-only Job beside cc-backend: ReadWriteOnce claims attach to one node only. */
public final class PodAffinities {
    static final String HOSTNAME = "kubernetes.io/hostname";

    private PodAffinities() {
    }

    /** Required affinity to the node of the Deployment's pods, or none when no pod runs. */
    public static Affinity sameNodeAsRunningPods(KubernetesClient client, Deployment d) {
        if (Deployments.pods(client, d).isEmpty()) {
            return null;
        }
        return new AffinityBuilder().withNewPodAffinity()
                .addNewRequiredDuringSchedulingIgnoredDuringExecution()
                .withNewLabelSelector().withMatchLabels(d.getSpec().getSelector().getMatchLabels()).endLabelSelector()
                .withTopologyKey(HOSTNAME)
                .endRequiredDuringSchedulingIgnoredDuringExecution()
                .endPodAffinity().build();
    }
}

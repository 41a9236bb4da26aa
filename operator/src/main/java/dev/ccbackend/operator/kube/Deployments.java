package dev.ccbackend.operator.kube;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Optional;

/** Reading the cc-backend Deployment and its pods. */
public final class Deployments {
    private Deployments() {
    }

    public static Optional<Deployment> get(KubernetesClient client, String ns, String name) {
        return Optional.ofNullable(client.apps().deployments().inNamespace(ns).withName(name).get());
    }

    /** The named container, or the only one when no name is given. */
    public static Optional<Container> container(Deployment d, String name) {
        List<Container> containers = d.getSpec().getTemplate().getSpec().getContainers();
        if (name == null) {
            return containers.size() == 1 ? Optional.of(containers.get(0)) : Optional.empty();
        }
        return containers.stream().filter(c -> name.equals(c.getName())).findFirst();
    }

    /** The pods the Deployment's selector selects (matchLabels and matchExpressions), lingering failed ones included. */
    public static List<Pod> pods(KubernetesClient client, Deployment d) {
        return client.pods().inNamespace(d.getMetadata().getNamespace())
                .withLabelSelector(d.getSpec().getSelector()).list().getItems();
    }

    /** The rollout gave up: condition Progressing=False with reason ProgressDeadlineExceeded (as kubectl rollout status reads it). */
    public static Optional<String> progressDeadlineExceeded(Deployment d) {
        return d.getStatus() == null || d.getStatus().getConditions() == null ? Optional.empty()
                : d.getStatus().getConditions().stream()
                .filter(c -> "Progressing".equals(c.getType()) && "ProgressDeadlineExceeded".equals(c.getReason()))
                .map(c -> c.getMessage() == null ? "ProgressDeadlineExceeded" : c.getMessage()).findFirst();
    }

    /** A pod that is or may still be running: not Succeeded or Failed (evicted and failed pods linger until GC). */
    public static boolean active(Pod p) {
        String phase = p.getStatus() == null ? null : p.getStatus().getPhase();
        return !"Succeeded".equals(phase) && !"Failed".equals(phase);
    }

    public static int replicas(Deployment d) {
        return d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
    }

    /** The rollout of the current spec finished and every replica is available. */
    public static boolean rolledOut(Deployment d) {
        var s = d.getStatus();
        if (s == null) {
            return false;
        }
        long generation = d.getMetadata().getGeneration() == null ? 0 : d.getMetadata().getGeneration();
        long observed = s.getObservedGeneration() == null ? 0 : s.getObservedGeneration();
        int want = replicas(d);
        return observed >= generation && orZero(s.getUpdatedReplicas()) == want
                && orZero(s.getAvailableReplicas()) == want && orZero(s.getReplicas()) == want;
    }

    private static int orZero(Integer i) {
        return i == null ? 0 : i;
    }
}

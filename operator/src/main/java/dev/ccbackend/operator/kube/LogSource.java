package dev.ccbackend.operator.kube;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.Optional;

/**
 * Where the operator reads the tail of a Job pod's output: cc-migrator's {@code progress {json}}
 * lines and the output of {@code cc-backend -version}.
 */
public interface LogSource {
    int LINES = 40;

    /** The log's tail, or empty while there is none to read. */
    Optional<String> tail(KubernetesClient client, Pod pod);

    /** The pod's log. Before its container starts (Pending, ContainerCreating) the API server answers 400: no log yet. */
    static LogSource podLog() {
        return (client, pod) -> {
            try {
                return Optional.ofNullable(client.pods().inNamespace(pod.getMetadata().getNamespace())
                        .withName(pod.getMetadata().getName()).tailingLines(LINES).getLog());
            } catch (KubernetesClientException e) {
                if (e.getCode() == 400 || e.getCode() == 404) {
                    return Optional.empty();
                }
                throw e;
            }
        };
    }
}

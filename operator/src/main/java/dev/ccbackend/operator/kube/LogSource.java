package dev.ccbackend.operator.kube;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Optional;

/**
 * Where the operator reads the tail of a Job pod's output: cc-migrator's {@code progress {json}}
 * lines and the output of {@code cc-backend -version}. A real cluster reads the pod log; the demo's
 * fake Job controller, which runs no containers, puts the tail on the pod as an annotation.
 */
public interface LogSource {
    String ANNOTATION = "cc-backend.dev/log-tail";
    int LINES = 40;

    Optional<String> tail(KubernetesClient client, Pod pod);

    static LogSource podLog() {
        return (client, pod) -> Optional.ofNullable(client.pods().inNamespace(pod.getMetadata().getNamespace())
                .withName(pod.getMetadata().getName()).tailingLines(LINES).getLog());
    }

    static LogSource podAnnotation() {
        return (client, pod) -> Optional.ofNullable(pod.getMetadata().getAnnotations()).map(a -> a.get(ANNOTATION));
    }
}

package dev.ccbackend.operator.kube;

import dev.ccbackend.operator.api.ArchiveProgress;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Optional;

/**
 * Where the operator learns how far a running archive migration is. cc-migrator prints
 * {@code progress {json}} lines on stderr; a real cluster reads them from the pod's log tail,
 * the demo's fake Job controller puts the latest one on the pod as an annotation.
 */
public interface ProgressSource {
    String ANNOTATION = "cc-backend.dev/progress";

    Optional<ArchiveProgress> read(KubernetesClient client, Pod pod);

    /** Reads the last progress line of the pod's log. */
    static ProgressSource podLog() {
        return (client, pod) -> {
            String log = client.pods().inNamespace(pod.getMetadata().getNamespace())
                    .withName(pod.getMetadata().getName()).tailingLines(20).getLog();
            return MigratorProgress.lastOf(log);
        };
    }

    /** Reads the annotation the demo's fake Job controller sets. */
    static ProgressSource podAnnotation() {
        return (client, pod) -> Optional.ofNullable(pod.getMetadata().getAnnotations())
                .map(a -> a.get(ANNOTATION)).flatMap(line -> MigratorProgress.lastOf("progress " + line));
    }
}

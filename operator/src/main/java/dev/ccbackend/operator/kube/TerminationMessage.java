package dev.ccbackend.operator.kube;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ccbackend.migrator.util.Json;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.Optional;

/**
 * cc-migrator's result as the container's termination message: {@code {"exitCode":N,"result":{…}}}
 * (see the migrator's OutputOptions). A message that is not that JSON is kept as the error text.
 */
public record TerminationMessage(int exitCode, JsonNode result, String error) {

    public static Optional<TerminationMessage> of(Pod pod) {
        if (pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null) {
            return Optional.empty();
        }
        for (ContainerStatus cs : pod.getStatus().getContainerStatuses()) {
            ContainerStateTerminated t = cs.getState() == null ? null : cs.getState().getTerminated();
            if (t != null) {
                return Optional.of(parse(t.getExitCode() == null ? 1 : t.getExitCode(), t.getMessage()));
            }
        }
        return Optional.empty();
    }

    static TerminationMessage parse(int containerExitCode, String message) {
        if (message == null || message.isBlank()) {
            return new TerminationMessage(containerExitCode, null, null); // killed (deadline, eviction): the Job says why
        }
        try {
            JsonNode node = Json.MAPPER.readTree(message);
            int code = node.path("exitCode").asInt(containerExitCode);
            JsonNode result = node.get("result");
            String error = result != null && result.hasNonNull("error") ? result.get("error").asText()
                    : node.path("truncated").asBoolean() ? node.path("message").asText() : null;
            return new TerminationMessage(code, result, error);
        } catch (Exception e) {
            return new TerminationMessage(containerExitCode, null, message.strip());
        }
    }
}

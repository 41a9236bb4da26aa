package dev.ccbackend.operator.kube;

import java.time.Instant;
import com.fasterxml.jackson.databind.JsonNode;

/** How a migration Job stands, read from its status and its pod's termination message. */
public sealed interface JobOutcome {

    record Running(String podName) implements JobOutcome {
    }

    /**
     * The Job's pod has not started and cannot without help: its image cannot be pulled, no node can
     * run it, its container cannot be created, or no pod could be created at all. {@code since} is
     * when it got stuck (the pod's or the Job's creation).
     */
    record Stuck(String podName, String reason, String message, Instant since) implements JobOutcome {
    }

    /** cc-migrator exited 0; {@code result} is its JSON result (may be missing when truncated). */
    record Succeeded(JsonNode result) implements JobOutcome {
    }

    /** The Job failed: cc-migrator's exit code and error, or the Job's own reason (deadline, eviction). */
    record Failed(int exitCode, String error, JsonNode result) implements JobOutcome {
    }
}

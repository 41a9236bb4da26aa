package dev.ccbackend.operator.kube;

import com.fasterxml.jackson.databind.JsonNode;

/** How a migration Job stands, read from its status and its pod's termination message. */
public sealed interface JobOutcome {

    record Running(String podName) implements JobOutcome {
    }

    /** cc-migrator exited 0; {@code result} is its JSON result (may be missing when truncated). */
    record Succeeded(JsonNode result) implements JobOutcome {
    }

    /** The Job failed: cc-migrator's exit code and error, or the Job's own reason (deadline, eviction). */
    record Failed(int exitCode, String error, JsonNode result) implements JobOutcome {
    }
}

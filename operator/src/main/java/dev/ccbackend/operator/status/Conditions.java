package dev.ccbackend.operator.status;

import dev.ccbackend.operator.api.CcBackendUpgradeStatus;
import dev.ccbackend.operator.api.Condition;
import java.time.Instant;

/** Sets standard conditions; lastTransitionTime moves only when the status value changes. */
public final class Conditions {
    public static final String READY = "Ready";
    public static final String PROGRESSING = "Progressing";
    public static final String FAILED = "Failed";
    public static final String SNAPSHOT_CAPABLE = "SnapshotCapable";

    private Conditions() {
    }

    public static void set(CcBackendUpgradeStatus status, String type, boolean value, String reason, String message,
                           Instant now, Long generation) {
        Condition c = status.conditions.stream().filter(x -> type.equals(x.type)).findFirst().orElseGet(() -> {
            Condition created = new Condition();
            created.type = type;
            status.conditions.add(created);
            return created;
        });
        String text = value ? "True" : "False";
        if (!text.equals(c.status)) {
            c.lastTransitionTime = now.toString();
        }
        c.status = text;
        c.reason = reason;
        c.message = message;
        c.observedGeneration = generation;
    }

    public static boolean hasReason(CcBackendUpgradeStatus status, String type, String reason) {
        return status.conditions.stream().anyMatch(c -> type.equals(c.type) && reason.equals(c.reason));
    }

    public static boolean isTrue(CcBackendUpgradeStatus status, String type) {
        return status.conditions.stream().anyMatch(c -> type.equals(c.type) && "True".equals(c.status));
    }
}

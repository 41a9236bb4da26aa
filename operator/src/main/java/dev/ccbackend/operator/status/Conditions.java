package dev.ccbackend.operator.status;

import dev.ccbackend.operator.api.CcBackendUpgradeStatus;
import dev.ccbackend.operator.api.Condition;
import dev.ccbackend.operator.api.Phase;
import java.time.Instant;

/** Sets standard conditions; lastTransitionTime moves only when the status value changes. */
public final class Conditions {
    public static final String READY = "Ready";
    public static final String PROGRESSING = "Progressing";
    public static final String FAILED = "Failed";
    public static final String SNAPSHOT_CAPABLE = "SnapshotCapable";
    /** kstatus (Flux, kpt, cli-utils): True while work is in progress. */
    public static final String RECONCILING = "Reconciling";
    /** kstatus: True when the upgrade ended without reaching spec.version and only a spec change moves it. */
    public static final String STALLED = "Stalled";

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

    /**
     * Derives the kstatus conditions from the phase, so they can never disagree with it: working
     * phases reconcile (unless paused), Succeeded is done, Failed and RolledBack are stalled (the
     * requested version is not running and only a spec.retry or spec.version change moves on).
     */
    public static void reflectPhase(CcBackendUpgradeStatus status, boolean paused, Instant now) {
        Phase phase = status.phase == null ? Phase.Pending : status.phase;
        Long gen = status.observedGeneration;
        String message = status.message;
        switch (phase) {
            case Succeeded -> {
                set(status, RECONCILING, false, Reason.UpgradeSucceeded.name(), message, now, gen);
                set(status, STALLED, false, Reason.UpgradeSucceeded.name(), message, now, gen);
            }
            case Failed, RolledBack -> {
                String reason = phase == Phase.RolledBack ? Reason.RolledBack.name() : failureReason(status);
                set(status, RECONCILING, false, reason, message, now, gen);
                set(status, STALLED, true, reason, message, now, gen);
            }
            default -> {
                String reason = paused ? Reason.Paused.name() : phase.name();
                set(status, RECONCILING, !paused, reason, message, now, gen);
                set(status, STALLED, false, reason, message, now, gen);
            }
        }
    }

    private static String failureReason(CcBackendUpgradeStatus status) {
        return status.conditions.stream().filter(c -> FAILED.equals(c.type) && "True".equals(c.status))
                .map(c -> c.reason).filter(r -> r != null && !r.isEmpty()).findFirst().orElse(Phase.Failed.name());
    }

    public static boolean hasReason(CcBackendUpgradeStatus status, String type, String reason) {
        return status.conditions.stream().anyMatch(c -> type.equals(c.type) && reason.equals(c.reason));
    }

    public static boolean isTrue(CcBackendUpgradeStatus status, String type) {
        return status.conditions.stream().anyMatch(c -> type.equals(c.type) && "True".equals(c.status));
    }
}

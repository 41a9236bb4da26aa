package dev.ccbackend.operator.steps;

import dev.ccbackend.operator.status.Reason;
import java.time.Duration;

/** What a step tells the reconciler: go on, come back later, or stop with a reason. */
public sealed interface StepResult {

    /** The step is done; the upgrade moves to the next phase. */
    record Advance(String message) implements StepResult {
    }

    /** The step had nothing to do (e.g. the archive is already at the target version). */
    record Skip(String message) implements StepResult {
    }

    /** Not done yet; reconcile again after {@code after} (null: the operator's poll interval). */
    record Wait(String message, Duration after) implements StepResult {
    }

    /** The upgrade cannot go on. {@code reason} is CamelCase (a {@link Reason} or a plan blocker's reason). */
    record Fail(String reason, String message) implements StepResult {
    }

    static StepResult advance(String message) {
        return new Advance(message);
    }

    static StepResult skip(String message) {
        return new Skip(message);
    }

    static StepResult waitFor(String message) {
        return new Wait(message, null);
    }

    static StepResult fail(Reason reason, String message) {
        return new Fail(reason.name(), message);
    }

    static StepResult fail(String reason, String message) {
        return new Fail(reason, message);
    }
}

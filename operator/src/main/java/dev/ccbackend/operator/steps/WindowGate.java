package dev.ccbackend.operator.steps;

import dev.ccbackend.operator.schedule.MaintenanceWindows;
import dev.ccbackend.operator.status.Reason;
import java.time.Duration;
import java.util.Optional;

/** Holds Quiescing until the maintenance window is open and the plan's downtime fits into what is left of it. */
final class WindowGate {
    private WindowGate() {
    }

    /** Empty: go on; else wait (with an Event once per window waited for) or fail. */
    static Optional<StepResult> check(StepContext ctx) {
        Long estimate = ctx.status().plan == null ? null : ctx.status().plan.estimatedDowntimeSeconds;
        MaintenanceWindows.Decision decision;
        try {
            decision = MaintenanceWindows.decide(ctx.spec().maintenanceWindow, ctx.now(),
                    Duration.ofSeconds(estimate == null ? 0 : estimate));
        } catch (IllegalArgumentException e) {
            return Optional.of(StepResult.fail(Reason.InvalidMaintenanceWindow, "spec.maintenanceWindow: " + e.getMessage()));
        }
        if (decision instanceof MaintenanceWindows.Decision.Never never) {
            return Optional.of(StepResult.fail(Reason.MaintenanceWindowTooShort, never.why()));
        }
        if (decision instanceof MaintenanceWindows.Decision.WaitUntil wait) {
            String message = "waiting for the maintenance window, cc-backend running: " + wait.why();
            if (!message.equals(ctx.step().message)) {
                ctx.events().normal(ctx.resource(), Reason.WaitingForMaintenanceWindow.name(), message);
            }
            return Optional.of(StepResult.waitFor(message));
        }
        return Optional.empty();
    }
}

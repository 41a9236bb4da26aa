package dev.ccbackend.operator.schedule;

import dev.ccbackend.operator.api.MaintenanceWindowSpec;
import java.time.Duration;
import java.time.Instant;

/** Whether cc-backend may be stopped now for a downtime of a given length, under {@code spec.maintenanceWindow}. */
public final class MaintenanceWindows {
    private MaintenanceWindows() {
    }

    /** What the window says: go, wait until {@code opens}, or never (every window is shorter than the downtime). */
    public sealed interface Decision {
        record Go(String why) implements Decision {
        }

        record WaitUntil(Instant opens, String why) implements Decision {
        }

        record Never(String why) implements Decision {
        }
    }

    /** @throws IllegalArgumentException for a schedule cron would not accept, or a bad duration */
    public static Decision decide(MaintenanceWindowSpec window, Instant now, Duration downtime) {
        CronSchedule cron = CronSchedule.parse(window.schedule);
        Duration length = window.length();
        String which = "maintenance window '" + cron + "' (" + window.duration + ")";
        if (length.compareTo(downtime) < 0) {
            return new Decision.Never("the estimated downtime of " + downtime.toSeconds() + " s does not fit into a " + which
                    + ": lengthen spec.maintenanceWindow.duration");
        }
        var opened = cron.latest(now, length);
        if (opened.isPresent()) {
            Instant closes = opened.get().plus(length);
            if (!now.plus(downtime).isAfter(closes)) {
                return new Decision.Go("inside the " + which + " until " + closes);
            }
            Instant next = cron.next(now).orElseThrow();
            return new Decision.WaitUntil(next, "the estimated downtime of " + downtime.toSeconds() + " s does not fit into"
                    + " what is left of the " + which + " (it closes at " + closes + "): waiting for the next, at " + next);
        }
        Instant next = cron.next(now).orElseThrow();
        return new Decision.WaitUntil(next, "outside the " + which + ": waiting for the next, at " + next);
    }
}

package dev.ccbackend.operator.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ccbackend.operator.api.MaintenanceWindowSpec;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Cron as CronJobs write it, and the window decision built on it. */
class CronScheduleTest {
    private static final Instant WED_NOON = Instant.parse("2026-12-02T12:00:00Z"); // a Wednesday

    private static Instant next(String cron, Instant after) {
        return CronSchedule.parse(cron).next(after).orElseThrow();
    }

    @Test
    void fieldsListsRangesStepsAndNames() {
        assertThat(next("0 22 * * 6", WED_NOON)).isEqualTo("2026-12-05T22:00:00Z");
        assertThat(next("0 22 * * SAT", WED_NOON)).isEqualTo("2026-12-05T22:00:00Z");
        assertThat(next("*/15 * * * *", WED_NOON)).isEqualTo("2026-12-02T12:15:00Z");
        assertThat(next("30 1-3,23 * * *", WED_NOON)).isEqualTo("2026-12-02T23:30:00Z");
        assertThat(next("0 0 1 JAN *", WED_NOON)).isEqualTo("2027-01-01T00:00:00Z");
        assertThat(next("0 0 * * 7", WED_NOON)).as("7 is Sunday").isEqualTo("2026-12-06T00:00:00Z");
        assertThat(next("0 12 * * *", WED_NOON)).as("strictly after").isEqualTo("2026-12-03T12:00:00Z");
    }

    @Test
    void bothDayFieldsRestrictedMatchEither() {
        // the 15th (a Tuesday in December 2026) or any Friday, whichever comes first
        assertThat(next("0 0 15 * 5", WED_NOON)).isEqualTo("2026-12-04T00:00:00Z");
        assertThat(next("0 0 15 * 5", Instant.parse("2026-12-12T00:00:00Z"))).isEqualTo("2026-12-15T00:00:00Z");
    }

    @Test
    void aZonePrefixPutsTheFieldsInThatZone() {
        assertThat(next("CRON_TZ=Europe/Berlin 0 22 * * 6", WED_NOON)).isEqualTo("2026-12-05T21:00:00Z");
        assertThat(next("TZ=America/New_York 0 6 * * *", WED_NOON)).isEqualTo("2026-12-03T11:00:00Z");
    }

    @Test
    void whatCronWouldRefuseIsRefusedWithTheReason() {
        assertThatThrownBy(() -> CronSchedule.parse("0 22 * *")).hasMessageContaining("has 4 fields, cron needs five");
        assertThatThrownBy(() -> CronSchedule.parse("61 * * * *")).hasMessageContaining("'61' is not 0–59");
        assertThatThrownBy(() -> CronSchedule.parse("0 0 * * FUNDAY")).hasMessageContaining("day of week");
        assertThatThrownBy(() -> CronSchedule.parse("CRON_TZ=Mars/Olympus 0 0 * * *")).hasMessageContaining("unknown time zone");
        assertThatThrownBy(() -> CronSchedule.parse("0 0 30 2 *")).hasMessageContaining("never matches");
        assertThatThrownBy(() -> CronSchedule.parse("0 5-1 * * *")).hasMessageContaining("runs backwards");
    }

    private static MaintenanceWindowSpec window(String schedule, String duration) {
        MaintenanceWindowSpec w = new MaintenanceWindowSpec();
        w.schedule = schedule;
        w.duration = duration;
        return w;
    }

    @Test
    void aWindowGoesWhenTheDowntimeFitsIntoWhatIsLeftElseWaitsForTheNext() {
        var saturday = window("0 22 * * 6", "4h");
        Instant inside = Instant.parse("2026-12-05T23:00:00Z");

        assertThat(MaintenanceWindows.decide(saturday, WED_NOON, Duration.ofMinutes(10)))
                .isEqualTo(new MaintenanceWindows.Decision.WaitUntil(Instant.parse("2026-12-05T22:00:00Z"),
                        "outside the maintenance window '0 22 * * 6' (4h): waiting for the next, at 2026-12-05T22:00:00Z"));
        assertThat(MaintenanceWindows.decide(saturday, inside, Duration.ofHours(2)))
                .isInstanceOf(MaintenanceWindows.Decision.Go.class);
        var tooLate = MaintenanceWindows.decide(saturday, inside, Duration.ofHours(3).plusMinutes(1));
        assertThat(tooLate).isInstanceOf(MaintenanceWindows.Decision.WaitUntil.class);
        assertThat(((MaintenanceWindows.Decision.WaitUntil) tooLate).opens()).isEqualTo("2026-12-12T22:00:00Z");
        assertThat(MaintenanceWindows.decide(saturday, inside, Duration.ofHours(5)))
                .isInstanceOf(MaintenanceWindows.Decision.Never.class);
    }
}

package dev.ccbackend.operator.schedule;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A five-field cron schedule as Kubernetes CronJobs write it ({@code minute hour day-of-month month day-of-week}, with
 * {@code *}, lists, ranges, steps and three-letter names), in UTC or in the zone a {@code CRON_TZ=} or {@code TZ=}
 * prefix names. As in cron, when both day fields are restricted a day matching either one matches.
 */
public final class CronSchedule {
    private static final List<String> MONTHS = List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT",
            "NOV", "DEC");
    private static final List<String> DAYS = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");
    /** Far enough for any schedule that matches at all (29 February included). */
    private static final long SEARCH_DAYS = 366 * 8;

    private final String text;
    private final ZoneId zone;
    private final BitSet minutes;
    private final BitSet hours;
    private final BitSet daysOfMonth;
    private final BitSet months;
    private final BitSet daysOfWeek;
    private final boolean anyDayOfMonth;
    private final boolean anyDayOfWeek;

    private CronSchedule(String text, ZoneId zone, String[] f) {
        this.text = text;
        this.zone = zone;
        this.minutes = field(f[0], "minute", 0, 59, List.of(), 0);
        this.hours = field(f[1], "hour", 0, 23, List.of(), 0);
        this.daysOfMonth = field(f[2], "day of month", 1, 31, List.of(), 1);
        this.months = field(f[3], "month", 1, 12, MONTHS, 1);
        BitSet dow = field(f[4], "day of week", 0, 7, DAYS, 0);
        if (dow.get(7)) {
            dow.set(0); // 7 is Sunday too
        }
        this.daysOfWeek = dow;
        this.anyDayOfMonth = f[2].startsWith("*");
        this.anyDayOfWeek = f[4].startsWith("*");
    }

    /** @throws IllegalArgumentException saying what is wrong, for a schedule cron would not accept */
    public static CronSchedule parse(String schedule) {
        if (schedule == null || schedule.isBlank()) {
            throw new IllegalArgumentException("the schedule is empty: give five fields, e.g. '0 22 * * 6' (Saturdays 22:00 UTC)");
        }
        String rest = schedule.strip();
        ZoneId zone = ZoneOffset.UTC;
        if (rest.startsWith("CRON_TZ=") || rest.startsWith("TZ=")) {
            int space = rest.indexOf(' ');
            String name = rest.substring(rest.indexOf('=') + 1, space < 0 ? rest.length() : space);
            try {
                zone = ZoneId.of(name);
            } catch (DateTimeException e) {
                throw new IllegalArgumentException("unknown time zone '" + name + "' in '" + schedule + "': use a tz database"
                        + " name like Europe/Berlin");
            }
            rest = space < 0 ? "" : rest.substring(space + 1).strip();
        }
        String[] fields = rest.split("\\s+");
        if (fields.length != 5) {
            throw new IllegalArgumentException("'" + schedule + "' has " + (rest.isEmpty() ? 0 : fields.length) + " fields, cron"
                    + " needs five: minute hour day-of-month month day-of-week, e.g. '0 22 * * 6'");
        }
        CronSchedule cron = new CronSchedule(schedule.strip(), zone, fields);
        if (cron.next(ZonedDateTime.of(2000, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC).toInstant()).isEmpty()) {
            throw new IllegalArgumentException("'" + schedule + "' never matches a date (e.g. 30 February)");
        }
        return cron;
    }

    /** The first time the schedule matches strictly after {@code after}, if any within the search horizon. */
    public Optional<java.time.Instant> next(java.time.Instant after) {
        ZonedDateTime t = after.atZone(zone).truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
        ZonedDateTime end = t.plusDays(SEARCH_DAYS);
        while (t.isBefore(end)) {
            if (!months.get(t.getMonthValue()) || !dayMatches(t)) {
                t = t.truncatedTo(ChronoUnit.DAYS).plusDays(1);
            } else if (!hours.get(t.getHour())) {
                t = t.truncatedTo(ChronoUnit.HOURS).plusHours(1);
            } else if (!minutes.get(t.getMinute())) {
                t = t.plusMinutes(1);
            } else {
                return Optional.of(t.toInstant());
            }
        }
        return Optional.empty();
    }

    /** The latest time the schedule matched at or before {@code at}, looking back at most {@code within}. */
    public Optional<java.time.Instant> latest(java.time.Instant at, java.time.Duration within) {
        ZonedDateTime t = at.atZone(zone).truncatedTo(ChronoUnit.MINUTES);
        ZonedDateTime start = at.minus(within).atZone(zone);
        for (; !t.isBefore(start); t = t.minusMinutes(1)) {
            if (months.get(t.getMonthValue()) && dayMatches(t) && hours.get(t.getHour()) && minutes.get(t.getMinute())) {
                return Optional.of(t.toInstant());
            }
        }
        return Optional.empty();
    }

    private boolean dayMatches(ZonedDateTime t) {
        boolean dom = daysOfMonth.get(t.getDayOfMonth());
        boolean dow = daysOfWeek.get(t.getDayOfWeek().getValue() % 7);
        if (anyDayOfMonth || anyDayOfWeek) {
            return dom && dow;
        }
        return dom || dow;
    }

    @Override
    public String toString() {
        return text;
    }

    private static BitSet field(String text, String what, int min, int max, List<String> names, int nameBase) {
        BitSet set = new BitSet(max + 1);
        for (String part : text.split(",", -1)) {
            String range = part;
            int step = 1;
            int slash = part.indexOf('/');
            if (slash >= 0) {
                step = number(part.substring(slash + 1), what, 1, max, List.of(), 0, text);
                range = part.substring(0, slash);
            }
            int from;
            int to;
            if (range.equals("*")) {
                from = min;
                to = max;
            } else if (range.contains("-")) {
                String[] ends = range.split("-", 2);
                from = number(ends[0], what, min, max, names, nameBase, text);
                to = number(ends[1], what, min, max, names, nameBase, text);
                if (from > to) {
                    throw new IllegalArgumentException(what + " range '" + range + "' runs backwards");
                }
            } else {
                from = number(range, what, min, max, names, nameBase, text);
                to = slash >= 0 ? max : from;
            }
            for (int i = from; i <= to; i += step) {
                set.set(i);
            }
        }
        return set;
    }

    private static int number(String token, String what, int min, int max, List<String> names, int nameBase, String field) {
        int named = names.indexOf(token.toUpperCase(Locale.ROOT));
        if (named >= 0) {
            return named + nameBase;
        }
        try {
            int n = Integer.parseInt(token);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException("'" + field + "' is not a " + what + " field: '" + token + "' is not "
                + min + "–" + max + (names.isEmpty() ? "" : " or a name like " + names.get(0)));
    }
}

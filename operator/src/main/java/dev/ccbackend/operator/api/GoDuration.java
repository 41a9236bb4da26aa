package dev.ccbackend.operator.api;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the Go duration subset the CRD admits: sums of hours, minutes and seconds. */
public final class GoDuration {
    /** The CRD's check of a duration field, and what it says when it fails. */
    public static final String CEL_RULE = "self.matches('^([0-9]+(h|m|s))+$')";
    public static final String CEL_MESSAGE = "a Go duration like 6h, 30m, 1h30m or 90s";
    private static final Pattern PART = Pattern.compile("([0-9]+)([hms])");

    private GoDuration() {
    }

    public static Duration parse(String text) {
        if (text == null || !text.matches("^([0-9]+[hms])+$")) {
            throw new IllegalArgumentException("'" + text + "' is not a duration like 6h, 30m, 1h30m or 90s");
        }
        Duration total = Duration.ZERO;
        Matcher m = PART.matcher(text);
        while (m.find()) {
            long n = Long.parseLong(m.group(1));
            total = total.plus(switch (m.group(2)) {
                case "h" -> Duration.ofHours(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofSeconds(n);
            });
        }
        return total;
    }
}

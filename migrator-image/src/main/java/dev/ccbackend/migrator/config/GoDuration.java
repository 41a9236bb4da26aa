package dev.ccbackend.migrator.config;

import java.util.regex.Pattern;

/** Durations as Go's {@code time.ParseDuration} reads them, which is how cc-backend ≥ v1.2 reads {@code max-age}. */
final class GoDuration {
    private static final Pattern VALID = Pattern.compile("^[-+]?(0|([0-9]*(\\.[0-9]*)?(ns|us|µs|ms|s|m|h))+)$");
    private static final long[] UNIT_NANOS = {3_600_000_000_000L, 60_000_000_000L, 1_000_000_000L, 1_000_000L, 1_000L, 1L};
    private static final String[] UNIT_NAMES = {"h", "m", "s", "ms", "us", "ns"};

    private GoDuration() {
    }

    static boolean isValid(String text) {
        return VALID.matcher(text).matches() && !text.matches("^[-+]?\\.?(ns|us|µs|ms|s|m|h).*");
    }

    /** v1.0/v1.1 stored {@code max-age} as a Go {@code time.Duration}, i.e. nanoseconds (non-zero here: 0 meant "never expires"). */
    static String ofNanos(long nanos) {
        StringBuilder out = new StringBuilder(nanos < 0 ? "-" : "");
        long rest = Math.abs(nanos);
        for (int i = 0; i < UNIT_NANOS.length && rest > 0; i++) {
            long n = rest / UNIT_NANOS[i];
            if (n > 0) {
                out.append(n).append(UNIT_NAMES[i]);
                rest -= n * UNIT_NANOS[i];
            }
        }
        return out.toString();
    }
}

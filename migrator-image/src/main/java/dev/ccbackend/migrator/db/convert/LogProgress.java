package dev.ccbackend.migrator.db.convert;

import java.io.PrintWriter;
import java.time.Duration;

/** Progress as plain lines for logs (a Kubernetes Job, CI): one when a phase starts, then at most one per interval. */
final class LogProgress implements ConvertProgress {
    private final PrintWriter err;
    private final long intervalNanos;
    private String phase;
    private long total;
    private long done;
    private long startedAt;
    private long lastLine;

    LogProgress(PrintWriter err, Duration interval) {
        this.err = err;
        this.intervalNanos = interval.toNanos();
    }

    @Override
    public void start(String phase, long total) {
        this.phase = phase;
        this.total = total;
        this.done = 0;
        this.startedAt = System.nanoTime();
        this.lastLine = startedAt;
        err.println("convert: " + phase + ": 0/" + total);
        err.flush();
    }

    @Override
    public void advance(long n) {
        done += n;
        long now = System.nanoTime();
        if (now - lastLine >= intervalNanos) {
            lastLine = now;
            err.printf("convert: %s: %d/%d (%d%%)%n", phase, done, total, total == 0 ? 100 : done * 100 / total);
            err.flush();
        }
    }

    @Override
    public void finish() {
        if (phase == null) {
            return;
        }
        err.printf("convert: %s: %d/%d done in %.1f s%n", phase, done, total, (System.nanoTime() - startedAt) / 1e9);
        err.flush();
        phase = null;
    }
}

package dev.ccbackend.migrator.cli;

import dev.ccbackend.migrator.util.Json;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * A {@code progress {json}} line every interval while long work runs without a terminal (a Job's
 * log): {@code done} is the work counted so far, so a reader (the operator's stall deadline) sees
 * whether it still moves.
 */
final class WorkHeartbeat implements AutoCloseable {
    private final ScheduledExecutorService timer;

    private WorkHeartbeat(ScheduledExecutorService timer) {
        this.timer = timer;
    }

    static WorkHeartbeat start(PrintWriter err, String phase, LongAdder work, Duration interval, boolean enabled) {
        if (!enabled || interval.isZero() || interval.isNegative()) {
            return new WorkHeartbeat(null);
        }
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "progress-heartbeat");
            t.setDaemon(true);
            return t;
        });
        long started = System.nanoTime();
        timer.scheduleAtFixedRate(() -> {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("phase", phase);
            line.put("done", work.sum());
            line.put("elapsedSeconds", (System.nanoTime() - started) / 1_000_000_000L);
            synchronized (err) {
                err.println("progress " + Json.compact(line));
                err.flush();
            }
        }, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        return new WorkHeartbeat(timer);
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}

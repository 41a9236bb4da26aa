package dev.ccbackend.migrator.archive;

import dev.ccbackend.migrator.util.Json;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Shows progress while a migration runs: a bar on a terminal; otherwise one {@code progress {json}}
 * line on stderr per interval (the operator reads it from the pod log). Either way the same JSON is
 * written to the progress file and handed to {@code onUpdate} (the shard's state file).
 */
public final class ProgressReporter implements AutoCloseable {
    private final ProgressTracker tracker;
    private final PrintWriter err;
    private final Path progressFile;
    private final Consumer<ArchiveProgress> onUpdate;
    private final ProgressBar bar;
    private final ScheduledExecutorService timer;

    public ProgressReporter(ProgressTracker tracker, long total, boolean terminal, PrintWriter err, Path progressFile,
                            Duration interval, Consumer<ArchiveProgress> onUpdate) {
        this.tracker = tracker;
        this.err = err;
        this.progressFile = progressFile;
        this.onUpdate = onUpdate;
        this.bar = terminal ? new ProgressBarBuilder().setTaskName("archive").setInitialMax(total)
                .setStyle(ProgressBarStyle.ASCII).setUnit(" jobs", 1).showSpeed()
                .setConsumer(new ConsoleProgressBarConsumer(System.err)).build() : null;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "archive-progress");
            t.setDaemon(true);
            return t;
        });
        long millis = Math.max(100, interval.toMillis());
        timer.scheduleAtFixedRate(() -> update(false), millis, millis, TimeUnit.MILLISECONDS);
    }

    private synchronized void update(boolean finished) {
        ArchiveProgress progress = tracker.snapshot(finished);
        try {
            if (bar != null) {
                bar.stepTo(progress.jobsDone());
            } else if (err != null) {
                err.println("progress " + Json.compact(progress));
                err.flush();
            }
            if (progressFile != null) {
                AtomicFiles.replace(progressFile, Json.compact(progress).getBytes(StandardCharsets.UTF_8), false);
            }
            onUpdate.accept(progress);
        } catch (Exception e) {
            if (err != null) {
                err.println("warning: cannot record progress: " + e.getMessage());
            }
        }
    }

    /** Stops the timer and reports the last state. */
    public void finish(boolean finished) {
        timer.shutdownNow();
        try {
            timer.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        update(finished);
    }

    @Override
    public void close() {
        timer.shutdownNow();
        if (bar != null) {
            bar.close();
        }
    }
}

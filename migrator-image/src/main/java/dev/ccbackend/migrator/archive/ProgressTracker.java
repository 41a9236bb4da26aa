package dev.ccbackend.migrator.archive;

import java.util.concurrent.atomic.LongAdder;

/** Counters the workers bump; {@link #snapshot} turns them into an {@link ArchiveProgress}. */
public final class ProgressTracker {
    final LongAdder done = new LongAdder();
    final LongAdder migrated = new LongAdder();
    final LongAdder unchanged = new LongAdder();
    final LongAdder failed = new LongAdder();
    final LongAdder skipped = new LongAdder();
    final LongAdder bytes = new LongAdder();
    private final long total;
    private final String shard;
    private final long startNanos = System.nanoTime();

    public ProgressTracker(long total, Shard shard) {
        this.total = total;
        this.shard = shard.toString();
    }

    public double seconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    public ArchiveProgress snapshot(boolean finished) {
        long d = done.sum();
        double seconds = Math.max(seconds(), 1e-3);
        double rate = d / seconds;
        Long eta = rate > 0 ? Math.max(0, Math.round((total - d) / rate)) : null;
        return new ArchiveProgress(d, total, failed.sum(), skipped.sum(), bytes.sum(),
                Math.round(rate * 10) / 10.0, finished ? Long.valueOf(0) : eta, shard, finished);
    }
}

package dev.ccbackend.migrator.archive;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Streams the job directories of one shard through a bounded queue to N worker threads: memory
 * holds at most the queue, whatever the archive size. The first unexpected error (or a task
 * that asks to stop) ends the walk; workers finish the job in hand and the error is rethrown.
 */
public final class JobPipeline {
    private static final ArchiveLayout.JobDir END = new ArchiveLayout.JobDir(Path.of(""), "");

    private JobPipeline() {
    }

    @FunctionalInterface
    public interface JobTask {
        /** Processes one job; throwing {@link StopException} (or anything unexpected) stops the run. */
        void process(ArchiveLayout.JobDir job) throws Exception;
    }

    /** Thrown by a task to stop the whole run (e.g. {@code --on-error fail}); its message is for the user as it is. */
    public static final class StopException extends ArchiveException {
        public StopException(String message) {
            super(message);
        }
    }

    public static void run(Path root, List<String> clusters, Shard shard, int workers, JobTask task) {
        run(root, clusters, shard, workers, task, stray -> { });
    }

    /** {@link #run(Path, List, Shard, int, JobTask)}, handing what is not a job directory to {@code strays}. */
    public static void run(Path root, List<String> clusters, Shard shard, int workers, JobTask task,
                           java.util.function.Consumer<ArchiveLayout.Stray> strays) {
        BlockingQueue<ArchiveLayout.JobDir> queue = new ArrayBlockingQueue<>(Math.max(64, workers * 128));
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < workers; i++) {
            Thread t = new Thread(() -> work(queue, task, failure), "archive-worker-" + i);
            t.setDaemon(true);
            t.start();
            threads.add(t);
        }
        try {
            ArchiveLayout.walkJobs(root, clusters, job -> {
                if (failure.get() != null) {
                    return false;
                }
                if (shard.contains(job.relativePath())) {
                    queue.put(job);
                }
                return true;
            }, strays);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure.compareAndSet(null, e);
        } catch (RuntimeException e) {
            failure.compareAndSet(null, e);
        } finally {
            for (int i = 0; i < workers; i++) {
                putUninterruptibly(queue, END);
            }
            for (Thread t : threads) {
                joinUninterruptibly(t);
            }
        }
        Throwable f = failure.get();
        if (f instanceof RuntimeException r) {
            throw r;
        }
        if (f != null) {
            throw new ArchiveException(f.getMessage() == null ? f.toString() : f.getMessage(), f);
        }
    }

    private static void work(BlockingQueue<ArchiveLayout.JobDir> queue, JobTask task, AtomicReference<Throwable> failure) {
        while (true) {
            ArchiveLayout.JobDir job;
            try {
                job = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            if (job == END) {
                return;
            }
            if (failure.get() != null) {
                continue;
            }
            try {
                task.process(job);
            } catch (StopException | DiskFullException e) {
                failure.compareAndSet(null, e);
            } catch (Exception | Error e) {
                failure.compareAndSet(null, new ArchiveException(job.relativePath() + ": " + e, e));
            }
        }
    }

    private static void putUninterruptibly(BlockingQueue<ArchiveLayout.JobDir> queue, ArchiveLayout.JobDir job) {
        while (true) {
            try {
                queue.put(job);
                return;
            } catch (InterruptedException e) {
                // keep going: workers must get their end marker
            }
        }
    }

    private static void joinUninterruptibly(Thread t) {
        while (true) {
            try {
                t.join();
                return;
            } catch (InterruptedException e) {
                // keep waiting: a worker may be in the middle of a rename
            }
        }
    }
}

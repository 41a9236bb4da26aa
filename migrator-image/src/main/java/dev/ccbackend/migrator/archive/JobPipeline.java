package dev.ccbackend.migrator.archive;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * Streams the job directories of one shard through a bounded queue to N worker threads: memory
 * holds at most the queue, whatever the archive size. The first unexpected error (or a task
 * that asks to stop) ends the walk; workers finish the job in hand and the error is rethrown.
 */
public final class JobPipeline {
    private static final Object END = new Object();

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
        run(workers, sink -> ArchiveLayout.walkJobs(root, clusters, job -> !shard.contains(job.relativePath()) || sink.put(job), strays),
                task::process, ArchiveLayout.JobDir::relativePath);
    }

    /** Puts work items on the queue; {@link #put} says false once the run is failing, so that the producer stops. */
    interface Sink<T> {
        boolean put(T item) throws InterruptedException;
    }

    interface Producer<T> {
        void produce(Sink<T> sink) throws Exception;
    }

    interface Task<T> {
        void process(T item) throws Exception;
    }

    /** The same pipeline for any work item: {@code producer} runs in the calling thread, {@code task} in the workers. */
    static <T> void run(int workers, Producer<T> producer, Task<T> task, Function<T, String> name) {
        BlockingQueue<Object> queue = new ArrayBlockingQueue<>(Math.max(64, workers * 128));
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < workers; i++) {
            Thread t = new Thread(() -> work(queue, task, name, failure), "archive-worker-" + i);
            t.setDaemon(true);
            t.start();
            threads.add(t);
        }
        try {
            producer.produce(item -> {
                if (failure.get() != null) {
                    return false;
                }
                queue.put(item);
                return true;
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure.compareAndSet(null, e);
        } catch (Exception e) {
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

    @SuppressWarnings("unchecked")
    private static <T> void work(BlockingQueue<Object> queue, Task<T> task, Function<T, String> name, AtomicReference<Throwable> failure) {
        while (true) {
            Object item;
            try {
                item = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            if (item == END) {
                return;
            }
            if (failure.get() != null) {
                continue;
            }
            try {
                task.process((T) item);
            } catch (StopException | DiskFullException e) {
                failure.compareAndSet(null, e);
            } catch (Exception | Error e) {
                failure.compareAndSet(null, new ArchiveException(name.apply((T) item) + ": " + e, e));
            }
        }
    }

    private static void putUninterruptibly(BlockingQueue<Object> queue, Object job) {
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

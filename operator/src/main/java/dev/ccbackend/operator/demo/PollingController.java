package dev.ccbackend.operator.demo;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A fake controller: looks at the mock API server every {@code periodMillis} and acts like the real one would. */
abstract class PollingController implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PollingController.class);
    private final ScheduledExecutorService timer;
    private volatile boolean closed;

    PollingController(String name) {
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    void start(long periodMillis) {
        timer.scheduleWithFixedDelay(() -> {
            try {
                tick();
            } catch (RuntimeException e) {
                if (closed) {
                    return; // the API server is going away with us
                }
                LOG.warn("{}: {}", getClass().getSimpleName(), e.toString());
            }
        }, 0, periodMillis, TimeUnit.MILLISECONDS);
    }

    abstract void tick();

    @Override
    public void close() {
        closed = true;
        timer.shutdownNow();
    }
}

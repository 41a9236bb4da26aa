package dev.ccbackend.migrator.db.convert;

import java.io.PrintWriter;
import java.time.Duration;

/** Where the conversion reports how far it is: a progress bar on a terminal, periodic lines otherwise. */
public interface ConvertProgress extends AutoCloseable {

    /** A phase begins: copying a table, building indexes, verifying. */
    void start(String phase, long total);

    void advance(long done);

    /** The current phase is complete. */
    void finish();

    @Override
    default void close() {
        finish();
    }

    /** A bar when stderr is a terminal, else a line every {@code interval} on {@code err}. */
    static ConvertProgress forConsole(PrintWriter err, Duration interval) {
        return System.console() != null ? new TerminalProgress() : new LogProgress(err, interval);
    }
}

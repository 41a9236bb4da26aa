package dev.ccbackend.migrator.db.convert;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
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

    /**
     * A bar when {@code err} is the process's own stderr and that is a terminal; else a line every
     * {@code interval} on {@code err} (a log, a file, or the writer an in-process caller gave).
     */
    static ConvertProgress forConsole(PrintWriter err, boolean errIsProcessStderr, Duration interval) {
        return errIsProcessStderr && stderrIsTerminal() ? new TerminalProgress() : new LogProgress(err, interval);
    }

    /** stdout usually goes to a file (the JSON), so {@code System.console()} cannot tell; Linux can. */
    private static boolean stderrIsTerminal() {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return System.console() != null;
        }
    }
}

package dev.ccbackend.migrator.cli;

import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;

/** Passes a step's stderr through to the user (progress stays live) and keeps a copy to find its error line. */
final class TeeWriter extends Writer {
    private final Writer through;
    private final StringWriter copy = new StringWriter();

    TeeWriter(Writer through) {
        this.through = through;
    }

    @Override
    public void write(char[] buf, int off, int len) throws IOException {
        through.write(buf, off, len);
        copy.write(buf, off, len);
    }

    @Override
    public void flush() throws IOException {
        through.flush();
    }

    @Override
    public void close() throws IOException {
        flush();
    }

    /** The last {@code error: …} line, without the prefix; null when there is none. */
    String lastErrorLine() {
        String found = null;
        for (String line : copy.toString().split("\\R")) {
            if (line.startsWith("error: ")) {
                found = line.substring("error: ".length());
            }
        }
        return found;
    }
}

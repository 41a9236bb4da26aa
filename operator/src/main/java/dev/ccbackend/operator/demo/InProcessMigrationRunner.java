package dev.ccbackend.operator.demo;

import dev.ccbackend.migrator.cli.CcMigrator;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/** The real cc-migrator, run in this JVM. */
public class InProcessMigrationRunner implements MigrationRunner {

    @Override
    public int run(List<String> args, Path resultFile, Consumer<String> stderr) {
        PrintWriter out = new PrintWriter(new StringWriter());
        PrintWriter err = new PrintWriter(new LineWriter(stderr), true);
        return CcMigrator.execute(out, err, args.toArray(String[]::new));
    }

    /** Hands complete lines to a consumer as they are written. */
    static final class LineWriter extends Writer {
        private final Consumer<String> lines;
        private final StringBuilder buffer = new StringBuilder();

        LineWriter(Consumer<String> lines) {
            this.lines = lines;
        }

        @Override
        public synchronized void write(char[] cbuf, int off, int len) {
            for (int i = off; i < off + len; i++) {
                if (cbuf[i] == '\n') {
                    lines.accept(buffer.toString());
                    buffer.setLength(0);
                } else {
                    buffer.append(cbuf[i]);
                }
            }
        }

        @Override
        public synchronized void flush() {
        }

        @Override
        public synchronized void close() {
            if (!buffer.isEmpty()) {
                lines.accept(buffer.toString());
                buffer.setLength(0);
            }
        }
    }
}

package dev.ccbackend.migrator.archive;

import dev.ccbackend.migrator.util.Json;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects per-job problems from all workers: every one goes to the report file (JSON Lines, so
 * memory stays flat however many there are); the first few are also kept for the result JSON.
 */
public final class JobReport implements Closeable {
    static final int KEPT = 50;

    private final BufferedWriter writer;
    private final List<JobProblem> first = new ArrayList<>();
    private long count;

    public JobReport(Path file) throws IOException {
        if (file == null) {
            writer = null;
        } else {
            if (file.toAbsolutePath().getParent() != null) {
                Files.createDirectories(file.toAbsolutePath().getParent());
            }
            writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        }
    }

    public synchronized void add(JobProblem problem) {
        count++;
        if (first.size() < KEPT) {
            first.add(problem);
        }
        if (writer != null) {
            try {
                writer.write(Json.compact(problem));
                writer.newLine();
            } catch (IOException e) {
                throw new ArchiveException("cannot write the report file: " + e.getMessage(), e);
            }
        }
    }

    public synchronized List<JobProblem> first() {
        return List.copyOf(first);
    }

    public synchronized long count() {
        return count;
    }

    @Override
    public synchronized void close() throws IOException {
        if (writer != null) {
            writer.close();
        }
    }
}

package dev.ccbackend.migrator.archive;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** cc-migrator in a child JVM, for concurrent shards and kill -9 tests. */
final class TestingProcesses {
    private TestingProcesses() {
    }

    static Process start(Path log, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), "dev.ccbackend.migrator.cli.CcMigrator"));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    static int await(Process process) throws InterruptedException {
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("cc-migrator child did not finish in 5 minutes");
        }
        return process.exitValue();
    }

    /** Waits until the child reports progress that is not finished, then kills it with SIGKILL. */
    static void killMidRun(Process process, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline && process.isAlive()) {
            String text = Files.exists(log) ? Files.readString(log) : "";
            if (text.lines().anyMatch(l -> l.startsWith("progress ") && !l.contains("\"jobsDone\":0,") && l.contains("\"finished\":false"))) {
                process.destroyForcibly(); // SIGKILL on Linux: no shutdown hooks, like kill -9
                process.waitFor();
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("child finished or stalled before it could be killed:\n" + Files.readString(log));
    }
}

package dev.ccbackend.operator.demo;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/** Runs one cc-migrator command line for the fake Job controller, paths already rewritten to local ones. */
public interface MigrationRunner {

    /**
     * @param args       the command line
     * @param resultFile where {@code --result-file} points now
     * @param stderr     receives every stderr line (progress lines among them)
     * @return the exit code
     */
    int run(List<String> args, Path resultFile, Consumer<String> stderr);
}

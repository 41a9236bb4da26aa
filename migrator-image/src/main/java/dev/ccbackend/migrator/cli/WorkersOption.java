package dev.ccbackend.migrator.cli;

import picocli.CommandLine.Option;

/** Mixin: {@code --workers N}, the same for {@code archive migrate}, {@code prepare} and {@code cutover}. */
public class WorkersOption {
    @Option(names = "--workers", paramLabel = "N", description = "Parallel workers (default: number of cores).")
    Integer workers;

    /** @throws CliException (usage) for fewer than one */
    int count() {
        if (workers != null && workers < 1) {
            throw new CliException(ExitCode.USAGE, "--workers must be at least 1, not " + workers);
        }
        return workers != null ? workers : Runtime.getRuntime().availableProcessors();
    }
}

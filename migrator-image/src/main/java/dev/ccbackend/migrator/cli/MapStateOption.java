package dev.ccbackend.migrator.cli;

import dev.ccbackend.migrator.catalog.StateMapping;
import java.util.List;
import picocli.CommandLine.Option;

/** Mixin: {@code --map-state OLD=NEW}, the same for {@code db migrate}, {@code plan} and {@code upgrade}. */
public class MapStateOption {
    @Option(names = "--map-state", paramLabel = "OLD=NEW",
            description = "Rewrite a job state cc-backend v1.5 (schema 9+) rejects, e.g. --map-state stopped=completed. Repeatable.")
    List<String> pairs;

    /** @throws CliException (usage) naming the expected form or the states v1.5 accepts */
    StateMapping mapping() {
        try {
            return StateMapping.parse(pairs);
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCode.USAGE, e.getMessage());
        }
    }
}

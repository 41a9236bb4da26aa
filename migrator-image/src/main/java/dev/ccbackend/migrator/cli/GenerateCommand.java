package dev.ccbackend.migrator.cli;

import picocli.CommandLine.Command;

/** {@code cc-migrator generate}: sample data for tests, benchmarks and demos. */
@Command(name = "generate", hidden = true, mixinStandardHelpOptions = true,
        description = "Generate sample cc-backend data (for tests, benchmarks and demos).",
        subcommands = {GenerateDbCommand.class, GenerateArchiveCommand.class})
public class GenerateCommand {
}

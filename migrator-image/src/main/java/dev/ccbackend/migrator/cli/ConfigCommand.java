package dev.ccbackend.migrator.cli;

import picocli.CommandLine.Command;

/** {@code cc-migrator config …}: cc-backend's config.json between releases. */
@Command(name = "config", mixinStandardHelpOptions = true, description = "config.json: convert between releases.",
        subcommands = ConfigConvertCommand.class)
public class ConfigCommand {
}

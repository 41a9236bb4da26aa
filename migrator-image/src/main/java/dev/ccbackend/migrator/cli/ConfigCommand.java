package dev.ccbackend.migrator.cli;

import picocli.CommandLine.Command;

// PLACEHOLDER: replaced by the engine that owns this command.
@Command(name = "config", mixinStandardHelpOptions = true, description = "config.json: convert between releases.")
public class ConfigCommand {
}

package dev.ccbackend.migrator.cli;

import picocli.CommandLine.Command;

// PLACEHOLDER: replaced by the engine that owns this command.
@Command(name = "upgrade", mixinStandardHelpOptions = true, description = "Run a whole plan locally: database, archive, config.")
public class UpgradeCommand {
}

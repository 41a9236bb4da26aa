package dev.ccbackend.migrator.cli;

import picocli.CommandLine.Command;

// PLACEHOLDER: replaced by the engine that owns this command.
@Command(name = "probe-output", mixinStandardHelpOptions = true, description = "Parse the output of 'cc-backend -version'.")
public class ProbeOutputCommand {
}

package dev.ccbackend.migrator.cli;

import picocli.CommandLine.Command;

// PLACEHOLDER: replaced by the engine that owns this command.
@Command(name = "plan", mixinStandardHelpOptions = true, description = "Inspect what is on disk and print the upgrade plan.")
public class PlanCommand {
}

package dev.ccbackend.migrator.cli;

import picocli.CommandLine.Command;

// PLACEHOLDER: replaced by the engine that owns this command.
@Command(name = "archive", mixinStandardHelpOptions = true, description = "Job archive: inspect, migrate, verify, finalize.")
public class ArchiveCommand {
}

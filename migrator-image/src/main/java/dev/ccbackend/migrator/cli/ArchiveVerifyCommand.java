package dev.ccbackend.migrator.cli;

import picocli.CommandLine.Command;

/** {@code archive verify}: schema validation (filled in by the next commit). */
@Command(name = "verify", mixinStandardHelpOptions = true, description = "Validate the archive against its version's JSON schemas.")
public class ArchiveVerifyCommand {
}

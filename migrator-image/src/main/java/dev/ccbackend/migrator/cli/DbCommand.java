package dev.ccbackend.migrator.cli;

import picocli.CommandLine.Command;

// PLACEHOLDER: replaced by the engine that owns this command.
@Command(name = "db", mixinStandardHelpOptions = true, description = "Database: inspect, migrate, verify, convert MariaDB to SQLite.")
public class DbCommand {
}

package dev.ccbackend.migrator.cli;

import picocli.CommandLine.Command;

/** {@code cc-migrator archive …}: the job archive engine's commands. */
@Command(name = "archive", mixinStandardHelpOptions = true,
        description = "Job archive: inspect, migrate (copy or in place, optionally sharded), finalize, verify.",
        subcommands = {
                ArchiveInspectCommand.class,
                ArchiveMigrateCommand.class,
                ArchiveFinalizeCommand.class,
                ArchiveVerifyCommand.class,
                ArchivePrepareCommand.class,
                ArchiveCutoverCommand.class,
                ArchiveSwitchBackCommand.class,
                ArchiveRemoveKeptCommand.class
        })
public class ArchiveCommand {
}

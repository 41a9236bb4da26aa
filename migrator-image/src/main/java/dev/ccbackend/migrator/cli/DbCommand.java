package dev.ccbackend.migrator.cli;

import picocli.CommandLine.Command;

/** {@code cc-migrator db}: the database engine's commands. */
@Command(name = "db", mixinStandardHelpOptions = true,
        description = "Database: inspect, migrate, verify and convert cc-backend's SQLite or MariaDB database.",
        subcommands = {DbInspectCommand.class, DbMigrateCommand.class, DbVerifyCommand.class, DbConvertCommand.class,
                DbPrepareCommand.class, DbCatchUpCommand.class, DbCutoverCommand.class, DbSwitchBackCommand.class, DbRemoveKeptCommand.class})
public class DbCommand {
}

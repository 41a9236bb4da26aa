package dev.ccbackend.operator;

import dev.ccbackend.migrator.cli.CcMigrator;
import dev.ccbackend.operator.cli.DemoCommand;
import dev.ccbackend.operator.cli.RunCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code cc-upgrade-operator run} (a real cluster) or {@code demo} (an embedded one, no cluster needed). */
@Command(name = "cc-upgrade-operator", mixinStandardHelpOptions = true, versionProvider = CcUpgradeOperator.Version.class,
        description = "Upgrades cc-backend Deployments through CcBackendUpgrade resources.",
        subcommands = {RunCommand.class, DemoCommand.class, CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success (demo: the upgrade succeeded)", "1:failed (demo: the upgrade failed)",
                "2:usage error (demo with rollback: rolled back)"})
public class CcUpgradeOperator {

    /** The release of the operator (the jar's Implementation-Version). */
    public static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = CcUpgradeOperator.class.getPackage().getImplementationVersion();
            return new String[]{"cc-upgrade-operator " + (v == null ? "(not from a packaged jar)" : v)};
        }
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line; a failure prints one {@code error:} line (exit 2 for bad input, else 1), not a stack trace. */
    public static CommandLine commandLine() {
        return new CommandLine(new CcUpgradeOperator()).setExecutionExceptionHandler((e, cl, parsed) -> {
            String message = e.getMessage() != null ? e.getMessage() : e.toString();
            cl.getErr().println("error: " + message);
            return e instanceof IllegalArgumentException ? 2 : 1;
        }).setParameterExceptionHandler(CcMigrator::usageError); // the same usage errors as cc-migrator's
    }
}

package dev.ccbackend.operator;

import dev.ccbackend.operator.cli.DemoCommand;
import dev.ccbackend.operator.cli.RunCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code cc-upgrade-operator run} (a real cluster) or {@code demo} (an embedded one, no cluster needed). */
@Command(name = "cc-upgrade-operator", mixinStandardHelpOptions = true,
        description = "Upgrades cc-backend Deployments through CcBackendUpgrade resources.",
        subcommands = {RunCommand.class, DemoCommand.class, CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success (demo: the upgrade succeeded)", "1:failed (demo: the upgrade failed)",
                "2:usage error (demo with rollback: rolled back)"})
public class CcUpgradeOperator {

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line; a failure prints one {@code error:} line (exit 2 for bad input, else 1), not a stack trace. */
    public static CommandLine commandLine() {
        return new CommandLine(new CcUpgradeOperator()).setExecutionExceptionHandler((e, cl, parsed) -> {
            String message = e.getMessage() != null ? e.getMessage() : e.toString();
            cl.getErr().println("error: " + message);
            return e instanceof IllegalArgumentException ? 2 : 1;
        });
    }
}

package dev.ccbackend.migrator.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code cc-migrator}: inspects, plans, migrates and verifies a cc-backend installation. Every
 * command prints JSON on stdout; failures are one {@code error: …} line on stderr and an exit
 * code from {@link ExitCode}.
 */
@Command(name = "cc-migrator", mixinStandardHelpOptions = true, versionProvider = CcMigrator.VersionProvider.class,
        description = "Upgrades cc-backend databases, job archives and configs, safely.",
        subcommands = {
                DbCommand.class,
                ArchiveCommand.class,
                ConfigCommand.class,
                PlanCommand.class,
                UpgradeCommand.class,
                ProbeOutputCommand.class,
                GenerateCommand.class,
                CommandLine.HelpCommand.class
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:success",
                "1:failed or refused (see the error line; data untouched unless it says otherwise)",
                "2:usage error",
                "3:plan blocked"
        })
public class CcMigrator {

    public static void main(String[] args) {
        System.exit(execute(new PrintWriter(System.out, true), new ProcessStderr(), args));
    }

    /** The process's own stderr, as {@code main} hands it over: only there may a terminal progress bar draw. */
    static final class ProcessStderr extends PrintWriter {
        ProcessStderr() {
            super(System.err, true);
        }
    }

    /** Runs one command line in-process (the operator's test Job controller uses this too). */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = commandLine();
        cli.setOut(out);
        cli.setErr(err);
        return cli.execute(args);
    }

    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new CcMigrator());
        cli.setExecutionExceptionHandler(new ErrorHandler());
        cli.setParameterExceptionHandler(CcMigrator::usageError);
        printVersionEverywhere(cli);
        return cli;
    }

    /**
     * One {@code error:} line and a pointer to --help. A mistyped option is named as unknown, with picocli's
     * suggestion, even when picocli would first complain about the required option it was meant to be.
     */
    public static int usageError(CommandLine.ParameterException ex, String[] args) {
        CommandLine cli = ex.getCommandLine();
        CommandLine.ParameterException shown = ex;
        if (!(ex instanceof CommandLine.UnmatchedArgumentException) && !cli.getUnmatchedArguments().isEmpty()) {
            shown = new CommandLine.UnmatchedArgumentException(cli, cli.getUnmatchedArguments());
        }
        cli.getErr().println("error: " + shown.getMessage());
        if (shown instanceof CommandLine.UnmatchedArgumentException unmatched) {
            unmatched.getSuggestions().stream().findFirst()
                    .ifPresent(s -> cli.getErr().println("Did you mean " + s + "?"));
        }
        cli.getErr().println("Try '" + cli.getCommandSpec().qualifiedName() + " --help'.");
        return ExitCode.USAGE;
    }

    /** picocli does not pass the root's version provider down: without this, {@code db inspect -V} prints nothing. */
    private static void printVersionEverywhere(CommandLine cli) {
        cli.getCommandSpec().versionProvider(new VersionProvider());
        cli.getSubcommands().values().forEach(CcMigrator::printVersionEverywhere);
    }

    /** Any exception from a command becomes one {@code error:} line and exit code 1 (or the code it names). */
    static final class ErrorHandler implements CommandLine.IExecutionExceptionHandler {
        @Override
        public int handleExecutionException(Exception ex, CommandLine cli, CommandLine.ParseResult parseResult) {
            int code = ex instanceof CliException c ? c.exitCode() : ExitCode.FAILED;
            String message = ex.getMessage() != null ? ex.getMessage() : ex.toString();
            cli.getErr().println("error: " + message.replace('\n', ' '));
            if (System.getenv("CC_MIGRATOR_DEBUG") != null) {
                ex.printStackTrace(cli.getErr());
            }
            cli.getErr().flush();
            cli.getCommandSpec().mixins().values().stream()
                    .map(m -> m.userObject())
                    .filter(OutputOptions.class::isInstance)
                    .map(OutputOptions.class::cast)
                    .findFirst()
                    .ifPresent(o -> o.recordError(message, code));
            return code;
        }
    }

    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = CcMigrator.class.getPackage().getImplementationVersion();
            return new String[]{"cc-migrator " + (v == null ? "(not from a packaged jar)" : v)};
        }
    }
}

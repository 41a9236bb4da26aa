package dev.ccbackend.migrator.cli;

import dev.ccbackend.migrator.catalog.Driver;
import dev.ccbackend.migrator.db.DatabaseCutover;
import dev.ccbackend.migrator.db.DbTarget;
import dev.ccbackend.migrator.plan.InstallationPlanner;
import dev.ccbackend.migrator.plan.OnlineUpgradeRunner;
import dev.ccbackend.migrator.plan.PlanTextFormatter;
import dev.ccbackend.migrator.plan.PlannedStep;
import dev.ccbackend.migrator.plan.StepArguments;
import dev.ccbackend.migrator.plan.UpgradePlan;
import dev.ccbackend.migrator.plan.UpgradeRunner;
import dev.ccbackend.migrator.plan.UpgradeSummary;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code cc-migrator upgrade}: plans like {@code plan}, then runs the steps locally (database,
 * archive, config) through the sibling commands, for admins without Kubernetes. One summary at the
 * end; the first failure stops it with what completed and how to resume.
 */
@Command(name = "upgrade", mixinStandardHelpOptions = true,
        description = "Plan, then run the whole upgrade locally: database, archive, config (exit 0: done, 1: a step failed, 3: blocked).")
public class UpgradeCommand implements Callable<Integer> {

    @Mixin
    PlanArguments arguments;

    @Option(names = "--config-out", paramLabel = "FILE", description = "Where the converted config goes (the input config is never modified).")
    Path configOut;

    @Option(names = "--online", description = "Prepare the database and archive while cc-backend runs, wait until it is"
            + " stopped, then cut over: the downtime no longer grows with the data (SQLite only; needs about 2 x the database"
            + " and the archive's meta.json files of extra disk, beside them).")
    boolean online;

    @Option(names = "--assume-stopped", description = "With --online: cc-backend is stopped after the prepare already; do not wait.")
    boolean assumeStopped;

    @Mixin
    FormatOption format;

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() {
        InstallationPlanner.Request request = arguments.request(online);
        UpgradePlan plan = InstallationPlanner.plan(request);
        PrintWriter err = output.spec.commandLine().getErr();
        if (!plan.runnable()) {
            int code = format.emit(output, plan, PlanTextFormatter.format(plan), ExitCode.BLOCKED);
            err.println("error: the plan is blocked (" + plan.blockers().size() + " blocker(s), see the plan): nothing was changed");
            return code;
        }
        if (online) {
            OnlineUpgradeRunner.refusal(plan, assumeStopped).ifPresent(why -> {
                throw new CliException(ExitCode.USAGE, why + "; nothing was changed");
            });
        } else if (assumeStopped) {
            throw new CliException(ExitCode.USAGE, "--assume-stopped belongs to --online");
        }
        boolean convertsConfig = plan.steps().stream().anyMatch(s -> s.kind() == PlannedStep.Kind.CONFIG);
        if (convertsConfig && configOut == null) {
            throw new CliException(ExitCode.USAGE, "the plan converts the config: add --config-out FILE (the input config is never modified); nothing was changed");
        }
        if (format.text()) {
            output.spec.commandLine().getOut().print(PlanTextFormatter.format(plan));
        }
        StepArguments stepArguments = new StepArguments(request.db(), request.convertedDatabase(), request.archive().toString(),
                request.config() == null ? null : request.config().toString(), configOut == null ? null : configOut.toString(),
                plan.targetRelease(), request.mapState());
        UpgradeSummary summary = online
                ? new OnlineUpgradeRunner(args -> runSibling(args, err), System::nanoTime, err,
                () -> DatabaseCutover.heldByAnotherProcess(DbTarget.parse(Driver.SQLITE3, request.db())), UpgradeCommand::pause,
                assumeStopped)
                .run(plan, stepArguments)
                : new UpgradeRunner(args -> runSibling(args, err), System::nanoTime, err).run(plan, stepArguments);
        int code = format.emit(output, summary, "\n" + summary.message() + "\n", summary.completed() ? ExitCode.OK : ExitCode.FAILED);
        if (!summary.completed()) {
            err.println("error: " + summary.message());
        }
        return code;
    }

    private static void pause() {
        try {
            Thread.sleep(500); // the downtime is counted from the check that sees cc-backend gone
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCode.FAILED, "interrupted while waiting for cc-backend to stop; the prepared copies"
                    + " are kept: rerun with --online --assume-stopped once it is stopped");
        }
    }

    /** Runs a sibling command in this JVM: its JSON is captured for the summary, its stderr passes through. */
    private static UpgradeRunner.Execution runSibling(List<String> args, PrintWriter err) {
        StringWriter out = new StringWriter();
        TeeWriter errTee = new TeeWriter(err);
        CommandLine cli = CcMigrator.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(errTee, true));
        int code = cli.execute(args.toArray(String[]::new));
        return new UpgradeRunner.Execution(code, out.toString(), errTee.lastErrorLine());
    }
}

package dev.ccbackend.migrator.cli;

import dev.ccbackend.migrator.plan.InstallationPlanner;
import dev.ccbackend.migrator.plan.PlanTextFormatter;
import dev.ccbackend.migrator.plan.UpgradePlan;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code cc-migrator plan}: inspects the installation without changing it and prints the upgrade
 * plan. Exit 0 when it can run, 3 when blockers stop it.
 */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = "Inspect what is on disk and print the upgrade plan (exit 0: can run, 3: blocked).")
public class PlanCommand implements Callable<Integer> {

    @Mixin
    PlanArguments arguments;

    @Option(names = "--online", description = "Plan an online upgrade (`upgrade --online`): the disk"
            + " the prepared copies need beside the data, and what only an offline upgrade can do.")
    boolean online;

    @Mixin
    FormatOption format;

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() {
        UpgradePlan plan = InstallationPlanner.plan(arguments.request(online));
        return format.emit(output, plan, PlanTextFormatter.format(plan), plan.runnable() ? ExitCode.OK : ExitCode.BLOCKED);
    }
}

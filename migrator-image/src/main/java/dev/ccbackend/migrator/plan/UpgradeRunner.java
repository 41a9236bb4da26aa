package dev.ccbackend.migrator.plan;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ccbackend.migrator.plan.PlannedStep.Kind;
import dev.ccbackend.migrator.util.Json;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

/**
 * Runs a runnable plan's steps in order, each as a cc-migrator command, and stops at the first
 * failure. Every step is resumable, and a rerun plans from what is on disk, so finished steps are
 * not repeated: the failure message says exactly that.
 */
public final class UpgradeRunner {

    /** Runs one cc-migrator command line. */
    @FunctionalInterface
    public interface StepExecutor {
        Execution run(List<String> args);
    }

    /** @param errorLine the last {@code error:} line it printed, without the prefix (null when none) */
    public record Execution(int exitCode, String stdout, String errorLine) {
    }

    private final StepExecutor executor;
    private final LongSupplier nanoTime;
    private final PrintWriter progress;

    public UpgradeRunner(StepExecutor executor, LongSupplier nanoTime, PrintWriter progress) {
        this.executor = executor;
        this.nanoTime = nanoTime;
        this.progress = progress;
    }

    public UpgradeSummary run(UpgradePlan plan, StepArguments arguments) {
        if (!plan.runnable()) {
            throw new IllegalArgumentException("the plan is blocked; nothing runs");
        }
        List<StepOutcome> done = new ArrayList<>();
        List<PlannedStep> steps = plan.steps();
        for (int i = 0; i < steps.size(); i++) {
            PlannedStep step = steps.get(i);
            progress.println("==> step " + (i + 1) + "/" + steps.size() + ": " + step.kind() + " " + step.description());
            progress.flush();
            long start = nanoTime.getAsLong();
            Execution exec = executor.run(arguments.of(step));
            double seconds = (nanoTime.getAsLong() - start) / 1e9;
            StepOutcome outcome = new StepOutcome(step.kind(), step.fromVersion(), step.toVersion(), step.description(),
                    exec.exitCode(), seconds, parse(exec.stdout()), exec.exitCode() == 0 ? null : exec.errorLine());
            done.add(outcome);
            if (!outcome.succeeded()) {
                List<PlannedStep> notRun = steps.subList(i + 1, steps.size());
                return new UpgradeSummary(plan.targetRelease(), false, done, List.copyOf(notRun),
                        failure(i, steps.size(), outcome, done, notRun, arguments));
            }
        }
        return new UpgradeSummary(plan.targetRelease(), true, done, List.of(), steps.isEmpty()
                ? "nothing to do: the installation already matches " + plan.targetRelease()
                : "upgraded to " + plan.targetRelease() + ": " + names(done.stream().map(o -> label(o.kind(), o.fromVersion(), o.toVersion())).toList()));
    }

    private static String failure(int index, int total, StepOutcome failed, List<StepOutcome> done, List<PlannedStep> notRun,
                                  StepArguments arguments) {
        List<String> completed = done.subList(0, done.size() - 1).stream().map(o -> label(o.kind(), o.fromVersion(), o.toVersion())).toList();
        boolean converted = done.subList(0, done.size() - 1).stream().anyMatch(o -> o.kind() == Kind.DATABASE_CONVERT);
        return "step " + (index + 1) + " of " + total + " (" + label(failed.kind(), failed.fromVersion(), failed.toVersion()) + ") failed with exit "
                + failed.exitCode() + (failed.error() == null ? "" : ": " + failed.error())
                + ". Completed: " + (completed.isEmpty() ? "nothing" : names(completed))
                + ". Not run: " + (notRun.isEmpty() ? "nothing" : names(notRun.stream().map(s -> label(s.kind(), s.fromVersion(), s.toVersion())).toList()))
                + ". Fix the cause and rerun " + (converted
                ? "with --driver sqlite3 --db " + arguments.sqliteOut() + " (the MariaDB data is already converted into it; drop --sqlite-out)"
                : "the same command")
                + ": every step is resumable and the plan starts from what is on disk, so finished steps are not repeated";
    }

    private static String label(Kind kind, int from, int to) {
        return kind == Kind.CONFIG ? "CONFIG" : kind + " " + from + "→" + to;
    }

    private static String names(List<String> labels) {
        return labels.stream().collect(Collectors.joining(", "));
    }

    static JsonNode parse(String stdout) {
        if (stdout == null || stdout.isBlank()) {
            return null;
        }
        try {
            return Json.MAPPER.readTree(stdout);
        } catch (Exception e) {
            return Json.MAPPER.getNodeFactory().textNode(stdout.strip());
        }
    }
}

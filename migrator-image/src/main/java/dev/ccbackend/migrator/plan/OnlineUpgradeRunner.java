package dev.ccbackend.migrator.plan;

import dev.ccbackend.migrator.plan.PlannedStep.Kind;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * {@code upgrade --online}: the database and archive steps are prepared while cc-backend runs, and the
 * database catches up with what changed meanwhile (the archive prepare can take long); then it waits
 * until cc-backend has let go of the database (or, with {@code --assume-stopped}, goes on at once,
 * without a catch-up) and runs both cutovers side by side, so the downtime is the longer of the two;
 * then the config step. The summary gives the downtime part separately.
 */
public final class OnlineUpgradeRunner {
    private final UpgradeRunner.StepExecutor executor;
    private final LongSupplier nanoTime;
    private final PrintWriter progress;
    private final BooleanSupplier ccBackendHoldsDatabase;
    private final Runnable pause;
    private final boolean assumeStopped;

    /**
     * @param ccBackendHoldsDatabase whether the database is still held (cc-backend still runs)
     * @param pause                  waits between two such checks
     */
    public OnlineUpgradeRunner(UpgradeRunner.StepExecutor executor, LongSupplier nanoTime, PrintWriter progress,
                               BooleanSupplier ccBackendHoldsDatabase, Runnable pause, boolean assumeStopped) {
        this.executor = executor;
        this.nanoTime = nanoTime;
        this.progress = progress;
        this.ccBackendHoldsDatabase = ccBackendHoldsDatabase;
        this.pause = pause;
        this.assumeStopped = assumeStopped;
    }

    /** Why a plan cannot run online, or empty. */
    public static Optional<String> refusal(UpgradePlan plan, boolean assumeStopped) {
        if (!assumeStopped && plan.steps().stream().noneMatch(s -> s.kind() == Kind.DATABASE)) {
            return Optional.of("without a database step nothing shows when cc-backend has stopped: stop it after the prepare"
                    + " and give --assume-stopped, or upgrade offline");
        }
        return Optional.empty();
    }

    public UpgradeSummary run(UpgradePlan plan, StepArguments arguments) {
        List<StepOutcome> done = new ArrayList<>();
        List<PlannedStep> online = new ArrayList<>();
        for (Kind kind : List.of(Kind.DATABASE, Kind.ARCHIVE)) {
            // one prepare per kind, straight to the last step's version (the engines fuse the hops, e.g. archive 1→2→3)
            plan.steps().stream().filter(s -> s.kind() == kind).reduce((first, second) -> second).ifPresent(online::add);
        }
        long start = nanoTime.getAsLong();
        for (PlannedStep step : online) {
            progress.println("==> prepare (cc-backend keeps running): " + step.kind() + " " + step.description());
            progress.flush();
            // --reuse: a prepare an earlier run left for this target is kept; the cutover applies what changed since
            StepOutcome outcome = execute(step, arguments.prepare(step));
            done.add(outcome);
            if (outcome.succeeded() && outcome.result() != null && outcome.result().path("reused").asBoolean()) {
                progress.println("==> prepared already by an earlier run: " + outcome.result().path("prepared").asText());
            }
            if (!outcome.succeeded()) {
                return failed(plan, done, "preparing failed: " + outcome.error() + ". cc-backend and its data were not touched:"
                        + " fix the cause and rerun the same command", null);
            }
        }
        if (!assumeStopped) {
            for (PlannedStep step : online) {
                Optional<List<String>> catchUp = arguments.catchUp(step);
                if (catchUp.isEmpty()) {
                    continue;
                }
                progress.println("==> catch up (cc-backend keeps running): what changed in the " + step.kind()
                        + " while preparing");
                progress.flush();
                StepOutcome outcome = execute(step, catchUp.get());
                done.add(outcome);
                if (!outcome.succeeded()) {
                    return failed(plan, done, "catching up failed: " + outcome.error() + ". cc-backend and its data were not"
                            + " touched: fix the cause and rerun the same command", null);
                }
            }
        }
        double preparedSeconds = (nanoTime.getAsLong() - start) / 1e9;
        progress.printf("==> prepared in %.1f s while cc-backend ran; %s%n", preparedSeconds, assumeStopped
                ? "cc-backend is stopped (--assume-stopped): cutting over"
                : "now stop cc-backend (e.g. systemctl stop cc-backend, or scale its Deployment to 0): waiting until it"
                + " releases the database");
        progress.flush();
        while (!assumeStopped && ccBackendHoldsDatabase.getAsBoolean()) {
            pause.run();
        }
        long downtimeStart = nanoTime.getAsLong();
        List<StepOutcome> cutovers = cutOverSideBySide(online, arguments);
        done.addAll(cutovers);
        List<String> switched = cutovers.stream().filter(StepOutcome::succeeded).map(o -> o.kind().name()).toList();
        for (StepOutcome outcome : cutovers) {
            if (!outcome.succeeded()) {
                return failed(plan, done, "the cutover of " + outcome.kind() + " failed: " + outcome.error() + ". "
                        + (switched.isEmpty() ? "Nothing was switched. " : "Switched already: " + String.join(", ", switched)
                        + " (the original kept beside it: rename it back to undo). ") + "Rerun the same command with"
                        + " --assume-stopped once the cause is fixed (a cutover finishes or repeats what is left), or start"
                        + " cc-backend again: until its switch an original is untouched", null);
            }
        }
        for (PlannedStep step : plan.steps()) {
            if (step.kind() == Kind.CONFIG) {
                StepOutcome outcome = execute(step, arguments.of(step));
                done.add(outcome);
                if (!outcome.succeeded()) {
                    return failed(plan, done, "converting the config failed: " + outcome.error()
                            + "; the database and archive are switched already: fix the cause and run `cc-migrator config convert`",
                            (nanoTime.getAsLong() - downtimeStart) / 1e9);
                }
            }
        }
        double downtime = (nanoTime.getAsLong() - downtimeStart) / 1e9;
        return new UpgradeSummary(plan.targetRelease(), true, done, List.of(), String.format("upgraded to %s online: prepared in"
                + " %.1f s while cc-backend ran; downtime part %.1f s (from cc-backend releasing the database to the last"
                + " switch): start cc-backend %s now", plan.targetRelease(), preparedSeconds, downtime, plan.targetRelease()), downtime);
    }

    /** The database and the archive cutover at once, each in its own thread: they share nothing but the disk. */
    private List<StepOutcome> cutOverSideBySide(List<PlannedStep> online, StepArguments arguments) {
        ExecutorService threads = Executors.newFixedThreadPool(Math.max(1, online.size()));
        try {
            List<CompletableFuture<StepOutcome>> running = online.stream()
                    .map(step -> CompletableFuture.supplyAsync(() -> execute(step, arguments.cutover(step)), threads)).toList();
            return running.stream().map(CompletableFuture::join).toList();
        } finally {
            threads.shutdown();
        }
    }

    private StepOutcome execute(PlannedStep step, List<String> args) {
        long start = nanoTime.getAsLong();
        UpgradeRunner.Execution exec = executor.run(args);
        return new StepOutcome(step.kind(), step.fromVersion(), step.toVersion(), args.get(0) + " " + args.get(1), exec.exitCode(),
                (nanoTime.getAsLong() - start) / 1e9, UpgradeRunner.parse(exec.stdout()), exec.exitCode() == 0 ? null : exec.errorLine());
    }

    private static UpgradeSummary failed(UpgradePlan plan, List<StepOutcome> done, String message, Double downtime) {
        return new UpgradeSummary(plan.targetRelease(), false, done, List.of(), message, downtime);
    }
}

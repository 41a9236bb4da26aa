package dev.ccbackend.operator.flow;

import dev.ccbackend.migrator.catalog.Release;
import dev.ccbackend.migrator.catalog.ReleaseCatalog;
import dev.ccbackend.migrator.cli.ExitCode;
import dev.ccbackend.migrator.plan.PlannedStep;
import dev.ccbackend.migrator.plan.UpgradePlan;
import dev.ccbackend.migrator.util.Json;
import dev.ccbackend.operator.demo.MigrationRunner;
import dev.ccbackend.migrator.util.FileOwnership;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A stand-in for cc-migrator that keeps the on-disk versions in memory: plan reports them, migrate
 * moves them. Lets the flow tests drive the operator before (and apart from) the real engines, and
 * fail a chosen command.
 */
class ScriptedMigrationRunner implements MigrationRunner {
    volatile int dbVersion;
    volatile int archiveVersion;
    volatile String failCommand;
    /** When set, {@code archive migrate} waits for it: a long migration to restart the operator during. */
    volatile java.util.concurrent.CountDownLatch archiveGate;
    /** When set, {@code archive migrate} reports some progress, then hangs (a lock that never comes free). */
    volatile boolean archiveHangs;
    final List<List<String>> calls = new CopyOnWriteArrayList<>();

    ScriptedMigrationRunner(int dbVersion, int archiveVersion) {
        this.dbVersion = dbVersion;
        this.archiveVersion = archiveVersion;
    }

    /** The jobs in the scripted database, before and after its migration. */
    static final long JOBS = 6;
    /** The jobs {@code db inspect} finds after the migration (fewer: jobs lost on the way). */
    volatile long jobsSeen = JOBS;

    @Override
    public int run(List<String> args, Path resultFile, Consumer<String> stderr) {
        calls.add(args);
        String command = args.get(0).equals("plan") ? "plan" : args.get(0) + " " + args.get(1);
        if (command.equals(failCommand)) {
            stderr.accept("error: scripted failure of " + command);
            return write(resultFile, ExitCode.FAILED, Map.of("error", "scripted failure of " + command));
        }
        switch (command) {
            case "plan" -> {
                String to = arg(args, "--to-release");
                Release target = args.contains("--target-db-version")
                        ? ReleaseCatalog.describe(to, Integer.parseInt(arg(args, "--target-db-version")),
                        Integer.parseInt(arg(args, "--target-archive-version")))
                        : ReleaseCatalog.require(to);
                return write(resultFile, ExitCode.OK, plan(target));
            }
            case "db migrate" -> {
                dbVersion = Integer.parseInt(arg(args, "--to-version"));
                return write(resultFile, ExitCode.OK, Map.of("version", dbVersion, "rowsAfter", Map.of("job", JOBS)));
            }
            case "db inspect" -> {
                return write(resultFile, ExitCode.OK, Map.of("version", dbVersion, "jobs", jobsSeen));
            }
            case "archive migrate" -> {
                if (archiveHangs) {
                    stderr.accept("progress {\"jobsDone\":1,\"jobsTotal\":4}");
                    hang();
                }
                awaitGate();
                int to = Integer.parseInt(arg(args, "--to-version"));
                for (int done = 0; done <= 4; done += 2) {
                    stderr.accept("progress {\"jobsDone\":" + done + ",\"jobsTotal\":4}");
                }
                archiveVersion = to;
                return write(resultFile, ExitCode.OK, Map.of("version", to));
            }
            default -> {
                return write(resultFile, ExitCode.USAGE, Map.of("error", "unknown command " + command));
            }
        }
    }

    private static void hang() {
        try {
            new java.util.concurrent.CountDownLatch(1).await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void awaitGate() {
        try {
            if (archiveGate != null) {
                archiveGate.await();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private UpgradePlan plan(Release target) {
        List<PlannedStep> steps = new ArrayList<>();
        if (dbVersion != target.dbVersion()) {
            steps.add(new PlannedStep(PlannedStep.Kind.DATABASE, dbVersion, target.dbVersion(), "database"));
        }
        if (archiveVersion != target.archiveVersion()) {
            steps.add(new PlannedStep(PlannedStep.Kind.ARCHIVE, archiveVersion, target.archiveVersion(), "archive"));
        }
        boolean convert = dbVersion < target.dbVersion();
        return new UpgradePlan(target.name(),
                new UpgradePlan.DatabaseState("sqlite3", dbVersion, target.dbVersion(), false, JOBS, 0, 1024L),
                new UpgradePlan.ArchiveState("/data/cc-backend-var/job-archive", archiveVersion, target.archiveVersion(),
                        List.of("emmy"), 4, 4096),
                new UpgradePlan.ConfigState(convert, "FLAT_V1_2", target.configFormat().name()),
                steps, List.of(), List.of(), new UpgradePlan.Estimate(4, 4096, null),
                new UpgradePlan.Ownership(new FileOwnership.Owner(1000, 1000, 0644), new FileOwnership.Owner(1000, 1000, 0755)));
    }

    private static String arg(List<String> args, String name) {
        return args.get(args.indexOf(name) + 1);
    }

    private static int write(Path file, int exitCode, Object result) {
        try {
            Files.writeString(file, Json.compact(Map.of("exitCode", exitCode, "result", result)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return exitCode;
    }
}

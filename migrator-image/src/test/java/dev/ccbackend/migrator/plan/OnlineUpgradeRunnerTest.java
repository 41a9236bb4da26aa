package dev.ccbackend.migrator.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ccbackend.migrator.archive.ArchiveInspection;
import dev.ccbackend.migrator.catalog.Driver;
import dev.ccbackend.migrator.db.DbInspection;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code upgrade --online} with a fake executor: prepares, waits for cc-backend to let go, cuts over, times the downtime. */
class OnlineUpgradeRunnerTest {
    private final List<List<String>> calls = java.util.Collections.synchronizedList(new ArrayList<>());
    private final AtomicLong clock = new AtomicLong();
    private final AtomicInteger pauses = new AtomicInteger();
    private final StringWriter progress = new StringWriter();

    @TempDir
    java.nio.file.Path dir;

    /** Every command takes a second; cc-backend holds the database for {@code heldFor} checks after the prepare. */
    private OnlineUpgradeRunner runner(int heldFor, boolean assumeStopped) {
        AtomicInteger held = new AtomicInteger(heldFor);
        return new OnlineUpgradeRunner(args -> {
            calls.add(args);
            clock.addAndGet(1_000_000_000L);
            return new UpgradeRunner.Execution(0, "{\"ok\":true}", null);
        }, clock::get, new PrintWriter(progress, true), () -> held.getAndDecrement() > 0, () -> {
            pauses.incrementAndGet();
            clock.addAndGet(2_000_000_000L);
        }, assumeStopped);
    }

    private UpgradePlan sqlitePlan() {
        DbInspection sqlite = new DbInspection("sqlite3", 7, false, 10, 0, 1000L, Map.of());
        ArchiveInspection archive = new ArchiveInspection(dir.resolve("a").toString(), 1, List.of("emmy"), 1, 100, List.of());
        PlanInputs in = new PlanInputs(Driver.SQLITE3, sqlite, null, archive, null, "/c/config.json",
                PlannerTest.flatConfig("v1.5.4"), null, true, null, true, true);
        return Planner.plan(PlanTarget.resolve("v1.5.4", null, null), in, new PlanOptions(Map.of(), null, false),
                new DiskSpace(1L << 40, 1L << 40, false));
    }

    private StepArguments args() {
        return new StepArguments(dir.resolve("job.db").toString(), null, dir.resolve("a").toString(), "/c/config.json",
                "/c/new.json", "v1.5.4", Map.of());
    }

    @Test
    void preparesBothCatchesUpThenWaitsUntilCcBackendLetsGoAndCutsOverBothAtOnce() {
        String db = dir.resolve("job.db").toString();
        String archive = dir.resolve("a").toString();

        UpgradeSummary summary = runner(2, false).run(sqlitePlan(), args());

        assertThat(summary.completed()).as(summary.message()).isTrue();
        assertThat(calls.subList(0, 2)).containsExactly(
                List.of("db", "prepare", "--driver", "sqlite3", "--db", db, "--to-version", "11", "--output", db + ".next",
                        "--reuse"),
                List.of("archive", "prepare", "--archive", archive, "--to-version", "3", "--output", archive + ".next",
                        "--reuse"));
        assertThat(calls.get(2)).as("the database catches up with what changed while the archive was prepared").isEqualTo(
                List.of("db", "catch-up", "--driver", "sqlite3", "--db", db, "--prepared", db + ".next"));
        assertThat(calls.subList(3, 5)).as("side by side, in either order").containsExactlyInAnyOrder(
                List.of("db", "cutover", "--driver", "sqlite3", "--db", db, "--prepared", db + ".next"),
                List.of("archive", "cutover", "--archive", archive, "--prepared", archive + ".next"));
        assertThat(calls.get(5)).isEqualTo(List.of("config", "convert", "--in", "/c/config.json", "--to-release", "v1.5.4",
                "--out", "/c/new.json"));
        assertThat(pauses).hasValue(2);
        assertThat(summary.downtimeSeconds()).as("the cutovers and the config, not the wait").isEqualTo(3.0);
        assertThat(progress.toString()).contains("prepared in 3.0 s while cc-backend ran", "now stop cc-backend");
        assertThat(summary.message()).contains("downtime part 3.0 s");
    }

    @Test
    void withAssumeStoppedItDoesNotAskNorCatchUp() {
        runner(5, true).run(sqlitePlan(), args());
        assertThat(pauses).hasValue(0);
        assertThat(calls).as("cc-backend is stopped: the cutover applies every change").noneMatch(c -> c.get(1).equals("catch-up"));
    }

    @Test
    void aFailedCatchUpStopsBeforeCcBackendIsAskedToStop() {
        OnlineUpgradeRunner runner = new OnlineUpgradeRunner(args -> {
            calls.add(args);
            return args.get(1).equals("catch-up") ? new UpgradeRunner.Execution(1, "", "no space left on device")
                    : new UpgradeRunner.Execution(0, "{}", null);
        }, clock::get, new PrintWriter(progress, true), () -> true, pauses::incrementAndGet, false);

        UpgradeSummary summary = runner.run(sqlitePlan(), args());

        assertThat(summary.completed()).isFalse();
        assertThat(summary.message()).contains("catching up failed: no space left on device", "were not touched");
        assertThat(progress.toString()).doesNotContain("now stop cc-backend");
        assertThat(pauses).hasValue(0);
        assertThat(calls).noneMatch(c -> c.get(1).equals("cutover"));
    }

    @Test
    void aFailedCutoverSaysWhatWasSwitchedAndHowToGoOn() {
        OnlineUpgradeRunner runner = new OnlineUpgradeRunner(args -> {
            calls.add(args);
            return args.subList(0, 2).equals(List.of("db", "cutover"))
                    ? new UpgradeRunner.Execution(1, "", "the source database is corrupt")
                    : new UpgradeRunner.Execution(0, "{}", null);
        }, clock::get, new PrintWriter(progress, true), () -> false, pauses::incrementAndGet, false);

        UpgradeSummary summary = runner.run(sqlitePlan(), args());

        assertThat(summary.completed()).isFalse();
        assertThat(summary.message()).contains("the cutover of DATABASE failed: the source database is corrupt",
                "Switched already: ARCHIVE (the original kept beside it: rename it back to undo)", "--assume-stopped");
        assertThat(calls).noneMatch(c -> c.get(0).equals("config"));
    }

    @Test
    void withoutADatabaseStepOnlyAStoppedCcBackendCanBeCutOver() {
        assertThat(OnlineUpgradeRunner.refusal(sqlitePlan(), false)).isEmpty();
        UpgradePlan archiveOnly = new UpgradePlan(sqlitePlan().targetRelease(), sqlitePlan().database(), sqlitePlan().archive(),
                sqlitePlan().config(), sqlitePlan().steps().stream().filter(s -> s.kind() != PlannedStep.Kind.DATABASE).toList(),
                List.of(), List.of(), null, null);
        assertThat(OnlineUpgradeRunner.refusal(archiveOnly, false)).get().asString().contains("--assume-stopped");
        assertThat(OnlineUpgradeRunner.refusal(archiveOnly, true)).isEmpty();
    }
}

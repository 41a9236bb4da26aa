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
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The upgrade runner with a fake executor standing in for the sibling commands. */
class UpgradeRunnerTest {
    private final List<List<String>> calls = new ArrayList<>();
    private final AtomicLong clock = new AtomicLong();
    private final StringWriter progress = new StringWriter();

    private UpgradeRunner runner(int failAtCall) {
        return new UpgradeRunner(args -> {
            calls.add(args);
            clock.addAndGet(2_000_000_000L);
            return calls.size() == failAtCall
                    ? new UpgradeRunner.Execution(1, "", "archive hop 2→3 failed at emmy/1403/000/1: disk full")
                    : new UpgradeRunner.Execution(0, "{\"ok\":true}", null);
        }, clock::get, new PrintWriter(progress, true));
    }

    private static UpgradePlan mariadbPlan() {
        DbInspection maria = new DbInspection("mysql", 8, false, 10, 1, null, Map.of());
        ArchiveInspection archive = new ArchiveInspection("/a", 2, List.of("emmy"), 1, 100, List.of());
        PlanInputs in = new PlanInputs(Driver.MYSQL, maria, null, archive, null, "/c/config.json",
                PlannerTest.flatConfig("v1.5.4"), null, true, null, true, true);
        return Planner.plan(PlanTarget.resolve("v1.5.4", null, null), in,
                new PlanOptions(Map.of("stopped", "completed"), "/data/job.db", false), new DiskSpace(1L << 40, 1L << 40, false));
    }

    private static final StepArguments ARGS = new StepArguments("u:p@tcp(db:3306)/cc", "/data/job.db", "/a", "/c/config.json",
            "/c/new.json", "v1.5.4", Map.of("stopped", "completed"));

    @Test
    void runsEveryStepInOrderWithTheAgreedArguments() {
        UpgradeSummary summary = runner(0).run(mariadbPlan(), ARGS);

        assertThat(summary.completed()).isTrue();
        assertThat(calls).containsExactly(
                List.of("db", "convert", "--from-driver", "mysql", "--from", "u:p@tcp(db:3306)/cc", "--to", "/data/job.db"),
                List.of("db", "migrate", "--driver", "sqlite3", "--db", "/data/job.db", "--to-version", "11", "--map-state", "stopped=completed"),
                List.of("archive", "migrate", "--archive", "/a", "--to-version", "3", "--mode", "in-place", "--map-state", "stopped=completed"),
                List.of("config", "convert", "--in", "/c/config.json", "--to-release", "v1.5.4", "--out", "/c/new.json", "--db", "/data/job.db"));
        assertThat(summary.steps()).allSatisfy(s -> {
            assertThat(s.seconds()).isEqualTo(2.0);
            assertThat(s.result().get("ok").asBoolean()).isTrue();
        });
        assertThat(progress.toString()).contains("==> step 1/4: DATABASE_CONVERT").contains("==> step 4/4: CONFIG");
        assertThat(summary.message()).startsWith("upgraded to v1.5.4");
    }

    @Test
    void stopsAtTheFirstFailureAndSaysHowToResume() {
        UpgradeSummary summary = runner(3).run(mariadbPlan(), ARGS);

        assertThat(summary.completed()).isFalse();
        assertThat(calls).hasSize(3);
        assertThat(summary.steps()).extracting(StepOutcome::exitCode).containsExactly(0, 0, 1);
        assertThat(summary.notRun()).extracting(PlannedStep::kind).containsExactly(PlannedStep.Kind.CONFIG);
        assertThat(summary.message())
                .contains("step 3 of 4 (ARCHIVE 2→3) failed with exit 1: archive hop 2→3 failed at emmy/1403/000/1: disk full")
                .contains("Completed: DATABASE_CONVERT 8→8, DATABASE 8→11")
                .contains("Not run: CONFIG")
                .contains("--driver sqlite3 --db /data/job.db")
                .contains("resumable");
    }

    @Test
    void withoutConversionTheSameCommandResumes() {
        DbInspection db = new DbInspection("sqlite3", 7, false, 6, 0, 100L, Map.of());
        ArchiveInspection archive = new ArchiveInspection("/a", 1, List.of("emmy"), 2, 100, List.of());
        UpgradePlan plan = Planner.plan(PlanTarget.resolve("v1.4.4", null, null),
                new PlanInputs(Driver.SQLITE3, db, null, archive, null, null, null, null, null, null, true, true),
                PlanOptions.NONE, new DiskSpace(1L << 40, 1L << 40, true));
        UpgradeSummary summary = runner(1).run(plan, new StepArguments("/d/job.db", null, "/a", null, null, "v1.4.4", Map.of()));

        assertThat(calls).containsExactly(List.of("db", "migrate", "--driver", "sqlite3", "--db", "/d/job.db", "--to-version", "8"));
        assertThat(summary.message()).contains("Completed: nothing").contains("Not run: ARCHIVE 1→2").contains("rerun the same command");
    }
}

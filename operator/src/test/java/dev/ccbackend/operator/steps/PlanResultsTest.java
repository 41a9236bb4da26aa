package dev.ccbackend.operator.steps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ccbackend.migrator.archive.ArchiveInspection;
import dev.ccbackend.migrator.catalog.Driver;
import dev.ccbackend.migrator.db.DbInspection;
import dev.ccbackend.migrator.plan.DiskSpace;
import dev.ccbackend.migrator.plan.PlanInputs;
import dev.ccbackend.migrator.plan.PlanOptions;
import dev.ccbackend.migrator.plan.PlanTarget;
import dev.ccbackend.migrator.plan.Planner;
import dev.ccbackend.migrator.plan.UpgradePlan;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The downtime a plan shows for approval: offline all of the migration, online only the cutover. */
class PlanResultsTest {

    private static UpgradePlan plan(boolean online) {
        DbInspection db = new DbInspection("sqlite3", 7, false, 1_000_000, 0, 1L << 30, Map.of("job", 1_000_000L));
        ArchiveInspection archive = new ArchiveInspection("/data/job-archive", 2, List.of("emmy"), 1_000_000, 1L << 40, List.of());
        PlanInputs in = new PlanInputs(Driver.SQLITE3, db, null, archive, null, null, null, null, null, null, true, true);
        return Planner.plan(PlanTarget.resolve("v1.5.4", null, null), in, new PlanOptions(Map.of(), null, false, online),
                new DiskSpace(1L << 42, 1L << 42, false));
    }

    @Test
    void onlineTheEstimateIsTheCutoverSideBySide() {
        var offline = PlanResults.summary(plan(false), false);
        var online = PlanResults.summary(plan(true), true);

        assertThat(offline.estimatedDowntimeSeconds).as("60 + 1M/11,000 + 1M/3,000").isEqualTo(484);
        assertThat(online.estimatedDowntimeSeconds).as("60 + max(1M/100,000, 1M/22,000)").isEqualTo(105);
        assertThat(online.requiredBytes).as("the copies beside the data").isGreaterThan(offline.requiredBytes);
        assertThat(online.hash).isNotEqualTo(offline.hash);
    }
}

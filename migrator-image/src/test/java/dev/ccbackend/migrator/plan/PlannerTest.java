package dev.ccbackend.migrator.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccbackend.migrator.archive.ArchiveInspection;
import dev.ccbackend.migrator.catalog.Driver;
import dev.ccbackend.migrator.config.ConfigConverter;
import dev.ccbackend.migrator.config.ConversionOptions;
import dev.ccbackend.migrator.config.ConversionResult;
import dev.ccbackend.migrator.db.DbInspection;
import dev.ccbackend.migrator.plan.PlannedStep.Kind;
import dev.ccbackend.migrator.util.Json;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The planner on constructed inspections: every blocker, the step order, the estimates. */
class PlannerTest {
    private static final long GIB = 1L << 30;
    private static final DiskSpace PLENTY = new DiskSpace(100 * GIB, 100 * GIB, false);

    static DbInspection sqlite(int version, long jobs) {
        return new DbInspection("sqlite3", version, false, jobs, 0, 10_000_000L, Map.of("job", jobs));
    }

    static ArchiveInspection archive(int version, ArchiveInspection.Problem... problems) {
        return new ArchiveInspection("/data/job-archive", version, List.of("emmy"), 2, 50_000, List.of(problems));
    }

    static ConversionResult flatConfig(String target) {
        try {
            ObjectNode c = (ObjectNode) Json.MAPPER.readTree("{\"addr\":\"0.0.0.0:8080\",\"jwts\":{\"max-age\":\"2000h\"},"
                    + "\"clusters\":[{\"name\":\"emmy\",\"metricDataRepository\":{\"kind\":\"cc-metric-store\",\"url\":\"http://ms\",\"token\":\"t\"}}]}");
            return new ConfigConverter().convert(c, target, ConversionOptions.NONE);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static PlanInputs inputs(Driver driver, DbInspection db, ArchiveInspection archive, ConversionResult config, Boolean env) {
        return new PlanInputs(driver, db, null, archive, null, config == null ? null : "config.json", config, null, env, null, true, true);
    }

    static UpgradePlan plan(String target, PlanInputs in) {
        return Planner.plan(PlanTarget.resolve(target, null, null), in, PlanOptions.NONE, PLENTY);
    }

    static List<BlockerCode> codes(UpgradePlan plan) {
        return plan.blockers().stream().map(Blocker::code).toList();
    }

    @Test
    void v131ToV154PlansDatabaseArchiveHopsAndConfigInOrder() {
        UpgradePlan plan = plan("v1.5.4", inputs(Driver.SQLITE3, sqlite(7, 6), archive(1), flatConfig("v1.5.4"), true));

        assertThat(plan.runnable()).as(plan.blockers().toString()).isTrue();
        assertThat(plan.steps()).extracting(PlannedStep::kind, PlannedStep::fromVersion, PlannedStep::toVersion).containsExactly(
                tuple(Kind.DATABASE, 7, 11),
                tuple(Kind.ARCHIVE, 1, 2),
                tuple(Kind.ARCHIVE, 2, 3),
                tuple(Kind.CONFIG, 0, 0));
        assertThat(plan.database().targetVersion()).isEqualTo(11);
        assertThat(plan.archive().targetVersion()).isEqualTo(3);
        assertThat(plan.config().convert()).isTrue();
        assertThat(plan.config().toFormat()).isEqualTo("SECTIONED_V1_5");
        assertThat(plan.estimate().jobs()).isEqualTo(6 + 2 + 2);
        assertThat(plan.estimate().requiredBytes()).isEqualTo(2 * 10_000_000L + (1 << 20) + 2 * 2048);
    }

    @Test
    void upToDateInstallationHasNothingToDo() {
        UpgradePlan plan = plan("v1.4.4", inputs(Driver.SQLITE3, sqlite(8, 6), archive(2), null, null));

        assertThat(plan.runnable()).isTrue();
        assertThat(plan.steps()).isEmpty();
        assertThat(plan.warnings()).anyMatch(w -> w.contains("no --config"));
    }

    @Test
    void dirtyDatabaseBlocks() {
        DbInspection dirty = new DbInspection("sqlite3", 9, true, 6, 1, 1L, Map.of());
        UpgradePlan plan = plan("v1.5.4", inputs(Driver.SQLITE3, dirty, archive(2), null, true));

        assertThat(codes(plan)).contains(BlockerCode.DIRTY_DATABASE).doesNotContain(BlockerCode.UNSHIPPED_DB_VERSION);
        assertThat(plan.blockers().get(0).message()).contains("'stopped'");
        assertThat(plan.blockers().get(0).fix()).contains("backup");
    }

    @Test
    void downgradesBlockForDatabaseAndArchive() {
        UpgradePlan plan = plan("v1.3.1", inputs(Driver.SQLITE3, sqlite(8, 6), archive(2), null, null));

        assertThat(codes(plan)).containsExactly(BlockerCode.DOWNGRADE, BlockerCode.DOWNGRADE);
        assertThat(plan.blockers().get(0).fix()).contains("v1.4.0");
        assertThat(plan.steps()).isEmpty();
    }

    @Test
    void unshippedSchemaBlocks() {
        UpgradePlan plan = plan("v1.5.4", inputs(Driver.SQLITE3, sqlite(9, 6), archive(3), null, true));

        assertThat(codes(plan)).containsExactly(BlockerCode.UNSHIPPED_DB_VERSION);
    }

    @Test
    void mariadbToV15BlocksWithoutConversion() {
        DbInspection maria = new DbInspection("mysql", 8, false, 100, 0, null, Map.of());
        UpgradePlan plan = plan("v1.5.4", inputs(Driver.MYSQL, maria, archive(2), null, true));

        assertThat(codes(plan)).containsExactly(BlockerCode.MARIADB_NEEDS_CONVERSION);
        assertThat(plan.blockers().get(0).fix()).contains("--sqlite-out").contains("v1.4.4");
    }

    @Test
    void anOnlinePlanPreparesEachKindOnceAndCountsTheCopiesBesideTheData() {
        PlanOptions online = new PlanOptions(Map.of(), null, false, true);
        UpgradePlan plan = Planner.plan(PlanTarget.resolve("v1.5.4", null, null),
                inputs(Driver.SQLITE3, sqlite(7, 6), archive(1), flatConfig("v1.5.4"), true), online, PLENTY);

        assertThat(plan.runnable()).as(plan.blockers().toString()).isTrue();
        assertThat(plan.steps()).extracting(PlannedStep::kind, PlannedStep::fromVersion, PlannedStep::toVersion).containsExactly(
                tuple(Kind.DATABASE, 7, 11), tuple(Kind.ARCHIVE, 1, 3), tuple(Kind.CONFIG, 0, 0));
        assertThat(plan.steps().get(0).description()).contains("prepared beside it while cc-backend runs");
        assertThat(plan.steps().get(0).requiredBytes()).as("base copy + migrated copy with its room").isEqualTo(3 * 10_000_000L);
        assertThat(plan.steps().get(1).requiredBytes()).isEqualTo(2 * StepPlanner.ONLINE_ARCHIVE_BYTES_PER_JOB);

        UpgradePlan tight = Planner.plan(PlanTarget.resolve("v1.5.4", null, null),
                inputs(Driver.SQLITE3, sqlite(7, 6), archive(1), flatConfig("v1.5.4"), true), online,
                new DiskSpace(25_000_000L, GIB, false));
        assertThat(codes(tight)).containsExactly(BlockerCode.INSUFFICIENT_SPACE);
        assertThat(codes(Planner.plan(PlanTarget.resolve("v1.5.4", null, null),
                inputs(Driver.SQLITE3, sqlite(7, 6), archive(1), flatConfig("v1.5.4"), true), PlanOptions.NONE,
                new DiskSpace(25_000_000L, GIB, false)))).as("offline needs 2x, online 3x").isEmpty();
    }

    @Test
    void onlineIsRefusedForMariaDbAndForAnArchiveThatIsItsVolumesRoot() {
        DbInspection maria = new DbInspection("mysql", 8, false, 100, 0, null, Map.of());
        UpgradePlan mariadb = Planner.plan(PlanTarget.resolve("v1.4.4", null, null),
                inputs(Driver.MYSQL, maria, archive(1), null, true), new PlanOptions(Map.of(), null, false, true), PLENTY);
        UpgradePlan mountRoot = Planner.plan(PlanTarget.resolve("v1.5.4", null, null),
                inputs(Driver.SQLITE3, sqlite(7, 6), archive(1), flatConfig("v1.5.4"), true),
                new PlanOptions(Map.of(), null, false, true), new DiskSpace(100 * GIB, 100 * GIB, false, true));

        assertThat(codes(mariadb)).containsExactly(BlockerCode.ONLINE_NEEDS_SQLITE);
        assertThat(mariadb.blockers().get(0).fix()).contains("spec.strategy: Offline");
        assertThat(codes(mountRoot)).containsExactly(BlockerCode.ARCHIVE_IS_VOLUME_ROOT);
        assertThat(mountRoot.blockers().get(0).fix()).contains("sub-directory", "spec.archive.path");
    }

    @Test
    void mariadbWithSqliteOutPlansTheConversionFirst() {
        DbInspection maria = new DbInspection("mysql", 7, false, 100, 0, null, Map.of());
        UpgradePlan plan = Planner.plan(PlanTarget.resolve("v1.5.4", null, null),
                inputs(Driver.MYSQL, maria, archive(1), null, true), new PlanOptions(Map.of(), "/data/job.db", false), PLENTY);

        assertThat(plan.runnable()).as(plan.blockers().toString()).isTrue();
        assertThat(plan.steps()).extracting(PlannedStep::kind, PlannedStep::driver, PlannedStep::fromVersion, PlannedStep::toVersion).containsExactly(
                tuple(Kind.DATABASE, "mysql", 7, 8),
                tuple(Kind.DATABASE_CONVERT, "mysql", 8, 8),
                tuple(Kind.DATABASE, "sqlite3", 8, 11),
                tuple(Kind.ARCHIVE, null, 1, 2),
                tuple(Kind.ARCHIVE, null, 2, 3));
        assertThat(plan.database().convertTo()).isEqualTo("/data/job.db");
    }

    @Test
    void existingConversionTargetBlocksWithTheWayToResume() {
        DbInspection maria = new DbInspection("mysql", 8, false, 100, 0, null, Map.of());
        UpgradePlan plan = Planner.plan(PlanTarget.resolve("v1.5.4", null, null),
                inputs(Driver.MYSQL, maria, archive(2), null, true), new PlanOptions(Map.of(), "/data/job.db", true), PLENTY);

        assertThat(codes(plan)).containsExactly(BlockerCode.CONVERSION_TARGET_EXISTS);
        assertThat(plan.blockers().get(0).fix()).contains("--driver sqlite3 --db /data/job.db");
    }

    @Test
    void stoppedJobsBlockUnlessMapped() {
        DbInspection stopped = new DbInspection("sqlite3", 8, false, 6, 2, 1000L, Map.of());
        PlanInputs in = inputs(Driver.SQLITE3, stopped, archive(2), null, true);

        assertThat(codes(plan("v1.5.4", in))).containsExactly(BlockerCode.STOPPED_JOBS);
        assertThat(plan("v1.5.4", in).blockers().get(0).fix()).contains("--map-state stopped=completed");
        assertThat(codes(plan("v1.4.4", in))).isEmpty();
        UpgradePlan mapped = Planner.plan(PlanTarget.resolve("v1.5.4", null, null), in,
                new PlanOptions(Map.of("stopped", "completed"), null, false), PLENTY);
        assertThat(mapped.runnable()).isTrue();
        assertThatThrownBy(() -> new PlanOptions(Map.of("stopped", "stopped"), null, false)).hasMessageContaining("completed");
    }

    @Test
    void lostFoundBlocksFromArchiveThreeAndIsAWarningBefore() {
        ArchiveInspection.Problem lostFound = new ArchiveInspection.Problem("LOST_FOUND", "/data/lost+found", "not a cluster");
        ArchiveInspection.Problem empty = new ArchiveInspection.Problem("EMPTY_FILE", "/data/emmy/1/000/1/data.json", "empty");

        UpgradePlan toV15 = plan("v1.5.4", inputs(Driver.SQLITE3, sqlite(8, 6), archive(2, lostFound, empty), null, true));
        assertThat(codes(toV15)).containsExactly(BlockerCode.LOST_FOUND);
        assertThat(toV15.blockers().get(0).fix()).contains("subdirectory");
        assertThat(toV15.warnings()).anyMatch(w -> w.contains("data.json"));

        UpgradePlan toV14 = plan("v1.4.4", inputs(Driver.SQLITE3, sqlite(7, 6), archive(1, lostFound), null, null));
        assertThat(toV14.runnable()).isTrue();
        assertThat(toV14.warnings()).anyMatch(w -> w.contains("lost+found"));
    }

    @Test
    void notEnoughSpaceBlocksWithTheNumbers() {
        UpgradePlan plan = Planner.plan(PlanTarget.resolve("v1.5.4", null, null),
                inputs(Driver.SQLITE3, sqlite(7, 6), archive(1), null, true), PlanOptions.NONE, new DiskSpace(5_000_000L, 100 * GIB, false));

        assertThat(codes(plan)).containsExactly(BlockerCode.INSUFFICIENT_SPACE);
        assertThat(plan.blockers().get(0).message()).contains("19.1 MiB").contains("4.8 MiB");
        assertThat(plan.estimate().freeBytes()).isEqualTo(5_000_000L);

        UpgradePlan shared = Planner.plan(PlanTarget.resolve("v1.5.4", null, null),
                inputs(Driver.SQLITE3, sqlite(7, 6), archive(1), null, true), PlanOptions.NONE, new DiskSpace(20_000_000L, 20_000_000L, true));
        assertThat(codes(shared)).containsExactly(BlockerCode.INSUFFICIENT_SPACE);
    }

    @Test
    void unknownReleaseBlocksAndDescribedOnesPlan() {
        PlanInputs in = inputs(Driver.SQLITE3, sqlite(11, 6), archive(3), null, true);

        UpgradePlan unknown = Planner.plan(PlanTarget.resolve("v1.6.0", null, null), in, PlanOptions.NONE, PLENTY);
        assertThat(codes(unknown)).containsExactly(BlockerCode.UNKNOWN_RELEASE);
        assertThat(unknown.targetRelease()).isEqualTo("v1.6.0");

        UpgradePlan tooNew = Planner.plan(PlanTarget.resolve("v1.6.0", 12, 3), in, PlanOptions.NONE, PLENTY);
        assertThat(codes(tooNew)).containsExactly(BlockerCode.UNKNOWN_RELEASE);
        assertThat(tooNew.blockers().get(0).message()).contains("up to schema 11");

        UpgradePlan sameVersions = Planner.plan(PlanTarget.resolve("v1.6.0", 11, 3), in, PlanOptions.NONE, PLENTY);
        assertThat(sameVersions.runnable()).isTrue();
        assertThat(sameVersions.warnings()).anyMatch(w -> w.contains("not in the catalog"));
    }

    @Test
    void missingEnvFileBlocksOnlyForV15() {
        assertThat(codes(plan("v1.5.4", inputs(Driver.SQLITE3, sqlite(11, 6), archive(3), null, false))))
                .containsExactly(BlockerCode.ENV_FILE_MISSING);
        UpgradePlan plan = plan("v1.5.4", inputs(Driver.SQLITE3, sqlite(11, 6), archive(3), null, false));
        assertThat(plan.blockers().get(0).fix()).contains("empty");
        assertThat(codes(plan("v1.4.4", inputs(Driver.SQLITE3, sqlite(8, 6), archive(2), null, false)))).isEmpty();
        assertThat(plan("v1.5.4", inputs(Driver.SQLITE3, sqlite(11, 6), archive(3), null, null)).warnings())
                .anyMatch(w -> w.contains("--env-file"));
    }

    @Test
    void envWithoutSessionKeyIsReportedForV154() {
        PlanInputs noKey = new PlanInputs(Driver.SQLITE3, sqlite(11, 6), null, archive(3), null, null, null, null, true, false, true, true);

        assertThat(plan("v1.5.4", noKey).warnings()).anyMatch(w -> w.contains("SESSION_KEY"));
        assertThat(plan("v1.5.3", noKey).warnings()).noneMatch(w -> w.contains("SESSION_KEY"));
        assertThat(plan("v1.5.4", noKey).runnable()).isTrue();
    }

    @Test
    void unconvertibleConfigBlocksAndUnmappedKeysWarn() throws Exception {
        ObjectNode maria = (ObjectNode) Json.MAPPER.readTree("{\"addr\":\"localhost:8080\",\"db-driver\":\"mysql\",\"jwts\":{\"max-age\":\"1h\"},\"clusters\":[],\"shiny\":1}");
        ConversionResult config = new ConfigConverter().convert(maria, "v1.5.4", ConversionOptions.NONE);
        UpgradePlan plan = plan("v1.5.4", inputs(Driver.SQLITE3, sqlite(11, 6), archive(3), config, true));

        assertThat(codes(plan)).containsExactly(BlockerCode.CONFIG_UNCONVERTIBLE);
        assertThat(plan.warnings()).anyMatch(w -> w.contains("shiny")).anyMatch(w -> w.contains("localhost"));
    }

    @Test
    void failedInspectionsBecomeBlockers() {
        PlanInputs in = new PlanInputs(Driver.SQLITE3, null, "no such file", null, "not a directory", null, null, "bad JSON", null, null, false, false);
        UpgradePlan plan = Planner.plan(PlanTarget.resolve("v1.5.4", null, null), in, PlanOptions.NONE, DiskSpace.UNKNOWN);

        assertThat(codes(plan)).containsExactly(BlockerCode.DATABASE_UNREADABLE, BlockerCode.ARCHIVE_UNREADABLE,
                BlockerCode.CONFIG_UNCONVERTIBLE);
        assertThat(plan.steps()).isEmpty();
    }

    @Test
    void planJsonRoundTripsAndKeepsTheContractNames() throws Exception {
        UpgradePlan plan = plan("v1.5.4", inputs(Driver.SQLITE3, sqlite(7, 6), archive(1), flatConfig("v1.5.4"), false));
        JsonNode json = Json.MAPPER.readTree(Json.compact(plan));

        assertThat(json.get("runnable").asBoolean()).isFalse();
        assertThat(json.at("/blockers/0/code").asText()).isEqualTo("ENV_FILE_MISSING");
        assertThat(json.at("/database/currentVersion").asInt()).isEqualTo(7);
        assertThat(json.at("/steps/1/kind").asText()).isEqualTo("ARCHIVE");
        UpgradePlan back = Json.MAPPER.readValue(Json.compact(plan), UpgradePlan.class);
        assertThat(back).isEqualTo(plan);
    }

    @Test
    void textFormatSaysTheSame() {
        UpgradePlan plan = plan("v1.5.4", inputs(Driver.SQLITE3, sqlite(7, 6), archive(1), flatConfig("v1.5.4"), false));
        String text = PlanTextFormatter.format(plan);

        assertThat(text).contains("BLOCKED").contains("schema 7 → 11").contains("ARCHIVE: job archive 1→2")
                .contains("[EnvFileMissing]").contains("fix: create .env");
    }
}

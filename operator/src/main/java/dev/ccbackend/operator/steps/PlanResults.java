package dev.ccbackend.operator.steps;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ccbackend.migrator.catalog.ReleaseCatalog;
import dev.ccbackend.migrator.plan.Blocker;
import dev.ccbackend.migrator.plan.PlannedStep;
import dev.ccbackend.migrator.plan.UpgradePlan;
import dev.ccbackend.migrator.util.Json;
import dev.ccbackend.operator.api.PlanSummary;
import dev.ccbackend.operator.kube.Names;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** Reads cc-migrator's plan JSON and condenses it for the status. */
final class PlanResults {
    private PlanResults() {
    }

    static Optional<UpgradePlan> parse(JsonNode result) {
        if (result == null || !result.has("database")) {
            return Optional.empty();
        }
        try {
            return Optional.of(Json.MAPPER.treeToValue(result, UpgradePlan.class));
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    /** @param online the Online strategy: the estimate is of the cutover, the prepares run with cc-backend up */
    static PlanSummary summary(UpgradePlan plan, boolean online) {
        PlanSummary s = new PlanSummary();
        s.targetRelease = plan.targetRelease();
        s.databaseDriver = plan.database().driver();
        s.databaseFrom = plan.database().currentVersion();
        s.databaseTo = plan.database().targetVersion();
        s.archiveFrom = plan.archive().currentVersion();
        s.archiveTo = plan.archive().targetVersion();
        if (plan.config() != null) {
            s.convertConfig = plan.config().convert();
            s.configFrom = plan.config().fromFormat();
            s.configTo = plan.config().toFormat();
        }
        s.jobs = plan.archive().jobs();
        s.databaseJobs = plan.database().jobs();
        s.steps = plan.steps() == null ? s.steps : plan.steps().stream().map(PlannedStep::description).toList();
        s.warnings = plan.warnings() == null ? s.warnings : plan.warnings();
        s.requiredBytes = plan.estimate() == null ? null : plan.estimate().requiredBytes();
        s.estimatedDowntimeSeconds = online ? estimatedCutoverDowntime(plan) : estimatedDowntime(plan);
        s.hash = Names.shortHash(Json.compact(s)); // of everything above: another plan, another hash
        return s;
    }

    /**
     * Rates the project's benchmarks measured on a 2-core machine (README): a database step ≈ 11,000 jobs/s
     * (schema 7 → 11 of 1,000,000 jobs in 86 s; a MariaDB conversion about as fast), an archive migration
     * ≥ 3,000 jobs/s (5,400 on a quiet machine); plus about a minute to stop, snapshot, start Jobs and swap.
     */
    private static final double DATABASE_JOBS_PER_SECOND = 11_000;
    private static final double ARCHIVE_JOBS_PER_SECOND = 3_000;
    private static final long FIXED_SECONDS = 60;

    static long estimatedDowntime(UpgradePlan plan) {
        List<PlannedStep> steps = plan.steps() == null ? List.of() : plan.steps();
        double seconds = FIXED_SECONDS;
        seconds += steps.stream().filter(st -> st.kind() == PlannedStep.Kind.DATABASE || st.kind() == PlannedStep.Kind.DATABASE_CONVERT)
                .count() * (plan.database().jobs() / DATABASE_JOBS_PER_SECOND);
        if (steps.stream().anyMatch(st -> st.kind() == PlannedStep.Kind.ARCHIVE)) {
            seconds += plan.archive().jobs() / ARCHIVE_JOBS_PER_SECOND; // its hops run in one pass
        }
        return Math.round(seconds);
    }

    /**
     * bench/online.sh on a 2-core machine: the database cutover took 2.1 s for 200,000 jobs (≈ 100,000 jobs/s, mostly
     * the changed rows' index upkeep), the archive cutover 4.6 s for 100,000 jobs (≈ 22,000 jobs/s, looking at every
     * job directory); plus the fixed minute to stop, start Jobs and swap.
     */
    private static final double DATABASE_CUTOVER_JOBS_PER_SECOND = 100_000;
    private static final double ARCHIVE_CUTOVER_JOBS_PER_SECOND = 22_000;

    static long estimatedCutoverDowntime(UpgradePlan plan) {
        List<PlannedStep> steps = plan.steps() == null ? List.of() : plan.steps();
        double db = steps.stream().anyMatch(st -> st.kind() == PlannedStep.Kind.DATABASE)
                ? plan.database().jobs() / DATABASE_CUTOVER_JOBS_PER_SECOND : 0;
        double archive = steps.stream().anyMatch(st -> st.kind() == PlannedStep.Kind.ARCHIVE)
                ? plan.archive().jobs() / ARCHIVE_CUTOVER_JOBS_PER_SECOND : 0;
        return Math.round(FIXED_SECONDS + Math.max(db, archive)); // side by side
    }

    /** The release the data belongs to: the running image's tag when its versions match, else the versions. */
    static String fromVersion(UpgradePlan plan, String runningImage) {
        int db = plan.database().currentVersion();
        Integer archive = plan.archive().currentVersion();
        String tag = runningImage == null || !runningImage.contains(":") ? ""
                : runningImage.substring(runningImage.lastIndexOf(':') + 1);
        return ReleaseCatalog.find(tag)
                .filter(r -> r.dbVersion() == db && archive != null && r.archiveVersion() == archive)
                .map(r -> r.name())
                .orElse("db " + db + " / archive " + archive);
    }

    static String blockers(UpgradePlan plan) {
        return plan.blockers().stream().map(PlanResults::describe).collect(Collectors.joining("; "));
    }

    private static String describe(Blocker b) {
        return b.message() + (b.fix() == null ? "" : " (fix: " + b.fix() + ")");
    }
}

package dev.ccbackend.operator.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class OperatorMetricsTest {

    private final OperatorMetrics metrics = new OperatorMetrics(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));

    @Test
    void upgradeOutcomesAreCountedPerResource() {
        metrics.upgradeStarted("hpc/cc-backend");
        metrics.upgradeStarted("hpc/cc-backend");
        metrics.upgradeStarted("lab/cc-backend");
        metrics.upgradeSucceeded("hpc/cc-backend");
        metrics.upgradeFailed("lab/cc-backend", "MigrationJobFailed");

        String text = metrics.scrape();
        assertThat(text)
                .contains("ccupgrade_upgrades_started_total{resource=\"hpc/cc-backend\"} 2.0")
                .contains("ccupgrade_upgrades_started_total{resource=\"lab/cc-backend\"} 1.0")
                .contains("ccupgrade_upgrades_succeeded_total{resource=\"hpc/cc-backend\"} 1.0")
                .contains("ccupgrade_upgrades_failed_total{reason=\"MigrationJobFailed\",resource=\"lab/cc-backend\"} 1.0");
    }

    @Test
    void eachResourceShowsItsPhaseSinceWhenItsDowntimeAndArchiveProgress() {
        var s = new dev.ccbackend.operator.api.CcBackendUpgradeStatus();
        s.phase = dev.ccbackend.operator.api.Phase.MigratingArchive;
        s.archiveProgress = new dev.ccbackend.operator.api.ArchiveProgress();
        s.archiveProgress.jobsDone = 40;
        s.archiveProgress.jobsTotal = 200;
        metrics.observe("hpc/cc-backend", s, java.time.Instant.ofEpochSecond(1_000));
        metrics.observe("hpc/cc-backend", s, java.time.Instant.ofEpochSecond(1_060)); // same phase: still since 1000

        assertThat(metrics.scrape())
                .contains("ccupgrade_phase{phase=\"MigratingArchive\",resource=\"hpc/cc-backend\"} 1.0")
                .contains("ccupgrade_phase{phase=\"Quiescing\",resource=\"hpc/cc-backend\"} 0.0")
                .contains("ccupgrade_phase_started_timestamp_seconds{phase=\"MigratingArchive\",resource=\"hpc/cc-backend\"} 1000.0")
                .contains("ccupgrade_archive_jobs_done{resource=\"hpc/cc-backend\"} 40.0")
                .contains("ccupgrade_archive_jobs_expected{resource=\"hpc/cc-backend\"} 200.0");

        s.phase = dev.ccbackend.operator.api.Phase.Succeeded;
        s.downtimeSeconds = 42L;
        metrics.observe("hpc/cc-backend", s, java.time.Instant.ofEpochSecond(1_100));
        assertThat(metrics.scrape()).contains("ccupgrade_downtime_seconds{resource=\"hpc/cc-backend\"} 42.0")
                .contains("ccupgrade_phase_started_timestamp_seconds{phase=\"Succeeded\",resource=\"hpc/cc-backend\"} 1100.0")
                .contains("ccupgrade_phase{phase=\"MigratingArchive\",resource=\"hpc/cc-backend\"} 0.0");

        metrics.forget("hpc/cc-backend");
        assertThat(metrics.scrape()).doesNotContain("ccupgrade_phase{").doesNotContain("ccupgrade_downtime_seconds{");
    }

    @Test
    void stepDurationsAreATimerInSeconds() {
        metrics.stepFinished("MigratingDatabase", Duration.ofSeconds(3));
        metrics.stepFinished("MigratingDatabase", Duration.ofMillis(1500));
        metrics.stepFinished("Quiescing", Duration.ofMillis(250));

        String text = metrics.scrape();
        assertThat(text)
                .contains("ccupgrade_step_duration_seconds_count{step=\"MigratingDatabase\"} 2")
                .contains("ccupgrade_step_duration_seconds_sum{step=\"MigratingDatabase\"} 4.5")
                .contains("ccupgrade_step_duration_seconds_max{step=\"MigratingDatabase\"} 3.0")
                .contains("ccupgrade_step_duration_seconds_count{step=\"Quiescing\"} 1");
    }

    @Test
    void reconcileErrorsStartAtZero() {
        assertThat(metrics.scrape()).contains("ccupgrade_reconcile_errors_total 0.0");
        metrics.reconcileError();
        metrics.reconcileError();
        assertThat(metrics.scrape()).contains("ccupgrade_reconcile_errors_total 2.0");
    }

    @Test
    void failureWithoutReasonIsCountedAsUnknown() {
        metrics.upgradeFailed("hpc/x", null);
        assertThat(metrics.scrape()).contains("reason=\"Unknown\",resource=\"hpc/x\"} 1.0");
    }

    @Test
    void defaultRegistryAlsoExposesJvmMetrics() {
        assertThat(new OperatorMetrics().scrape())
                .contains("jvm_memory_used_bytes")
                .contains("jvm_threads_live_threads")
                .contains("process_uptime_seconds")
                .contains("ccupgrade_reconcile_errors_total");
    }
}

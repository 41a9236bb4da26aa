package dev.ccbackend.operator.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;

/**
 * The operator's Prometheus metrics. Names as scraped: {@code ccupgrade_upgrades_started_total},
 * {@code ccupgrade_upgrades_succeeded_total}, {@code ccupgrade_upgrades_failed_total{reason}} (all
 * with {@code resource="namespace/name"}), {@code ccupgrade_step_duration_seconds{step}} and
 * {@code ccupgrade_reconcile_errors_total}, plus JVM memory, thread, class-loader, CPU and uptime.
 */
public class OperatorMetrics {

    static final String PREFIX = "ccupgrade.";

    private final PrometheusMeterRegistry registry;
    private final Counter reconcileErrors;

    /** A registry of its own, with the JVM metrics bound. */
    public OperatorMetrics() {
        this(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    public OperatorMetrics(PrometheusMeterRegistry registry) {
        this.registry = registry;
        // Registered up front so that a dashboard sees 0 rather than no series.
        this.reconcileErrors = Counter.builder(PREFIX + "reconcile.errors")
                .description("Reconciliations that ended in an unexpected exception")
                .register(registry);
    }

    public void upgradeStarted(String resource) {
        upgrades("started", "Upgrades started", resource).increment();
    }

    public void upgradeSucceeded(String resource) {
        upgrades("succeeded", "Upgrades that reached Succeeded", resource).increment();
    }

    public void upgradeFailed(String resource, String reason) {
        Counter.builder(PREFIX + "upgrades.failed")
                .description("Upgrades that failed, by condition reason")
                .tag("resource", resource)
                .tag("reason", reason == null ? "Unknown" : reason)
                .register(registry)
                .increment();
    }

    public void stepFinished(String step, Duration duration) {
        Timer.builder(PREFIX + "step.duration")
                .description("Time each upgrade step took")
                .tag("step", step)
                .register(registry)
                .record(duration);
    }

    public void reconcileError() {
        reconcileErrors.increment();
    }

    /** The Prometheus text exposition of every metric. */
    public String scrape() {
        return registry.scrape();
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    private Counter upgrades(String outcome, String description, String resource) {
        return Counter.builder(PREFIX + "upgrades." + outcome)
                .description(description)
                .tag("resource", resource)
                .register(registry);
    }
}

package dev.ccbackend.operator.metrics;

import dev.ccbackend.operator.api.CcBackendUpgradeStatus;
import dev.ccbackend.operator.api.Phase;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The operator's Prometheus metrics. Names as scraped: {@code ccupgrade_upgrades_started_total},
 * {@code ccupgrade_upgrades_succeeded_total}, {@code ccupgrade_upgrades_failed_total{reason}} (all
 * with {@code resource="namespace/name"}), {@code ccupgrade_step_duration_seconds{step}} and
 * {@code ccupgrade_reconcile_errors_total}; per resource, from its status, {@code ccupgrade_phase{phase}} (1 for
 * the current phase, 0 for the others), {@code ccupgrade_phase_started_timestamp_seconds{phase}} (when this
 * operator saw the current phase begin), {@code ccupgrade_downtime_seconds}, {@code ccupgrade_archive_jobs_done} and
 * {@code ccupgrade_archive_jobs_expected} (a _total suffix is for counters); plus JVM memory, thread, class-loader, CPU and uptime.
 */
public class OperatorMetrics {

    static final String PREFIX = "ccupgrade.";

    private final PrometheusMeterRegistry registry;
    private final Counter reconcileErrors;
    /** Per resource, the last status seen: what its gauges read. */
    private final Map<String, Observed> observed = new ConcurrentHashMap<>();

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

    /** What a resource's status says now: the dashboard's and the alerts' per-resource series. */
    public void observe(String resource, CcBackendUpgradeStatus status, Instant now) {
        Observed o = observed.computeIfAbsent(resource, this::register);
        if (o.phase != status.phase) {
            o.phase = status.phase;
            o.since = now.getEpochSecond();
        }
        o.downtime = status.downtimeSeconds == null ? Double.NaN : status.downtimeSeconds;
        o.jobsDone = status.archiveProgress == null ? Double.NaN : status.archiveProgress.jobsDone;
        o.jobsTotal = status.archiveProgress == null ? Double.NaN : status.archiveProgress.jobsTotal;
    }

    /** The resource is gone: so are its series. */
    public void forget(String resource) {
        if (observed.remove(resource) != null) {
            registry.getMeters().stream().filter(m -> resource.equals(m.getId().getTag("resource")))
                    .filter(m -> m.getId().getType() == io.micrometer.core.instrument.Meter.Type.GAUGE)
                    .forEach(registry::remove);
        }
    }

    private Observed register(String resource) {
        Observed o = new Observed();
        for (Phase p : Phase.values()) {
            Gauge.builder(PREFIX + "phase", o, x -> x.phase == p ? 1 : 0).description("1 for the phase the upgrade is in")
                    .tag("resource", resource).tag("phase", p.name()).register(registry);
            Gauge.builder(PREFIX + "phase.started.timestamp", o, x -> x.phase == p ? x.since : Double.NaN).baseUnit("seconds")
                    .description("When the current phase began (as this operator saw it)")
                    .tag("resource", resource).tag("phase", p.name()).register(registry);
        }
        Gauge.builder(PREFIX + "downtime", o, x -> x.downtime).baseUnit("seconds")
                .description("How long cc-backend was down in the last upgrade (status.downtimeSeconds)")
                .tag("resource", resource).register(registry);
        Gauge.builder(PREFIX + "archive.jobs.done", o, x -> x.jobsDone).description("Archive jobs migrated so far")
                .tag("resource", resource).register(registry);
        Gauge.builder(PREFIX + "archive.jobs.expected", o, x -> x.jobsTotal).description("Archive jobs to migrate")
                .tag("resource", resource).register(registry);
        return o;
    }

    /** The last status seen of one resource, read by its gauges. */
    private static final class Observed {
        volatile Phase phase;
        volatile double since = Double.NaN;
        volatile double downtime = Double.NaN;
        volatile double jobsDone = Double.NaN;
        volatile double jobsTotal = Double.NaN;
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

package dev.ccbackend.operator.steps;

import dev.ccbackend.operator.api.CcBackendUpgrade;
import dev.ccbackend.operator.api.CcBackendUpgradeSpec;
import dev.ccbackend.operator.api.CcBackendUpgradeStatus;
import dev.ccbackend.operator.api.Phase;
import dev.ccbackend.operator.api.StepStatus;
import dev.ccbackend.operator.status.EventRecorder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Everything a step may use: the resource (whose status it updates in place), the cluster, the
 * clock and a way to persist status before a side effect. Knows nothing of JOSDK, so tests build
 * one directly.
 */
public class StepContext {
    private final CcBackendUpgrade resource;
    private final KubernetesClient client;
    private final Clock clock;
    private final OperatorSettings settings;
    private final Runnable statusSaver;
    private final EventRecorder events;
    private final Phase phase;

    public StepContext(CcBackendUpgrade resource, Phase phase, KubernetesClient client, Clock clock,
                       OperatorSettings settings, Runnable statusSaver, EventRecorder events) {
        this.resource = resource;
        this.phase = phase;
        this.client = client;
        this.clock = clock;
        this.settings = settings;
        this.statusSaver = statusSaver;
        this.events = events;
    }

    public CcBackendUpgrade resource() {
        return resource;
    }

    public CcBackendUpgradeSpec spec() {
        return resource.getSpec();
    }

    public CcBackendUpgradeStatus status() {
        return resource.getStatus();
    }

    /** This phase's entry in {@code status.steps}. */
    public StepStatus step() {
        return status().stepFor(phase);
    }

    public String namespace() {
        return resource.getMetadata().getNamespace();
    }

    public KubernetesClient client() {
        return client;
    }

    public Clock clock() {
        return clock;
    }

    public Instant now() {
        return clock.instant();
    }

    public OperatorSettings settings() {
        return settings;
    }

    public EventRecorder events() {
        return events;
    }

    /** Persists the status now (write-ahead): call before creating or changing anything. */
    public void saveStatus() {
        statusSaver.run();
    }

    /** Whether this step has been running longer than {@code limit}. */
    public boolean pastDeadline(Duration limit) {
        String started = step().startedAt;
        return started != null && Instant.parse(started).plus(limit).isBefore(now());
    }
}

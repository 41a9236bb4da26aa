package dev.ccbackend.operator.metrics;

import java.time.Duration;

/** What the reconciler reports about upgrades. No-op here; the metrics module records them. */
public class OperatorMetrics {

    public void upgradeStarted(String resource) {
    }

    public void upgradeSucceeded(String resource) {
    }

    public void upgradeFailed(String resource, String reason) {
    }

    public void stepFinished(String step, Duration duration) {
    }

    public void reconcileError() {
    }
}

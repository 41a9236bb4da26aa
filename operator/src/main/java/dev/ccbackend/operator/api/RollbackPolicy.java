package dev.ccbackend.operator.api;

/** What happens after a failed step. */
public enum RollbackPolicy {
    Automatic, Manual
}

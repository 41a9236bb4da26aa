package dev.ccbackend.operator.api;

/** State of one step of the upgrade. */
public enum StepState {
    Pending, Running, Succeeded, Failed, Skipped
}

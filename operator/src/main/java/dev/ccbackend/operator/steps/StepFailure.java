package dev.ccbackend.operator.steps;

/**
 * Ends the step that is running with {@link #result()}, from deep inside it: a Job whose pod can
 * never start, whatever the step. The reconciler turns it into the step's result.
 */
public final class StepFailure extends RuntimeException {
    private final StepResult.Fail result;

    StepFailure(StepResult.Fail result) {
        super(result.reason() + ": " + result.message(), null, false, false);
        this.result = result;
    }

    public StepResult.Fail result() {
        return result;
    }
}

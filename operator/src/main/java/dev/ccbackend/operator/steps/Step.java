package dev.ccbackend.operator.steps;

/**
 * The work of one phase. A step is re-entered on every reconcile until it advances or fails, so it
 * must check what is already done (deterministic names, recorded status) before acting, and must
 * save status with {@link StepContext#saveStatus()} before any side effect.
 */
public interface Step {
    StepResult run(StepContext ctx);
}

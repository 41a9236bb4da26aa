package dev.ccbackend.operator.api;

/** Whether the upgrade waits, after planning, for the plan to be approved. */
public enum ApprovalPolicy {
    /** Go on as soon as the plan can run. */
    Automatic,
    /** Stop in AwaitingApproval, cc-backend untouched, until {@code spec.approvedPlan} names the plan's hash. */
    Manual
}

package dev.ccbackend.operator.steps;

import dev.ccbackend.operator.api.ApprovalPolicy;
import dev.ccbackend.operator.api.PlanSummary;
import dev.ccbackend.operator.status.Reason;
import java.util.Objects;

/**
 * AwaitingApproval: with {@code approval: Manual} the upgrade stops here, after planning and before
 * cc-backend is touched, until {@code spec.approvedPlan} names the hash of the plan in status. A
 * GitOps commit thus approves exactly the plan that was shown; another plan has another hash.
 */
public final class ApprovalStep implements Step {
    @Override
    public StepResult run(StepContext ctx) {
        if (ctx.spec().approval != ApprovalPolicy.Manual) {
            return StepResult.skip("approval: Automatic");
        }
        PlanSummary plan = ctx.status().plan;
        if (plan == null || plan.hash == null) {
            return StepResult.fail(Reason.PlanFailed, "no plan to approve in status.plan: increment spec.retry to plan again");
        }
        String approved = ctx.spec().approvedPlan;
        if (Objects.equals(approved, plan.hash)) {
            return StepResult.advance("plan " + plan.hash + " approved");
        }
        String shown = "plan " + plan.hash + ": " + String.join("; ", plan.steps) + " (" + plan.databaseJobs + " database jobs, "
                + plan.jobs + " archived jobs; cc-backend down for about " + plan.estimatedDowntimeSeconds + " s)";
        String message = approved == null || approved.isBlank()
                ? "waiting for approval of " + shown + ": set spec.approvedPlan to " + plan.hash + " to start; cc-backend keeps running"
                : "spec.approvedPlan " + approved + " is not this plan's hash (the installation changed, or the upgrade planned"
                + " anew): review " + shown + " and set spec.approvedPlan to " + plan.hash + "; cc-backend keeps running";
        if (!message.equals(ctx.step().message)) {
            ctx.events().normal(ctx.resource(), Reason.AwaitingApproval.name(), message); // once per message, not per poll
        }
        return StepResult.waitFor(message);
    }
}

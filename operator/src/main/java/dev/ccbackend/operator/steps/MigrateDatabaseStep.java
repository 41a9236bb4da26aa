package dev.ccbackend.operator.steps;

import dev.ccbackend.operator.kube.JobOutcome;
import dev.ccbackend.operator.kube.MigratorArgs;
import dev.ccbackend.operator.status.Reason;

/** {@code cc-migrator db migrate} to the plan's target schema, in one Job. */
public class MigrateDatabaseStep implements Step {

    @Override
    public StepResult run(StepContext ctx) {
        var plan = ctx.status().plan;
        if (plan.databaseFrom == plan.databaseTo) {
            return StepResult.skip("database already at schema " + plan.databaseTo);
        }
        JobOutcome outcome = JobStepRunner.run(ctx, "db", new MigratorArgs(ctx.spec()).migrateDatabase(plan.databaseTo),
                false, false, null);
        if (outcome instanceof JobOutcome.Succeeded) {
            return StepResult.advance("database migrated from schema " + plan.databaseFrom + " to " + plan.databaseTo);
        }
        if (outcome instanceof JobOutcome.Failed f) {
            return StepResult.fail(Reason.DatabaseMigrationFailed, "database migration failed: "
                    + JobStepRunner.describe(f, ctx.step().jobName));
        }
        return StepResult.waitFor("migrating the database to schema " + plan.databaseTo + " in Job " + ctx.step().jobName);
    }
}

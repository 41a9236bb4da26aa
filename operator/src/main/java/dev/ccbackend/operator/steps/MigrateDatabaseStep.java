package dev.ccbackend.operator.steps;

import dev.ccbackend.migrator.catalog.Driver;
import dev.ccbackend.migrator.catalog.ReleaseCatalog;
import dev.ccbackend.operator.kube.JobOutcome;
import dev.ccbackend.operator.kube.MigratorArgs;
import dev.ccbackend.operator.status.Reason;

/**
 * {@code cc-migrator db migrate} to the plan's target schema, in one Job. With
 * {@code spec.database.convertToSqlite} a {@code db convert} Job first copies MariaDB into the new
 * SQLite file (MariaDB is only read), then the migrate Job takes that file to the target.
 */
public class MigrateDatabaseStep implements Step {
    /** The schema the converter reads from MariaDB and writes to SQLite (cc-backend v1.4). */
    static final int CONVERSION_SCHEMA = ReleaseCatalog.newestSupporting(Driver.MYSQL).dbVersion();

    @Override
    public StepResult run(StepContext ctx) {
        var plan = ctx.status().plan;
        MigratorArgs args = new MigratorArgs(ctx.spec());
        boolean convert = ctx.spec().database.convertsToSqlite();
        if (!convert && plan.databaseFrom == plan.databaseTo) {
            return StepResult.skip("database already at schema " + plan.databaseTo);
        }
        if (convert) {
            // --migrate-source only for MariaDB below schema 8: the one case where MariaDB is written.
            JobOutcome converted = JobStepRunner.run(ctx, "dbconvert",
                    args.convertDatabase(plan.databaseFrom < CONVERSION_SCHEMA), false, false, null);
            if (converted instanceof JobOutcome.Failed f) {
                return StepResult.fail(Reason.DatabaseMigrationFailed, "converting MariaDB to SQLite failed: "
                        + JobStepRunner.describe(f, ctx.step().jobName) + ". MariaDB was only read; cc-backend can go back to it");
            }
            if (converted instanceof JobOutcome.Running) {
                return StepResult.waitFor("converting MariaDB to SQLite " + ctx.spec().database.convertToSqlite.path
                        + " in Job " + ctx.step().jobName);
            }
            if (plan.databaseTo == CONVERSION_SCHEMA) {
                return StepResult.advance("MariaDB converted to SQLite at schema " + CONVERSION_SCHEMA);
            }
        }
        JobOutcome outcome = JobStepRunner.run(ctx, "db", args.migrateDatabase(plan.databaseTo), false, false, null);
        int from = convert ? CONVERSION_SCHEMA : plan.databaseFrom;
        String what = convert ? "the converted SQLite database" : "the database";
        if (outcome instanceof JobOutcome.Succeeded s) {
            JobStepRunner.recordMigratedJobs(ctx, s);
            return StepResult.advance((convert ? "MariaDB converted to SQLite; " : "") + what + " migrated from schema "
                    + from + " to " + plan.databaseTo);
        }
        if (outcome instanceof JobOutcome.Failed f) {
            return StepResult.fail(Reason.DatabaseMigrationFailed, "migrating " + what + " failed: "
                    + JobStepRunner.describe(f, ctx.step().jobName));
        }
        // cc-migrator's heartbeat counts the database's work: judged by it, a long step is not a stuck one
        return JobStepRunner.progress(ctx, ctx.step().jobName)
                .flatMap(p -> StallCheck.check(ctx, ctx.step().jobName, p.jobsDone))
                .orElse(StepResult.waitFor("migrating " + what + " to schema " + plan.databaseTo + " in Job " + ctx.step().jobName));
    }
}

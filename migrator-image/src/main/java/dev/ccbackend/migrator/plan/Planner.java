package dev.ccbackend.migrator.plan;

import dev.ccbackend.migrator.archive.ArchiveInspection;
import dev.ccbackend.migrator.catalog.Driver;
import dev.ccbackend.migrator.catalog.Release;
import dev.ccbackend.migrator.catalog.ReleaseCatalog;
import dev.ccbackend.migrator.config.ConversionResult;
import dev.ccbackend.migrator.db.DbInspection;
import java.util.List;
import java.util.Objects;

/**
 * Turns what was found on disk and the target into an {@link UpgradePlan}. Pure: it touches
 * nothing, so it is tested with constructed inspections, and {@code plan} and {@code upgrade} share it.
 */
public final class Planner {
    private Planner() {
    }

    public static UpgradePlan plan(PlanTarget target, PlanInputs in, PlanOptions options, DiskSpace space) {
        Findings f = new Findings();
        Release release = target.release();
        if (release == null) {
            f.block(BlockerCode.UNKNOWN_RELEASE, target.problem(),
                    "name a release from the catalog, or describe a newer one with --target-db-version and --target-archive-version");
            return assemble(target.name(), null, in, options, List.of(), f, space);
        }
        if (release.dbVersion() > ReleaseCatalog.maxDbVersion(Driver.SQLITE3) || release.archiveVersion() > ReleaseCatalog.maxArchiveVersion()) {
            f.block(BlockerCode.UNKNOWN_RELEASE, release.name() + " needs DB schema " + release.dbVersion() + " and archive "
                            + release.archiveVersion() + "; this cc-migrator migrates up to schema " + ReleaseCatalog.maxDbVersion(Driver.SQLITE3)
                            + " and archive " + ReleaseCatalog.maxArchiveVersion(),
                    "use a cc-migrator that knows " + release.name());
        }
        if (!ReleaseCatalog.isKnown(release)) {
            f.warn(release.name() + " is not in the catalog: planned from the versions given (DB " + release.dbVersion()
                    + ", archive " + release.archiveVersion() + ") and the newest known config format");
        }
        DatabaseChecks.check(in, release, options, f);
        ArchiveChecks.check(in, release, f);
        ConfigChecks.check(in, release, f);
        OnlineChecks.check(in, release, options, space, f);
        List<PlannedStep> steps = StepPlanner.plan(in, release, options);
        SpaceCheck.check(steps, space, f);
        return assemble(release.name(), release, in, options, steps, f, space);
    }

    private static UpgradePlan assemble(String name, Release release, PlanInputs in, PlanOptions options,
                                        List<PlannedStep> steps, Findings f, DiskSpace space) {
        DbInspection db = in.database();
        int dbTarget = release == null ? 0 : release.dbVersion();
        UpgradePlan.DatabaseState database = new UpgradePlan.DatabaseState(in.driver().configName(),
                db == null ? 0 : db.version(), dbTarget, db != null && db.dirty(), db == null ? 0 : db.jobs(),
                db == null ? 0 : db.stoppedJobs(), db == null ? null : db.sizeBytes(),
                in.driver() == Driver.MYSQL ? options.sqliteOut() : null);
        ArchiveInspection a = in.archive();
        UpgradePlan.ArchiveState archive = new UpgradePlan.ArchiveState(a == null ? null : a.path(), a == null ? null : a.version(),
                release == null ? 0 : release.archiveVersion(), a == null ? List.of() : a.clusters(), a == null ? 0 : a.jobs(),
                a == null ? 0 : a.bytes());
        ConversionResult c = in.config();
        UpgradePlan.ConfigState config = new UpgradePlan.ConfigState(c != null && c.converts(),
                c == null ? null : c.fromFormat().name(), release == null ? null : release.configFormat().name(), in.configPath());
        long jobs = steps.stream().mapToLong(PlannedStep::jobs).sum();
        long bytes = steps.stream().map(PlannedStep::bytes).filter(Objects::nonNull).mapToLong(Long::longValue).sum();
        long required = SpaceCheck.required(steps, true) + SpaceCheck.required(steps, false);
        Long free = minFree(space);
        return new UpgradePlan(name, database, archive, config, steps, f.blockers(), f.warnings(),
                new UpgradePlan.Estimate(jobs, bytes, free, required), null);
    }

    private static Long minFree(DiskSpace space) {
        if (space.databaseFreeBytes() == null) {
            return space.archiveFreeBytes();
        }
        return space.archiveFreeBytes() == null ? space.databaseFreeBytes() : Math.min(space.databaseFreeBytes(), space.archiveFreeBytes());
    }
}

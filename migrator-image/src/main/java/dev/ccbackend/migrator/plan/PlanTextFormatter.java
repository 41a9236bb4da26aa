package dev.ccbackend.migrator.plan;

/** The plan for a person: the same facts as the JSON, in reading order. */
public final class PlanTextFormatter {
    private PlanTextFormatter() {
    }

    public static String format(UpgradePlan plan) {
        StringBuilder out = new StringBuilder();
        out.append("Upgrade plan to ").append(plan.targetRelease()).append(": ")
                .append(plan.runnable() ? "can run" : "BLOCKED").append('\n');
        UpgradePlan.DatabaseState db = plan.database();
        out.append("  database  ").append(db.driver()).append(", schema ").append(db.currentVersion()).append(" → ")
                .append(version(db.targetVersion())).append(", ").append(db.jobs()).append(" jobs")
                .append(db.dirty() ? ", DIRTY" : "")
                .append(db.stoppedJobs() > 0 ? ", " + db.stoppedJobs() + " stopped" : "")
                .append(db.sizeBytes() == null ? "" : ", " + Bytes.human(db.sizeBytes()))
                .append(db.convertTo() == null ? "" : ", converted to " + db.convertTo()).append('\n');
        UpgradePlan.ArchiveState a = plan.archive();
        out.append("  archive   ").append(a.path() == null ? "(not inspected)" : a.path()).append(", version ")
                .append(a.currentVersion() == null ? "?" : a.currentVersion()).append(" → ").append(version(a.targetVersion()))
                .append(", ").append(a.jobs()).append(" jobs in ").append(a.clusters().size()).append(" cluster(s), ")
                .append(Bytes.human(a.bytes())).append('\n');
        UpgradePlan.ConfigState c = plan.config();
        out.append("  config    ").append(c.fromFormat() == null ? "(not given)" : c.fromFormat() + " → " + c.toFormat()
                + (c.convert() ? ", converted" : ", unchanged")).append('\n');
        out.append("\nSteps:\n");
        if (plan.steps().isEmpty()) {
            out.append("  (nothing to do)\n");
        }
        for (int i = 0; i < plan.steps().size(); i++) {
            PlannedStep s = plan.steps().get(i);
            out.append("  ").append(i + 1).append(". ").append(s.kind()).append(": ").append(s.description())
                    .append(s.requiredBytes() == null || s.requiredBytes() == 0 ? "" : " — needs ~" + Bytes.human(s.requiredBytes()) + " free")
                    .append('\n');
        }
        UpgradePlan.Estimate e = plan.estimate();
        out.append("\nEstimate: ").append(e.jobs()).append(" job(s), ").append(Bytes.human(e.bytes())).append(" to read");
        if (e.requiredBytes() != null && e.requiredBytes() > 0) {
            out.append(", ~").append(Bytes.human(e.requiredBytes())).append(" free space needed");
        }
        if (e.freeBytes() != null) {
            out.append(" (").append(Bytes.human(e.freeBytes())).append(" free)");
        }
        out.append('\n');
        if (!plan.blockers().isEmpty()) {
            out.append("\nBlockers:\n");
            plan.blockers().forEach(b -> out.append("  [").append(b.code().reason()).append("] ").append(b.message())
                    .append("\n      fix: ").append(b.fix()).append('\n'));
        }
        if (!plan.warnings().isEmpty()) {
            out.append("\nWarnings:\n");
            plan.warnings().forEach(w -> out.append("  - ").append(w).append('\n'));
        }
        return out.toString();
    }

    /** 0 is no release's target: the target release is unknown (a blocker says so). */
    private static String version(int target) {
        return target == 0 ? "?" : String.valueOf(target);
    }
}

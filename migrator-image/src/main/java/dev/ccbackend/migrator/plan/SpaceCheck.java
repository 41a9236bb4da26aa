package dev.ccbackend.migrator.plan;

import dev.ccbackend.migrator.plan.PlannedStep.Kind;
import java.util.List;

/** Compares what the steps need with what the volumes have, per volume (or summed when they share one). */
final class SpaceCheck {
    private SpaceCheck() {
    }

    static void check(List<PlannedStep> steps, DiskSpace space, Findings f) {
        long db = required(steps, true);
        long archive = required(steps, false);
        if (space.sameVolume()) {
            compare("the database and the archive (one volume)", db + archive, space.databaseFreeBytes(), f);
        } else {
            compare("the database", db, space.databaseFreeBytes(), f);
            compare("the archive", archive, space.archiveFreeBytes(), f);
        }
    }

    static long required(List<PlannedStep> steps, boolean database) {
        return steps.stream()
                .filter(s -> (s.kind() == Kind.DATABASE || s.kind() == Kind.DATABASE_CONVERT) == database && s.kind() != Kind.CONFIG)
                .mapToLong(s -> s.requiredBytes() == null ? 0 : s.requiredBytes())
                .sum();
    }

    private static void compare(String where, long required, Long free, Findings f) {
        if (required == 0) {
            return;
        }
        if (free == null) {
            f.warn("free space for " + where + " is unknown; the steps need about " + Bytes.human(required));
        } else if (free < required) {
            f.block(BlockerCode.INSUFFICIENT_SPACE, where + " needs about " + Bytes.human(required) + " free, only "
                    + Bytes.human(free) + " is available", "free at least " + Bytes.human(required - free) + " on that volume (or grow it) and plan again");
        }
    }
}

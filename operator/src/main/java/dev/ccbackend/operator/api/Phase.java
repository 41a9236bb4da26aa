package dev.ccbackend.operator.api;

import java.util.List;

/** Where an upgrade stands. The happy path runs in declaration order from Planning to Succeeded. */
public enum Phase {
    Pending, Planning, Quiescing, Snapshotting, MigratingDatabase, MigratingArchive, ConvertingConfig,
    Swapping, Verifying, Succeeded, Failed, RollingBack, RolledBack;

    /** The phases that do work, in order; each has one step. */
    public static final List<Phase> WORK = List.of(Planning, Quiescing, Snapshotting, MigratingDatabase,
            MigratingArchive, ConvertingConfig, Swapping, Verifying);

    /** The phase after this working one; Succeeded after the last. */
    public Phase next() {
        int i = WORK.indexOf(this);
        if (i < 0) {
            throw new IllegalStateException(this + " is not a working phase");
        }
        return i + 1 < WORK.size() ? WORK.get(i + 1) : Succeeded;
    }

    public boolean terminal() {
        return this == Succeeded || this == Failed || this == RolledBack;
    }
}

package dev.ccbackend.operator.api;

import java.util.List;

/** Where an upgrade stands. The happy path runs in declaration order from Planning to Succeeded. */
public enum Phase {
    Pending, Planning, AwaitingApproval, Quiescing, Snapshotting, MigratingDatabase, MigratingArchive, ConvertingConfig,
    Swapping, Verifying, Succeeded, Failed, RollingBack, RolledBack;

    /** The phases that do work, in order; each has one step. AwaitingApproval only with {@code approval: Manual}. */
    public static final List<Phase> WORK = List.of(Planning, AwaitingApproval, Quiescing, Snapshotting, MigratingDatabase,
            MigratingArchive, ConvertingConfig, Swapping, Verifying);

    /** The working phases of an upgrade that does, or does not, wait for approval. */
    public static List<Phase> work(boolean approval) {
        return approval ? WORK : WORK.stream().filter(p -> p != AwaitingApproval).toList();
    }

    /** The phase after this working one; Succeeded after the last. */
    public Phase next(boolean approval) {
        int i = WORK.indexOf(this);
        if (i < 0) {
            throw new IllegalStateException(this + " is not a working phase");
        }
        // from WORK, so that a spec switched to Automatic while AwaitingApproval still finds its way on
        return WORK.subList(i + 1, WORK.size()).stream().filter(p -> approval || p != AwaitingApproval).findFirst()
                .orElse(Succeeded);
    }

    public boolean terminal() {
        return this == Succeeded || this == Failed || this == RolledBack;
    }
}

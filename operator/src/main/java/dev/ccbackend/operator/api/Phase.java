package dev.ccbackend.operator.api;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** Where an upgrade stands. The happy path runs in declaration order from Planning to Succeeded. */
public enum Phase {
    Pending, Planning, AwaitingApproval, Preparing, Quiescing, Snapshotting, MigratingDatabase, MigratingArchive, CuttingOver,
    ConvertingConfig, Swapping, Verifying, Succeeded, Failed, RollingBack, RolledBack;

    /** Every phase that does work, in order; each has one step. Which of them an upgrade runs: {@link #work}. */
    public static final List<Phase> WORK = List.of(Planning, AwaitingApproval, Preparing, Quiescing, Snapshotting,
            MigratingDatabase, MigratingArchive, CuttingOver, ConvertingConfig, Swapping, Verifying);
    private static final Set<Phase> OFFLINE_ONLY = EnumSet.of(Snapshotting, MigratingDatabase, MigratingArchive);
    private static final Set<Phase> ONLINE_ONLY = EnumSet.of(Preparing, CuttingOver);

    /** The working phases of an upgrade: AwaitingApproval only with approval, each strategy's own migration phases. */
    public static List<Phase> work(boolean approval, boolean online) {
        return WORK.stream().filter(p -> p.runs(approval, online)).toList();
    }

    private boolean runs(boolean approval, boolean online) {
        return (approval || this != AwaitingApproval) && !(online ? OFFLINE_ONLY : ONLINE_ONLY).contains(this);
    }

    /** The phase after this working one; Succeeded after the last. */
    public Phase next(boolean approval, boolean online) {
        int i = WORK.indexOf(this);
        if (i < 0) {
            throw new IllegalStateException(this + " is not a working phase");
        }
        // from WORK, so that a spec switched to Automatic while AwaitingApproval still finds its way on
        return WORK.subList(i + 1, WORK.size()).stream().filter(p -> p.runs(approval, online)).findFirst().orElse(Succeeded);
    }

    public boolean terminal() {
        return this == Succeeded || this == Failed || this == RolledBack;
    }
}

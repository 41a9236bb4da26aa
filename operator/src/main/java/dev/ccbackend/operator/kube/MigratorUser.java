package dev.ccbackend.operator.kube;

import dev.ccbackend.migrator.plan.UpgradePlan;
import dev.ccbackend.migrator.util.FileOwnership;
import dev.ccbackend.operator.api.MigratorSecurityContext;
import dev.ccbackend.operator.api.RunAs;
import dev.ccbackend.operator.status.Reason;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import java.util.Optional;

/**
 * Who the Jobs run as: cc-backend's own uid, so that everything they write stays cc-backend's and
 * no fsGroup change is needed. In order: {@code spec.migrator.securityContext}, the cc-backend
 * container's securityContext, its pod's, the owner of the data the plan Job found. Root is only
 * taken when the user asks for it; data split between two owners is refused.
 */
public final class MigratorUser {
    /** The plan Job's uid while the owners are not known yet: it only reads (cc-backend's data is 0644/0755). */
    static final long READER_UID = 65532;
    static final String FROM_SPEC = "spec.migrator.securityContext";
    static final String FROM_CONTAINER = "cc-backend container securityContext";
    static final String FROM_POD = "cc-backend pod securityContext";
    static final String FROM_OWNER = "owner of the data";

    /** A uid, or why there is none to take. */
    public record Decision(RunAs runAs, Reason blocker, String message) {
        static Decision of(RunAs runAs) {
            return new Decision(runAs, null, null);
        }

        static Decision blocked(Reason reason, String message) {
            return new Decision(null, reason, message);
        }
    }

    private MigratorUser() {
    }

    /** The user the plan Job runs as: the stated one, else a reader uid. */
    public static RunAs forPlan(MigratorSecurityContext override, PodSpec pod, Container container) {
        return stated(override, pod, container).orElse(new RunAs(READER_UID, READER_UID, "reader, owners not known yet"));
    }

    /** The user the migration Jobs run as, from what is stated and what the plan found on disk. */
    public static Decision decide(MigratorSecurityContext override, PodSpec pod, Container container,
                                  UpgradePlan.Ownership found) {
        Optional<RunAs> stated = stated(override, pod, container);
        if (stated.isPresent()) {
            RunAs runAs = stated.get();
            if (runAs.uid == 0 && !FROM_SPEC.equals(runAs.source)) {
                return rootBlocked("cc-backend runs as root (runAsUser 0 in its " + runAs.source.replace("cc-backend ", "") + ")");
            }
            return Decision.of(runAs);
        }
        FileOwnership.Owner db = found == null ? null : found.database();
        FileOwnership.Owner archive = found == null ? null : found.archive();
        if (db != null && archive != null && db.uid() != archive.uid()) {
            return Decision.blocked(Reason.DataOwnerMismatch, "the database is owned by uid " + db.uid()
                    + " and the job archive by uid " + archive.uid() + ", and cc-backend's pod states no runAsUser: "
                    + "the migration cannot write both as one user. Fix: chown both to the uid cc-backend runs as and set "
                    + "runAsUser on its pod, or set spec.migrator.securityContext.runAsUser (with supplementalGroups "
                    + "that may write the other)");
        }
        FileOwnership.Owner owner = db != null ? db : archive;
        if (owner == null) {
            return Decision.of(new RunAs(READER_UID, READER_UID, "default, the plan found no data owner"));
        }
        if (owner.uid() == 0) {
            return rootBlocked("cc-backend's data is owned by root and its pod states no runAsUser");
        }
        long gid = override != null && override.runAsGroup != null ? override.runAsGroup : owner.gid();
        return Decision.of(new RunAs(owner.uid(), gid, FROM_OWNER));
    }

    /** A warning when the Jobs run as a stated uid that does not own the data. */
    public static Optional<String> ownerMismatch(RunAs runAs, UpgradePlan.Ownership found) {
        FileOwnership.Owner owner = found == null ? null : found.database() != null ? found.database() : found.archive();
        if (owner == null || owner.uid() == runAs.uid || runAs.uid == 0) {
            return Optional.empty();
        }
        return Optional.of("the data is owned by uid " + owner.uid() + " but the Jobs run as uid " + runAs.uid + " ("
                + runAs.source + "): they can write it only through its group or mode (" + owner.describe() + ")");
    }

    private static Decision rootBlocked(String why) {
        return Decision.blocked(Reason.DataOwnedByRoot, why + ": the migration Jobs would have to run as root. "
                + "Fix: chown the data to a non-root uid and run cc-backend as that uid (runAsUser), or set "
                + "spec.migrator.securityContext.runAsUser: 0, for which the namespace must allow Pod Security level "
                + "'baseline' (label pod-security.kubernetes.io/enforce=baseline; 'restricted' forbids root)");
    }

    /** The uid the user or cc-backend's pod states, most specific first; the gid likewise, else the uid. */
    private static Optional<RunAs> stated(MigratorSecurityContext override, PodSpec pod, Container container) {
        var podContext = pod == null ? null : pod.getSecurityContext();
        var containerContext = container == null ? null : container.getSecurityContext();
        Long podGid = podContext == null ? null : podContext.getRunAsGroup();
        Long containerGid = containerContext == null ? null : containerContext.getRunAsGroup();
        Long overrideGid = override == null ? null : override.runAsGroup;
        Long statedGid = overrideGid != null ? overrideGid : containerGid != null ? containerGid : podGid;
        if (override != null && override.runAsUser != null) {
            return Optional.of(new RunAs(override.runAsUser, statedGid != null ? statedGid : override.runAsUser, FROM_SPEC));
        }
        if (containerContext != null && containerContext.getRunAsUser() != null) {
            long uid = containerContext.getRunAsUser();
            return Optional.of(new RunAs(uid, statedGid != null ? statedGid : uid, FROM_CONTAINER));
        }
        if (podContext != null && podContext.getRunAsUser() != null) {
            long uid = podContext.getRunAsUser();
            return Optional.of(new RunAs(uid, statedGid != null ? statedGid : uid, FROM_POD));
        }
        return Optional.empty();
    }
}

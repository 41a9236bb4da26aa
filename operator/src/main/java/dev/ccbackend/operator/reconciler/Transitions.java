package dev.ccbackend.operator.reconciler;

import dev.ccbackend.operator.api.ApprovalPolicy;
import dev.ccbackend.operator.api.CcBackendUpgrade;
import dev.ccbackend.operator.api.CcBackendUpgradeStatus;
import dev.ccbackend.operator.api.Phase;
import dev.ccbackend.operator.api.RollbackPolicy;
import dev.ccbackend.operator.api.StepState;
import dev.ccbackend.operator.api.StepStatus;
import dev.ccbackend.operator.api.UpgradeStrategy;
import dev.ccbackend.operator.kube.MigrationJobBuilder;
import dev.ccbackend.operator.metrics.OperatorMetrics;
import dev.ccbackend.operator.status.Conditions;
import dev.ccbackend.operator.status.EventRecorder;
import dev.ccbackend.operator.status.Reason;
import dev.ccbackend.operator.steps.StepResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Objects;

/** Turns the start of an attempt and each step's result into status, conditions, events and metrics. */
class Transitions {
    /** Reconcile again at once: the next phase starts without waiting for a poll. */
    static final Duration NOW = Duration.ofMillis(1);

    private final Clock clock;
    private final EventRecorder events;
    private final OperatorMetrics metrics;
    private final Duration poll;

    Transitions(Clock clock, EventRecorder events, OperatorMetrics metrics, Duration poll) {
        this.clock = clock;
        this.events = events;
        this.metrics = metrics;
        this.poll = poll;
    }

    /** A new resource, a new spec.version after the last upgrade ended, or a spec.retry bump after a failure. */
    static boolean shouldStart(CcBackendUpgrade cr) {
        CcBackendUpgradeStatus s = cr.getStatus();
        if (s.phase == null || s.phase == Phase.Pending) {
            return true;
        }
        return s.phase.terminal() && (!Objects.equals(s.toVersion, cr.getSpec().version)
                || (s.phase != Phase.Succeeded && !Objects.equals(s.observedRetry, cr.getSpec().retry)));
    }

    void start(CcBackendUpgrade cr) {
        CcBackendUpgradeStatus s = cr.getStatus();
        // After a failure (even with a new spec.version) cc-backend may still be stopped and the
        // snapshots hold the data from before: keep what to restore. Only a new upgrade after a
        // success records it afresh.
        boolean retry = s.phase != null && s.phase != Phase.Succeeded && s.phase != Phase.Pending;
        if (!retry) {
            s.originalReplicas = null;
            s.originalImage = null;
            s.originalConfigMap = null;
            s.snapshots = new ArrayList<>();
            s.keptOriginals = null;
            s.dataTouched = null;
            s.migratedJobs = null;
            s.rollbackable = null;
            s.rollbackMessage = null;
            s.rollbackableUntil = null;
            s.cleanedUpAt = null;
        }
        s.observedGeneration = cr.getMetadata().getGeneration();
        s.observedRetry = cr.getSpec().retry;
        s.specHash = MigrationJobBuilder.specHash(cr.getSpec());
        s.toVersion = cr.getSpec().version;
        s.strategy = retry && keepsStrategy(s) ? s.strategy : cr.getSpec().strategy;
        if (s.strategy != UpgradeStrategy.Online || (s.keptOriginals != null && !switchedOnline(s))) {
            s.keptOriginals = null; // rolled back (renamed back) already, or nothing was switched: names of the past
        }
        s.phase = Phase.Planning;
        s.currentStep = Phase.Planning.name();
        s.steps = new ArrayList<>();
        Phase.work(approval(cr), s.online()).forEach(s::stepFor);
        s.plan = null;
        s.archiveProgress = null;
        s.newConfigMap = null;
        s.message = (retry ? "retrying the upgrade to " : "upgrading to ") + s.toVersion;
        Instant now = clock.instant();
        Long gen = s.observedGeneration;
        Conditions.set(s, Conditions.PROGRESSING, true, Reason.UpgradeStarted.name(), s.message, now, gen);
        Conditions.set(s, Conditions.READY, false, Reason.UpgradeStarted.name(), s.message, now, gen);
        Conditions.set(s, Conditions.FAILED, false, Reason.UpgradeStarted.name(), s.message, now, gen);
        Conditions.reflectPhase(s, cr.getSpec().paused, now);
        events.normal(cr, Reason.UpgradeStarted.name(), s.message);
        metrics.upgradeStarted(resource(cr));
    }

    /**
     * Whether a retry must go on as the failed attempt did: data an online cutover switched is only renamed back by an
     * online rollback, data an offline migration touched only restored from its snapshots.
     */
    private static boolean keepsStrategy(CcBackendUpgradeStatus s) {
        return s.strategy != null && (switchedOnline(s)
                || (s.strategy == UpgradeStrategy.Offline && Boolean.TRUE.equals(s.dataTouched) && !s.snapshots.isEmpty()));
    }

    /** An online cutover switched a database or archive that no rollback has renamed back. */
    private static boolean switchedOnline(CcBackendUpgradeStatus s) {
        var k = s.keptOriginals;
        return k != null && !Boolean.TRUE.equals(k.renamedBack) && (k.database != null || k.archive != null);
    }

    /** Reflects spec.paused in the Progressing condition; returns whether the status changed. */
    boolean pause(CcBackendUpgrade cr, Phase phase) {
        CcBackendUpgradeStatus s = cr.getStatus();
        boolean pausedNow = Conditions.hasReason(s, Conditions.PROGRESSING, Reason.Paused.name());
        if (cr.getSpec().paused == pausedNow) {
            return false;
        }
        String message = cr.getSpec().paused ? "paused before " + phase + ": set spec.paused to false to continue"
                : "resumed at " + phase;
        Conditions.set(s, Conditions.PROGRESSING, !cr.getSpec().paused,
                cr.getSpec().paused ? Reason.Paused.name() : Reason.Resumed.name(), message, clock.instant(), s.observedGeneration);
        s.message = message;
        Conditions.reflectPhase(s, cr.getSpec().paused, clock.instant());
        events.normal(cr, cr.getSpec().paused ? Reason.Paused.name() : Reason.Resumed.name(), message);
        return true;
    }

    /** Marks the phase's step Running when it first runs. Returns whether the status changed. */
    boolean enter(CcBackendUpgrade cr, Phase phase) {
        StepStatus step = cr.getStatus().stepFor(phase);
        if (step.state == StepState.Running) {
            return false;
        }
        step.state = StepState.Running;
        step.startedAt = clock.instant().toString();
        cr.getStatus().currentStep = phase.name();
        events.normal(cr, Reason.StepStarted.name(), phase + " started");
        return true;
    }

    /** Applies the result; returns when to reconcile again, or null to wait for a spec change. */
    Duration apply(CcBackendUpgrade cr, Phase phase, StepResult result) {
        Duration next = applyResult(cr, phase, result);
        if (!(result instanceof StepResult.Wait)) {
            Conditions.reflectPhase(cr.getStatus(), cr.getSpec().paused, clock.instant());
        }
        return next;
    }

    private Duration applyResult(CcBackendUpgrade cr, Phase phase, StepResult result) {
        CcBackendUpgradeStatus s = cr.getStatus();
        StepStatus step = s.stepFor(phase);
        if (result instanceof StepResult.Wait w) {
            step.message = w.message();
            s.message = w.message();
            return w.after() != null ? w.after() : poll;
        }
        step.finishedAt = clock.instant().toString();
        metrics.stepFinished(phase.name(), Duration.between(Instant.parse(step.startedAt), clock.instant()));
        if (result instanceof StepResult.Fail f) {
            fail(cr, step, f);
            return s.phase == Phase.RollingBack ? NOW : null;
        }
        if (phase == Phase.RollingBack) {
            rolledBack(cr, step, result);
            return null;
        }
        boolean skipped = result instanceof StepResult.Skip;
        step.state = skipped ? StepState.Skipped : StepState.Succeeded;
        step.message = skipped ? ((StepResult.Skip) result).message() : ((StepResult.Advance) result).message();
        events.normal(cr, (skipped ? Reason.StepSkipped : Reason.StepSucceeded).name(), phase + ": " + step.message);
        Phase next = phase.next(approval(cr), s.online());
        s.phase = next;
        if (next == Phase.Succeeded) {
            succeed(cr);
            return cr.getSpec().retention != null ? NOW : null; // the rollback window's clock starts
        }
        s.currentStep = next.name();
        s.message = phase + " done: " + step.message;
        return NOW;
    }

    private void succeed(CcBackendUpgrade cr) {
        CcBackendUpgradeStatus s = cr.getStatus();
        s.currentStep = null;
        Instant now = clock.instant();
        s.downtimeSeconds = downtime(s, now);
        s.message = "cc-backend upgraded from " + s.fromVersion + " to " + s.toVersion
                + (s.downtimeSeconds == null ? "" : "; down for " + s.downtimeSeconds + " s");
        if (cr.getSpec().retention != null) {
            s.rollbackableUntil = now.plus(cr.getSpec().retention.length()).toString();
            s.rollbackMessage = "until " + s.rollbackableUntil + " the " + (s.online() ? "kept originals" : "snapshots")
                    + " can bring the old version back by hand (what the new one wrote since is lost); then they are deleted";
        }
        Conditions.set(s, Conditions.READY, true, Reason.UpgradeSucceeded.name(), s.message, now, s.observedGeneration);
        Conditions.set(s, Conditions.PROGRESSING, false, Reason.UpgradeSucceeded.name(), s.message, now, s.observedGeneration);
        events.normal(cr, Reason.UpgradeSucceeded.name(), s.message);
        metrics.upgradeSucceeded(resource(cr));
    }

    private void fail(CcBackendUpgrade cr, StepStatus step, StepResult.Fail f) {
        CcBackendUpgradeStatus s = cr.getStatus();
        step.state = StepState.Failed;
        step.message = f.message();
        Phase failed = Phase.valueOf(step.name);
        boolean rollBack = failed != Phase.RollingBack && cr.getSpec().rollback == RollbackPolicy.Automatic
                && Boolean.TRUE.equals(s.rollbackable) && s.originalReplicas != null
                && (s.online() ? Boolean.TRUE.equals(s.dataTouched) : !s.snapshots.isEmpty());
        s.phase = rollBack ? Phase.RollingBack : Phase.Failed;
        s.currentStep = rollBack ? Phase.RollingBack.name() : step.name;
        s.message = step.name + " failed (" + f.reason() + "): " + f.message()
                + (rollBack ? (s.online() ? ". Rolling back automatically: renaming the kept originals back."
                : ". Rolling back automatically to the snapshots.") : nextSteps(cr, failed));
        Instant now = clock.instant();
        Conditions.set(s, Conditions.FAILED, true, f.reason(), s.message, now, s.observedGeneration);
        Conditions.set(s, Conditions.READY, false, f.reason(), s.message, now, s.observedGeneration);
        Conditions.set(s, Conditions.PROGRESSING, false, f.reason(), s.message, now, s.observedGeneration);
        events.warning(cr, f.reason(), s.message);
        metrics.upgradeFailed(resource(cr), f.reason());
    }

    private void rolledBack(CcBackendUpgrade cr, StepStatus step, StepResult result) {
        CcBackendUpgradeStatus s = cr.getStatus();
        step.state = StepState.Succeeded;
        step.message = ((StepResult.Advance) result).message();
        s.phase = Phase.RolledBack;
        s.currentStep = null;
        s.rollbackable = false;
        s.rollbackMessage = "rolled back to " + s.originalImage;
        s.downtimeSeconds = downtime(s, clock.instant());
        String failure = s.conditions.stream().filter(c -> Conditions.FAILED.equals(c.type)).map(c -> c.message)
                .findFirst().orElse("");
        s.message = "rolled back: " + step.message + ". The upgrade had failed: " + failure
                + " Fix the cause and increment spec.retry to upgrade again.";
        Instant now = clock.instant();
        Conditions.set(s, Conditions.READY, false, Reason.RolledBack.name(), s.message, now, s.observedGeneration);
        Conditions.set(s, Conditions.PROGRESSING, false, Reason.RolledBack.name(), s.message, now, s.observedGeneration);
        events.normal(cr, Reason.RolledBack.name(), s.message);
    }

    /** What the user can do: nothing was touched before Quiescing; after it cc-backend is stopped. */
    private static String nextSteps(CcBackendUpgrade cr, Phase failed) {
        CcBackendUpgradeStatus s = cr.getStatus();
        if (s.originalReplicas == null) {
            // before Quiescing, or cc-backend was started again because no data had been touched
            return ". " + (s.snapshots.isEmpty() ? "Nothing" : "No data") + " was changed; fix the cause and increment spec.retry.";
        }
        String state = failed == Phase.Verifying
                ? ". The Deployment runs the new image, which did not pass verification (before: " + s.originalReplicas
                + " replicas of " + s.originalImage + ")"
                : ". cc-backend is stopped (it had " + s.originalReplicas + " replicas, image " + s.originalImage + ")";
        if ((failed.ordinal() <= Phase.Snapshotting.ordinal() || s.online()) && !Boolean.TRUE.equals(s.dataTouched)) {
            // stopped, but no migration ran: the data on the claims is the data cc-backend left, no snapshot is needed
            return state + ". No data was changed: start cc-backend again with `kubectl scale deployment/"
                    + cr.getSpec().target.deployment + " --replicas=" + s.originalReplicas + "`, or fix the cause and"
                    + " increment spec.retry.";
        }
        if (s.online()) {
            return state + ". The originals are kept beside the data" + kept(s) + ": to roll back by hand, run `cc-migrator db"
                    + " switch-back` and `archive switch-back` (--kept NAME, or --interrupted for a cutover that did not"
                    + " finish) with cc-backend stopped, then set its image to " + s.originalImage + " and its replicas to "
                    + s.originalReplicas + ". Or fix the cause and increment spec.retry: the cutover repeats what is left";
        }
        String manual = s.snapshots.isEmpty() ? "" : ". To roll back by hand: create a PersistentVolumeClaim from each of "
                + String.join(", ", s.snapshots.stream().map(x -> "VolumeSnapshot " + x.snapshotName + " (of " + x.claimName + ")")
                .toList())
                + " (spec.dataSource), point the Deployment's volumes at them, set its image to " + s.originalImage
                + ", its ConfigMap to " + s.originalConfigMap + " and its replicas to " + s.originalReplicas;
        return state + manual + ". Or fix the cause and increment spec.retry to plan anew from what is on disk.";
    }

    private static String kept(CcBackendUpgradeStatus s) {
        var k = s.keptOriginals;
        String names = k == null ? "" : String.join(", ", java.util.stream.Stream.of(k.database, k.archive)
                .filter(Objects::nonNull).toList());
        return names.isEmpty() ? "" : " (" + names + ")";
    }

    /** From the scale-down (the start of Quiescing) to now; null when cc-backend was never stopped. */
    private static Long downtime(CcBackendUpgradeStatus s, Instant now) {
        return s.step(Phase.Quiescing).filter(q -> q.startedAt != null && s.originalReplicas != null)
                .map(q -> Duration.between(Instant.parse(q.startedAt), now).toSeconds()).orElse(null);
    }

    private static boolean approval(CcBackendUpgrade cr) {
        return cr.getSpec().approval == ApprovalPolicy.Manual;
    }

    static String resource(CcBackendUpgrade cr) {
        return cr.getMetadata().getNamespace() + "/" + cr.getMetadata().getName();
    }
}

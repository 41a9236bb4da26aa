package dev.ccbackend.operator.reconciler;

import dev.ccbackend.migrator.util.Json;
import dev.ccbackend.operator.api.CcBackendUpgrade;
import dev.ccbackend.operator.api.CcBackendUpgradeStatus;
import dev.ccbackend.operator.api.Phase;
import dev.ccbackend.operator.kube.MigrationJobBuilder;
import dev.ccbackend.operator.metrics.OperatorMetrics;
import dev.ccbackend.operator.status.EventRecorder;
import dev.ccbackend.operator.status.StatusWriter;
import dev.ccbackend.operator.steps.OperatorSettings;
import dev.ccbackend.operator.steps.Step;
import dev.ccbackend.operator.steps.RetentionCleanup;
import dev.ccbackend.operator.steps.StepContext;
import dev.ccbackend.operator.status.Reason;
import dev.ccbackend.operator.steps.StepFailure;
import dev.ccbackend.operator.steps.StepResult;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.slf4j.MDC;

/**
 * Dispatch only: reads {@code status.phase}, runs that phase's step, turns its result into status
 * and a reschedule. All status writes go through {@link StatusWriter} at once (write-ahead), so
 * JOSDK itself never patches the resource.
 */
public class CcBackendUpgradeReconciler implements Reconciler<CcBackendUpgrade>, Cleaner<CcBackendUpgrade> {
    private final KubernetesClient client;
    private final Map<Phase, Step> steps;
    private final OperatorSettings settings;
    private final Clock clock;
    private final OperatorMetrics metrics;
    private final EventRecorder events;
    private final StatusWriter writer;
    private final Transitions transitions;
    private final DeletionGuard deletionGuard;

    public CcBackendUpgradeReconciler(KubernetesClient client, Map<Phase, Step> steps, OperatorSettings settings,
                                      Clock clock, OperatorMetrics metrics) {
        this.client = client;
        this.steps = steps;
        this.settings = settings;
        this.clock = clock;
        this.metrics = metrics;
        this.events = new EventRecorder(client, clock);
        this.writer = new StatusWriter(client);
        this.transitions = new Transitions(clock, events, metrics, settings.pollInterval());
        this.deletionGuard = new DeletionGuard(client, clock);
    }

    /** The finalizer's work: see {@link DeletionGuard}. */
    @Override
    public DeleteControl cleanup(CcBackendUpgrade cr, Context<CcBackendUpgrade> context) {
        deletionGuard.onDelete(cr);
        metrics.forget(Transitions.resource(cr));
        return DeleteControl.defaultDelete();
    }

    @Override
    public UpdateControl<CcBackendUpgrade> reconcile(CcBackendUpgrade cached, Context<CcBackendUpgrade> context) {
        // The informer cache can lag behind our own status writes: always act on the newest state.
        CcBackendUpgrade cr = client.resources(CcBackendUpgrade.class).inNamespace(cached.getMetadata().getNamespace())
                .withName(cached.getMetadata().getName()).get();
        if (cr == null) {
            return UpdateControl.noUpdate();
        }
        MDC.put("resource", Transitions.resource(cr));
        try {
            Duration next = reconcileOnce(cr);
            return next == null ? UpdateControl.noUpdate() : UpdateControl.<CcBackendUpgrade>noUpdate().rescheduleAfter(next);
        } catch (RuntimeException e) {
            metrics.reconcileError();
            throw e;
        } finally {
            metrics.observe(Transitions.resource(cr), cr.getStatus(), clock.instant());
            MDC.remove("resource");
            MDC.remove("step");
        }
    }

    Duration reconcileOnce(CcBackendUpgrade cr) {
        if (cr.getStatus() == null) {
            cr.setStatus(new CcBackendUpgradeStatus());
        }
        if (Transitions.shouldStart(cr)) {
            transitions.start(cr);
            writer.write(cr);
            return Transitions.NOW;
        }
        Phase phase = cr.getStatus().phase;
        MDC.put("step", phase.name());
        if (!java.util.Objects.equals(cr.getStatus().observedGeneration, cr.getMetadata().getGeneration()) && applied(cr)) {
            // Seen and acted on (kstatus and GitOps tools compare this with metadata.generation).
            cr.getStatus().observedGeneration = cr.getMetadata().getGeneration();
            cr.getStatus().conditions.forEach(c -> c.observedGeneration = cr.getMetadata().getGeneration());
            writer.write(cr);
        }
        if (phase == Phase.Succeeded && cr.getSpec().retention != null && cr.getStatus().cleanedUpAt == null) {
            return RetentionCleanup.run(new StepContext(cr, phase, client, clock, settings, () -> writer.write(cr), events));
        }
        if (phase.terminal() || !steps.containsKey(phase)) {
            return null; // a spec change (version, retry) brings the next reconcile
        }
        if (transitions.pause(cr, phase)) {
            writer.write(cr);
        }
        if (cr.getSpec().paused) {
            return null; // unpausing is a spec change and brings the next reconcile
        }
        if (transitions.enter(cr, phase)) {
            writer.write(cr);
        }
        String before = Json.compact(cr.getStatus());
        StepContext ctx = new StepContext(cr, phase, client, clock, settings, () -> writer.write(cr), events);
        StepResult result = runStep(phase, ctx);
        Duration next = transitions.apply(cr, phase, result);
        if (!before.equals(Json.compact(cr.getStatus()))) {
            writer.write(cr);
        }
        return next;
    }

    /**
     * Whether the current spec is the one being acted on: always once the upgrade has ended; during an
     * attempt only when nothing but {@code paused} changed (a new version or retry waits for the end,
     * so its generation is not reported as observed until then).
     */
    private static boolean applied(CcBackendUpgrade cr) {
        return cr.getStatus().phase.terminal() || MigrationJobBuilder.specHash(cr.getSpec()).equals(cr.getStatus().specHash);
    }

    /** The step's result; a request the API server refuses for good fails the step instead of looping. */
    private StepResult runStep(Phase phase, StepContext ctx) {
        try {
            return steps.get(phase).run(ctx);
        } catch (StepFailure e) {
            return e.result();
        } catch (KubernetesClientException e) {
            if (e.getCode() != 400 && e.getCode() != 403 && e.getCode() != 422) {
                throw e; // conflicts, timeouts, 5xx: the next reconcile tries again
            }
            String why = e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage() : e.getMessage();
            return StepResult.fail(Reason.RejectedByApiServer, "the API server refused a request (" + e.getCode() + "): " + why
                    + (e.getCode() == 403 ? ". Check the operator's RBAC and the cluster's admission policies"
                    : ". Check the cluster's admission policies (Pod Security, Kyverno, Gatekeeper); else report this as a bug"));
        }
    }
}

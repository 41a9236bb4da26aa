package dev.ccbackend.operator.steps;

import dev.ccbackend.operator.kube.Deployments;
import dev.ccbackend.operator.kube.JobOutcome;
import dev.ccbackend.operator.kube.MigratorArgs;
import dev.ccbackend.operator.kube.PodAffinities;
import dev.ccbackend.operator.kube.PodHttp;
import dev.ccbackend.operator.status.Reason;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.List;
import java.util.Optional;

/**
 * More than Ready: the new cc-backend serves its pages (GET / through the API server's pod proxy gives a page or
 * a redirect to its login), and its database holds at least the jobs that were migrated (a read-only
 * {@code db inspect} Job beside it; more are fine: new jobs arrive once it runs). Until the rollout deadline an
 * unanswered page is asked again; then, as a wrong count at once, it is a VerificationFailed with the evidence.
 */
final class SmokeTest {
    private SmokeTest() {
    }

    /** Advance with the evidence when it passed; else a wait or a fail. */
    static StepResult run(StepContext ctx, Deployment d, List<Pod> pods) {
        StepResult page = page(ctx, d, pods.get(0));
        if (!(page instanceof StepResult.Advance pageOk)) {
            return page;
        }
        JobOutcome counted = JobStepRunner.run(ctx, "smoketest", new MigratorArgs(ctx.spec()).inspectDatabase(), true, false,
                PodAffinities.sameNodeAsRunningPods(ctx.client(), d));
        if (counted instanceof JobOutcome.Failed f) {
            return StepResult.fail(Reason.VerificationFailed, "cc-backend " + ctx.spec().version + " runs and " + pageOk.message()
                    + ", but counting the jobs in its database failed: " + JobStepRunner.describe(f, ctx.step().jobName));
        }
        if (!(counted instanceof JobOutcome.Succeeded s)) {
            return StepResult.waitFor("cc-backend " + ctx.spec().version + " " + pageOk.message() + "; counting the jobs it sees"
                    + " in Job " + ctx.step().jobName);
        }
        long seen = s.result() == null ? -1 : s.result().path("jobs").asLong(-1);
        Long migrated = ctx.status().migratedJobs != null ? ctx.status().migratedJobs : ctx.status().plan.databaseJobs;
        if (seen < 0 || (migrated != null && seen < migrated)) {
            return StepResult.fail(Reason.VerificationFailed, "cc-backend " + ctx.spec().version + " runs and " + pageOk.message()
                    + ", but its database holds " + (seen < 0 ? "an unknown number of" : seen) + " jobs where " + migrated
                    + " were migrated" + (seen < 0 ? "" : ": " + (migrated - seen) + " are missing") + " (see kubectl logs job/"
                    + ctx.step().jobName + ")");
        }
        return StepResult.advance(pageOk.message() + "; its database holds " + seen + " jobs (" + migrated + " migrated"
                + (seen > migrated ? ", " + (seen - migrated) + " new since" : "") + ")");
    }

    /** Advance("answers …") when the page is served, else wait, or fail at the rollout deadline. */
    private static StepResult page(StepContext ctx, Deployment d, Pod pod) {
        Optional<Integer> port = Deployments.container(d, ctx.spec().target.container).map(c -> c.getPorts() == null ? null
                : c.getPorts().stream().map(ContainerPort::getContainerPort).findFirst().orElse(null));
        if (port.isEmpty()) {
            return StepResult.advance("declares no containerPort (its page was not checked)");
        }
        String evidence;
        try {
            PodHttp.Answer answer = PodHttp.get(ctx.client(), pod, port.get(), "/");
            if (answer.servesPages()) {
                return StepResult.advance("answers GET / on port " + port.get() + " with " + answer.code()
                        + (answer.location() == null ? "" : " → " + answer.location()));
            }
            evidence = "GET / on port " + port.get() + " of pod " + pod.getMetadata().getName() + " answered " + answer;
        } catch (IllegalStateException e) {
            evidence = e.getMessage();
        }
        if (ctx.pastDeadline(ctx.spec().migratorOrDefault().timeouts.rolloutTimeout())) {
            return StepResult.fail(Reason.VerificationFailed, "cc-backend " + ctx.spec().version + " is ready but does not serve"
                    + " its pages: " + evidence + " (see kubectl logs " + pod.getMetadata().getName() + ")");
        }
        return StepResult.waitFor("cc-backend " + ctx.spec().version + " is ready; its page does not answer yet: " + evidence);
    }
}

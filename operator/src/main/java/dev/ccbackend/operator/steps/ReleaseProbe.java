package dev.ccbackend.operator.steps;

import dev.ccbackend.migrator.catalog.ReleaseCatalog;
import dev.ccbackend.migrator.catalog.VersionProbe;
import dev.ccbackend.operator.api.ProbedRelease;
import dev.ccbackend.operator.kube.JobOutcome;
import dev.ccbackend.operator.kube.MigrationJobs;
import dev.ccbackend.operator.status.Reason;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.Optional;

/**
 * The target's DB and archive versions: from the catalog, from the spec, or, for a release the
 * catalog does not know, from a Job running the target image's {@code cc-backend -version}.
 */
final class ReleaseProbe {
    private ReleaseProbe() {
    }

    /** Empty when the versions are known (catalog, spec or an earlier probe); else what to report. */
    static Optional<StepResult> ensure(StepContext ctx) {
        var spec = ctx.spec();
        if (ReleaseCatalog.find(spec.version).isPresent()
                || (spec.targetDbVersion != null && spec.targetArchiveVersion != null)
                || ctx.status().probedRelease != null) {
            return Optional.empty();
        }
        Job probe = JobStepRunner.jobBuilder(ctx)
                .buildProbe();
        MigrationJobs jobs = new MigrationJobs(ctx.client(), ctx.namespace());
        String name = probe.getMetadata().getName();
        JobOutcome outcome = JobStepRunner.ensure(ctx, probe, false);
        if (outcome instanceof JobOutcome.Running) {
            return Optional.of(StepResult.waitFor("probing " + spec.targetImage() + " (release " + spec.version
                    + " is not in the catalog) in Job " + name));
        }
        Optional<String> output = jobs.latestPod(name).flatMap(pod -> ctx.settings().logSource().tail(ctx.client(), pod));
        if (outcome instanceof JobOutcome.Failed f || output.isEmpty()) {
            return Optional.of(unknown(spec.version, spec.targetImage() + " did not print its versions (see kubectl logs job/"
                    + name + ")"));
        }
        try {
            VersionProbe versions = VersionProbe.parse(output.get());
            ProbedRelease probed = new ProbedRelease();
            probed.image = spec.targetImage();
            probed.dbVersion = versions.dbVersion();
            probed.archiveVersion = versions.archiveVersion();
            ctx.status().probedRelease = probed;
            ctx.events().normal(ctx.resource(), "ReleaseProbed", spec.targetImage() + " needs database "
                    + probed.dbVersion + " and archive " + probed.archiveVersion);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(unknown(spec.version, e.getMessage()));
        }
    }

    private static StepResult unknown(String version, String why) {
        return StepResult.fail(Reason.UnknownRelease, "release " + version + " is not in the catalog and " + why
                + ": set spec.targetDbVersion and spec.targetArchiveVersion (what cc-backend -version prints)");
    }
}

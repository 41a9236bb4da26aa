package dev.ccbackend.operator.steps;

import dev.ccbackend.operator.kube.Deployments;
import dev.ccbackend.operator.status.Reason;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.util.Optional;

/**
 * Where cc-backend finds the SQLite file a MariaDB database is converted into. The operator does
 * not add volumes to the Deployment: the convertToSqlite claim must already be mounted in the
 * cc-backend container (the usual {@code ./var} claim is), and the config points at that path.
 */
final class ConvertedDatabase {
    private ConvertedDatabase() {
    }

    /** The file's path inside the cc-backend container; empty when not converting or not mounted. */
    static Optional<String> pathInCcBackend(StepContext ctx) {
        var spec = ctx.spec();
        if (!spec.database.convertsToSqlite()) {
            return Optional.empty();
        }
        return Deployments.get(ctx.client(), ctx.namespace(), spec.target.deployment).flatMap(d -> {
            var volumes = d.getSpec().getTemplate().getSpec().getVolumes();
            return volumes.stream().filter(v -> v.getPersistentVolumeClaim() != null
                            && spec.database.convertToSqlite.claimName.equals(v.getPersistentVolumeClaim().getClaimName()))
                    .findFirst().flatMap(v -> Deployments.container(d, spec.target.container).flatMap(c ->
                            c.getVolumeMounts().stream().filter(m -> m.getName().equals(v.getName())
                                    && (m.getSubPath() == null || m.getSubPath().isEmpty())).map(VolumeMount::getMountPath).findFirst()));
        }).map(mount -> mount.replaceAll("/+$", "") + "/" + spec.database.convertToSqlite.path);
    }

    /** Refuses a conversion whose target claim cc-backend could not see after the swap. */
    static Optional<StepResult> checkMounted(StepContext ctx) {
        var spec = ctx.spec();
        if (!spec.database.convertsToSqlite() || pathInCcBackend(ctx).isPresent()) {
            return Optional.empty();
        }
        return Optional.of(StepResult.fail(Reason.ClaimNotMounted, "spec.database.convertToSqlite names claim "
                + spec.database.convertToSqlite.claimName + ", which Deployment " + spec.target.deployment
                + " does not mount (without subPath): mount it in the cc-backend container (e.g. at ./var) and retry"));
    }
}

package dev.ccbackend.operator.steps;

import dev.ccbackend.operator.api.DatabaseDriver;
import dev.ccbackend.operator.kube.DataVolumes;
import dev.ccbackend.operator.status.Reason;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import java.util.Optional;

/**
 * What the spec names must exist before a Job is started: a Job whose claim, ConfigMap or Secret
 * is missing would wait unscheduled until its deadline instead of failing.
 */
final class InputCheck {
    private InputCheck() {
    }

    static Optional<StepResult> check(StepContext ctx) {
        var spec = ctx.spec();
        var client = ctx.client();
        String ns = ctx.namespace();
        for (String claim : new DataVolumes(spec).claims()) {
            if (client.persistentVolumeClaims().inNamespace(ns).withName(claim).get() == null) {
                return fail(Reason.ClaimNotFound, "PersistentVolumeClaim " + claim + " not found in " + ns
                        + ": fix spec.database / spec.archive");
            }
        }
        ConfigMap config = client.configMaps().inNamespace(ns).withName(spec.config.configMapName).get();
        if (config == null || config.getData() == null || !config.getData().containsKey(spec.config.key)) {
            return fail(Reason.ConfigMapNotFound, "ConfigMap " + spec.config.configMapName + " with key " + spec.config.key
                    + " not found in " + ns + ": fix spec.config");
        }
        if (spec.config.envSecretName != null && !hasKey(ctx, spec.config.envSecretName, ".env")) {
            return fail(Reason.SecretNotFound, "Secret " + spec.config.envSecretName + " with key .env not found in " + ns
                    + ": fix spec.config.envSecretName");
        }
        if (spec.database.driver == DatabaseDriver.MYSQL && !hasKey(ctx, spec.database.mysql.secretName, spec.database.mysql.key)) {
            return fail(Reason.SecretNotFound, "Secret " + spec.database.mysql.secretName + " with key "
                    + spec.database.mysql.key + " not found in " + ns + ": fix spec.database.mysql");
        }
        return ConvertedDatabase.checkMounted(ctx);
    }

    private static boolean hasKey(StepContext ctx, String name, String key) {
        Secret secret = ctx.client().secrets().inNamespace(ctx.namespace()).withName(name).get();
        return secret != null && ((secret.getData() != null && secret.getData().containsKey(key))
                || (secret.getStringData() != null && secret.getStringData().containsKey(key)));
    }

    private static Optional<StepResult> fail(Reason reason, String message) {
        return Optional.of(StepResult.fail(reason, message));
    }
}

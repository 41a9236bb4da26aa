package dev.ccbackend.operator.steps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccbackend.migrator.util.Json;
import dev.ccbackend.operator.kube.MigrationJobBuilder;
import dev.ccbackend.operator.kube.Names;
import dev.ccbackend.operator.status.Reason;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import java.util.HashMap;
import java.util.Map;

/**
 * Writes the converted config.json into a new ConfigMap with a deterministic name (old name,
 * release, content hash); the old ConfigMap stays for a rollback. Other keys are copied as they are.
 */
public class ConvertConfigStep implements Step {
    public static final String ANNOTATION_SOURCE = "cc-backend.dev/converted-from";

    private final ConfigConversion conversion;

    public ConvertConfigStep(ConfigConversion conversion) {
        this.conversion = conversion;
    }

    @Override
    public StepResult run(StepContext ctx) {
        var spec = ctx.spec();
        if (!ctx.status().plan.convertConfig) {
            return StepResult.skip("config.json already in the format " + spec.version + " reads");
        }
        ConfigMap old = ctx.client().configMaps().inNamespace(ctx.namespace()).withName(spec.config.configMapName).get();
        String text = old == null || old.getData() == null ? null : old.getData().get(spec.config.key);
        if (text == null) {
            return StepResult.fail(Reason.ConfigMapNotFound, "ConfigMap " + spec.config.configMapName + " with key "
                    + spec.config.key + " not found: fix spec.config");
        }
        ConfigConversion.Converted converted;
        try {
            JsonNode parsed = Json.MAPPER.readTree(text);
            if (!parsed.isObject()) {
                throw new IllegalArgumentException("config.json is not a JSON object");
            }
            converted = conversion.convert((ObjectNode) parsed, spec.version, ConvertedDatabase.pathInCcBackend(ctx).orElse(null));
        } catch (IllegalArgumentException | com.fasterxml.jackson.core.JsonProcessingException e) {
            return StepResult.fail(Reason.ConfigConversionFailed, "cannot convert " + spec.config.configMapName + "/"
                    + spec.config.key + " to " + spec.version + ": " + e.getMessage());
        }
        String json = Json.pretty(converted.config()) + "\n";
        String name = Names.configMap(spec.config.configMapName, spec.version, Names.shortHash(json));
        if (!name.equals(ctx.status().newConfigMap)) {
            ctx.status().newConfigMap = name;
            ctx.saveStatus();
        }
        if (ctx.client().configMaps().inNamespace(ctx.namespace()).withName(name).get() == null) {
            Map<String, String> data = new HashMap<>(old.getData());
            data.put(spec.config.key, json);
            // No owner reference: cc-backend runs on this ConfigMap after the CcBackendUpgrade is gone.
            ctx.client().configMaps().inNamespace(ctx.namespace()).resource(new ConfigMapBuilder()
                    .withNewMetadata().withName(name).withNamespace(ctx.namespace())
                    .withLabels(Map.of(MigrationJobBuilder.MANAGED_BY, MigrationJobBuilder.OPERATOR,
                            MigrationJobBuilder.LABEL_UPGRADE, Names.labelValue(ctx.resource().getMetadata().getName())))
                    .withAnnotations(Map.of(ANNOTATION_SOURCE, spec.config.configMapName))
                    .endMetadata().withData(data).withBinaryData(old.getBinaryData()).build()).create();
        }
        converted.warnings().forEach(w -> ctx.events().warning(ctx.resource(), "ConfigWarning", w));
        return StepResult.advance("config converted into ConfigMap " + name);
    }
}

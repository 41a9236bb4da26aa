package dev.ccbackend.operator.packaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.NonValidationKeyword;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The CcBackendUpgrade CRD's OpenAPI schema as a JSON schema, to check resources the way the API
 * server's structural validation would (types, enums, required fields, patterns), plus the fields
 * it would silently prune because the schema does not know them. The CEL rules
 * ({@code x-kubernetes-validations}) are not evaluated here.
 */
final class CrdSchema {

    static final String CRD_FILE = "files/ccbackendupgrades.cc-backend.dev-v1.yml";

    private static final List<String> KUBERNETES_KEYWORDS = List.of("x-kubernetes-validations",
            "x-kubernetes-preserve-unknown-fields", "x-kubernetes-int-or-string", "x-kubernetes-embedded-resource",
            "x-kubernetes-list-type", "x-kubernetes-list-map-keys", "x-kubernetes-map-type");

    private final JsonNode openApi;
    private final JsonSchema schema;

    private CrdSchema(JsonNode openApi, JsonSchema schema) {
        this.openApi = openApi;
        this.schema = schema;
    }

    /** The schema of the chart's CRD copy (the same file crds/ holds, see HelmChartTest). */
    static CrdSchema fromChart() throws IOException {
        Path file = HelmChart.chartDir().resolve(CRD_FILE);
        return of(new YAMLMapper().readTree(file.toFile()));
    }

    static CrdSchema of(JsonNode crd) {
        JsonNode openApi = crd.path("spec").path("versions").get(0).path("schema").path("openAPIV3Schema");
        if (openApi.isMissingNode()) {
            throw new AssertionError("CRD has no openAPIV3Schema");
        }
        JsonMetaSchema meta = JsonMetaSchema.builder(JsonMetaSchema.getV4())
                .keywords(KUBERNETES_KEYWORDS.stream().map(NonValidationKeyword::new).toList())
                .build();
        JsonSchemaFactory factory = JsonSchemaFactory.builder(JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4))
                .metaSchema(meta)
                .build();
        return new CrdSchema(openApi, factory.getSchema(openApi));
    }

    /** Violations as readable lines; empty when the resource fits the schema. */
    List<String> violations(JsonNode resource) {
        List<String> violations = new ArrayList<>();
        schema.validate(resource).stream().map(ValidationMessage::getMessage).forEach(violations::add);
        // metadata is the API server's own: the CRD schema does not describe it.
        for (String root : List.of("spec", "status")) {
            collectPruned(openApi.path("properties").path(root), resource.path(root), root, violations);
        }
        return violations.stream().sorted().toList();
    }

    private static void collectPruned(JsonNode schemaNode, JsonNode value, String path, List<String> out) {
        if (value.isArray()) {
            for (int i = 0; i < value.size(); i++) {
                collectPruned(schemaNode.path("items"), value.get(i), path + "[" + i + "]", out);
            }
            return;
        }
        if (!value.isObject() || schemaNode.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)) {
            return;
        }
        JsonNode additional = schemaNode.path("additionalProperties");
        value.fields().forEachRemaining(field -> {
            String fieldPath = path + "." + field.getKey();
            JsonNode fieldSchema = schemaNode.path("properties").path(field.getKey());
            if (!fieldSchema.isMissingNode()) {
                collectPruned(fieldSchema, field.getValue(), fieldPath, out);
            } else if (additional.isObject()) {
                collectPruned(additional, field.getValue(), fieldPath, out);
            } else if (!additional.asBoolean(false)) {
                out.add(fieldPath + ": unknown field, the API server would drop it");
            }
        });
    }
}

package dev.ccbackend.migrator.archive;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * cc-backend's JSON schemas for one archive version, shipped in the jar under
 * {@code schemas/archive-vN/}. They refer to each other as {@code embedfs://NAME.schema.json}
 * (cc-backend embeds them), which is mapped to those classpath resources.
 */
public final class ArchiveSchemas {
    public enum Kind {
        CLUSTER("cluster.schema.json"), META("job-meta.schema.json"), DATA("job-data.schema.json");

        final String file;

        Kind(String file) {
            this.file = file;
        }
    }

    /**
     * One schema violation, keyed so that the same problem compares equal across schema versions.
     *
     * @param file     path relative to the archive root
     * @param location JSON path in the file, e.g. {@code $.statistics.flops_any.unit.base}
     * @param type     the schema keyword that failed (enum, required, …) or {@code parse}
     * @param property the property concerned (e.g. the missing one of {@code required}), if any
     */
    public record Violation(String file, String location, String type, String property, String message) {
        /** Same file, place, keyword and property: the same problem, whatever the schema version's wording. */
        public String key() {
            return file + "|" + location + "|" + type + "|" + property;
        }
    }

    private static final Map<Integer, ArchiveSchemas> CACHE = new ConcurrentHashMap<>();

    private final Map<Kind, JsonSchema> schemas = new ConcurrentHashMap<>();
    private final int version;

    private ArchiveSchemas(int version) {
        this.version = version;
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
                builder -> builder.schemaMappers(m -> m.mapPrefix("embedfs://", "classpath:schemas/archive-v" + version + "/")));
        for (Kind kind : Kind.values()) {
            JsonSchema schema = factory.getSchema(SchemaLocation.of("embedfs://" + kind.file));
            schema.initializeValidators();
            schemas.put(kind, schema);
        }
    }

    public static ArchiveSchemas forVersion(int version) {
        if (version < 1 || version > ArchiveVersion.LATEST) {
            throw new ArchiveException("no schemas for archive version " + version + " (cc-migrator knows 1 to " + ArchiveVersion.LATEST + ")");
        }
        return CACHE.computeIfAbsent(version, ArchiveSchemas::new);
    }

    public int version() {
        return version;
    }

    public List<Violation> validate(Kind kind, String file, JsonNode document) {
        List<Violation> violations = new ArrayList<>();
        for (ValidationMessage m : schemas.get(kind).validate(document)) {
            violations.add(new Violation(file, m.getInstanceLocation().toString(), m.getType(), m.getProperty(), m.getMessage()));
        }
        violations.sort(java.util.Comparator.comparing(Violation::key));
        return violations;
    }
}

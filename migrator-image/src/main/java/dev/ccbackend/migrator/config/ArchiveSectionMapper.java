package dev.ccbackend.migrator.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;

/** {@code archive} → section {@code archive}; retention's {@code location} becomes a file target. */
final class ArchiveSectionMapper {
    private static final Set<String> KINDS = Set.of("file", "s3");
    private static final Set<String> ARCHIVE = Set.of("kind", "path", "compression", "endpoint", "access-key",
            "secret-key", "bucket", "region", "use-path-style");
    private static final Set<String> RETENTION = Set.of("policy", "format", "include-db", "omit-tagged", "age",
            "target-kind", "target-path", "max-file-size-mb");
    private static final Set<String> POLICIES = Set.of("none", "delete", "copy", "move");

    private ArchiveSectionMapper() {
    }

    /** Null when the input has no archive (v1.5 then uses its default, ./var/job-archive). */
    static ObjectNode map(ObjectNode flat, ConversionReport report) {
        ObjectNode archive = KebabCopier.object(flat, "archive", "archive", report);
        if (archive == null) {
            return null;
        }
        ObjectNode out = flat.objectNode();
        ObjectNode withoutRetention = archive.deepCopy();
        withoutRetention.remove("retention");
        KebabCopier.copy(withoutRetention, "archive", out, "archive", ARCHIVE, report);
        String kind = out.path("kind").asText("");
        if (!KINDS.contains(kind)) {
            report.error("archive.kind \"" + kind + "\" is not one of " + KINDS + " that cc-backend ≤ v1.4 wrote");
        }
        ObjectNode retention = KebabCopier.object(archive, "retention", "archive.retention", report);
        if (retention != null) {
            out.set("retention", retention(retention, report));
        }
        return out;
    }

    private static ObjectNode retention(ObjectNode retention, ConversionReport report) {
        ObjectNode copy = retention.deepCopy();
        JsonNode location = copy.remove("location");
        ObjectNode out = retention.objectNode();
        KebabCopier.copy(copy, "archive.retention", out, "archive.retention", RETENTION, report);
        if (location != null) {
            out.put("target-kind", "file");
            out.set("target-path", location.deepCopy());
            report.changed("archive.retention.location", "archive.retention.target-path",
                    "v1.5 names the move target target-path, with target-kind \"file\"");
        }
        String policy = out.path("policy").asText("");
        if (!POLICIES.contains(policy)) {
            report.error("archive.retention.policy \"" + policy + "\" is not one of " + POLICIES);
        }
        return out;
    }
}

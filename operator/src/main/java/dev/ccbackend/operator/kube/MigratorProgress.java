package dev.ccbackend.operator.kube;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ccbackend.migrator.util.Json;
import dev.ccbackend.operator.api.ArchiveProgress;
import java.util.Optional;

/** Parses cc-migrator's {@code progress {json}} lines (jobs done and total). */
public final class MigratorProgress {
    static final String PREFIX = "progress ";

    private MigratorProgress() {
    }

    /** The last progress line in {@code text}, if any. */
    public static Optional<ArchiveProgress> lastOf(String text) {
        String[] lines = text.split("\n");
        for (int i = lines.length - 1; i >= 0; i--) {
            String line = lines[i].strip();
            if (line.startsWith(PREFIX)) {
                Optional<ArchiveProgress> p = parse(line.substring(PREFIX.length()));
                if (p.isPresent()) {
                    return p;
                }
            }
        }
        return Optional.empty();
    }

    static Optional<ArchiveProgress> parse(String json) {
        try {
            JsonNode node = Json.MAPPER.readTree(json);
            ArchiveProgress p = new ArchiveProgress();
            p.jobsDone = first(node, "jobsDone", "done");
            p.jobsTotal = first(node, "jobsTotal", "total");
            return Optional.of(p);
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    private static long first(JsonNode node, String... names) {
        for (String n : names) {
            if (node.has(n)) {
                return node.get(n).asLong();
            }
        }
        return 0;
    }
}

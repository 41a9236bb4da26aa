package dev.ccbackend.migrator.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccbackend.migrator.util.Json;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A config written the same way every time: v1.5's sections in the order its docs show them,
 * every other key sorted, arrays untouched. Identical input gives byte-identical output.
 */
final class CanonicalJson {
    private static final List<String> SECTION_ORDER = List.of("main", "auth", "archive", "cron", "nats",
            "metric-store", "metric-store-external", "ui", "ui-file");

    private CanonicalJson() {
    }

    static String write(ObjectNode config) {
        try {
            return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(order(config, true)) + "\n";
        } catch (Exception e) {
            throw new IllegalStateException("cannot write config: " + e.getMessage(), e);
        }
    }

    private static JsonNode order(JsonNode node, boolean top) {
        if (node.isObject()) {
            List<String> keys = new ArrayList<>();
            node.fieldNames().forEachRemaining(keys::add);
            keys.sort(top ? Comparator.comparingInt(CanonicalJson::sectionRank).thenComparing(k -> k) : Comparator.naturalOrder());
            ObjectNode sorted = Json.MAPPER.createObjectNode();
            keys.forEach(k -> sorted.set(k, order(node.get(k), false)));
            return sorted;
        }
        if (node.isArray()) {
            ArrayNode copy = Json.MAPPER.createArrayNode();
            node.forEach(e -> copy.add(order(e, false)));
            return copy;
        }
        return node;
    }

    private static int sectionRank(String key) {
        int i = SECTION_ORDER.indexOf(key);
        return i < 0 ? SECTION_ORDER.size() : i;
    }
}

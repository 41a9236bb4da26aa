package dev.ccbackend.migrator.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;

/**
 * {@code clusters} → {@code metric-store-external}. v1.5 derives clusters from the job archive and
 * keeps only where each cluster's metrics live (scope = cluster name).
 */
final class MetricStoreMapper {
    private MetricStoreMapper() {
    }

    /** Null when the input has no clusters. */
    static ArrayNode map(ObjectNode flat, ConversionReport report) {
        JsonNode clusters = flat.get("clusters");
        if (clusters == null || clusters.isNull()) {
            return null;
        }
        if (!clusters.isArray()) {
            report.error("clusters must be an array, found " + clusters.getNodeType().name().toLowerCase());
            return null;
        }
        ArrayNode stores = flat.arrayNode();
        for (int i = 0; i < clusters.size(); i++) {
            JsonNode cluster = clusters.get(i);
            String name = cluster.path("name").asText("");
            String path = "clusters[" + i + "]" + (name.isEmpty() ? "" : "(" + name + ")");
            mapCluster(cluster, path, name, stores, report);
        }
        return stores;
    }

    private static void mapCluster(JsonNode cluster, String path, String name, ArrayNode stores, ConversionReport report) {
        Iterator<Map.Entry<String, JsonNode>> fields = cluster.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            switch (field.getKey()) {
                case "name" -> { }
                case "metricDataRepository" -> repository(field.getValue(), path, name, stores, report);
                case "filterRanges" -> report.unmapped(path + ".filterRanges",
                        "v1.5 derives cluster information from the job archive and has no filter ranges in config.json");
                default -> report.unmapped(path + "." + field.getKey(), "not a cluster key cc-backend knows");
            }
        }
    }

    private static void repository(JsonNode repo, String path, String name, ArrayNode stores, ConversionReport report) {
        String kind = repo.path("kind").asText("");
        if (!kind.equals("cc-metric-store")) {
            report.unmapped(path + ".metricDataRepository",
                    "v1.5 reads metrics only from cc-metric-store, not \"" + kind + "\": configure metric-store-external by hand");
            return;
        }
        ObjectNode store = stores.addObject();
        store.put("scope", name);
        store.set("url", repo.path("url").deepCopy());
        // v1.5 requires a token key; an empty one is what a missing token meant before.
        store.put("token", repo.path("token").asText(""));
        report.changed(path + ".metricDataRepository", "metric-store-external[" + (stores.size() - 1) + "]",
                "cluster's cc-metric-store becomes an external metric store with scope \"" + name + "\"");
    }
}

package dev.ccbackend.migrator.archive;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccbackend.migrator.util.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * {@code --add-footprints} (hop 1→2): archive version 2 lets a metricConfig name the statistic that
 * goes into a job's footprint. Adds it for the metrics every cc-backend site has, leaving any
 * metric that already has one alone.
 */
public final class ClusterFootprints {
    /** Well-known metric → footprint statistic, as cc-backend's own example clusters use them. */
    static final Map<String, String> WELL_KNOWN = Map.of(
            "cpu_load", "avg",
            "flops_any", "avg",
            "mem_bw", "avg",
            "mem_used", "max",
            "acc_utilization", "avg");

    private ClusterFootprints() {
    }

    /** @return the new cluster.json, or null when nothing changes */
    public static byte[] add(byte[] clusterJson) throws IOException {
        JsonNode root = Json.MAPPER.readTree(clusterJson);
        boolean changed = false;
        for (JsonNode metric : root.path("metricConfig")) {
            String footprint = WELL_KNOWN.get(metric.path("name").asText());
            if (footprint != null && metric instanceof ObjectNode object && !object.has("footprint")) {
                object.put("footprint", footprint);
                changed = true;
            }
        }
        return changed ? (Json.pretty(root) + "\n").getBytes(StandardCharsets.UTF_8) : null;
    }
}

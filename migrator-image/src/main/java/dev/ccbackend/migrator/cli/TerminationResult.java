package dev.ccbackend.migrator.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.ccbackend.migrator.util.Json;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The JSON result made to fit a Kubernetes termination message (4096 bytes): while it is too large,
 * the largest list loses its last element, or else the longest text is halved. What is left stays
 * valid JSON of the same shape, so the reader (the operator) still gets every field that decides
 * something; {@code "truncated": true} says the Job's log has the whole result.
 */
final class TerminationResult {
    private static final int MIN_TEXT = 40;

    private TerminationResult() {
    }

    /** {@code {"exitCode":N,"result":…}} within {@code limit} bytes. */
    static String fit(JsonNode result, int exitCode, int limit) {
        ObjectNode wrapped = Json.MAPPER.createObjectNode();
        wrapped.put("exitCode", exitCode);
        wrapped.set("result", result == null ? null : result.deepCopy());
        String text = Json.compact(wrapped);
        while (size(text) > limit) {
            wrapped.put("truncated", true);
            if (!shrinkLargestList(wrapped.get("result")) && !halveLongestText(wrapped.get("result"))) {
                wrapped.remove("result"); // nothing left to shrink: keep the exit code
                wrapped.put("message", "result larger than " + limit + " bytes; see the Job's log for the full JSON");
                return Json.compact(wrapped);
            }
            text = Json.compact(wrapped);
        }
        return text;
    }

    private static int size(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    private static boolean shrinkLargestList(JsonNode root) {
        ArrayNode largest = largest(root, null);
        if (largest == null || largest.isEmpty()) {
            return false;
        }
        largest.remove(largest.size() - 1);
        return true;
    }

    private static ArrayNode largest(JsonNode node, ArrayNode best) {
        if (node == null) {
            return best;
        }
        if (node.isArray() && !node.isEmpty() && (best == null || size(Json.compact(node)) > size(Json.compact(best)))) {
            best = (ArrayNode) node;
        }
        for (JsonNode child : node) {
            best = largest(child, best);
        }
        return best;
    }

    private static boolean halveLongestText(JsonNode root) {
        Object[] longest = {null, null, 0}; // parent, key or index, length
        findLongestText(root, longest);
        int length = (int) longest[2];
        if (length <= MIN_TEXT) {
            return false;
        }
        JsonNode parent = (JsonNode) longest[0];
        String value = (parent.isObject() ? parent.get((String) longest[1]) : parent.get((Integer) longest[1])).asText();
        TextNode cut = TextNode.valueOf(value.substring(0, length / 2) + "…");
        if (parent.isObject()) {
            ((ObjectNode) parent).set((String) longest[1], cut);
        } else {
            ((ArrayNode) parent).set((Integer) longest[1], cut);
        }
        return true;
    }

    private static void findLongestText(JsonNode node, Object[] longest) {
        if (node == null) {
            return;
        }
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> e : (Iterable<Map.Entry<String, JsonNode>>) node::fields) {
                consider(node, e.getKey(), e.getValue(), longest);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                consider(node, i, node.get(i), longest);
            }
        }
    }

    private static void consider(JsonNode parent, Object key, JsonNode value, Object[] longest) {
        if (value.isTextual() && value.asText().length() > (int) longest[2]) {
            longest[0] = parent;
            longest[1] = key;
            longest[2] = value.asText().length();
        }
        findLongestText(value, longest);
    }
}

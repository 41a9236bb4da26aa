package dev.ccbackend.migrator.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/** Copies an object's keys into a v1.5 section under their kebab-case names, listing what v1.5 does not know. */
final class KebabCopier {
    private KebabCopier() {
    }

    /**
     * @param source     the ≤ v1.4 object
     * @param sourcePath its dotted path, for the report
     * @param target     the v1.5 object to fill
     * @param targetPath its dotted path
     * @param allowed    keys v1.5 accepts there (anything else would make v1.5 refuse the config)
     */
    static void copy(ObjectNode source, String sourcePath, ObjectNode target, String targetPath,
                     Set<String> allowed, ConversionReport report) {
        Iterator<Map.Entry<String, JsonNode>> fields = source.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String newKey = KebabCase.of(field.getKey());
            String from = sourcePath + "." + field.getKey();
            if (!allowed.contains(newKey)) {
                report.unmapped(from, "v1.5 has no " + targetPath + "." + newKey + " (it would refuse the config); set its equivalent by hand if there is one");
                continue;
            }
            target.set(newKey, field.getValue().deepCopy());
            report.changed(from, targetPath + "." + newKey, newKey.equals(field.getKey()) ? "moved" : "moved, kebab-case");
        }
    }

    /** The object at {@code key}, or null after reporting an error when it is something else. */
    static ObjectNode object(ObjectNode parent, String key, String path, ConversionReport report) {
        JsonNode node = parent.get(key);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            report.error(path + " must be an object, found " + node.getNodeType().name().toLowerCase());
            return null;
        }
        return (ObjectNode) node;
    }
}

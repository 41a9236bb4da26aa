package dev.ccbackend.operator.demo;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The API server's validation of what is created or replaced, which the mock server lacks: names,
 * label keys and values, pod volume names and hostnames, and Job names (at most 63 characters: the
 * Job controller puts them into its pods' labels). What fails comes back as a 422, as from a real
 * API server.
 */
final class ApiServerValidation {
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern DNS_SUBDOMAIN = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    private static final Pattern LABEL_NAME = Pattern.compile("([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?");
    private static final int LABEL_MAX = 63;
    private static final int SUBDOMAIN_MAX = 253;

    private ApiServerValidation() {
    }

    /** The field errors of {@code object}, as the API server words them; empty when valid. */
    static List<String> errors(JsonNode object) {
        List<String> errors = new ArrayList<>();
        String kind = object.path("kind").asText();
        JsonNode metadata = object.path("metadata");
        String name = metadata.path("name").asText("");
        if (!name.isEmpty()) {
            subdomain("metadata.name", name, errors);
            if ("Job".equals(kind) && name.length() > LABEL_MAX) {
                errors.add("metadata.name: Invalid value: \"" + name + "\": must be no more than 63 characters");
            }
        }
        labels("metadata.labels", metadata.path("labels"), errors);
        switch (kind) {
            case "Pod" -> pod("spec", object.path("spec"), errors);
            case "Job", "Deployment" -> {
                labels("spec.template.metadata.labels", object.path("spec").path("template").path("metadata").path("labels"), errors);
                pod("spec.template.spec", object.path("spec").path("template").path("spec"), errors);
            }
            default -> {
            }
        }
        return errors;
    }

    private static void pod(String path, JsonNode spec, List<String> errors) {
        int i = 0;
        for (JsonNode volume : spec.path("volumes")) {
            label(path + ".volumes[" + i++ + "].name", volume.path("name").asText(), errors);
        }
        if (spec.hasNonNull("hostname")) {
            label(path + ".hostname", spec.path("hostname").asText(), errors);
        }
    }

    private static void labels(String path, JsonNode labels, List<String> errors) {
        for (Map.Entry<String, JsonNode> e : (Iterable<Map.Entry<String, JsonNode>>) labels::fields) {
            String key = e.getKey();
            String keyName = key.contains("/") ? key.substring(key.indexOf('/') + 1) : key;
            if (key.contains("/")) {
                subdomain(path, key.substring(0, key.indexOf('/')), errors);
            }
            if (keyName.isEmpty() || keyName.length() > LABEL_MAX || !LABEL_NAME.matcher(keyName).matches()) {
                errors.add(path + ": Invalid value: \"" + key + "\": name part must consist of alphanumeric characters, "
                        + "'-', '_' or '.', and be at most 63 characters");
            }
            String value = e.getValue().asText();
            if (value.length() > LABEL_MAX) {
                errors.add(path + ": Invalid value: \"" + value + "\": must be no more than 63 characters");
            } else if (!LABEL_NAME.matcher(value).matches()) {
                errors.add(path + ": Invalid value: \"" + value + "\": a valid label must be an empty string or consist of "
                        + "alphanumeric characters, '-', '_' or '.'");
            }
        }
    }

    private static void label(String path, String value, List<String> errors) {
        if (value.length() > LABEL_MAX || !DNS_LABEL.matcher(value).matches()) {
            errors.add(path + ": Invalid value: \"" + value + "\": a lowercase RFC 1123 label must be at most 63 characters");
        }
    }

    private static void subdomain(String path, String value, List<String> errors) {
        if (value.length() > SUBDOMAIN_MAX || !DNS_SUBDOMAIN.matcher(value).matches()) {
            errors.add(path + ": Invalid value: \"" + value + "\": a lowercase RFC 1123 subdomain must be at most 253 characters");
        }
    }
}

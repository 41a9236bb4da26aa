package dev.ccbackend.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

/** cc-backend's config.json in a ConfigMap, and its .env in a Secret. */
public class ConfigSpec {
    @Required
    @JsonPropertyDescription("ConfigMap holding config.json. It stays untouched; the converted config goes into a new one.")
    public String configMapName;

    @JsonPropertyDescription("Key of config.json in the ConfigMap. Default config.json.")
    public String key = "config.json";

    @JsonPropertyDescription("Secret holding cc-backend's .env (v1.5 needs one, an empty one is fine).")
    public String envSecretName;
}

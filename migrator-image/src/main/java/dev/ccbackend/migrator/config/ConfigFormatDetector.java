package dev.ccbackend.migrator.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccbackend.migrator.catalog.ConfigFormat;

/** Tells a config's format from its content: the file carries no version of its own. */
public final class ConfigFormatDetector {
    private ConfigFormatDetector() {
    }

    public static ConfigFormat detect(ObjectNode config) {
        if (config.path("main").isObject()) {
            return ConfigFormat.SECTIONED_V1_5;
        }
        JsonNode jwts = config.get("jwts");
        if (jwts == null || !jwts.isObject() || jwts.path("max-age").isNumber()
                || jwts.has("forceJWTValidationViaDatabase") || jwts.has("trustedExternalIssuer")) {
            return ConfigFormat.FLAT_V1_0;
        }
        return config.has("apiAllowedIPs") ? ConfigFormat.FLAT_V1_4_4 : ConfigFormat.FLAT_V1_2;
    }
}

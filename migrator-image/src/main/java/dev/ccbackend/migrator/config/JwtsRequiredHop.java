package dev.ccbackend.migrator.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccbackend.migrator.catalog.ConfigFormat;

/**
 * v1.0/v1.1 → v1.2: {@code jwts} becomes required, {@code max-age} turns from nanoseconds into a
 * duration string, {@code forceJWTValidationViaDatabase} → {@code validateUser},
 * {@code trustedExternalIssuer} → {@code trustedIssuer}.
 */
final class JwtsRequiredHop implements ConfigHop {

    @Override
    public ConfigFormat from() {
        return ConfigFormat.FLAT_V1_0;
    }

    @Override
    public ConfigFormat to() {
        return ConfigFormat.FLAT_V1_2;
    }

    @Override
    public ObjectNode apply(ObjectNode config, ConversionOptions options, ConversionReport report) {
        ObjectNode out = config.deepCopy();
        JsonNode jwts = out.get("jwts");
        if (jwts == null || jwts.isNull()) {
            // v1.0 without jwts issued tokens without expiry; an empty max-age keeps exactly that.
            out.putObject("jwts").put("max-age", "");
            report.changed(null, "jwts.max-age", "jwts is required from v1.2; added with an empty max-age (tokens never expire, as before)");
            report.warn("JWTs never expire (jwts.max-age is empty): set a duration such as \"2000h\"");
            return out;
        }
        if (!jwts.isObject()) {
            report.error("jwts must be an object, found " + jwts.getNodeType().name().toLowerCase());
            return out;
        }
        ObjectNode j = (ObjectNode) jwts;
        rename(j, "forceJWTValidationViaDatabase", "validateUser", report);
        rename(j, "trustedExternalIssuer", "trustedIssuer", report);
        convertMaxAge(j, report);
        return out;
    }

    private static void rename(ObjectNode jwts, String oldKey, String newKey, ConversionReport report) {
        if (jwts.has(oldKey)) {
            JsonNode value = jwts.remove(oldKey);
            if (jwts.has(newKey)) {
                report.unmapped("jwts." + oldKey, "both jwts." + oldKey + " and jwts." + newKey + " are set; kept " + newKey);
            } else {
                jwts.set(newKey, value);
                report.changed("jwts." + oldKey, "jwts." + newKey, "renamed in v1.2");
            }
        }
    }

    private static void convertMaxAge(ObjectNode jwts, ConversionReport report) {
        JsonNode maxAge = jwts.get("max-age");
        if (maxAge == null || maxAge.isNull()) {
            jwts.put("max-age", "");
            report.changed(null, "jwts.max-age", "max-age is required from v1.2; empty means tokens never expire, as before");
            report.warn("JWTs never expire (jwts.max-age is empty): set a duration such as \"2000h\"");
        } else if (maxAge.isIntegralNumber()) {
            long nanos = maxAge.asLong();
            String duration = nanos == 0 ? "" : GoDuration.ofNanos(nanos);
            jwts.put("max-age", duration);
            report.changed("jwts.max-age", "jwts.max-age", "nanoseconds " + nanos + " → duration string \"" + duration + "\"");
        } else if (maxAge.isTextual()) {
            if (!maxAge.asText().isEmpty() && !GoDuration.isValid(maxAge.asText())) {
                report.error("jwts.max-age \"" + maxAge.asText() + "\" is not a duration (e.g. \"2000h\", \"30m\")");
            }
        } else {
            report.error("jwts.max-age must be a whole number of nanoseconds (v1.0) or a duration string, found " + maxAge);
        }
    }
}

package dev.ccbackend.migrator.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccbackend.migrator.catalog.ConfigFormat;

/** v1.2–v1.4.3 → v1.4.4: {@code apiAllowedIPs} becomes required. */
final class ApiAllowedIpsHop implements ConfigHop {

    @Override
    public ConfigFormat from() {
        return ConfigFormat.FLAT_V1_2;
    }

    @Override
    public ConfigFormat to() {
        return ConfigFormat.FLAT_V1_4_4;
    }

    @Override
    public ObjectNode apply(ObjectNode config, ConversionOptions options, ConversionReport report) {
        ObjectNode out = config.deepCopy();
        if (!out.has("apiAllowedIPs")) {
            // Before v1.4.4 the admin API was open to every address; "*" keeps that behaviour.
            out.putArray("apiAllowedIPs").add("*");
            report.changed(null, "apiAllowedIPs", "required from v1.4.4; [\"*\"] keeps the admin API reachable as before");
            report.warn("the admin API accepts every address (apiAllowedIPs [\"*\"]): restrict it to your hosts");
        }
        return out;
    }
}

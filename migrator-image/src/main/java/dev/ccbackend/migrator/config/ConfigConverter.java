package dev.ccbackend.migrator.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccbackend.migrator.catalog.ConfigFormat;
import dev.ccbackend.migrator.catalog.ReleaseCatalog;
import dev.ccbackend.migrator.util.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Converts a cc-backend config.json to the format a target release reads, one format hop at a
 * time. Pure: it reads the input and returns the result; {@link ConfigFileWriter} writes it.
 */
public final class ConfigConverter {
    private static final List<ConfigHop> HOPS = List.of(new JwtsRequiredHop(), new ApiAllowedIpsHop(), new SectionedConfigHop());
    private static final Set<String> LOCAL_HOSTS = Set.of("", "localhost", "127.0.0.1", "::1", "[::1]");
    private static final String DEFAULT_ADDR = "localhost:8080";

    public ConversionResult convert(Path input, String toRelease, ConversionOptions options) {
        JsonNode parsed;
        try {
            parsed = Json.MAPPER.readTree(Files.readString(input));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read config " + input + ": " + e.getMessage() + " (give cc-backend's config.json, valid JSON)", e);
        }
        if (parsed == null || !parsed.isObject()) {
            throw new IllegalArgumentException(input + " is not a JSON object: give cc-backend's config.json");
        }
        return convert((ObjectNode) parsed, toRelease, options);
    }

    /** @throws IllegalArgumentException for an unknown release */
    public ConversionResult convert(ObjectNode input, String toRelease, ConversionOptions options) {
        ConfigFormat target = ReleaseCatalog.configFormatOf(toRelease);
        ConfigFormat from = ConfigFormatDetector.detect(input);
        ConversionReport report = new ConversionReport();
        if (ReleaseCatalog.find(toRelease).isEmpty()) {
            report.warn(toRelease + " is newer than the catalog: converted to " + target + ", the newest format known");
        }
        ObjectNode config = input.deepCopy();
        if (from.ordinal() > target.ordinal()) {
            report.error("the config is in " + from + " format, newer than " + toRelease + " reads (" + target
                    + "): configs are not converted backwards; restore the config saved before the upgrade");
            return result(from, target, report, config);
        }
        boolean sectioned = false;
        for (ConfigHop hop : HOPS) {
            if (hop.from().ordinal() >= from.ordinal() && hop.to().ordinal() <= target.ordinal()) {
                config = hop.apply(config, options, report);
                sectioned |= hop instanceof SectionedConfigHop;
            }
        }
        if (!sectioned && options.newDatabasePath() != null) {
            switchDatabase(config, target, options.newDatabasePath(), report);
        }
        checkAddr(config, target, report);
        return result(from, target, report, config);
    }

    private static ConversionResult result(ConfigFormat from, ConfigFormat to, ConversionReport report, ObjectNode config) {
        return new ConversionResult(null, from, to, report.changes(), report.unmapped(), report.warnings(),
                report.errors(), config);
    }

    /** The database moved to a new SQLite file (e.g. converted from MariaDB): point the config at it. */
    private static void switchDatabase(ObjectNode config, ConfigFormat format, String path, ConversionReport report) {
        if (format.isSectioned()) {
            ((ObjectNode) config.get("main")).put("db", path);
            report.changed("main.db", "main.db", "switched to the SQLite file " + path);
        } else {
            String oldDriver = config.path("db-driver").asText("sqlite3");
            config.put("db-driver", "sqlite3");
            config.put("db", path);
            report.changed("db", "db", "switched from " + oldDriver + " to the SQLite file " + path);
        }
    }

    private static void checkAddr(ObjectNode config, ConfigFormat format, ConversionReport report) {
        JsonNode holder = format.isSectioned() ? config.path("main") : config;
        String addr = holder.path("addr").asText(DEFAULT_ADDR);
        int colon = addr.lastIndexOf(':');
        String host = colon < 0 ? addr : addr.substring(0, colon);
        if (LOCAL_HOSTS.contains(host) && !addr.startsWith(":")) {
            String key = format.isSectioned() ? "main.addr" : "addr";
            report.warn(key + " is \"" + addr + "\"" + (holder.has("addr") ? "" : " (the default)")
                    + ": it binds to localhost, so inside a pod nothing can reach cc-backend; set \"0.0.0.0:8080\"");
        }
    }
}

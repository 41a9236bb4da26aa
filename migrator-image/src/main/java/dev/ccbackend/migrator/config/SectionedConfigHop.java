package dev.ccbackend.migrator.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccbackend.migrator.catalog.ConfigFormat;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * v1.4.4 flat → v1.5 sectioned: top-level keys move into {@code main}, authentication into
 * {@code auth}, clusters into {@code metric-store-external}, UI defaults into {@code ui}; MySQL is gone.
 */
final class SectionedConfigHop implements ConfigHop {
    /** Flat keys that keep their name inside {@code main}. */
    private static final Set<String> MAIN_SAME = Set.of("addr", "user", "group", "disable-authentication",
            "embed-static-files", "static-files", "validate", "session-max-age", "https-cert-file", "https-key-file",
            "redirect-http-to", "machine-state-dir", "stop-jobs-exceeding-walltime", "short-running-jobs-duration",
            "emission-constant");
    private static final Map<String, String> MAIN_RENAMED = Map.of(
            "apiAllowedIPs", "api-allowed-ips",
            "enable-resampling", "resampling");
    private static final Set<String> HANDLED_ELSEWHERE = Set.of("archive", "jwts", "ldap", "oidc", "clusters",
            "ui-defaults", "cron-frequency", "db-driver", "db", "disable-archive");

    @Override
    public ConfigFormat from() {
        return ConfigFormat.FLAT_V1_4_4;
    }

    @Override
    public ConfigFormat to() {
        return ConfigFormat.SECTIONED_V1_5;
    }

    @Override
    public ObjectNode apply(ObjectNode flat, ConversionOptions options, ConversionReport report) {
        ObjectNode out = flat.objectNode();
        ObjectNode main = out.putObject("main");
        Iterator<Map.Entry<String, JsonNode>> fields = flat.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String key = field.getKey();
            if (MAIN_SAME.contains(key) || MAIN_RENAMED.containsKey(key)) {
                String newKey = MAIN_RENAMED.getOrDefault(key, key);
                main.set(newKey, field.getValue().deepCopy());
                report.changed(key, "main." + newKey, newKey.equals(key) ? "moved into main" : "moved into main, renamed");
            } else if (!HANDLED_ELSEWHERE.contains(key)) {
                report.unmapped(key, "not a config key of cc-backend ≤ v1.4; v1.5 would refuse it");
            }
        }
        database(flat, main, options, report);
        disableArchive(flat, report);
        out.set("auth", AuthSectionMapper.map(flat, report));
        setIfPresent(out, "archive", ArchiveSectionMapper.map(flat, report));
        cron(flat, out, report);
        ArrayNode stores = MetricStoreMapper.map(flat, report);
        if (stores != null && !stores.isEmpty()) {
            out.set("metric-store-external", stores);
        } else {
            report.warn("no cc-metric-store found in clusters: v1.5 refuses to start without metric-store or metric-store-external");
        }
        setIfPresent(out, "ui", UiSectionMapper.map(flat, report));
        return out;
    }

    private static void database(ObjectNode flat, ObjectNode main, ConversionOptions options, ConversionReport report) {
        String driver = flat.path("db-driver").asText("sqlite3");
        if (flat.has("db-driver")) {
            report.changed("db-driver", null, "v1.5 supports SQLite only and has no db-driver");
        }
        if (options.newDatabasePath() != null) {
            main.put("db", options.newDatabasePath());
            report.changed(flat.has("db") ? "db" : null, "main.db",
                    "switched to the SQLite file " + options.newDatabasePath() + (driver.equals("mysql") ? " converted from MariaDB" : ""));
        } else if (driver.equals("mysql")) {
            report.error("db-driver is mysql, which v1.5 does not support: convert the database to SQLite"
                    + " (cc-migrator db convert) and pass its path with --db");
        } else if (!driver.equals("sqlite3")) {
            report.error("db-driver \"" + driver + "\" is unknown: use sqlite3");
        } else if (flat.has("db")) {
            main.set("db", flat.get("db").deepCopy());
            report.changed("db", "main.db", "moved into main");
        }
    }

    private static void disableArchive(ObjectNode flat, ConversionReport report) {
        JsonNode disable = flat.get("disable-archive");
        if (disable == null) {
            return;
        }
        if (disable.asBoolean(false)) {
            report.unmapped("disable-archive", "v1.5 removed the option and always writes the job archive");
        } else {
            report.changed("disable-archive", null, "removed in v1.5; false was the default");
        }
    }

    private static void cron(ObjectNode flat, ObjectNode out, ConversionReport report) {
        ObjectNode frequency = KebabCopier.object(flat, "cron-frequency", "cron-frequency", report);
        if (frequency != null) {
            KebabCopier.copy(frequency, "cron-frequency", out.putObject("cron"), "cron",
                    Set.of("commit-job-worker", "duration-worker", "footprint-worker"), report);
        }
    }

    private static void setIfPresent(ObjectNode out, String key, JsonNode value) {
        if (value != null) {
            out.set(key, value);
        }
    }
}

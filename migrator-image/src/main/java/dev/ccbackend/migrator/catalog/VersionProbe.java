package dev.ccbackend.migrator.catalog;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code cc-backend -version} printed: tab-separated {@code Key:\tvalue} lines after a logo.
 * The two version lines are what an upgrade needs; the rest is kept for the record.
 *
 * @param version        {@code Version:} line, e.g. {@code 1.5.4} (null when absent)
 * @param gitHash        {@code Git hash:} line
 * @param buildTime      {@code Build time:} line
 * @param dbVersion      {@code SQL db version:}
 * @param archiveVersion {@code Job archive version:}
 * @param knownRelease   the catalogued release with these versions and this tag, if any
 */
public record VersionProbe(String version, String gitHash, String buildTime, int dbVersion, int archiveVersion,
                           String knownRelease) {

    static final String DB_KEY = "SQL db version";
    static final String ARCHIVE_KEY = "Job archive version";

    /** @throws IllegalArgumentException saying which line is missing or malformed */
    public static VersionProbe parse(String output) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String line : output.split("\\R")) {
            int colon = line.indexOf(":\t");
            if (colon > 0) {
                fields.putIfAbsent(line.substring(0, colon).trim(), line.substring(colon + 2).trim());
            }
        }
        int db = number(fields, DB_KEY);
        int archive = number(fields, ARCHIVE_KEY);
        String version = fields.get("Version");
        return new VersionProbe(version, fields.get("Git hash"), fields.get("Build time"), db, archive,
                matchingRelease(version, db, archive).map(Release::name).orElse(null));
    }

    private static int number(Map<String, String> fields, String key) {
        String value = fields.get(key);
        if (value == null) {
            throw new IllegalArgumentException("no '" + key + ":<TAB>N' line: give the output of `cc-backend -version`");
        }
        try {
            int n = Integer.parseInt(value);
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + key + "' is '" + value + "', not a version number: give the unmodified output of `cc-backend -version`");
        }
    }

    private static Optional<Release> matchingRelease(String version, int db, int archive) {
        if (version == null) {
            return Optional.empty();
        }
        String tag = version.startsWith("v") ? version : "v" + version;
        return ReleaseCatalog.find(tag).filter(r -> r.dbVersion() == db && r.archiveVersion() == archive);
    }
}

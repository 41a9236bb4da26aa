package dev.ccbackend.migrator.catalog;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The release catalog as the Markdown table the docs show (a test keeps the docs equal to it). */
public final class CompatibilityTable {
    private CompatibilityTable() {
    }

    public static String markdown() {
        StringBuilder out = new StringBuilder();
        out.append("| release | DB schema | job archive | config.json | databases |\n");
        out.append("|---|---|---|---|---|\n");
        for (Release r : ReleaseCatalog.releases()) {
            out.append("| ").append(r.name())
                    .append(" | ").append(r.dbVersion())
                    .append(" | ").append(r.archiveVersion())
                    .append(" | ").append(r.configFormat())
                    .append(" | ").append(Arrays.stream(Driver.values()).filter(r::supports)
                            .map(d -> d == Driver.MYSQL ? "MariaDB/MySQL" : "SQLite")
                            .collect(Collectors.joining(", ")))
                    .append(" |\n");
        }
        return out.toString();
    }
}

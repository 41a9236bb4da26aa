package dev.ccbackend.migrator.db.convert;

import java.util.List;
import java.util.stream.Collectors;

/**
 * One table's copy: its columns in both dialects and its primary key, read in key order so that
 * SQLite appends to its B-trees instead of inserting in the middle.
 */
public record TableMapping(String name, List<ColumnMapping> columns, List<String> keyColumns) {

    String sourceSelect() {
        return "SELECT " + columns.stream().map(ColumnMapping::selectExpression).collect(Collectors.joining(", "))
                + " FROM `" + name + "` ORDER BY "
                + keyColumns.stream().map(k -> "`" + sourceName(k) + "`").collect(Collectors.joining(", "));
    }

    String targetInsert() {
        return "INSERT INTO \"" + name + "\" ("
                + columns.stream().map(c -> "\"" + c.target() + "\"").collect(Collectors.joining(", "))
                + ") VALUES (" + columns.stream().map(c -> "?").collect(Collectors.joining(", ")) + ")";
    }

    String targetSelect() {
        return "SELECT " + columns.stream().map(c -> "\"" + c.target() + "\"").collect(Collectors.joining(", "))
                + " FROM \"" + name + "\"";
    }

    private String sourceName(String targetColumn) {
        return columns.stream().filter(c -> c.target().equals(targetColumn)).findFirst()
                .map(ColumnMapping::source).orElse(targetColumn);
    }
}

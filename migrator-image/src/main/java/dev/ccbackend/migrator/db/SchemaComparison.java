package dev.ccbackend.migrator.db;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Lists how a live schema differs from an expected one, in words a person can act on. */
public final class SchemaComparison {
    private SchemaComparison() {
    }

    /**
     * @param expected {@code {table: {columns, indexes, foreign_keys}}} (a {@code tables} node)
     * @param actual   the same shape, from {@link SchemaExtractor}
     * @return one line per difference; empty when the schemas are equal
     */
    public static List<String> differences(JsonNode expected, JsonNode actual) {
        List<String> out = new ArrayList<>();
        Set<String> tables = new TreeSet<>();
        expected.fieldNames().forEachRemaining(tables::add);
        actual.fieldNames().forEachRemaining(tables::add);
        tables.removeIf(SchemaExtractor::isBookkeeping);
        for (String table : tables) {
            JsonNode e = expected.get(table);
            JsonNode a = actual.get(table);
            if (e == null) {
                out.add("table " + table + ": not expected");
            } else if (a == null) {
                out.add("table " + table + ": missing");
            } else {
                compareColumns(table, e.get("columns"), a.get("columns"), out);
                compareIndexes(table, e.get("indexes"), a.get("indexes"), out);
                if (!asSet(e.get("foreign_keys")).equals(asSet(a.get("foreign_keys")))) {
                    out.add("table " + table + ": foreign keys " + a.get("foreign_keys") + ", expected " + e.get("foreign_keys"));
                }
            }
        }
        return out;
    }

    private static void compareColumns(String table, JsonNode expected, JsonNode actual, List<String> out) {
        List<String> expectedNames = names(expected);
        List<String> actualNames = names(actual);
        for (JsonNode col : expected) {
            String name = col.get("name").asText();
            JsonNode live = find(actual, name);
            if (live == null) {
                out.add("table " + table + ": column " + name + " missing (expected " + col + ")");
            } else if (!live.equals(col)) {
                out.add("table " + table + ": column " + name + " is " + live + ", expected " + col);
            }
        }
        for (String name : actualNames) {
            if (!expectedNames.contains(name)) {
                out.add("table " + table + ": column " + name + " not expected");
            }
        }
        List<String> common = new ArrayList<>(actualNames);
        common.retainAll(expectedNames);
        List<String> expectedOrder = new ArrayList<>(expectedNames);
        expectedOrder.retainAll(actualNames);
        if (!common.equals(expectedOrder)) {
            out.add("table " + table + ": column order " + actualNames + ", expected " + expectedNames);
        }
    }

    private static void compareIndexes(String table, JsonNode expected, JsonNode actual, List<String> out) {
        Set<String> names = new TreeSet<>();
        expected.fieldNames().forEachRemaining(names::add);
        actual.fieldNames().forEachRemaining(names::add);
        for (String name : names) {
            JsonNode e = expected.get(name);
            JsonNode a = actual.get(name);
            if (e == null) {
                out.add("table " + table + ": index " + name + " " + a + " not expected");
            } else if (a == null) {
                out.add("table " + table + ": index " + name + " missing (expected " + e + ")");
            } else if (!e.equals(a)) {
                out.add("table " + table + ": index " + name + " is " + a + ", expected " + e);
            }
        }
    }

    private static List<String> names(JsonNode columns) {
        List<String> names = new ArrayList<>();
        columns.forEach(c -> names.add(c.get("name").asText()));
        return names;
    }

    private static JsonNode find(JsonNode columns, String name) {
        for (Iterator<JsonNode> it = columns.elements(); it.hasNext(); ) {
            JsonNode c = it.next();
            if (c.get("name").asText().equals(name)) {
                return c;
            }
        }
        return null;
    }

    private static Set<JsonNode> asSet(JsonNode array) {
        Set<JsonNode> set = new HashSet<>();
        if (array != null) {
            array.forEach(set::add);
        }
        return set;
    }
}

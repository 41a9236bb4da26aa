package dev.ccbackend.migrator.db.convert;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Pairs the live MariaDB schema-8 tables with the SQLite schema-8 tables column by column. The
 * schemas differ only in dialect (types, defaults, AUTO_INCREMENT, NOT NULL on a few job columns)
 * and in one name: MariaDB's {@code insert_time} is SQLite's {@code insert_ts}. Anything else that
 * does not pair up means the source is not what its version claims, and the conversion refuses.
 */
public final class SchemaMapper {
    /** Parents before children, so the foreign keys hold at every commit. */
    public static final List<String> COPY_ORDER = List.of("hpc_user", "configuration", "tag", "job", "jobtag");
    private static final Map<String, String> RENAMED = Map.of("insert_time", "insert_ts");

    public record SourceColumn(String name, String dataType, boolean nullable) {
    }

    public record TargetColumn(String name, String declaredType, boolean notNull, int primaryKeyPosition) {
    }

    private SchemaMapper() {
    }

    public static List<TableMapping> map(Map<String, List<SourceColumn>> source, Map<String, List<TargetColumn>> target,
                                         boolean emptyForNull) {
        Set<String> unknown = new TreeSet<>(source.keySet());
        COPY_ORDER.forEach(unknown::remove);
        if (!unknown.isEmpty()) {
            throw new ConversionException("the MariaDB database has table(s) " + unknown
                    + " that cc-backend schema 8 does not know; they would be lost: move them elsewhere first");
        }
        List<TableMapping> tables = new ArrayList<>();
        for (String table : COPY_ORDER) {
            List<SourceColumn> from = source.get(table);
            List<TargetColumn> to = target.get(table);
            if (from == null) {
                throw new ConversionException("the MariaDB database has no table " + table
                        + ": it is not a cc-backend schema-8 database (check it with 'cc-migrator db inspect')");
            }
            if (to == null) {
                throw new IllegalStateException("the new SQLite database has no table " + table);
            }
            tables.add(mapTable(table, from, to, emptyForNull));
        }
        return tables;
    }

    private static TableMapping mapTable(String table, List<SourceColumn> from, List<TargetColumn> to, boolean emptyForNull) {
        Map<String, TargetColumn> targetByName = new LinkedHashMap<>();
        to.forEach(c -> targetByName.put(c.name(), c));
        List<ColumnMapping> columns = new ArrayList<>();
        for (SourceColumn s : from) {
            String targetName = RENAMED.getOrDefault(s.name(), s.name());
            TargetColumn t = targetByName.remove(targetName);
            if (t == null) {
                throw new ConversionException("column " + table + "." + s.name()
                        + " of the MariaDB database has no place in SQLite schema 8: is the source really at schema 8? check it with 'cc-migrator db verify --driver mysql'");
            }
            ValueKind kind = ValueKind.ofSqliteType(t.declaredType());
            String type = s.dataType().toLowerCase(Locale.ROOT);
            boolean timestamp = type.equals("timestamp") || type.equals("datetime");
            boolean nullableIntoNotNull = s.nullable() && t.notNull();
            columns.add(new ColumnMapping(s.name(), targetName, kind, timestamp, nullableIntoNotNull,
                    nullableIntoNotNull && emptyForNull && kind == ValueKind.TEXT));
        }
        if (!targetByName.isEmpty()) {
            throw new ConversionException("the MariaDB table " + table + " lacks column(s) " + targetByName.keySet()
                    + " of schema 8: is the source really at schema 8? check it with 'cc-migrator db verify --driver mysql'");
        }
        List<String> key = to.stream().filter(c -> c.primaryKeyPosition() > 0)
                .sorted(Comparator.comparingInt(TargetColumn::primaryKeyPosition))
                .map(TargetColumn::name).toList();
        return new TableMapping(table, List.copyOf(columns), key);
    }

    /** The source's tables except cc-backend's and Flyway's bookkeeping. */
    public static Map<String, List<SourceColumn>> readSource(Connection mariadb) throws SQLException {
        Map<String, List<SourceColumn>> tables = new LinkedHashMap<>();
        String sql = "SELECT c.table_name, c.column_name, c.data_type, c.is_nullable FROM information_schema.columns c"
                + " JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name"
                + " WHERE c.table_schema = DATABASE() AND t.table_type = 'BASE TABLE'"
                + " ORDER BY c.table_name, c.ordinal_position";
        try (Statement st = mariadb.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                String table = rs.getString(1);
                if (isBookkeeping(table)) {
                    continue;
                }
                tables.computeIfAbsent(table, k -> new ArrayList<>())
                        .add(new SourceColumn(rs.getString(2), rs.getString(3), "YES".equals(rs.getString(4))));
            }
        }
        return tables;
    }

    public static Map<String, List<TargetColumn>> readTarget(Connection sqlite) throws SQLException {
        Map<String, List<TargetColumn>> tables = new LinkedHashMap<>();
        for (String table : COPY_ORDER) {
            List<TargetColumn> columns = new ArrayList<>();
            try (Statement st = sqlite.createStatement(); ResultSet rs = st.executeQuery("PRAGMA table_info(\"" + table + "\")")) {
                while (rs.next()) {
                    columns.add(new TargetColumn(rs.getString("name"), rs.getString("type"), rs.getInt("notnull") == 1, rs.getInt("pk")));
                }
            }
            if (!columns.isEmpty()) {
                tables.put(table, columns);
            }
        }
        return tables;
    }

    static boolean isBookkeeping(String table) {
        String t = table.toLowerCase(Locale.ROOT);
        return t.equals("schema_migrations") || t.startsWith("flyway");
    }
}

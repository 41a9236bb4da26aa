package dev.ccbackend.migrator.db.convert;

/**
 * How one column travels from MariaDB to SQLite.
 *
 * @param source              column name in MariaDB
 * @param target              column name in SQLite (differs for {@code insert_time} → {@code insert_ts})
 * @param kind                the SQLite storage class the value arrives in
 * @param timestamp           a MariaDB TIMESTAMP/DATETIME: read as UTC text in SQLite's CURRENT_TIMESTAMP format
 * @param nullableIntoNotNull MariaDB allows NULL here but SQLite schema 8 does not (e.g. {@code job.cluster})
 * @param emptyForNull        NULL becomes '' (only for such text columns, on request)
 */
public record ColumnMapping(String source, String target, ValueKind kind, boolean timestamp,
                            boolean nullableIntoNotNull, boolean emptyForNull) {

    String selectExpression() {
        String quoted = "`" + source + "`";
        return timestamp ? "DATE_FORMAT(" + quoted + ", '%Y-%m-%d %H:%i:%s')" : quoted;
    }
}

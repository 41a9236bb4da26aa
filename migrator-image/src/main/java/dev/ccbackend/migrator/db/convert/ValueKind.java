package dev.ccbackend.migrator.db.convert;

import java.util.Locale;

/**
 * The storage class a value has in SQLite, derived from the target column's declared type with
 * SQLite's affinity rules. Values are read from MariaDB straight into this class, so a tinyint
 * arrives as an integer (never a boolean) and a JSON longtext as text.
 */
public enum ValueKind {
    INTEGER, REAL, TEXT;

    /** SQLite's column affinity rules (section 3.1 of its datatype documentation), minus BLOB/NUMERIC, which cc-backend never declares. */
    public static ValueKind ofSqliteType(String declaredType) {
        String t = declaredType.toUpperCase(Locale.ROOT);
        if (t.contains("INT")) {
            return INTEGER;
        }
        if (t.contains("CHAR") || t.contains("CLOB") || t.contains("TEXT")) {
            return TEXT;
        }
        if (t.contains("REAL") || t.contains("FLOA") || t.contains("DOUB")) {
            return REAL;
        }
        throw new IllegalArgumentException("unexpected SQLite column type " + declaredType);
    }
}

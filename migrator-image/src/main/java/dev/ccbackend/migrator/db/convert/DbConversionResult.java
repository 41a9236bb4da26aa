package dev.ccbackend.migrator.db.convert;

import java.util.List;

/**
 * What {@code cc-migrator db convert} prints.
 *
 * @param source             the MariaDB database, without password
 * @param sourceVersion      its schema version when read (after {@code --migrate-source}: 8)
 * @param sourceMigratedFrom the version it had before {@code --migrate-source} migrated it; null if untouched
 * @param target             the SQLite file created
 * @param targetVersion      its schema version (8); {@code next} takes it further
 * @param tables             per table: rows and the checksum both sides agree on
 * @param rows               rows copied in all
 * @param indexes            indexes rebuilt after the load
 * @param durationSeconds    wall time of the whole conversion
 * @param next               the command that takes the new file to the newest schema
 */
public record DbConversionResult(String source, int sourceVersion, Integer sourceMigratedFrom, String target,
                                 int targetVersion, List<TableResult> tables, long rows, int indexes,
                                 double durationSeconds, String next) {

    /** One table: rows counted on both sides and the checksum computed on both sides. */
    public record TableResult(String table, long rows, String checksum, double seconds) {
    }
}

package dev.ccbackend.migrator.db;

import java.util.List;

/**
 * What {@code cc-migrator db verify} prints.
 *
 * @param driver           sqlite3 or mysql
 * @param expectedVersion  the version compared with
 * @param recordedVersion  what schema_migrations says
 * @param dirty            schema_migrations' dirty flag
 * @param matches          live schema equals the expected one and the recorded version is right and clean
 * @param differences      one line per difference
 */
public record VerifyResult(String driver, int expectedVersion, int recordedVersion, boolean dirty, boolean matches,
                           List<String> differences) {
}

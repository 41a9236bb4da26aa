package dev.ccbackend.migrator.db;

import java.util.Map;

/**
 * What {@code cc-migrator db inspect} reports. A missing or empty database is version 0.
 *
 * @param driver       sqlite3 or mysql
 * @param version      golang-migrate version in {@code schema_migrations} (0 when absent)
 * @param dirty        golang-migrate's dirty flag
 * @param jobs         rows in {@code job}
 * @param stoppedJobs  jobs in state 'stopped', which schema 9+ rejects
 * @param sizeBytes    SQLite: file size including -wal/-shm; null for MariaDB
 * @param rows         row count per table
 */
public record DbInspection(String driver, int version, boolean dirty, long jobs, long stoppedJobs,
                           Long sizeBytes, Map<String, Long> rows) {
}

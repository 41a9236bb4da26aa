package dev.ccbackend.migrator.plan;

/**
 * One unit of work in a plan, in execution order.
 *
 * @param kind        what runs it
 * @param fromVersion version before (DB schema, archive version; 0 for config)
 * @param toVersion   version after
 * @param description one line for people
 */
public record PlannedStep(Kind kind, int fromVersion, int toVersion, String description) {

    public enum Kind {
        /** {@code cc-migrator db convert}: MariaDB to a new SQLite file (schema 8). */
        DATABASE_CONVERT,
        /** {@code cc-migrator db migrate}. */
        DATABASE,
        /** {@code cc-migrator archive migrate}, one hop. */
        ARCHIVE,
        /** {@code cc-migrator config convert}. */
        CONFIG
    }
}

package dev.ccbackend.migrator.plan;

/**
 * One unit of work in a plan, in execution order.
 *
 * @param kind          what runs it
 * @param fromVersion   version before (DB schema, archive version; 0 for config)
 * @param toVersion     version after
 * @param description   one line for people
 * @param driver        the database a DATABASE step works on (sqlite3 or mysql; a conversion reads mysql);
 *                      null for archive and config steps
 * @param jobs          jobs the step touches (estimate)
 * @param bytes         bytes the step reads (estimate; null when unknown, e.g. a MariaDB server)
 * @param requiredBytes free space the step needs where it writes (estimate; null when unknown)
 */
public record PlannedStep(Kind kind, int fromVersion, int toVersion, String description, String driver,
                          long jobs, Long bytes, Long requiredBytes) {

    public PlannedStep(Kind kind, int fromVersion, int toVersion, String description) {
        this(kind, fromVersion, toVersion, description, null, 0, null, null);
    }

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

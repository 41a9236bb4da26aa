package dev.ccbackend.migrator.db;

/** The migration did not start (or rolled back): the message says why and what to do; data is untouched. */
public class MigrationRefusedException extends RuntimeException {
    public MigrationRefusedException(String message) {
        super(message);
    }

    public MigrationRefusedException(String message, Throwable cause) {
        super(message, cause);
    }
}

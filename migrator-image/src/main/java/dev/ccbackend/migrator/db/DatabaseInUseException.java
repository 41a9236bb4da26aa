package dev.ccbackend.migrator.db;

/** Another process (cc-backend, most likely) holds the SQLite file; nothing was changed. */
public final class DatabaseInUseException extends MigrationRefusedException {
    DatabaseInUseException(String message, Throwable cause) {
        super(message, cause);
    }
}

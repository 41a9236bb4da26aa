package dev.ccbackend.migrator.archive;

/** A refusal or failure of an archive operation; the message says what is wrong and what to do. */
public class ArchiveException extends RuntimeException {
    public ArchiveException(String message) {
        super(message);
    }

    public ArchiveException(String message, Throwable cause) {
        super(message, cause);
    }
}

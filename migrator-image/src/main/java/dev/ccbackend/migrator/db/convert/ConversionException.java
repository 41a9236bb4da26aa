package dev.ccbackend.migrator.db.convert;

/** The conversion refused or failed; the message says what to do. Nothing was written. */
public class ConversionException extends RuntimeException {
    public ConversionException(String message) {
        super(message);
    }

    public ConversionException(String message, Throwable cause) {
        super(message, cause);
    }
}

package dev.ccbackend.migrator.cli;

/** A failure that carries its own exit code and a message telling the user what to do. */
public class CliException extends RuntimeException {
    private final int exitCode;

    public CliException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}

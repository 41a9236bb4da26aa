package dev.ccbackend.migrator.archive;

/** Why one job cannot be migrated; reported with the job's path, never fatal to the others by itself. */
public class JobException extends Exception {
    public JobException(String message) {
        super(message);
    }
}

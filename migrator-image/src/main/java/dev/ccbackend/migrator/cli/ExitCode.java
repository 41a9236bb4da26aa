package dev.ccbackend.migrator.cli;

/**
 * cc-migrator's exit codes: the contract with the operator, which reads them from a migration
 * Job's container. Defined here only; both modules test against these constants.
 */
public final class ExitCode {
    /** The command did what it was asked. */
    public static final int OK = 0;
    /** It failed or refused; stderr has one {@code error: …} line saying what to do. Data is untouched
     *  unless the message says otherwise. */
    public static final int FAILED = 1;
    /** The command line was wrong. */
    public static final int USAGE = 2;
    /** {@code plan} found blockers: the upgrade cannot run as it stands. */
    public static final int BLOCKED = 3;

    private ExitCode() {
    }
}

package dev.ccbackend.migrator.cli;

import dev.ccbackend.migrator.db.SchemaVerifier;
import dev.ccbackend.migrator.db.VerifyResult;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code db verify}: the live schema against the one our migrations produce for a version. */
@Command(name = "verify",
        description = {"Compare the live schema (tables, columns, types, defaults, indexes, foreign keys) with schema"
                + " version N and print the differences as JSON. Exit 1 when they differ."})
public class DbVerifyCommand implements Callable<Integer> {
    @Mixin
    ConnectionOptions connection;

    @Mixin
    OutputOptions output;

    @Spec
    CommandSpec spec;

    // --version is the schema version here, so only --help comes from picocli.
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    @Option(names = "--version", required = true, paramLabel = "N", description = "The schema version the database should have.")
    int version;

    @Override
    public Integer call() {
        VerifyResult result = SchemaVerifier.verify(connection.target(), version);
        int code = output.emit(result, result.matches() ? ExitCode.OK : ExitCode.FAILED);
        if (!result.matches()) {
            spec.commandLine().getErr().println("error: the schema differs from version " + version + " in "
                    + result.differences().size() + " places (listed on stdout): " + advice(result));
        }
        return code;
    }

    /** What to do depends on where the database is: behind (migrate), ahead (verify its own version), or at it. */
    static String advice(VerifyResult result) {
        int at = result.recordedVersion();
        int wanted = result.expectedVersion();
        if (result.dirty()) {
            return "a migration to schema " + at + " failed part-way (dirty): see `cc-migrator db migrate --help` for"
                    + " --retry-dirty, or restore the backup taken before it";
        }
        if (at > wanted) {
            return "the database is at schema " + at + ", newer than " + wanted + " (downgrades are not supported):"
                    + " verify it against its own version with --version " + at;
        }
        if (at < wanted) {
            return "the database is at schema " + at + ": migrate it with `cc-migrator db migrate --to-version " + wanted + "`";
        }
        return "the database says schema " + at + " but its tables differ from what that version creates:"
                + " restore the backup taken before the last migration, or compare with `cc-migrator db inspect`";
    }
}

package dev.ccbackend.migrator.cli;

import dev.ccbackend.migrator.db.DatabasePrepare;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code db prepare}: the online upgrade's first half, while cc-backend runs. */
@Command(name = "prepare", mixinStandardHelpOptions = true,
        description = {"Online upgrade, first half (cc-backend keeps running): copy the live SQLite database consistently"
                + " (VACUUM INTO FILE.base, the pristine copy the cutover compares with) and migrate a second copy, FILE,"
                + " to the target. Needs about 2 x the database of free disk plus the migration's room. MariaDB: offline only.",
                "Then stop cc-backend and run `db cutover`."})
public class DbPrepareCommand implements Callable<Integer> {
    @Mixin
    ConnectionOptions connection;

    @Mixin
    OutputOptions output;

    @Option(names = "--to-version", required = true, paramLabel = "N", description = "Target schema version.")
    int version;

    @Option(names = "--output", required = true, paramLabel = "FILE",
            description = "The prepared database (must not exist), beside the live one: the cutover renames it into place.")
    Path prepared;

    @Mixin
    MapStateOption mapState;

    @Option(names = "--reuse", description = "Keep a finished prepare at the output for this target and --map-state (say"
            + " so and exit 0), and remove an unfinished one (a killed prepare) to start over; another target is refused.")
    boolean reuse;

    @Override
    public Integer call() {
        return output.emit(DatabasePrepare.prepare(connection.target(), prepared, version, mapState.mapping(), reuse), ExitCode.OK);
    }
}

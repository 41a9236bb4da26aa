package dev.ccbackend.migrator.cli;

import dev.ccbackend.migrator.db.DatabaseCutover;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code db cutover}: the online upgrade's second half, with cc-backend stopped. */
@Command(name = "cutover", mixinStandardHelpOptions = true,
        description = {"Online upgrade, second half (cc-backend stopped; refused while it holds the database): apply every"
                + " row inserted, updated or deleted since `db prepare` to the prepared database, check it, and switch:"
                + " the database is kept as FILE.v<old>-<time> and the prepared one takes its name.",
                "Rolling back is renaming back. Rerun after a crash: it finishes or repeats what is left."})
public class DbCutoverCommand implements Callable<Integer> {
    @Mixin
    ConnectionOptions connection;

    @Mixin
    OutputOptions output;

    @Option(names = "--prepared", required = true, paramLabel = "FILE", description = "What `db prepare --output` wrote.")
    Path prepared;

    @Override
    public Integer call() {
        return output.emit(DatabaseCutover.cutover(connection.target(), prepared, Clock.systemUTC()), ExitCode.OK);
    }
}

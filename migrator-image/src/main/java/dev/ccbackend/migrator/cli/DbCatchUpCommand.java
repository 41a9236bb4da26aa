package dev.ccbackend.migrator.cli;

import dev.ccbackend.migrator.db.DatabaseCatchUp;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code db catch-up}: between the online upgrade's two halves, while cc-backend runs. */
@Command(name = "catch-up", mixinStandardHelpOptions = true,
        description = {"Online upgrade, between the halves (cc-backend keeps running): copy the live database again"
                + " (VACUUM INTO) and apply what changed since the prepare, or the last catch-up, to the prepared database,"
                + " so that the cutover only has the last moments' changes left. Needs one more copy of the database on disk"
                + " while it runs.",
                "Run it right before stopping cc-backend, as often as you like; safe to kill, the next run finishes it."})
public class DbCatchUpCommand implements Callable<Integer> {
    @Mixin
    ConnectionOptions connection;

    @Mixin
    OutputOptions output;

    @Option(names = "--prepared", required = true, paramLabel = "FILE", description = "What `db prepare --output` wrote.")
    Path prepared;

    @Override
    public Integer call() {
        return output.emit(DatabaseCatchUp.catchUp(connection.target(), prepared), ExitCode.OK);
    }
}

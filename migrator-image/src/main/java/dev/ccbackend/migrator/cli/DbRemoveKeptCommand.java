package dev.ccbackend.migrator.cli;

import dev.ccbackend.migrator.db.DatabaseCutover;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code db remove-kept}: the end of an online upgrade's rollback window. */
@Command(name = "remove-kept", mixinStandardHelpOptions = true,
        description = {"Delete the original database a cutover kept beside FILE (FILE.v<old>-<time>, with its -wal and"
                + " -shm), once going back to it is no longer wanted. Only such a name is accepted."})
public class DbRemoveKeptCommand implements Callable<Integer> {
    @Mixin
    ConnectionOptions connection;

    @Option(names = "--kept", required = true, paramLabel = "NAME", description = "The name the cutover kept the original under.")
    String kept;

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() {
        return output.emit(DatabaseCutover.removeKept(connection.target(), kept), ExitCode.OK);
    }
}

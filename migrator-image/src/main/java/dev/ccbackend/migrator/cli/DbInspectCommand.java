package dev.ccbackend.migrator.cli;

import dev.ccbackend.migrator.db.DatabaseInspector;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code db inspect}: version, dirty flag and sizes, read-only. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = "Print the database's schema version, dirty flag, job counts and size as JSON (changes nothing).")
public class DbInspectCommand implements Callable<Integer> {
    @Mixin
    ConnectionOptions connection;

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() {
        return output.emit(DatabaseInspector.inspect(connection.target()), ExitCode.OK);
    }
}

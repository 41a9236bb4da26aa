package dev.ccbackend.migrator.cli;

import dev.ccbackend.migrator.db.DatabaseCutover;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code db switch-back}: an online upgrade's rollback, by renaming. */
@Command(name = "switch-back", mixinStandardHelpOptions = true,
        description = {"Undo `db cutover` (cc-backend stopped; refused while it holds the database): the kept original"
                + " takes the database's name again and the upgraded database is set aside as FILE.rolled-back-<time>"
                + " (with its -wal and -shm). Nothing is deleted; a rerun finishes what a kill left."})
public class DbSwitchBackCommand implements Callable<Integer> {
    @Mixin
    ConnectionOptions connection;

    @Mixin
    SwitchBackOptions which;

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() {
        return output.emit(DatabaseCutover.switchBack(connection.target(), which.kept()), ExitCode.OK);
    }
}

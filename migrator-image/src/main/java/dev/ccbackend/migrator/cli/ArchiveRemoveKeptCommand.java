package dev.ccbackend.migrator.cli;

import dev.ccbackend.migrator.archive.ArchiveCutover;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code archive remove-kept}: the end of an online upgrade's rollback window. */
@Command(name = "remove-kept", mixinStandardHelpOptions = true,
        description = {"Delete the original archive a cutover kept beside DIR (DIR.v<old>-<time>), once going back to it"
                + " is no longer wanted. Only such a name is accepted."})
public class ArchiveRemoveKeptCommand implements Callable<Integer> {
    @Option(names = "--archive", required = true, paramLabel = "DIR", description = "The job archive's root.")
    Path archive;

    @Option(names = "--kept", required = true, paramLabel = "NAME", description = "The name the cutover kept the original under.")
    String kept;

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() {
        return output.emit(ArchiveCutover.removeKept(archive, kept), ExitCode.OK);
    }
}

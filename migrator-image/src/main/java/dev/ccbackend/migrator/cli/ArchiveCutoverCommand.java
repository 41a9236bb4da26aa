package dev.ccbackend.migrator.cli;

import dev.ccbackend.migrator.archive.ArchiveCutover;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code archive cutover}: the online upgrade's second half, with cc-backend stopped. */
@Command(name = "cutover", mixinStandardHelpOptions = true,
        description = {"Online upgrade, second half (cc-backend stopped): migrate again what changed since `archive prepare`"
                + " (jobs added, changed or removed, other files), write version.txt, and switch: the archive is kept as"
                + " DIR.v<old>-<time> and the prepared one takes its name. Refuses, before the switch, jobs that"
                + " cannot be migrated.",
                "Rolling back is renaming back. Rerun after a crash."})
public class ArchiveCutoverCommand implements Callable<Integer> {
    @Mixin
    OutputOptions output;

    @Option(names = "--archive", required = true, paramLabel = "DIR", description = "The job archive's root.")
    Path archive;

    @Option(names = "--prepared", required = true, paramLabel = "NEWDIR", description = "What `archive prepare --output` wrote.")
    Path prepared;

    @Mixin
    WorkersOption workers;

    @Override
    public Integer call() throws Exception {
        return output.emit(ArchiveCutover.cutover(archive, prepared, Clock.systemUTC(),
                workers.count()), ExitCode.OK);
    }
}

package dev.ccbackend.migrator.cli;

import dev.ccbackend.migrator.archive.ArchiveCutover;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code archive switch-back}: an online upgrade's rollback, by renaming. */
@Command(name = "switch-back", mixinStandardHelpOptions = true,
        description = {"Undo `archive cutover` (cc-backend stopped): the kept original takes the archive's name again and"
                + " the upgraded archive is set aside as DIR.rolled-back-<time>. Nothing is deleted; a rerun finishes what"
                + " a kill left."})
public class ArchiveSwitchBackCommand implements Callable<Integer> {
    @Option(names = "--archive", required = true, paramLabel = "DIR", description = "The job archive's root.")
    Path archive;

    @Mixin
    SwitchBackOptions which;

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() {
        return output.emit(ArchiveCutover.switchBack(archive, which.kept()), ExitCode.OK);
    }
}

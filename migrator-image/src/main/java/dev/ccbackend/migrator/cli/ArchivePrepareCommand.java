package dev.ccbackend.migrator.cli;

import dev.ccbackend.migrator.archive.ArchivePrepare;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code archive prepare}: the online upgrade's first half, while cc-backend runs. */
@Command(name = "prepare", mixinStandardHelpOptions = true,
        description = {"Online upgrade, first half (cc-backend keeps running): record every job directory's signature,"
                + " then migrate in copy mode into NEWDIR beside the archive (data files hard-linked, so the disk cost is"
                + " the meta.json files). A meta.json read while cc-backend rewrote it is kept for the cutover, not an error.",
                "Then stop cc-backend and run `archive cutover`."})
public class ArchivePrepareCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    OutputOptions output;

    @Option(names = "--archive", required = true, paramLabel = "DIR", description = "The job archive's root.")
    Path archive;

    @Option(names = "--to-version", required = true, paramLabel = "N", description = "Target archive version (2 or 3).")
    int version;

    @Option(names = "--output", required = true, paramLabel = "NEWDIR",
            description = "The prepared archive (must not exist), on the archive's filesystem.")
    Path prepared;

    @Mixin
    MapStateOption mapState;

    @Option(names = "--reuse", description = "Keep a finished prepare at the output for this target and --map-state (say"
            + " so and exit 0), and remove an unfinished one (a killed prepare) to start over; another target is refused.")
    boolean reuse;

    @Mixin
    WorkersOption workers;

    @Override
    public Integer call() throws Exception {
        return output.emit(ArchivePrepare.prepare(archive, prepared, version, mapState.mapping(),
                workers.count(), reuse, spec.commandLine().getErr()), ExitCode.OK);
    }
}

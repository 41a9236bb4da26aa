package dev.ccbackend.migrator.cli;

import dev.ccbackend.migrator.archive.ArchiveVerification;
import dev.ccbackend.migrator.archive.ArchiveVerifier;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code archive verify}: validates an archive against the JSON schemas of its version. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Validate the archive against the JSON schemas of its version.",
                "Checks version.txt, cluster.json and every meta.json (data files with --deep). Violations are reported;",
                "With --baseline (the archive before migration) it also checks that everything the baseline holds is still there",
                "(files, directories, links to the same data), and fails on what is missing and on violations the baseline did not have,",
                "or on any with --strict."})
public class ArchiveVerifyCommand implements Callable<Integer> {
    @Option(names = "--archive", required = true, paramLabel = "DIR", description = "The job archive's root.")
    Path archive;

    @Option(names = "--baseline", paramLabel = "OLD_DIR", description = "The archive before migration: fail on violations it did not have.")
    Path baseline;

    @Option(names = "--deep", description = "Also validate every data file (slow: reads all metric data).")
    boolean deep;

    @Option(names = "--strict", description = "Fail on any violation, also those upstream's own data has.")
    boolean strict;

    @Option(names = "--workers", paramLabel = "N", description = "Parallel workers (default: number of cores).")
    Integer workers;

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() {
        ArchiveVerification result = ArchiveVerifier.verify(archive, baseline, deep, strict,
                workers != null ? Math.max(1, workers) : Runtime.getRuntime().availableProcessors());
        return output.emit(result, result.ok() ? ExitCode.OK : ExitCode.FAILED);
    }
}

package dev.ccbackend.migrator.cli;

import dev.ccbackend.migrator.archive.ArchiveFinalizer;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code archive finalize}: completes a sharded migration once every shard has finished. */
@Command(name = "finalize", mixinStandardHelpOptions = true,
        description = {"Complete a sharded migration once every shard has finished without failures.",
                "Writes cluster-level files, then version.txt (last); refuses, changing nothing, otherwise."})
public class ArchiveFinalizeCommand implements Callable<Integer> {
    @Option(names = "--archive", required = true, paramLabel = "DIR", description = "The source archive (in place: the archive).")
    Path archive;

    @Option(names = "--output", paramLabel = "NEWDIR", description = "Copy mode: the new archive the shards wrote.")
    Path output;

    @Option(names = "--shards", required = true, paramLabel = "N", description = "Number of shards the migration used.")
    int shards;

    @Option(names = "--to-version", required = true, paramLabel = "N", description = "Target archive version.")
    int toVersion;

    @Mixin
    OutputOptions outputOptions;

    @Override
    public Integer call() throws Exception {
        if (shards < 1) {
            throw new CliException(ExitCode.USAGE, "--shards must be at least 1");
        }
        Path source = archive.toAbsolutePath().normalize();
        Path target = output == null ? null : output.toAbsolutePath().normalize();
        return outputOptions.emit(ArchiveFinalizer.finalize(source, target, shards, toVersion), ExitCode.OK);
    }
}

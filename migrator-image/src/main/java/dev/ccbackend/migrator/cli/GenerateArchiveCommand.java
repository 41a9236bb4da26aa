package dev.ccbackend.migrator.cli;

import dev.ccbackend.migrator.archive.SampleArchiveGenerator;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code generate archive}: a sample job archive for tests, benchmarks and demos. */
@Command(name = "archive",
        description = "Generate a job archive of a chosen version with N jobs (realistic meta.json, data files of a chosen size).")
public class GenerateArchiveCommand implements Callable<Integer> {
    // No mixinStandardHelpOptions: --version here is the archive version, not cc-migrator's.
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "New archive root (must not exist or be empty).")
    Path out;

    @Option(names = "--jobs", defaultValue = "1000", paramLabel = "N", description = "Number of jobs (default 1000).")
    int jobs;

    @Option(names = "--version", defaultValue = "1", paramLabel = "V", description = "Archive version 1, 2 or 3 (default 1).")
    int version;

    @Option(names = "--data-bytes", defaultValue = "4096", paramLabel = "BYTES", description = "Size of each data file (default 4096).")
    int dataBytes;

    @Option(names = "--plain", description = "Write data.json instead of data.json.gz.")
    boolean plain;

    @Option(names = "--stopped", defaultValue = "0", paramLabel = "N", description = "Jobs in state 'stopped' (versions 1 and 2).")
    int stopped;

    @Option(names = "--clusters", defaultValue = "alex,emmy,fritz", split = ",", paramLabel = "NAMES", description = "Cluster names.")
    List<String> clusters;

    @Option(names = "--seed", defaultValue = "42", description = "Random seed (same seed, same archive).")
    long seed;

    @Spec
    CommandSpec spec;

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() throws Exception {
        SampleArchiveGenerator.Spec archiveSpec;
        try {
            archiveSpec = new SampleArchiveGenerator.Spec(version, jobs, clusters, dataBytes, !plain, stopped, seed);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        return output.emit(SampleArchiveGenerator.generate(out, archiveSpec), ExitCode.OK);
    }
}

package dev.ccbackend.migrator.cli;

import dev.ccbackend.migrator.archive.ArchiveMigrator;
import dev.ccbackend.migrator.archive.MigrationOptions;
import dev.ccbackend.migrator.archive.MigrationResult;
import dev.ccbackend.migrator.archive.Shard;
import dev.ccbackend.migrator.catalog.StateMapping;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code archive migrate}: upgrades a job archive, into a new directory or in place. */
@Command(name = "migrate", mixinStandardHelpOptions = true,
        description = {"Migrate a job archive to a newer version (hops 1→2, 2→3 in one pass).",
                "copy mode writes NEWDIR and never modifies DIR (unchanged files are hard-linked on the same filesystem);",
                "in-place mode replaces files atomically and writes version.txt last; rerun the same command after a crash."})
public class ArchiveMigrateCommand implements Callable<Integer> {
    enum Mode { copy, in_place }

    @Spec
    CommandSpec spec;

    @Option(names = "--archive", required = true, paramLabel = "DIR", description = "The job archive's root.")
    Path archive;

    @Option(names = "--to-version", required = true, paramLabel = "N", description = "Target archive version (2 or 3).")
    int toVersion;

    @Option(names = "--mode", required = true, paramLabel = "copy|in-place",
            converter = ModeConverter.class, description = "copy (needs --output) or in-place.")
    Mode mode;

    @Option(names = "--output", paramLabel = "NEWDIR", description = "Copy mode: the new archive (must not exist or be empty).")
    Path output;

    @Option(names = "--map-state", paramLabel = "FROM=TO", split = ",",
            description = "Job states version 3 forbids, e.g. stopped=completed (required when such jobs exist).")
    List<String> mapState = new ArrayList<>();

    @Option(names = "--on-error", paramLabel = "fail|skip", defaultValue = "fail",
            description = "fail (default): stop at a broken job, refusing before any change when the pre-scan finds it;"
                    + " skip: keep broken jobs as they are and list them in --report.")
    String onError;

    @Option(names = "--report", paramLabel = "FILE", description = "Write every failed, skipped or warned job here (JSON Lines).")
    Path report;

    @Mixin
    WorkersOption workers;

    @Option(names = "--progress-file", paramLabel = "FILE", description = "Keep the latest progress JSON in FILE.")
    Path progressFile;

    @Option(names = "--progress-interval", paramLabel = "SECONDS", defaultValue = "5",
            description = "Seconds between progress updates (default 5).")
    double progressInterval;

    @Option(names = "--add-footprints", description = "Hop 1→2: add footprint attributes for well-known metrics to cluster.json.")
    boolean addFootprints;

    @Option(names = "--shard", paramLabel = "I/N",
            description = "Migrate only shard I of N (0-based); never writes version.txt: run 'archive finalize' after all shards.")
    String shard;

    @Option(names = "--fsync-each-file", description = "fsync every file before its rename (default: one filesystem sync before version.txt).")
    boolean fsyncEachFile;

    @Mixin
    OutputOptions outputOptions;

    @Override
    public Integer call() throws Exception {
        if (mode == Mode.copy && output == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--mode copy needs --output NEWDIR");
        }
        if (mode == Mode.in_place && output != null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--output is only for --mode copy");
        }
        MigrationOptions.OnError errors = switch (onError) {
            case "fail" -> MigrationOptions.OnError.FAIL;
            case "skip" -> MigrationOptions.OnError.SKIP;
            default -> throw new CommandLine.ParameterException(spec.commandLine(), "--on-error takes fail or skip, got '" + onError + "'");
        };
        MigrationOptions options = new MigrationOptions(archive, output, toVersion, StateMapping.parse(mapState), errors,
                workers.count(), report, progressFile, addFootprints,
                shard == null ? Shard.ALL : Shard.parse(shard), fsyncEachFile,
                Duration.ofMillis(Math.round(progressInterval * 1000)), System.console() != null);
        MigrationResult result = new ArchiveMigrator(spec.commandLine().getErr()).migrate(options);
        return outputOptions.emit(result, ExitCode.OK);
    }

    static final class ModeConverter implements CommandLine.ITypeConverter<Mode> {
        @Override
        public Mode convert(String value) {
            return switch (value) {
                case "copy" -> Mode.copy;
                case "in-place", "in_place" -> Mode.in_place;
                default -> throw new CommandLine.TypeConversionException("--mode takes copy or in-place, got '" + value + "'");
            };
        }
    }
}

package dev.ccbackend.migrator.cli;

import dev.ccbackend.migrator.db.MigrationRefusedException;
import dev.ccbackend.migrator.db.SampleDatabaseGenerator;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code generate db}: a SQLite database with realistic jobs at a chosen schema version. */
@Command(name = "db", mixinStandardHelpOptions = true,
        description = "Create a SQLite database with N realistic jobs (every state, 10 %% tagged) at a shipped schema version.")
public class GenerateDbCommand implements Callable<Integer> {
    @Mixin
    OutputOptions output;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The new SQLite file (must not exist).")
    Path out;

    @Option(names = "--jobs", required = true, paramLabel = "N", description = "Number of jobs.")
    int jobs;

    @Option(names = "--schema", defaultValue = "7", paramLabel = "VERSION",
            description = "Schema version (4, 6, 7, 8, 10, 11); default ${DEFAULT-VALUE}, as a v1.3.1 site has.")
    int schema;

    @Option(names = "--stopped-jobs", defaultValue = "0", paramLabel = "K", description = "Jobs in state 'stopped' (schema 8 or older).")
    int stoppedJobs;

    @Option(names = "--seed", defaultValue = "42", paramLabel = "SEED", description = "Random seed (same seed, same data).")
    long seed;

    @Override
    public Integer call() throws Exception {
        SampleDatabaseGenerator.Options options;
        try {
            options = new SampleDatabaseGenerator.Options(schema, jobs, stoppedJobs, seed);
        } catch (IllegalArgumentException | MigrationRefusedException e) {
            throw new CliException(ExitCode.USAGE, e.getMessage());
        }
        return output.emit(SampleDatabaseGenerator.generate(out, options), ExitCode.OK);
    }
}

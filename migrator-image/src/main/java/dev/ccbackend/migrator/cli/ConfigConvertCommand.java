package dev.ccbackend.migrator.cli;

import dev.ccbackend.migrator.config.ConfigConverter;
import dev.ccbackend.migrator.config.ConfigFileWriter;
import dev.ccbackend.migrator.config.ConversionOptions;
import dev.ccbackend.migrator.config.ConversionResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code cc-migrator config convert --in config.json --to-release vX.Y.Z --out new.json [--db PATH]}.
 * Writes the converted config to a new file; the input is never modified. Exit 1 and nothing
 * written when a value cannot be converted.
 */
@Command(name = "convert", mixinStandardHelpOptions = true,
        description = "Convert config.json to the format a release reads (the input is never modified).")
public class ConfigConvertCommand implements Callable<Integer> {

    @Option(names = "--in", required = true, paramLabel = "FILE", description = "The current config.json.")
    Path in;

    @Option(names = "--to-release", required = true, paramLabel = "vX.Y.Z", description = "The release the config is for.")
    String toRelease;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write the converted config (must differ from --in).")
    Path out;

    @Option(names = "--db", paramLabel = "PATH",
            description = "The SQLite file the database was converted to: the config is switched to it (required for db-driver mysql and v1.5+).")
    String db;

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() throws IOException {
        if (!Files.isRegularFile(in)) {
            throw new CliException(ExitCode.FAILED, "cannot read --in " + in + ": no such file: point --in at cc-backend's config.json");
        }
        ConversionResult result;
        try {
            result = new ConfigConverter().convert(in, toRelease, new ConversionOptions(db));
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCode.FAILED, e.getMessage());
        }
        if (!result.convertible()) {
            output.emit(result, ExitCode.FAILED);
            output.spec.commandLine().getErr().println("error: " + in + " cannot be converted to " + toRelease + ": "
                    + String.join("; ", result.errors()) + " (nothing was written)");
            return ExitCode.FAILED;
        }
        try {
            return output.emit(ConfigFileWriter.write(result, in, out), ExitCode.OK);
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCode.FAILED, e.getMessage());
        }
    }
}

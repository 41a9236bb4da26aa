package dev.ccbackend.migrator.cli;

import dev.ccbackend.migrator.catalog.VersionProbe;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code cc-migrator probe-output --file F}: reads what {@code cc-backend -version} printed (the
 * operator runs the target image with {@code -version}) and prints the versions as JSON.
 */
@Command(name = "probe-output", mixinStandardHelpOptions = true,
        description = "Parse the output of 'cc-backend -version' into {dbVersion, archiveVersion, ...}.")
public class ProbeOutputCommand implements Callable<Integer> {

    @Option(names = "--file", required = true, paramLabel = "FILE", description = "The saved output of 'cc-backend -version' ('-' for stdin).")
    String file;

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() throws IOException {
        String text = file.equals("-")
                ? new String(System.in.readAllBytes(), StandardCharsets.UTF_8)
                : readFile(Path.of(file));
        try {
            return output.emit(VersionProbe.parse(text), ExitCode.OK);
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCode.FAILED, file + ": " + e.getMessage());
        }
    }

    private static String readFile(Path path) throws IOException {
        if (!Files.isRegularFile(path)) {
            throw new CliException(ExitCode.FAILED, "cannot read " + path + ": no such file: save the output of `cc-backend -version` there, or pass --file - to read stdin");
        }
        return Files.readString(path, StandardCharsets.UTF_8);
    }
}

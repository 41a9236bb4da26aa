package dev.ccbackend.migrator.cli;

import dev.ccbackend.migrator.archive.ArchiveInspection;
import dev.ccbackend.migrator.archive.ArchiveInspector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code archive inspect}: reads an archive without changing it and prints what it found. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = "Print the archive's version, clusters, job count, size and problems as JSON (changes nothing).")
public class ArchiveInspectCommand implements Callable<Integer> {
    @Option(names = "--archive", required = true, paramLabel = "DIR", description = "The job archive's root (holds version.txt).")
    Path archive;

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() {
        if (!Files.isDirectory(archive)) {
            throw new CliException(ExitCode.FAILED, archive + " is not a directory; give the job archive's root with --archive");
        }
        ArchiveInspection inspection = ArchiveInspector.inspect(archive);
        return output.emit(inspection, ExitCode.OK);
    }
}

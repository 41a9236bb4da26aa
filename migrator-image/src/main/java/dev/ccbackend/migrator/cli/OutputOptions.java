package dev.ccbackend.migrator.cli;

import dev.ccbackend.migrator.util.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Where a command's result goes: pretty JSON on stdout and, with {@code --result-file}, compact
 * JSON in a file. In a migration Job that file is the container's termination message
 * ({@code /dev/termination-log}), which is how the operator learns the outcome.
 */
public class OutputOptions {
    /** Kubernetes keeps at most 4096 bytes of a termination message. */
    static final int TERMINATION_MESSAGE_LIMIT = 4096;

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--result-file", paramLabel = "FILE",
            description = "Also write the result as compact JSON to FILE (e.g. /dev/termination-log).")
    Path resultFile;

    /** Prints the result and records it with its exit code; returns the exit code. */
    public int emit(Object result, int exitCode) {
        spec.commandLine().getOut().println(Json.pretty(result));
        spec.commandLine().getOut().flush();
        writeResult(Json.MAPPER.valueToTree(result), exitCode);
        return exitCode;
    }

    /** Prints text for a person instead of JSON; the result file still gets the JSON. */
    public int emitText(String text, Object result, int exitCode) {
        spec.commandLine().getOut().print(text);
        spec.commandLine().getOut().flush();
        writeResult(Json.MAPPER.valueToTree(result), exitCode);
        return exitCode;
    }

    /** Records a failure in the result file; the caller prints the {@code error:} line. */
    public void recordError(String message, int exitCode) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("error", message);
        writeResult(Json.MAPPER.valueToTree(error), exitCode);
    }

    private void writeResult(com.fasterxml.jackson.databind.JsonNode node, int exitCode) {
        if (resultFile == null) {
            return;
        }
        // Never hand the operator cut-off JSON: long lists and texts are shortened until it fits.
        String text = TerminationResult.fit(node, exitCode, TERMINATION_MESSAGE_LIMIT);
        try {
            Files.writeString(resultFile, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            spec.commandLine().getErr().println("warning: cannot write result file " + resultFile + ": " + e.getMessage());
        }
    }
}

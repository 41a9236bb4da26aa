package dev.ccbackend.migrator.cli;

import picocli.CommandLine.Option;

/** Mixin: {@code --format json|text} for {@code plan} and {@code upgrade}. */
public class FormatOption {
    @Option(names = "--format", defaultValue = "json", paramLabel = "json|text", description = "json (default) or text for people.")
    PlanFormat format;

    boolean text() {
        return format == PlanFormat.text;
    }

    /** Prints {@code result} as JSON or, with {@code --format text}, {@code text}; the result file always gets the JSON. */
    int emit(OutputOptions output, Object result, String text, int exitCode) {
        return text() ? output.emitText(text, result, exitCode) : output.emit(result, exitCode);
    }
}

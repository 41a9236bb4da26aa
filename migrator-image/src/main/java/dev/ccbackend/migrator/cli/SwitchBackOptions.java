package dev.ccbackend.migrator.cli;

import java.util.Optional;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/** Mixin: which cutover {@code db switch-back} and {@code archive switch-back} undo. */
public class SwitchBackOptions {
    @ArgGroup(exclusive = true, multiplicity = "1")
    Which which;

    static class Which {
        @Option(names = "--kept", paramLabel = "NAME", description = "The name the cutover kept the original under"
                + " (NAME.v<old>-<time>, the \"backup\" in its result).")
        String kept;

        @Option(names = "--interrupted", description = "For a cutover that did not finish: switch back what it renamed"
                + " already (its switch file says), or nothing when it had not started its switch.")
        boolean interrupted;
    }

    Optional<String> kept() {
        return Optional.ofNullable(which.kept);
    }
}

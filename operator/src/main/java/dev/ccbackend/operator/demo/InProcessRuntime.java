package dev.ccbackend.operator.demo;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

/**
 * Runs a container's cc-migrator command line inside this JVM: container paths are rewritten to
 * the host directories behind the mounts. It cannot change uid, mount read-only or drop
 * capabilities, so it checks none of what the podman runtime does; it is for machines without podman.
 */
public final class InProcessRuntime implements ContainerRuntime {
    private final MigrationRunner program;

    public InProcessRuntime(MigrationRunner program) {
        this.program = program;
    }

    @Override
    public int run(ContainerRun container, Consumer<String> output) {
        return program.run(localArgs(container), container.terminationMessage().host(), output);
    }

    /** The args with every mounted container path replaced by its host path, and cc-migrator's env:NAME by the value. */
    static List<String> localArgs(ContainerRun container) {
        List<ContainerRun.Mount> mounts = container.allMounts().stream()
                .sorted(Comparator.comparing((ContainerRun.Mount m) -> m.path().length()).reversed()).toList();
        List<String> out = new ArrayList<>();
        for (String arg : container.args()) {
            String a = arg;
            for (ContainerRun.Mount m : mounts) {
                if (a.equals(m.path()) || a.startsWith(m.path() + "/")) {
                    a = m.host() + a.substring(m.path().length());
                    break;
                }
            }
            // There is no process environment to read env:NAME from in here.
            if (a.startsWith("env:") && container.env().containsKey(a.substring(4))) {
                a = container.env().get(a.substring(4));
            }
            out.add(a);
        }
        return out;
    }

    @Override
    public boolean hasImage(String image) {
        return true; // every image is cc-migrator here
    }

    @Override
    public String describe() {
        return "in-process (cc-migrator in this JVM, as this JVM's user; ownership and read-only mounts are not enforced)";
    }
}

package dev.ccbackend.operator.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The podman command line says everything the pod's spec says, and nothing podman would add on its own. */
class PodmanRuntimeTest {
    static ContainerRun run() {
        return new ContainerRun("job-pod", "localhost/cc-migrator:dev", List.of(), List.of("plan", "--db", "/data/c/job.db"),
                Map.of("CC_DB_DSN", "user:pw@tcp(db)/cc"),
                List.of(new ContainerRun.Mount(Path.of("/claims/c"), "/data/c", true),
                        new ContainerRun.Mount(Path.of("/scratch/tmp"), "/tmp", false)),
                1000L, 1001L, List.of(4242L), true, true, true,
                new ContainerRun.Mount(Path.of("/scratch/termination-log"), "/dev/termination-log", false), null);
    }

    @Test
    void runsAsThePodsUserWithItsRestrictionsAndMounts() {
        List<String> cmd = PodmanRuntime.withBinary("podman").command(run(), "ccup-job-pod");

        assertThat(String.join(" ", cmd))
                .contains("--user 1000:1001").contains("--group-add 4242").contains("--read-only ")
                .contains("--read-only-tmpfs=false").contains("--cap-drop ALL").contains("--security-opt no-new-privileges")
                .contains("--pull never")
                .contains("-v /claims/c:/data/c:ro").contains("-v /scratch/tmp:/tmp ")
                .contains("-v /scratch/termination-log:/dev/termination-log ")
                .contains("-e CC_DB_DSN=user:pw@tcp(db)/cc")
                .endsWith("localhost/cc-migrator:dev plan --db /data/c/job.db")
                .doesNotContain("--entrypoint");
    }

    @Test
    void aCommandReplacesTheEntrypoint() {
        ContainerRun r = run();
        ContainerRun withCommand = new ContainerRun(r.name(), r.image(), List.of("sh", "-c"), List.of("id"), Map.of(),
                List.of(), null, null, List.of(), false, false, false, r.terminationMessage(), "/work");

        List<String> cmd = PodmanRuntime.withBinary("podman").command(withCommand, "x");

        assertThat(String.join(" ", cmd)).contains("--entrypoint [\"sh\",\"-c\"]").contains("-w /work")
                .doesNotContain("--user").doesNotContain("--read-only ").endsWith("localhost/cc-migrator:dev id");
    }
}

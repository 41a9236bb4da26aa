package dev.ccbackend.operator;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ccbackend.operator.demo.PodmanRuntime;
import dev.ccbackend.operator.demo.RuntimeChoice;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * The podman runtime for flow tests, with a cc-migrator image that holds this build's jar (rebuilt
 * by scripts/build-images.sh when the jar is newer); the test is skipped, saying why, where podman
 * cannot run containers or the image cannot be built.
 */
public final class PodmanForTests {
    private static String unavailable;
    private static boolean checked;

    private PodmanForTests() {
    }

    public static RuntimeChoice podmanOrSkip() {
        String why = imageFromThisBuild();
        assumeTrue(why == null, () -> "no containers on this machine, skipping: " + why);
        try {
            return RuntimeChoice.choose(RuntimeChoice.Requested.PODMAN, RuntimeChoice.DEFAULT_IMAGE);
        } catch (IllegalStateException e) {
            assumeTrue(false, "no containers on this machine, skipping: " + e.getMessage());
            throw e;
        }
    }

    /** Null when the image is current, else why it cannot be had. Checked once per test JVM. */
    private static synchronized String imageFromThisBuild() {
        if (checked) {
            return unavailable;
        }
        checked = true;
        Path root = Path.of(System.getProperty("project.root", "..")).toAbsolutePath().normalize();
        Path jar = root.resolve("migrator-image/target/cc-migrator.jar");
        try {
            if (!Files.exists(jar)) {
                return unavailable = jar + " is not built (mvn package)";
            }
            StringBuilder whyNot = new StringBuilder();
            Optional<PodmanRuntime> podman = PodmanRuntime.find(whyNot);
            if (podman.isEmpty()) {
                return unavailable = whyNot.toString();
            }
            Instant created = podman.get().imageCreated(RuntimeChoice.DEFAULT_IMAGE).orElse(null);
            if (created == null || Files.getLastModifiedTime(jar).toInstant().isAfter(created)) {
                Process build = new ProcessBuilder("bash", root.resolve("scripts/build-images.sh").toString(), "--migrator-only")
                        .redirectErrorStream(true).start();
                String output = new String(build.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (build.waitFor() != 0) {
                    return unavailable = "scripts/build-images.sh --migrator-only failed: " + output.strip();
                }
            }
            return null;
        } catch (IOException e) {
            return unavailable = e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return unavailable = "interrupted";
        }
    }

}

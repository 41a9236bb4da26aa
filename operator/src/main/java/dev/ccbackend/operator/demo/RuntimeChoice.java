package dev.ccbackend.operator.demo;

import java.util.Optional;

/**
 * Which {@link ContainerRuntime} runs the test cluster's Job pods: podman with the migrator image
 * when both are there, else cc-migrator inside this JVM. {@link #line()} says which, and why.
 */
public record RuntimeChoice(ContainerRuntime runtime, String migratorImage, String line) {
    public static final String DEFAULT_IMAGE = "localhost/cc-migrator:dev";
    public static final String IN_PROCESS_IMAGE = "cc-migrator:in-process";

    /** What the user asked for: {@code podman}, {@code in-process} or {@code auto}. */
    public enum Requested {
        PODMAN, IN_PROCESS, AUTO;

        public static Requested parse(String text) {
            for (Requested r : values()) {
                if (r.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-').equals(text)) {
                    return r;
                }
            }
            throw new IllegalArgumentException("--runtime must be podman, in-process or auto, not '" + text + "'");
        }
    }

    /** @throws IllegalStateException when podman is asked for and cannot run {@code image} */
    public static RuntimeChoice choose(Requested requested, String image) {
        if (requested == Requested.IN_PROCESS) {
            return inProcess("as asked");
        }
        StringBuilder whyNot = new StringBuilder();
        Optional<PodmanRuntime> podman = PodmanRuntime.find(whyNot);
        if (podman.isPresent() && !podman.get().hasImage(image)) {
            whyNot.append("image ").append(image).append(" is not in podman's store: build it with scripts/build-images.sh");
            podman = Optional.empty();
        }
        if (podman.isPresent()) {
            return new RuntimeChoice(podman.get(), image, "runtime: " + podman.get().describe() + ", image " + image
                    + podman.get().imageCreated(image).map(RuntimeChoice::age).orElse(""));
        }
        if (requested == Requested.PODMAN) {
            throw new IllegalStateException("cannot run containers with podman: " + whyNot);
        }
        return inProcess("podman unavailable: " + whyNot);
    }

    /** When the image was built, and a word when it predates the jar that runs now (it may hold older code). */
    private static String age(java.time.Instant built) {
        boolean older = false;
        try {
            java.nio.file.Path jar = java.nio.file.Path.of(RuntimeChoice.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            older = java.nio.file.Files.isRegularFile(jar)
                    && java.nio.file.Files.getLastModifiedTime(jar).toInstant().isAfter(built.plusSeconds(1));
        } catch (java.io.IOException | java.net.URISyntaxException | SecurityException e) {
            // not from a jar: nothing to compare with
        }
        return " (built " + built + (older ? "; older than this program: rebuild it with scripts/build-images.sh" : "") + ")";
    }

    private static RuntimeChoice inProcess(String why) {
        InProcessRuntime runtime = new InProcessRuntime(new InProcessMigrationRunner());
        return new RuntimeChoice(runtime, IN_PROCESS_IMAGE, "runtime: " + runtime.describe() + " (" + why + ")");
    }
}

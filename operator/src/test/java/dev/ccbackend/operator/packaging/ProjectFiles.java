package dev.ccbackend.operator.packaging;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates files of the checkout (the chart, the Dockerfiles, the examples) from a test. */
public final class ProjectFiles {

    private ProjectFiles() {
    }

    /** The project root: surefire's {@code project.root}, else the first parent holding helm/. */
    public static Path root() {
        String property = System.getProperty("project.root");
        if (property != null && !property.isBlank()) {
            return Path.of(property).toAbsolutePath().normalize();
        }
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("helm"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("project root not found: run the tests through Maven");
        }
        return dir;
    }

    public static Path resolve(String relative) {
        return root().resolve(relative);
    }
}

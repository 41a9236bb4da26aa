package dev.ccbackend.migrator.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** The read-only real data under {@code <project root>/../shared}; tests skip with a message when it is absent. */
public final class SharedFixtures {
    private SharedFixtures() {
    }

    public static Path shared() {
        String root = System.getProperty("project.root", System.getProperty("user.dir") + "/..");
        Path shared = Path.of(root).toAbsolutePath().resolve("../shared").normalize();
        assumeTrue(Files.isDirectory(shared), "skipped: " + shared + " (the shared fixtures) is absent");
        return shared;
    }

    /** e.g. {@code require("db-schemas/sqlite3-v8.json")}; never write to it. */
    public static Path require(String relative) {
        Path p = shared().resolve(relative);
        assumeTrue(Files.exists(p), "skipped: " + p + " is absent (tests read ../shared beside the project root)");
        return p;
    }

    /** e.g. {@code release("v1.3.1").resolve("configs/config.json")} */
    public static Path release(String release) {
        Path dir = shared().resolve("fixtures/cc-backend").resolve(release);
        assumeTrue(Files.isDirectory(dir), "skipped: fixture " + dir + " is absent");
        return dir;
    }
}

package dev.ccbackend.migrator.archive;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ccbackend.migrator.cli.CcMigrator;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Fixture copies, tree digests and in-process CLI runs for the archive tests. */
final class TestingArchives {
    private TestingArchives() {
    }

    /** Copies {@code ../shared/fixtures/cc-backend/<release>/job-archive} into {@code dir}; skips the test when absent. */
    static Path fixture(String release, Path dir) throws IOException {
        Path root = Path.of(System.getProperty("project.root", ".")).toAbsolutePath();
        Path source = root.resolveSibling("shared").resolve("fixtures/cc-backend").resolve(release).resolve("job-archive");
        assumeTrue(Files.isDirectory(source), "fixture " + source + " not found (needs ../shared beside the project)");
        Path target = dir.resolve(release);
        try (Stream<Path> paths = Files.walk(source)) {
            for (Path p : paths.toList()) {
                Path t = target.resolve(source.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t);
                    t.toFile().setWritable(true);
                }
            }
        }
        return target;
    }

    /** relative path → sha-256 of every regular file under root (the journal dir excluded). */
    static Map<String, String> digest(Path root) {
        Map<String, String> result = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.filter(Files::isRegularFile).toList()) {
                MessageDigest sha = MessageDigest.getInstance("SHA-256");
                result.put(root.relativize(p).toString(), HexFormat.of().formatHex(sha.digest(Files.readAllBytes(p))));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return result;
    }

    /**
     * Sets every file and directory under root an hour back, as an archive's jobs are: an online prepare looks
     * again at what changed in the last seconds before it read it ({@link ArchiveManifest#RACY_NANOS}).
     */
    static void age(Path root) throws IOException {
        FileTime hourAgo = FileTime.from(Instant.now().minus(Duration.ofHours(1)));
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.filter(p -> !Files.isSymbolicLink(p)).toList()) {
                Files.setLastModifiedTime(p, hourAgo);
            }
        }
    }

    record Run(int exitCode, String out, String err) {
    }

    static Run cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = CcMigrator.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(code, out.toString(), err.toString());
    }

    static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package dev.ccbackend.operator.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/** Prometheus's own check of alerting rules, {@code promtool check rules}, where it is installed. */
final class PromTool {
    private PromTool() {
    }

    static Optional<Path> find() {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .map(dir -> Path.of(dir, "promtool")).filter(Files::isExecutable).findFirst();
    }

    /** Checks a PrometheusRule's spec (a rule file's content); says so on stderr and returns when promtool is absent. */
    static void checkRules(JsonNode spec) throws Exception {
        Optional<Path> promtool = find();
        if (promtool.isEmpty()) {
            System.err.println("promtool not found (Debian: apt-get install prometheus): the alert rules were not checked with it");
            return;
        }
        Path file = Files.createTempFile("ccup-rules", ".yaml");
        try {
            Files.writeString(file, new YAMLMapper().writeValueAsString(spec));
            Process p = new ProcessBuilder(promtool.get().toString(), "check", "rules", file.toString()).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor()).as(output).isZero();
            assertThat(output).contains("SUCCESS: 3 rules found");
        } finally {
            Files.deleteIfExists(file);
        }
    }
}

package dev.ccbackend.operator.packaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Runs the helm CLI on the project's chart and parses what it renders. */
final class HelmChart {

    static final String RELEASE = "ccup";
    static final String NAMESPACE = "cc-ops";
    static final String FULLNAME = "ccup-cc-upgrade-operator";

    private static final YAMLMapper YAML = new YAMLMapper();

    /** What helm printed and how it exited. */
    record Result(int exitCode, String output) {
    }

    private final String helm;
    private final Path chart;

    private HelmChart(String helm, Path chart) {
        this.helm = helm;
        this.chart = chart;
    }

    /** The chart with helm from {@code HELM} or PATH; empty when helm is not installed. */
    static Optional<HelmChart> find() {
        return findHelm().map(helm -> new HelmChart(helm, chartDir()));
    }

    static Path chartDir() {
        return ProjectFiles.resolve("helm/cc-upgrade-operator");
    }

    private static Optional<String> findHelm() {
        String fromEnv = System.getenv("HELM");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Optional.of(fromEnv);
        }
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .map(dir -> Path.of(dir, "helm"))
                .filter(Files::isExecutable)
                .map(Path::toString)
                .findFirst();
    }

    Result lint(String... setValues) {
        List<String> command = new ArrayList<>(List.of(helm, "lint", "--strict", chart.toString()));
        addSets(command, setValues);
        return run(command);
    }

    /** {@code helm template}; fails the test when helm does. */
    List<JsonNode> render(String... setValues) {
        Result result = template(setValues);
        if (result.exitCode() != 0) {
            throw new AssertionError("helm template failed:\n" + result.output());
        }
        return parse(result.output());
    }

    Result template(String... setValues) {
        List<String> command = new ArrayList<>(
                List.of(helm, "template", RELEASE, chart.toString(), "--namespace", NAMESPACE));
        addSets(command, setValues);
        return run(command);
    }

    static List<JsonNode> parse(String yaml) {
        List<JsonNode> documents = new ArrayList<>();
        try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(yaml)) {
            while (it.hasNext()) {
                JsonNode doc = it.next();
                if (doc != null && doc.isObject() && !doc.isEmpty()) {
                    documents.add(doc);
                }
            }
        } catch (IOException e) {
            throw new AssertionError("rendered chart is not YAML: " + e.getMessage() + "\n" + yaml, e);
        }
        return documents;
    }

    private static void addSets(List<String> command, String... setValues) {
        for (String set : setValues) {
            command.add("--set");
            command.add(set);
        }
    }

    private static Result run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("helm timed out: " + command);
            }
            return new Result(process.exitValue(), new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError("cannot run " + command + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Documents of one kind. */
    static List<JsonNode> ofKind(List<JsonNode> documents, String kind) {
        return documents.stream().filter(d -> kind.equals(d.path("kind").asText())).toList();
    }

    /** The one document of a kind and name. */
    static JsonNode one(List<JsonNode> documents, String kind, String name) {
        List<JsonNode> found = ofKind(documents, kind).stream()
                .filter(d -> name.equals(d.path("metadata").path("name").asText()))
                .toList();
        if (found.size() != 1) {
            throw new AssertionError("expected one " + kind + " " + name + ", found " + found.size());
        }
        return found.get(0);
    }
}

package dev.ccbackend.operator.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The manifests under examples/ are valid CcBackendUpgrades and show what their names promise. */
class ExamplesTest {

    static Stream<Path> examples() throws IOException {
        try (Stream<Path> files = Files.list(ProjectFiles.resolve("examples"))) {
            return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("examples")
    void exampleFitsTheCrdSchema(Path example) throws IOException {
        JsonNode resource = read(example);

        assertThat(resource.path("apiVersion").asText()).isEqualTo("cc-backend.dev/v1alpha1");
        assertThat(resource.path("kind").asText()).isEqualTo("CcBackendUpgrade");
        assertThat(resource.path("metadata").path("namespace").asText()).as("explicit namespace").isNotEmpty();
        assertThat(CrdSchema.fromChart().violations(resource)).as(example.toString()).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("examples")
    void exampleKeepsTheCrdsCrossFieldRules(Path example) throws IOException {
        JsonNode spec = read(example).path("spec");

        assertThat(spec.has("image")).as("exactly one of image, imageRepository").isNotEqualTo(spec.has("imageRepository"));
        if (spec.path("image").isTextual()) {
            assertThat(spec.path("image").asText()).endsWith(":" + spec.path("version").asText());
        }
        JsonNode backup = spec.path("backup");
        if (backup.path("method").asText().equals("VolumeSnapshot")) {
            assertThat(backup.path("volumeSnapshotClassName").asText()).isNotEmpty();
        }
        JsonNode database = spec.path("database");
        assertThat(database.has(database.path("driver").asText().equals("mysql") ? "mysql" : "sqlite")).isTrue();
    }

    @Test
    void sqliteExampleGoesFromV13ToV15WithSnapshots() throws IOException {
        JsonNode spec = read(ProjectFiles.resolve("examples/sqlite-v1.3-to-v1.5.yaml")).path("spec");
        assertThat(spec.path("version").asText()).startsWith("v1.5.");
        assertThat(spec.path("database").path("driver").asText()).isEqualTo("sqlite3");
        assertThat(spec.path("backup").path("method").asText()).isEqualTo("VolumeSnapshot");
        // v1.5 needs a .env and has no 'stopped' job state.
        assertThat(spec.path("config").path("envSecretName").asText()).isNotEmpty();
        assertThat(spec.path("mapStates").path("stopped").asText()).isNotEmpty();
    }

    @Test
    void mariadbExampleConvertsToSqliteToReachV15() throws IOException {
        JsonNode spec = read(ProjectFiles.resolve("examples/mariadb-v1.4.yaml")).path("spec");
        assertThat(spec.path("version").asText()).startsWith("v1.5.");
        assertThat(spec.path("database").path("driver").asText()).isEqualTo("mysql");
        assertThat(spec.path("database").path("mysql").path("secretName").asText()).isNotEmpty();
        assertThat(spec.path("database").path("convertToSqlite").path("claimName").asText()).isNotEmpty();
    }

    @Test
    void noSnapshotExampleChoosesNoneExplicitly() throws IOException {
        JsonNode spec = read(ProjectFiles.resolve("examples/no-snapshot.yaml")).path("spec");
        assertThat(spec.path("backup").path("method").asText()).isEqualTo("None");
        assertThat(spec.path("rollback").asText()).isEqualTo("Manual");
    }

    @Test
    void schemaCheckRejectsWhatTheApiServerWould() throws IOException {
        JsonNode broken = new YAMLMapper().readTree("""
                apiVersion: cc-backend.dev/v1alpha1
                kind: CcBackendUpgrade
                metadata: {name: x, namespace: hpc}
                spec:
                  version: v1.5.4
                  target: {}
                  database: {driver: postgres}
                  archive: {claimName: v, path: a}
                  config: {configMapName: c}
                  backup: {method: Velero, snapshotClass: typo}
                """);
        List<String> violations = CrdSchema.fromChart().violations(broken);
        assertThat(String.join("\n", violations))
                .contains("deployment").contains("driver").contains("method")
                .contains("spec.backup.snapshotClass: unknown field");
    }

    private static JsonNode read(Path file) throws IOException {
        return new YAMLMapper().readTree(file.toFile());
    }
}

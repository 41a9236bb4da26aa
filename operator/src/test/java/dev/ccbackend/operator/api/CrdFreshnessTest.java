package dev.ccbackend.operator.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The CRD under {@code crds/} is, byte for byte, the one the crd-generator makes from the api
 * classes (the Helm chart's copy must equal both, see HelmChartTest). The generator orders the
 * printer columns by JSON path, so kubectl shows AGE, TO, STEP, FROM, PHASE. Refresh: {@code mvn -B -pl operator -am test -Dtest=CrdFreshnessTest -Dsurefire.failIfNoSpecifiedTests=false -Dcrds.update=true}.
 */
class CrdFreshnessTest {
    static final String FILE = "ccbackendupgrades.cc-backend.dev-v1.yml";
    static final List<String> COLUMNS = List.of("From", "To", "Phase", "Step", "Plan", "Age");

    @Test
    void committedCrdMatchesTheApiClasses() throws Exception {
        String expected = render();
        Path committed = Path.of(System.getProperty("project.root", "..")).resolve("crds").resolve(FILE);
        if (Boolean.getBoolean("crds.update")) {
            Files.createDirectories(committed.getParent());
            Files.writeString(committed, expected);
        }
        assertThat(committed).as("crds/" + FILE + " is missing: run this test with -Dcrds.update=true").exists();
        assertThat(Files.readString(committed))
                .as("crds/" + FILE + " is stale: run mvn -B -pl operator -am test -Dtest=CrdFreshnessTest"
                        + " -Dsurefire.failIfNoSpecifiedTests=false -Dcrds.update=true and commit it")
                .isEqualTo(expected);
    }

    @Test
    void crdCarriesTheAgreedShape() throws Exception {
        CustomResourceDefinition crd = Serialization.unmarshal(render(), CustomResourceDefinition.class);
        assertThat(crd.getSpec().getNames().getShortNames()).containsExactly("ccup");
        assertThat(crd.getSpec().getScope()).isEqualTo("Namespaced");
        var version = crd.getSpec().getVersions().get(0);
        assertThat(version.getName()).isEqualTo("v1alpha1");
        assertThat(version.getSubresources().getStatus()).isNotNull();
        assertThat(version.getAdditionalPrinterColumns()).extracting(CustomResourceColumnDefinition::getName)
                .containsExactlyInAnyOrderElementsOf(COLUMNS);
        var spec = version.getSchema().getOpenAPIV3Schema().getProperties().get("spec");
        assertThat(spec.getRequired()).contains("version", "target", "database", "archive", "config", "backup");
        assertThat(spec.getXKubernetesValidations()).extracting(r -> r.getRule())
                .contains("has(self.image) != has(self.imageRepository)");
        assertThat(spec.getProperties().get("version").getXKubernetesValidations()).singleElement()
                .satisfies(r -> assertThat(r.getRule()).contains("self.matches("));
        assertThat(spec.getProperties().get("backup").getXKubernetesValidations()).singleElement()
                .satisfies(r -> assertThat(r.getRule()).contains("volumeSnapshotClassName"));
        assertThat(spec.getProperties().get("database").getXKubernetesValidations()).hasSize(2);
        assertThat(spec.getProperties().values()).allSatisfy(p -> assertThat(p.getDescription()).isNotBlank());
    }

    /** The crd-generator's output on the test classpath. */
    static String render() throws Exception {
        try (InputStream in = CrdFreshnessTest.class.getResourceAsStream("/META-INF/fabric8/" + FILE)) {
            assertThat(in).as("the crd-generator output; build with mvn").isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}

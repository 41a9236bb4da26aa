package dev.ccbackend.operator.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * There is no Docker engine in the build, so the Dockerfiles are checked against the build
 * instead: they copy the shaded jar the module's pom produces, run it, and run as non-root.
 */
class DockerfileTest {

    /** Where the operator image keeps its jar; the Helm chart's command runs exactly this. */
    static final String OPERATOR_JAR = "/app/cc-upgrade-operator.jar";

    @ParameterizedTest
    @CsvSource({"operator, " + OPERATOR_JAR, "migrator-image, /app/cc-migrator.jar"})
    void imageCopiesAndRunsTheShadedJarOfItsModule(String module, String jarInImage) throws IOException {
        Path dir = ProjectFiles.resolve(module);
        String dockerfile = Files.readString(dir.resolve("Dockerfile"));
        String finalName = shadedJarName(Files.readString(dir.resolve("pom.xml")));

        String builtJar = "target/" + finalName + ".jar";
        assertThat(instruction(dockerfile, "COPY")).as("COPY of the shaded jar")
                .containsExactly(builtJar + " " + jarInImage);
        assertThat(instruction(dockerfile, "ENTRYPOINT")).singleElement().asString()
                .startsWith("[\"java\"").contains("\"-jar\", \"" + jarInImage + "\"");
        // The build context is the module: .dockerignore must let exactly the jar through.
        assertThat(Files.readAllLines(dir.resolve(".dockerignore"))).contains("*", "!" + builtJar);
        Path jar = dir.resolve(builtJar);
        if (Files.exists(jar)) {
            assertThat(Files.size(jar)).as("%s built by mvn package", jar).isPositive();
        }
    }

    @ParameterizedTest
    @CsvSource({"operator", "migrator-image"})
    void imageRunsAsNonRootOnASmallJre(String module) throws IOException {
        String dockerfile = Files.readString(ProjectFiles.resolve(module + "/Dockerfile"));

        assertThat(instruction(dockerfile, "FROM")).singleElement().isEqualTo("${BASE_IMAGE}");
        assertThat(instruction(dockerfile, "ARG")).contains("BASE_IMAGE=eclipse-temurin:17-jre");
        List<String> users = instruction(dockerfile, "USER");
        assertThat(users).as("a USER instruction").isNotEmpty();
        // Numeric, so that the kubelet can enforce runAsNonRoot; the last USER is the one that runs.
        assertThat(users.get(users.size() - 1)).matches("[1-9][0-9]*(:[0-9]+)?").isEqualTo("65532:65532");
        assertThat(dockerfile).contains("docker build -t ghcr.io/cc-upgrade-operator/");
    }

    private static List<String> instruction(String dockerfile, String name) {
        return dockerfile.lines()
                .map(String::strip)
                .filter(line -> line.startsWith(name + " "))
                .map(line -> line.substring(name.length() + 1).strip())
                .toList();
    }

    private static String shadedJarName(String pom) {
        Matcher m = Pattern.compile("<finalName>([^<]+)</finalName>").matcher(pom);
        assertThat(m.find()).as("shade finalName in the module pom").isTrue();
        return m.group(1);
    }
}

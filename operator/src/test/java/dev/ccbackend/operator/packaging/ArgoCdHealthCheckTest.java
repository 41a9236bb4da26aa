package dev.ccbackend.operator.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Runs docs/argocd-health.lua with a Lua interpreter ({@code LUA} or lua/lua5.4/lua5.3 on PATH;
 * skipped without one) on CcBackendUpgrades converted to Lua tables the way Argo CD does.
 */
class ArgoCdHealthCheckTest {

    private static String lua;
    private static Path script;

    private static final String NO_LUA = "no Lua interpreter (LUA or lua on PATH): skipping the Argo CD health check test";

    @BeforeAll
    static void findLua() {
        lua = findInterpreter().orElse(null);
        script = ProjectFiles.resolve("docs/argocd-health.lua");
        if (lua == null) {
            System.err.println(NO_LUA); // a class-level skip would show only "Tests run: 0"
        }
    }

    @BeforeEach
    void needsLua() {
        assumeTrue(lua != null, NO_LUA);
    }

    @Test
    void noStatusYetIsProgressing() throws Exception {
        assertThat(health("""
                metadata: {generation: 1}
                spec: {version: v1.5.4}
                """)).isEqualTo("Progressing|Waiting for the operator to pick up the upgrade");
    }

    @Test
    void statusOfAnOlderGenerationIsProgressingEvenIfReady() throws Exception {
        assertThat(health("""
                metadata: {generation: 4}
                status:
                  observedGeneration: 3
                  phase: Succeeded
                  conditions: [{type: Ready, status: "True", observedGeneration: 3}]
                """)).isEqualTo("Progressing|Waiting for the operator to observe generation 4");
    }

    @Test
    void readyConditionOfTheCurrentGenerationIsHealthy() throws Exception {
        assertThat(health("""
                metadata: {generation: 3}
                status:
                  observedGeneration: 3
                  phase: Succeeded
                  conditions:
                    - {type: Progressing, status: "False", reason: Done}
                    - {type: Ready, status: "True", reason: UpgradeSucceeded, observedGeneration: 3,
                       message: cc-backend runs v1.5.4}
                """)).isEqualTo("Healthy|cc-backend runs v1.5.4");
    }

    @Test
    void succeededWithoutConditionsIsHealthy() throws Exception {
        assertThat(health("""
                metadata: {generation: 2}
                status: {observedGeneration: 2, phase: Succeeded, message: done}
                """)).isEqualTo("Healthy|done");
    }

    @Test
    void staleReadyConditionIsNotHealthy() throws Exception {
        assertThat(health("""
                metadata: {generation: 5}
                status:
                  observedGeneration: 5
                  phase: MigratingDatabase
                  currentStep: MigratingDatabase
                  conditions: [{type: Ready, status: "True", observedGeneration: 4}]
                """)).isEqualTo("Progressing|MigratingDatabase");
    }

    @Test
    void failedConditionIsDegradedWithItsMessage() throws Exception {
        assertThat(health("""
                metadata: {generation: 2}
                status:
                  observedGeneration: 2
                  phase: Failed
                  conditions:
                    - {type: Ready, status: "False"}
                    - {type: Failed, status: "True", reason: MigrationJobFailed,
                       message: "database migration failed: increment spec.retry to try again"}
                """)).isEqualTo("Degraded|database migration failed: increment spec.retry to try again");
    }

    @Test
    void rolledBackIsDegraded() throws Exception {
        assertThat(health("""
                metadata: {generation: 2}
                status: {observedGeneration: 2, phase: RolledBack, message: restored from snapshots}
                """)).isEqualTo("Degraded|restored from snapshots");
    }

    @Test
    void pausedIsSuspended() throws Exception {
        assertThat(health("""
                metadata: {generation: 2}
                spec: {paused: true}
                status: {observedGeneration: 2, phase: Snapshotting, currentStep: Snapshotting}
                """)).isEqualTo("Suspended|Paused before Snapshotting");
    }

    @Test
    void waitingForTheMaintenanceWindowIsSuspendedButStoppingCcBackendIsProgressing() throws Exception {
        assertThat(health("""
                metadata: {generation: 1}
                status: {observedGeneration: 1, phase: Quiescing, message: "waiting for the maintenance window, cc-backend running: outside it"}
                """)).isEqualTo("Suspended|waiting for the maintenance window, cc-backend running: outside it");
        assertThat(health("""
                metadata: {generation: 1}
                status: {observedGeneration: 1, phase: Quiescing, message: "waiting for 1 cc-backend pods to stop"}
                """)).isEqualTo("Progressing|waiting for 1 cc-backend pods to stop");
    }

    @Test
    void awaitingApprovalIsSuspendedWithWhatToApprove() throws Exception {
        assertThat(health("""
                metadata: {generation: 1}
                spec: {approval: Manual}
                status: {observedGeneration: 1, phase: AwaitingApproval, message: "waiting for approval of plan 1a2b3c4d"}
                """)).isEqualTo("Suspended|waiting for approval of plan 1a2b3c4d");
    }

    @Test
    void runningUpgradeIsProgressingWithTheOperatorsSummary() throws Exception {
        assertThat(health("""
                metadata: {generation: 1}
                status:
                  observedGeneration: 1
                  phase: MigratingArchive
                  currentStep: MigratingArchive
                  message: "archive 1 -> 2: 1200 of 5000 jobs"
                  conditions: [{type: Ready, status: "False"}, {type: Progressing, status: "True"}]
                """)).isEqualTo("Progressing|archive 1 -> 2: 1200 of 5000 jobs");
    }

    @Test
    void luaTablesFollowArgoCdConversion() throws IOException {
        JsonNode node = new YAMLMapper().readTree("{a: [1, \"x\\\"y\"], b: {c: true}}");
        assertThat(toLua(node)).isEqualTo("{[\"a\"]={1,\"x\\\"y\",},[\"b\"]={[\"c\"]=true}}");
    }

    /** "status|message" as Argo CD would show them. */
    private static String health(String resourceYaml) throws Exception {
        JsonNode resource = new YAMLMapper().readTree(resourceYaml);
        String harness = "obj = " + toLua(resource) + "\n"
                + "local hs = dofile(" + luaString(script.toString()) + ")\n"
                + "io.write(hs.status .. '|' .. (hs.message or ''))\n";
        Process process = new ProcessBuilder(lua, "-").redirectErrorStream(true).start();
        try (OutputStream in = process.getOutputStream()) {
            in.write(harness.getBytes(StandardCharsets.UTF_8));
        }
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("lua failed: %s", out).isZero();
        return out;
    }

    /** JSON to a Lua table constructor: objects keyed by string, arrays 1-based, as in Argo CD. */
    static String toLua(JsonNode node) {
        if (node.isObject()) {
            StringBuilder table = new StringBuilder("{");
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                table.append('[').append(luaString(field.getKey())).append("]=").append(toLua(field.getValue()));
                table.append(it.hasNext() ? "," : "");
            }
            return table.append('}').toString();
        }
        if (node.isArray()) {
            StringBuilder table = new StringBuilder("{");
            node.forEach(element -> table.append(toLua(element)).append(','));
            return table.append('}').toString();
        }
        if (node.isNumber() || node.isBoolean()) {
            return node.asText();
        }
        return node.isNull() ? "nil" : luaString(node.asText());
    }

    private static String luaString(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }

    private static Optional<String> findInterpreter() {
        String fromEnv = System.getenv("LUA");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Optional.of(fromEnv);
        }
        String[] path = System.getenv().getOrDefault("PATH", "").split(File.pathSeparator);
        return Stream.of("lua", "lua5.4", "lua5.3")
                .flatMap(name -> Stream.of(path).map(dir -> Path.of(dir, name)))
                .filter(Files::isExecutable)
                .map(Path::toString)
                .findFirst();
    }
}

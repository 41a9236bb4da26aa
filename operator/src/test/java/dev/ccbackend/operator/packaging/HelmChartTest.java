package dev.ccbackend.operator.packaging;

import static dev.ccbackend.operator.packaging.HelmChart.FULLNAME;
import static dev.ccbackend.operator.packaging.HelmChart.NAMESPACE;
import static dev.ccbackend.operator.packaging.HelmChart.ofKind;
import static dev.ccbackend.operator.packaging.HelmChart.one;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.ccbackend.operator.rbac.RequiredPermissions.Scope;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Renders the Helm chart with the helm CLI and checks what a cluster would receive. */
class HelmChartTest {

    private static final String UPGRADE_VALUES_SET = String.join(",",
            "ccBackend.upgrade.enabled=true",
            "ccBackend.version=v1.5.4",
            "ccBackend.imageRepository=registry.example.org/cc-backend",
            "ccBackend.upgrade.namespace=hpc",
            "ccBackend.upgrade.target.deployment=cc-backend",
            "ccBackend.upgrade.backup.volumeSnapshotClassName=csi-snapclass",
            "ccBackend.upgrade.rollback=Automatic",
            "ccBackend.upgrade.mapStates.stopped=completed");

    private static final String CRD_NAME = "ccbackendupgrades.cc-backend.dev";

    private static HelmChart chart;
    private static List<JsonNode> defaults;

    private static final String NO_HELM = "helm not found (PATH or HELM): skipping the Helm chart tests";

    @BeforeAll
    static void findHelm() {
        chart = HelmChart.find().orElse(null);
        if (chart == null) {
            System.err.println(NO_HELM); // a class-level skip would show only "Tests run: 0"
            return;
        }
        defaults = chart.render();
    }

    @BeforeEach
    void needsHelm() {
        assumeTrue(chart != null, NO_HELM);
    }

    @Test
    void lintPassesStrictly() {
        assertThat(chart.lint()).satisfies(r -> assertThat(r.exitCode()).as(r.output()).isZero());
        HelmChart.Result withUpgrade = chart.lint("watchNamespaces={hpc}", UPGRADE_VALUES_SET);
        assertThat(withUpgrade.exitCode()).as(withUpgrade.output()).isZero();
    }

    @Test
    void clusterWideRbacGrantsExactlyTheRequiredPermissions() {
        JsonNode clusterRole = one(defaults, "ClusterRole", FULLNAME);
        JsonNode leaseRole = one(defaults, "Role", FULLNAME + "-leader-election");

        assertThat(Grant.granted(ofKind(defaults, "ClusterRole")))
                .containsExactlyElementsOf(Grant.required(Scope.WATCHED_NAMESPACES, Scope.CLUSTER));
        assertThat(Grant.granted(leaseRole)).containsExactlyElementsOf(Grant.required(Scope.OPERATOR_NAMESPACE));
        assertThat(leaseRole.path("metadata").path("namespace").asText()).isEqualTo(NAMESPACE);
        assertThat(ofKind(defaults, "Role")).hasSize(1);
        assertThat(Grant.granted(clusterRole, leaseRole)).containsExactlyElementsOf(Grant.required());
        assertBindsOperatorAccount(one(defaults, "ClusterRoleBinding", FULLNAME), "ClusterRole", FULLNAME);
        assertBindsOperatorAccount(one(defaults, "RoleBinding", FULLNAME + "-leader-election"),
                "Role", FULLNAME + "-leader-election");
    }

    @Test
    void namespacedModeRendersOneRolePerWatchedNamespace() {
        List<JsonNode> docs = chart.render("watchNamespaces={hpc,lab}");

        for (String ns : List.of("hpc", "lab")) {
            JsonNode role = ofKind(docs, "Role").stream()
                    .filter(r -> ns.equals(r.path("metadata").path("namespace").asText()))
                    .findFirst().orElseThrow(() -> new AssertionError("no Role in " + ns));
            assertThat(Grant.granted(role)).containsExactlyElementsOf(Grant.required(Scope.WATCHED_NAMESPACES));
            JsonNode binding = ofKind(docs, "RoleBinding").stream()
                    .filter(b -> ns.equals(b.path("metadata").path("namespace").asText()))
                    .findFirst().orElseThrow(() -> new AssertionError("no RoleBinding in " + ns));
            assertBindsOperatorAccount(binding, "Role", role.path("metadata").path("name").asText());
        }
        // Only the cluster-scoped reads stay cluster-wide.
        assertThat(Grant.granted(ofKind(docs, "ClusterRole")))
                .containsExactlyElementsOf(Grant.required(Scope.CLUSTER));
        assertThat(Grant.granted(ofKind(docs, "Role"))).containsExactlyElementsOf(
                Grant.required(Scope.WATCHED_NAMESPACES, Scope.OPERATOR_NAMESPACE));
        assertThat(env(operatorContainer(docs))).containsEntry("WATCH_NAMESPACES", "hpc,lab");
    }

    @Test
    void rulesNeverUseWildcards() {
        for (JsonNode role : List.of(one(defaults, "ClusterRole", FULLNAME))) {
            assertThat(role.findValues("verbs").toString()).doesNotContain("*");
            assertThat(role.findValues("resources").toString()).doesNotContain("*");
            assertThat(role.findValues("apiGroups").toString()).doesNotContain("*");
        }
    }

    @Test
    void podFollowsTheRestrictedPodSecurityStandard() {
        JsonNode pod = deployment(defaults).path("spec").path("template").path("spec");
        JsonNode podSecurity = pod.path("securityContext");
        assertThat(podSecurity.path("runAsNonRoot").asBoolean()).isTrue();
        assertThat(podSecurity.path("runAsUser").asInt()).isNotZero();
        assertThat(podSecurity.path("seccompProfile").path("type").asText()).isEqualTo("RuntimeDefault");

        JsonNode container = operatorContainer(defaults);
        JsonNode security = container.path("securityContext");
        assertThat(security.path("allowPrivilegeEscalation").isBoolean()).isTrue();
        assertThat(security.path("allowPrivilegeEscalation").asBoolean()).isFalse();
        assertThat(security.path("readOnlyRootFilesystem").asBoolean()).isTrue();
        assertThat(security.path("runAsNonRoot").asBoolean()).isTrue();
        assertThat(security.path("seccompProfile").path("type").asText()).isEqualTo("RuntimeDefault");
        assertThat(security.path("capabilities").path("drop").toString()).isEqualTo("[\"ALL\"]");
        assertThat(security.path("capabilities").has("add")).isFalse();
        assertThat(security.path("privileged").asBoolean(false)).isFalse();

        // A read-only root filesystem needs a writable /tmp for the JVM.
        JsonNode tmpMount = container.path("volumeMounts").get(0);
        assertThat(tmpMount.path("mountPath").asText()).isEqualTo("/tmp");
        JsonNode tmpVolume = pod.path("volumes").get(0);
        assertThat(tmpVolume.path("name").asText()).isEqualTo(tmpMount.path("name").asText());
        assertThat(tmpVolume.has("emptyDir")).isTrue();
        assertThat(pod.path("serviceAccountName").asText()).isEqualTo(FULLNAME);
    }

    @Test
    void operatorRunsTheJarWithLeaderElectionAndProbesOnTheHealthPort() {
        JsonNode container = operatorContainer(defaults);
        List<String> command = texts(container.path("command"));
        assertThat(command).startsWith("java").endsWith("-jar", DockerfileTest.OPERATOR_JAR)
                .contains("-XX:MaxRAMPercentage=75");
        assertThat(container.path("args").get(0).asText()).isEqualTo("run");

        Map<String, String> env = env(container);
        assertThat(env).containsEntry("LEADER_ELECTION_ENABLED", "true")
                .containsEntry("WATCH_NAMESPACES", "")
                .containsEntry("LOG_FORMAT", "text")
                .containsEntry("LEADER_ELECTION_LEASE_NAME", FULLNAME);
        assertThat(container.path("env").findValues("fieldPath").toString()).contains("metadata.namespace");

        JsonNode port = container.path("ports").get(0);
        assertThat(port.path("name").asText()).isEqualTo("http");
        assertThat(env).containsEntry("HEALTH_PORT", port.path("containerPort").asText());
        assertProbe(container.path("livenessProbe"), "/healthz");
        // Readiness may wait for the Lease, which the old pod holds during a rolling update.
        assertThat(deployment(defaults).path("spec").path("strategy").path("type").asText()).isEqualTo("Recreate");
        assertProbe(container.path("readinessProbe"), "/readyz");
    }

    @Test
    void imageTagsDefaultToTheChartAppVersionWhichIsTheProjectVersion() throws IOException {
        String appVersion = chartYaml().path("appVersion").asText();
        assertThat(appVersion).isEqualTo(projectVersion().replace("-SNAPSHOT", ""));

        JsonNode container = operatorContainer(defaults);
        assertThat(container.path("image").asText()).endsWith(":" + appVersion);
        assertThat(env(container).get("MIGRATOR_IMAGE"))
                .isEqualTo("ghcr.io/cc-upgrade-operator/cc-migrator:" + appVersion);
        assertThat(env(operatorContainer(chart.render("migrator.image.tag=0.2.0-rc.1"))).get("MIGRATOR_IMAGE"))
                .endsWith(":0.2.0-rc.1");
    }

    @Test
    void jsonLogsAreAValue() {
        assertThat(env(operatorContainer(chart.render("logging.format=json")))).containsEntry("LOG_FORMAT", "json");
        HelmChart.Result invalid = chart.template("logging.format=xml");
        assertThat(invalid.exitCode()).isNotZero();
        assertThat(invalid.output()).contains("logging.format");
    }

    @Test
    void metricsServiceSelectsTheOperatorPodAndServiceMonitorIsOptional() {
        JsonNode service = one(defaults, "Service", FULLNAME + "-metrics");
        JsonNode port = service.path("spec").path("ports").get(0);
        assertThat(port.path("name").asText()).isEqualTo("http-metrics");
        assertThat(port.path("targetPort").asText()).isEqualTo("http");
        JsonNode podLabels = deployment(defaults).path("spec").path("template").path("metadata").path("labels");
        service.path("spec").path("selector").fields().forEachRemaining(label ->
                assertThat(podLabels.path(label.getKey()).asText()).isEqualTo(label.getValue().asText()));
        assertThat(ofKind(defaults, "ServiceMonitor")).isEmpty();

        List<JsonNode> monitored = chart.render("metrics.serviceMonitor.enabled=true");
        JsonNode endpoint = one(monitored, "ServiceMonitor", FULLNAME).path("spec").path("endpoints").get(0);
        assertThat(endpoint.path("port").asText()).isEqualTo("http-metrics");
        assertThat(endpoint.path("path").asText()).isEqualTo("/metrics");
    }

    @Test
    void dashboardAndAlertsAreOffByDefaultAndLintCleanWhenOn() throws Exception {
        assertThat(ofKind(defaults, "PrometheusRule")).isEmpty();
        assertThat(ofKind(defaults, "ConfigMap")).noneMatch(c -> c.path("metadata").path("name").asText().endsWith("-dashboard"));
        String[] on = {"grafanaDashboard.enabled=true", "prometheusRule.enabled=true"};
        assertThat(chart.lint(on)).satisfies(r -> assertThat(r.exitCode()).as(r.output()).isZero());

        List<JsonNode> rendered = chart.render(on);
        JsonNode dashboard = one(rendered, "ConfigMap", FULLNAME + "-dashboard");
        assertThat(dashboard.path("metadata").path("labels").path("grafana_dashboard").asText()).isEqualTo("1");
        JsonNode json = dev.ccbackend.migrator.util.Json.MAPPER.readTree(dashboard.path("data").path("cc-upgrade-operator.json").asText());
        assertThat(json.path("panels")).extracting(p -> p.path("title").asText()).contains("Upgrades by phase",
                "Step durations (mean)", "Archive progress", "Downtime of the last upgrade");
        JsonNode rules = one(rendered, "PrometheusRule", FULLNAME).path("spec");
        assertThat(rules.path("groups").get(0).path("rules")).extracting(r -> r.path("alert").asText())
                .containsExactly("CcBackendUpgradeFailed", "CcBackendUpgradeStalled", "CcBackendUpgradeAwaitingApproval");
        PromTool.checkRules(rules); // where promtool is installed (Debian: prometheus)
    }

    @Test
    void crdIsKeptOnUninstallAndCanBeLeftOut() {
        JsonNode crd = one(defaults, "CustomResourceDefinition", CRD_NAME);
        assertThat(crd.path("metadata").path("annotations").path("helm.sh/resource-policy").asText())
                .isEqualTo("keep");
        assertThat(crd.path("spec").path("names").path("kind").asText()).isEqualTo("CcBackendUpgrade");

        assertThat(ofKind(chart.render("crds.create=false"), "CustomResourceDefinition")).isEmpty();
    }

    @Test
    void chartCrdIsTheOneTheOperatorBuildGenerates() throws IOException {
        String name = "ccbackendupgrades.cc-backend.dev-v1.yml";
        // crds/ is the committed copy; target/ is what this build's CRD generator just wrote.
        List<Path> generated = Stream.of("crds/" + name, "operator/target/classes/META-INF/fabric8/" + name)
                .map(ProjectFiles::resolve).filter(Files::isRegularFile).toList();
        assumeTrue(!generated.isEmpty(), "no generated " + name + " yet (crds/, mvn package): skipping");
        Path copy = HelmChart.chartDir().resolve(CrdSchema.CRD_FILE);
        for (Path file : generated) {
            assertThat(Files.readString(copy)).as("helm/cc-upgrade-operator/%s differs from %s: copy it",
                    CrdSchema.CRD_FILE, ProjectFiles.root().relativize(file)).isEqualTo(Files.readString(file));
        }
    }

    @Test
    void ccBackendUpgradeIsRenderedFromValues() {
        assertThat(ofKind(defaults, "CcBackendUpgrade")).isEmpty();

        List<JsonNode> docs = chart.render(UPGRADE_VALUES_SET);
        JsonNode upgrade = one(docs, "CcBackendUpgrade", "cc-backend");
        assertThat(CrdSchema.of(one(docs, "CustomResourceDefinition", CRD_NAME)).violations(upgrade)).isEmpty();
        assertThat(upgrade.path("apiVersion").asText()).isEqualTo("cc-backend.dev/v1alpha1");
        assertThat(upgrade.path("metadata").path("namespace").asText()).isEqualTo("hpc");
        JsonNode spec = upgrade.path("spec");
        assertThat(spec.path("version").asText()).isEqualTo("v1.5.4");
        assertThat(spec.path("imageRepository").asText()).isEqualTo("registry.example.org/cc-backend");
        assertThat(spec.has("image")).isFalse();
        assertThat(spec.path("target").path("deployment").asText()).isEqualTo("cc-backend");
        assertThat(spec.path("database").path("driver").asText()).isEqualTo("sqlite3");
        assertThat(spec.path("database").path("sqlite").path("claimName").asText()).isEqualTo("cc-backend-var");
        assertThat(spec.path("database").has("mysql")).isFalse();
        assertThat(spec.path("backup").path("method").asText()).isEqualTo("VolumeSnapshot");
        assertThat(spec.path("backup").path("volumeSnapshotClassName").asText()).isEqualTo("csi-snapclass");
        assertThat(spec.path("rollback").asText()).isEqualTo("Automatic");
        assertThat(spec.path("mapStates").path("stopped").asText()).isEqualTo("completed");
        assertThat(spec.has("migrator")).isFalse();

        // `helm upgrade --set ccBackend.version=…` changes only the version.
        JsonNode next = one(chart.render(UPGRADE_VALUES_SET, "ccBackend.version=v1.5.5"), "CcBackendUpgrade",
                "cc-backend");
        assertThat(next.path("spec").path("version").asText()).isEqualTo("v1.5.5");
        assertThat(next.path("spec").path("database")).isEqualTo(spec.path("database"));
    }

    @Test
    void mariadbConversionRendersAValidUpgrade() {
        List<JsonNode> docs = chart.render(String.join(",",
                "ccBackend.upgrade.enabled=true", "ccBackend.version=v1.6.0", "ccBackend.image=r/cc:v1.6.0",
                "ccBackend.upgrade.database.driver=mysql", "ccBackend.upgrade.database.mysql.secretName=cc-db",
                "ccBackend.upgrade.database.convertToSqlite.claimName=cc-var",
                "ccBackend.upgrade.database.convertToSqlite.path=job.db",
                "ccBackend.upgrade.backup.method=None", "ccBackend.upgrade.targetDbVersion=12",
                "ccBackend.upgrade.targetArchiveVersion=3", "ccBackend.upgrade.migrator.timeouts.job=12h"));
        JsonNode upgrade = one(docs, "CcBackendUpgrade", "cc-backend");
        JsonNode spec = upgrade.path("spec");

        assertThat(CrdSchema.of(one(docs, "CustomResourceDefinition", CRD_NAME)).violations(upgrade)).isEmpty();
        assertThat(spec.path("database").path("mysql").path("secretName").asText()).isEqualTo("cc-db");
        assertThat(spec.path("database").path("mysql").path("key").asText()).isEqualTo("dsn");
        assertThat(spec.path("database").has("sqlite")).isFalse();
        assertThat(spec.path("database").path("convertToSqlite").path("claimName").asText()).isEqualTo("cc-var");
        assertThat(spec.path("targetDbVersion").isInt()).isTrue();
        assertThat(spec.path("targetDbVersion").asInt()).isEqualTo(12);
        assertThat(spec.path("backup").has("volumeSnapshotClassName")).isFalse();
        assertThat(spec.path("migrator").path("timeouts").path("job").asText()).isEqualTo("12h");
        assertThat(spec.path("migrator").has("image")).isFalse();
    }

    @Test
    void ccBackendUpgradeValuesAreCheckedBeforeTheyReachTheCluster() {
        assertRenderFails("ccBackend.version", "ccBackend.upgrade.enabled=true",
                "ccBackend.imageRepository=r/cc", "ccBackend.upgrade.backup.method=None");
        assertRenderFails("ccBackend.version", "ccBackend.upgrade.enabled=true", "ccBackend.version=1.5.4",
                "ccBackend.imageRepository=r/cc", "ccBackend.upgrade.backup.method=None");
        assertRenderFails("exactly one of ccBackend.image", "ccBackend.upgrade.enabled=true",
                "ccBackend.version=v1.5.4", "ccBackend.upgrade.backup.method=None");
        assertRenderFails("volumeSnapshotClassName", "ccBackend.upgrade.enabled=true",
                "ccBackend.version=v1.5.4", "ccBackend.image=r/cc:v1.5.4");
        assertRenderFails("mysql.secretName", "ccBackend.upgrade.enabled=true", "ccBackend.version=v1.4.4",
                "ccBackend.image=r/cc:v1.4.4", "ccBackend.upgrade.backup.method=None",
                "ccBackend.upgrade.database.driver=mysql");
    }

    private static void assertRenderFails(String messagePart, String... setValues) {
        HelmChart.Result result = chart.template(setValues);
        assertThat(result.exitCode()).as(result.output()).isNotZero();
        assertThat(result.output()).contains(messagePart);
    }

    private static void assertBindsOperatorAccount(JsonNode binding, String roleKind, String roleName) {
        assertThat(binding.path("roleRef").path("kind").asText()).isEqualTo(roleKind);
        assertThat(binding.path("roleRef").path("name").asText()).isEqualTo(roleName);
        JsonNode subject = binding.path("subjects").get(0);
        assertThat(subject.path("kind").asText()).isEqualTo("ServiceAccount");
        assertThat(subject.path("name").asText()).isEqualTo(FULLNAME);
        assertThat(subject.path("namespace").asText()).isEqualTo(NAMESPACE);
    }

    private static void assertProbe(JsonNode probe, String path) {
        assertThat(probe.path("httpGet").path("path").asText()).isEqualTo(path);
        assertThat(probe.path("httpGet").path("port").asText()).isEqualTo("http");
    }

    private static JsonNode deployment(List<JsonNode> docs) {
        return one(docs, "Deployment", FULLNAME);
    }

    private static JsonNode operatorContainer(List<JsonNode> docs) {
        JsonNode containers = deployment(docs).path("spec").path("template").path("spec").path("containers");
        assertThat(containers).hasSize(1);
        return containers.get(0);
    }

    private static Map<String, String> env(JsonNode container) {
        Map<String, String> env = new HashMap<>();
        for (JsonNode var : container.path("env")) {
            if (var.has("value")) {
                env.put(var.path("name").asText(), var.path("value").asText());
            }
        }
        return env;
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new java.util.ArrayList<>();
        array.forEach(n -> texts.add(n.asText()));
        return texts;
    }

    private static JsonNode chartYaml() throws IOException {
        return new YAMLMapper().readTree(HelmChart.chartDir().resolve("Chart.yaml").toFile());
    }

    /** The parent POM's own version (the first {@code <version>} after {@code </parent>} or the artifactId). */
    private static String projectVersion() throws IOException {
        String pom = Files.readString(ProjectFiles.resolve("pom.xml"));
        Matcher m = Pattern.compile("<artifactId>cc-upgrade-operator-parent</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(pom);
        assertThat(m.find()).as("parent pom version").isTrue();
        return m.group(1);
    }
}

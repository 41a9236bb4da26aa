package dev.ccbackend.operator.flow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ccbackend.migrator.util.Json;
import dev.ccbackend.operator.api.Phase;
import dev.ccbackend.operator.api.RollbackPolicy;
import dev.ccbackend.operator.packaging.ProjectFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chart's Grafana dashboard against what the operator serves after an upgrade: every panel has a query whose
 * metrics all have a sample (a number, not NaN) in the scrape, so no panel of the demo's upgrade stays empty.
 */
class DashboardFlowTest {
    private static final Path DASHBOARD = ProjectFiles.resolve("helm/cc-upgrade-operator/files/grafana-dashboard.json");
    private static final Pattern METRIC = Pattern.compile("ccupgrade_[a-z_]+");

    @TempDir
    Path work;

    @Test
    void everyPanelHasDataAfterAnUpgrade() throws Exception {
        JsonNode dashboard = Json.MAPPER.readTree(Files.readString(DASHBOARD));
        try (OperatorHarness h = new OperatorHarness(work, new ScriptedMigrationRunner(7, 1), ScriptedUpgradeFlowTest.WRAP_IN_MAIN)) {
            h.cluster.install("v1.3.1", "{}");
            h.awaitCcBackendRunning();
            h.applyUpgrade(RollbackPolicy.Manual, m -> { });
            assertThat(h.awaitTerminal(Duration.ofSeconds(60)).getStatus().phase).isEqualTo(Phase.Succeeded);
            Thread.sleep(300); // the reconcile that saw Succeeded has updated the gauges
            String scrape = h.metrics.scrape();

            List<String> empty = new ArrayList<>();
            for (JsonNode panel : dashboard.path("panels")) {
                boolean shows = false;
                for (JsonNode target : panel.path("targets")) {
                    Matcher m = METRIC.matcher(target.path("expr").asText());
                    boolean all = true;
                    while (m.find()) {
                        all &= hasSample(scrape, m.group());
                    }
                    shows |= all;
                }
                if (!shows) {
                    empty.add(panel.path("title").asText());
                }
            }
            assertThat(empty).as("panels without data; the scrape:\n" + scrape).isEmpty();
        }
    }

    /** A sample line of {@code metric} with a value that is a number. */
    private static boolean hasSample(String scrape, String metric) {
        return scrape.lines().anyMatch(l -> (l.startsWith(metric + "{") || l.startsWith(metric + " ")) && !l.endsWith("NaN"));
    }
}

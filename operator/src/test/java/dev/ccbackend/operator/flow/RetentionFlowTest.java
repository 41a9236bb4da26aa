package dev.ccbackend.operator.flow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ccbackend.migrator.util.Json;
import dev.ccbackend.operator.api.CcBackendUpgrade;
import dev.ccbackend.operator.api.Phase;
import dev.ccbackend.operator.api.RetentionSpec;
import dev.ccbackend.operator.api.RollbackPolicy;
import dev.ccbackend.operator.demo.DemoInstallation;
import dev.ccbackend.operator.kube.MigrationJobBuilder;
import dev.ccbackend.operator.kube.snapshot.VolumeSnapshot;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** spec.retention: after success and the rollback window, the operator's leftovers go; nothing of the user's does. */
class RetentionFlowTest {
    @TempDir
    Path work;

    static RetentionSpec keepFor(String duration) {
        RetentionSpec r = new RetentionSpec();
        r.keepFor = duration;
        return r;
    }

    @Test
    void afterTheRollbackWindowOnlyWhatTheOperatorMadeAndNoLongerUsesIsDeleted() throws Exception {
        try (OperatorHarness h = new OperatorHarness(work, new ScriptedMigrationRunner(7, 1), ScriptedUpgradeFlowTest.WRAP_IN_MAIN)) {
            h.cluster.install("v1.3.1", "{}");
            var ns = h.cluster.client().configMaps().inNamespace(DemoInstallation.NAMESPACE);
            ns.resource(new ConfigMapBuilder().withNewMetadata().withName("site-notes").endMetadata()
                    .addToData("notes", "the admin's").build()).create();
            ns.resource(new ConfigMapBuilder().withNewMetadata().withName("cc-backend-config-v1-4-4-0badc0de")
                    .withLabels(Map.of(MigrationJobBuilder.MANAGED_BY, MigrationJobBuilder.OPERATOR,
                            MigrationJobBuilder.LABEL_UPGRADE, DemoInstallation.DEPLOYMENT)).endMetadata()
                    .addToData("config.json", "{}").build()).create(); // converted by an earlier upgrade, unused now
            h.cluster.client().persistentVolumeClaims().inNamespace(DemoInstallation.NAMESPACE).resource(new PersistentVolumeClaimBuilder()
                    .withNewMetadata().withName("scratch").endMetadata().withNewSpec().withAccessModes("ReadWriteOnce")
                    .withNewResources().withRequests(Map.of("storage", new Quantity("1Gi"))).endResources().endSpec().build()).create();
            h.awaitCcBackendRunning();
            CcBackendUpgrade cr = DemoInstallation.upgrade("v1.5.4", RollbackPolicy.Manual);
            cr.getSpec().retention = keepFor("4s");
            h.cluster.client().resource(cr).create();

            var done = h.awaitTerminal(Duration.ofSeconds(60)).getStatus();
            assertThat(done.phase).as(Json.pretty(done)).isEqualTo(Phase.Succeeded);
            assertThat(done.rollbackableUntil).isNotNull();
            assertThat(snapshots(h)).as("kept during the window").isPositive();
            assertThat(h.get().getStatus().cleanedUpAt).isNull();

            var cleaned = h.await(c -> c.getStatus().cleanedUpAt != null).getStatus();

            assertThat(Instant.parse(cleaned.cleanedUpAt)).isAfterOrEqualTo(Instant.parse(cleaned.rollbackableUntil));
            assertThat(cleaned.rollbackable).isFalse();
            assertThat(snapshots(h)).isZero();
            assertThat(h.cluster.client().batch().v1().jobs().inNamespace(DemoInstallation.NAMESPACE).list().getItems()).isEmpty();
            assertThat(ns.withName("cc-backend-config-v1-4-4-0badc0de").get()).as("an earlier upgrade's, unused").isNull();
            assertThat(ns.withName("site-notes").get()).as("the user's").isNotNull();
            assertThat(ns.withName(DemoInstallation.CONFIG_MAP).get()).as("the user's original config").isNotNull();
            assertThat(ns.withName(cleaned.newConfigMap).get()).as("in use by the Deployment").isNotNull();
            assertThat(h.cluster.client().persistentVolumeClaims().inNamespace(DemoInstallation.NAMESPACE).list().getItems())
                    .extracting(c -> c.getMetadata().getName()).contains("scratch", DemoInstallation.CLAIM);
            assertThat(h.events()).extracting(Event::getReason).contains("RetentionDeleted", "RetentionDone");
            assertThat(h.events()).filteredOn(e -> "RetentionDeleted".equals(e.getReason())).extracting(Event::getMessage)
                    .anyMatch(m -> m.startsWith("deleted VolumeSnapshot"))
                    .anyMatch(m -> m.startsWith("deleted ConfigMap cc-backend-config-v1-4-4-0badc0de"));
        }
    }

    private static int snapshots(OperatorHarness h) {
        return h.cluster.client().resources(VolumeSnapshot.class).inNamespace(DemoInstallation.NAMESPACE).list().getItems().size();
    }
}

package dev.ccbackend.operator.demo;

import dev.ccbackend.operator.api.ArchiveSpec;
import dev.ccbackend.operator.api.BackupMethod;
import dev.ccbackend.operator.api.BackupSpec;
import dev.ccbackend.operator.api.CcBackendUpgrade;
import dev.ccbackend.operator.api.CcBackendUpgradeSpec;
import dev.ccbackend.operator.api.ClaimPath;
import dev.ccbackend.operator.api.ConfigSpec;
import dev.ccbackend.operator.api.DatabaseDriver;
import dev.ccbackend.operator.api.DatabaseSpec;
import dev.ccbackend.operator.api.RollbackPolicy;
import dev.ccbackend.operator.api.TargetSpec;
import dev.ccbackend.operator.kube.snapshot.VolumeSnapshotClass;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Map;

/**
 * A cc-backend installation as a site runs it: a Deployment with one claim {@code cc-backend-var}
 * holding {@code job.db} and {@code job-archive/}, config.json in a ConfigMap, and a
 * VolumeSnapshotClass. Used by the demo and the flow tests.
 */
public final class DemoInstallation {
    public static final String NAMESPACE = "hpc";
    public static final String DEPLOYMENT = "cc-backend";
    public static final String CLAIM = "cc-backend-var";
    public static final String CONFIG_MAP = "cc-backend-config";
    public static final String SNAPSHOT_CLASS = "csi-snapclass";
    public static final String REPOSITORY = "registry.example.org/cc-backend";

    private DemoInstallation() {
    }

    /** Creates the claim, ConfigMap, snapshot class and Deployment running {@code fromRelease} as {@code owner}. */
    public static void create(KubernetesClient client, String fromRelease, String configJson, DataOwner owner) {
        client.persistentVolumeClaims().inNamespace(NAMESPACE).resource(new PersistentVolumeClaimBuilder()
                .withNewMetadata().withName(CLAIM).withNamespace(NAMESPACE).endMetadata()
                .withNewSpec().withAccessModes("ReadWriteOnce")
                .withNewResources().withRequests(Map.of("storage", new Quantity("10Gi"))).endResources()
                .endSpec().build()).create();
        client.configMaps().inNamespace(NAMESPACE).resource(new ConfigMapBuilder()
                .withNewMetadata().withName(CONFIG_MAP).withNamespace(NAMESPACE).endMetadata()
                .withData(Map.of("config.json", configJson)).build()).create();
        VolumeSnapshotClass vsc = new VolumeSnapshotClass();
        vsc.getMetadata().setName(SNAPSHOT_CLASS);
        vsc.setDriver("testing.csi.cc-backend.dev");
        vsc.setDeletionPolicy("Retain");
        client.resources(VolumeSnapshotClass.class).resource(vsc).create();
        client.apps().deployments().inNamespace(NAMESPACE).resource(deployment(fromRelease, owner)).create();
    }

    /** cc-backend runs as the owner of its data, as a site's Deployment states. */
    public static Deployment deployment(String release, DataOwner owner) {
        Map<String, String> labels = Map.of("app.kubernetes.io/name", DEPLOYMENT);
        return new DeploymentBuilder()
                .withNewMetadata().withName(DEPLOYMENT).withNamespace(NAMESPACE).withLabels(labels).endMetadata()
                .withNewSpec().withReplicas(1)
                .withNewSelector().withMatchLabels(labels).endSelector()
                .withNewTemplate().withNewMetadata().withLabels(labels).endMetadata()
                .withNewSpec()
                .withNewSecurityContext().withRunAsNonRoot(owner.uid() != 0).withRunAsUser((long) owner.uid())
                .withRunAsGroup((long) owner.gid()).endSecurityContext()
                .addNewContainer().withName(DEPLOYMENT).withImage(REPOSITORY + ":" + release)
                .withWorkingDir("/app")
                .addNewVolumeMount().withName("var").withMountPath("/app/var").endVolumeMount()
                .addNewVolumeMount().withName("config").withMountPath("/app/config.json").withSubPath("config.json").endVolumeMount()
                .endContainer()
                .addNewVolume().withName("var").withNewPersistentVolumeClaim().withClaimName(CLAIM).endPersistentVolumeClaim().endVolume()
                .addNewVolume().withName("config").withNewConfigMap().withName(CONFIG_MAP).endConfigMap().endVolume()
                .endSpec().endTemplate().endSpec().build();
    }

    /** The CcBackendUpgrade a site would apply to go to {@code toRelease}. */
    public static CcBackendUpgrade upgrade(String toRelease, RollbackPolicy rollback) {
        CcBackendUpgradeSpec spec = new CcBackendUpgradeSpec();
        spec.version = toRelease;
        spec.imageRepository = REPOSITORY;
        spec.target = new TargetSpec();
        spec.target.deployment = DEPLOYMENT;
        spec.database = new DatabaseSpec();
        spec.database.driver = DatabaseDriver.SQLITE3;
        spec.database.sqlite = new ClaimPath(CLAIM, "job.db");
        spec.archive = new ArchiveSpec();
        spec.archive.claimName = CLAIM;
        spec.archive.path = "job-archive";
        spec.config = new ConfigSpec();
        spec.config.configMapName = CONFIG_MAP;
        spec.backup = new BackupSpec();
        spec.backup.method = BackupMethod.VolumeSnapshot;
        spec.backup.volumeSnapshotClassName = SNAPSHOT_CLASS;
        spec.rollback = rollback;
        CcBackendUpgrade cr = new CcBackendUpgrade();
        cr.getMetadata().setName(DEPLOYMENT);
        cr.getMetadata().setNamespace(NAMESPACE);
        cr.setSpec(spec);
        return cr;
    }
}

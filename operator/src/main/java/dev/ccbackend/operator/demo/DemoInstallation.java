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
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A cc-backend installation as a site runs it: a Deployment {@code name} with one claim holding
 * {@code job.db} and {@code job-archive/}, config.json in a ConfigMap, and a VolumeSnapshotClass.
 * Used by the demo and the flow tests; {@link #DEFAULT} is named {@code cc-backend}, its claim
 * {@code cc-backend-var}.
 *
 * @param accessMode the claim's, ReadWriteMany for a sharded archive migration
 */
public record DemoInstallation(String name, String claim, String configMap, String accessMode) {
    public static final String NAMESPACE = "hpc";
    public static final String DEPLOYMENT = "cc-backend";
    public static final String CLAIM = "cc-backend-var";
    public static final String CONFIG_MAP = "cc-backend-config";
    public static final String SNAPSHOT_CLASS = "csi-snapclass";
    public static final String SNAPSHOT_DRIVER = "testing.csi.cc-backend.dev";
    public static final String REPOSITORY = "registry.example.org/cc-backend";
    public static final DemoInstallation DEFAULT = named(DEPLOYMENT);
    /** Not whole GiB, as sites ask for: a snapshot's restoreSize rounded up is larger than the claim. */
    public static final String CLAIM_SIZE = "1500Mi";

    /** The installation whose Deployment, CcBackendUpgrade, claim ({@code <name>-var}) and ConfigMap carry {@code name}. */
    public static DemoInstallation named(String name) {
        return new DemoInstallation(name, name + "-var", name + "-config", "ReadWriteOnce");
    }

    public DemoInstallation readWriteMany() {
        return new DemoInstallation(name, claim, configMap, "ReadWriteMany");
    }

    /** {@link #install} of {@link #DEFAULT}. */
    public static void create(KubernetesClient client, String fromRelease, String configJson, DataOwner owner) {
        DEFAULT.install(client, fromRelease, configJson, owner);
    }

    /** {@link #upgradeTo} of {@link #DEFAULT}. */
    public static CcBackendUpgrade upgrade(String toRelease, RollbackPolicy rollback) {
        return DEFAULT.upgradeTo(toRelease, rollback);
    }

    /** Creates the claim, ConfigMap, snapshot class and Deployment running {@code fromRelease} as {@code owner}. */
    public void install(KubernetesClient client, String fromRelease, String configJson, DataOwner owner) {
        if (client.persistentVolumeClaims().inNamespace(NAMESPACE).withName(claim).get() == null) { // a test may bring its own
            client.persistentVolumeClaims().inNamespace(NAMESPACE).resource(new PersistentVolumeClaimBuilder()
                    .withNewMetadata().withName(claim).withNamespace(NAMESPACE).endMetadata()
                    .withNewSpec().withAccessModes(accessMode)
                    .withNewResources().withRequests(Map.of("storage", new Quantity(CLAIM_SIZE))).endResources()
                    .endSpec().build()).create();
        }
        client.configMaps().inNamespace(NAMESPACE).resource(new ConfigMapBuilder()
                .withNewMetadata().withName(configMap).withNamespace(NAMESPACE).endMetadata()
                .withData(Map.of("config.json", configJson)).build()).create();
        if (client.resources(VolumeSnapshotClass.class).withName(SNAPSHOT_CLASS).get() == null) {
            VolumeSnapshotClass vsc = new VolumeSnapshotClass();
            vsc.getMetadata().setName(SNAPSHOT_CLASS);
            vsc.setDriver(SNAPSHOT_DRIVER);
            vsc.setDeletionPolicy("Retain");
            client.resources(VolumeSnapshotClass.class).resource(vsc).create();
        }
        client.apps().deployments().inNamespace(NAMESPACE).resource(deployment(fromRelease, owner)).create();
    }

    /** cc-backend runs as the owner of its data, as a site's Deployment states. */
    public Deployment deployment(String release, DataOwner owner) {
        Map<String, String> labels = Map.of("app.kubernetes.io/name", name);
        return new DeploymentBuilder()
                .withNewMetadata().withName(name).withNamespace(NAMESPACE).withLabels(labels).endMetadata()
                .withNewSpec().withReplicas(1)
                .withNewSelector().withMatchLabels(labels).endSelector()
                .withNewTemplate().withNewMetadata().withLabels(labels).endMetadata()
                .withNewSpec()
                .withNewSecurityContext().withRunAsNonRoot(owner.uid() != 0).withRunAsUser((long) owner.uid())
                .withRunAsGroup((long) owner.gid()).endSecurityContext()
                .addNewContainer().withName("cc-backend").withImage(REPOSITORY + ":" + release)
                .withWorkingDir("/app")
                .addNewPort().withName("http").withContainerPort(8080).endPort()
                .addNewVolumeMount().withName("var").withMountPath("/app/var").endVolumeMount()
                .addNewVolumeMount().withName("config").withMountPath("/app/config.json").withSubPath("config.json").endVolumeMount()
                .endContainer()
                .addNewVolume().withName("var").withNewPersistentVolumeClaim().withClaimName(claim).endPersistentVolumeClaim().endVolume()
                .addNewVolume().withName("config").withNewConfigMap().withName(configMap).endConfigMap().endVolume()
                .endSpec().endTemplate().endSpec().build();
    }

    /** The CcBackendUpgrade a site would apply to go to {@code toRelease}. */
    /**
     * Changes this site's upgrade spec as a user would while the operator writes its status: an edit that meets
     * a newer resourceVersion (409) is made again on the newest object.
     */
    public void editSpec(KubernetesClient client, Consumer<CcBackendUpgradeSpec> change) {
        for (int attempt = 1; ; attempt++) {
            try {
                client.resources(CcBackendUpgrade.class).inNamespace(NAMESPACE).withName(name).edit(cr -> {
                    change.accept(cr.getSpec());
                    return cr;
                });
                return;
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409 || attempt == 10) {
                    throw e;
                }
            }
        }
    }

    public CcBackendUpgrade upgradeTo(String toRelease, RollbackPolicy rollback) {
        CcBackendUpgradeSpec spec = new CcBackendUpgradeSpec();
        spec.version = toRelease;
        spec.imageRepository = REPOSITORY;
        spec.target = new TargetSpec();
        spec.target.deployment = name;
        spec.database = new DatabaseSpec();
        spec.database.driver = DatabaseDriver.SQLITE3;
        spec.database.sqlite = new ClaimPath(claim, "job.db");
        spec.archive = new ArchiveSpec();
        spec.archive.claimName = claim;
        spec.archive.path = "job-archive";
        spec.config = new ConfigSpec();
        spec.config.configMapName = configMap;
        spec.backup = new BackupSpec();
        spec.backup.method = BackupMethod.VolumeSnapshot;
        spec.backup.volumeSnapshotClassName = SNAPSHOT_CLASS;
        spec.rollback = rollback;
        CcBackendUpgrade cr = new CcBackendUpgrade();
        cr.getMetadata().setName(name);
        cr.getMetadata().setNamespace(NAMESPACE);
        cr.setSpec(spec);
        return cr;
    }
}

package dev.ccbackend.operator.kube;

import dev.ccbackend.operator.api.CcBackendUpgrade;
import dev.ccbackend.operator.api.SnapshotStatus;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Map;

/** New claims restored from the upgrade's snapshots. The original claims are never touched. */
public class RestoredClaims {
    private final KubernetesClient client;
    private final String namespace;

    public RestoredClaims(KubernetesClient client, String namespace) {
        this.client = client;
        this.namespace = namespace;
    }

    public static String name(CcBackendUpgrade cr, String claim) {
        return Names.restoredClaim(cr, claim);
    }

    /** Creates the claim from the snapshot (same size, class and access modes as the original) unless it exists. */
    public PersistentVolumeClaim ensure(CcBackendUpgrade cr, SnapshotStatus s) {
        PersistentVolumeClaim existing = client.persistentVolumeClaims().inNamespace(namespace)
                .withName(s.restoredClaimName).get();
        if (existing != null) {
            return existing;
        }
        PersistentVolumeClaim original = client.persistentVolumeClaims().inNamespace(namespace).withName(s.claimName).get();
        if (original == null) {
            throw new IllegalStateException("claim " + s.claimName + " is gone: cannot size its restore");
        }
        return client.persistentVolumeClaims().inNamespace(namespace).resource(new PersistentVolumeClaimBuilder()
                .withNewMetadata().withName(s.restoredClaimName).withNamespace(namespace)
                .withLabels(Map.of(MigrationJobBuilder.MANAGED_BY, MigrationJobBuilder.OPERATOR,
                        MigrationJobBuilder.LABEL_UPGRADE, Names.labelValue(cr.getMetadata().getName())))
                .endMetadata()
                .withNewSpec()
                .withAccessModes(original.getSpec().getAccessModes())
                .withStorageClassName(original.getSpec().getStorageClassName())
                .withResources(original.getSpec().getResources())
                .withNewDataSource().withApiGroup("snapshot.storage.k8s.io").withKind("VolumeSnapshot")
                .withName(s.snapshotName).endDataSource()
                .endSpec().build()).create();
    }

    public static boolean bound(PersistentVolumeClaim pvc) {
        return pvc.getStatus() != null && "Bound".equals(pvc.getStatus().getPhase());
    }
}

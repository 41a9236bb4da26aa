package dev.ccbackend.operator.kube;

import dev.ccbackend.operator.api.CcBackendUpgrade;
import dev.ccbackend.operator.api.SnapshotStatus;
import dev.ccbackend.operator.kube.snapshot.VolumeSnapshot;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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

    /**
     * Creates the claim from the snapshot unless it exists: class and access modes of the original, its size or the
     * snapshot's restoreSize, whichever is larger (a CSI provisioner refuses a claim smaller than restoreSize).
     */
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
                .withNewResources().withRequests(Map.of("storage", size(original, s))).endResources()
                .withNewDataSource().withApiGroup("snapshot.storage.k8s.io").withKind("VolumeSnapshot")
                .withName(s.snapshotName).endDataSource()
                .endSpec().build()).create();
    }

    private Quantity size(PersistentVolumeClaim original, SnapshotStatus s) {
        Quantity requested = original.getSpec().getResources().getRequests().get("storage");
        VolumeSnapshot vs = client.resources(VolumeSnapshot.class).inNamespace(namespace).withName(s.snapshotName).get();
        String restoreSize = vs == null || vs.getStatus() == null ? null : vs.getStatus().restoreSize;
        if (restoreSize == null || Quantity.getAmountInBytes(new Quantity(restoreSize))
                .compareTo(Quantity.getAmountInBytes(requested)) <= 0) {
            return requested;
        }
        return new Quantity(restoreSize);
    }

    /** What keeps restored claims from binding (a provisioner's last complaint), if any, for the status message. */
    public Optional<String> pending(List<SnapshotStatus> snapshots) {
        List<String> unbound = snapshots.stream().map(s -> client.persistentVolumeClaims().inNamespace(namespace)
                .withName(s.restoredClaimName).get())
                .filter(c -> c != null && (c.getStatus() == null || !"Bound".equals(c.getStatus().getPhase())))
                .map(c -> c.getMetadata().getName()).toList();
        if (unbound.isEmpty()) {
            return Optional.empty();
        }
        String complaint = client.v1().events().inNamespace(namespace).list().getItems().stream()
                .filter(e -> "ProvisioningFailed".equals(e.getReason()) && e.getInvolvedObject() != null
                        && unbound.contains(e.getInvolvedObject().getName()))
                .map(e -> ": " + e.getMessage()).findFirst().orElse(" (they bind when cc-backend's pod uses them)");
        return Optional.of("claims " + String.join(", ", unbound) + " not bound yet" + complaint);
    }
}

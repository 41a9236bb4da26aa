package dev.ccbackend.operator.kube;

import dev.ccbackend.operator.api.CcBackendUpgrade;
import dev.ccbackend.operator.api.SnapshotStatus;
import dev.ccbackend.operator.kube.snapshot.VolumeSnapshot;
import dev.ccbackend.operator.kube.snapshot.VolumeSnapshotClass;
import dev.ccbackend.operator.kube.snapshot.VolumeSnapshotContent;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/** Creating VolumeSnapshots once and telling when they are really usable. */
public class Snapshots {
    private final KubernetesClient client;
    private final String namespace;

    public Snapshots(KubernetesClient client, String namespace) {
        this.client = client;
        this.namespace = namespace;
    }

    /** {@code <cr>-<claim>-<hash>}: one name per claim and upgrade attempt. */
    public static String name(CcBackendUpgrade cr, String claim) {
        return Names.snapshot(cr, claim);
    }

    public boolean classExists(String name) {
        try {
            return client.resources(VolumeSnapshotClass.class).withName(name).get() != null;
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404) {
                return false; // the snapshot CRDs are not installed
            }
            throw e;
        }
    }

    public VolumeSnapshot ensure(CcBackendUpgrade cr, SnapshotStatus s, String className) {
        var op = client.resources(VolumeSnapshot.class).inNamespace(namespace).withName(s.snapshotName);
        VolumeSnapshot existing = op.get();
        if (existing != null) {
            return existing;
        }
        VolumeSnapshot vs = new VolumeSnapshot();
        vs.getMetadata().setName(s.snapshotName);
        vs.getMetadata().setNamespace(namespace);
        // No owner reference: the snapshot must outlive the CcBackendUpgrade (it is the way back).
        vs.getMetadata().setLabels(Map.of(MigrationJobBuilder.MANAGED_BY, MigrationJobBuilder.OPERATOR,
                MigrationJobBuilder.LABEL_UPGRADE, Names.labelValue(cr.getMetadata().getName())));
        vs.setSpec(new VolumeSnapshot.Spec());
        vs.getSpec().source.persistentVolumeClaimName = s.claimName;
        vs.getSpec().volumeSnapshotClassName = className;
        return client.resources(VolumeSnapshot.class).inNamespace(namespace).resource(vs).create();
    }

    /**
     * Why the class's CSI driver cannot snapshot one of {@code claims} (a volume of another driver, or
     * not a CSI volume at all), or empty. Unbound claims are not judged: they have no volume yet.
     */
    public Optional<String> driverMismatch(String className, Collection<String> claims) {
        VolumeSnapshotClass vsc = client.resources(VolumeSnapshotClass.class).withName(className).get();
        for (String claim : claims) {
            PersistentVolumeClaim pvc = client.persistentVolumeClaims().inNamespace(namespace).withName(claim).get();
            String volume = pvc == null ? null : pvc.getSpec().getVolumeName();
            PersistentVolume pv = volume == null ? null : client.persistentVolumes().withName(volume).get();
            if (vsc == null || pv == null) {
                continue;
            }
            String driver = pv.getSpec().getCsi() == null ? null : pv.getSpec().getCsi().getDriver();
            if (driver == null) {
                return Optional.of("claim " + claim + " is on volume " + volume + ", which is not a CSI volume: "
                        + "VolumeSnapshotClass " + className + " cannot snapshot it");
            }
            if (!driver.equals(vsc.getDriver())) {
                return Optional.of("claim " + claim + " is on a volume of CSI driver " + driver + ", but VolumeSnapshotClass "
                        + className + " is for driver " + vsc.getDriver());
            }
        }
        return Optional.empty();
    }

    /** readyToUse on the snapshot and on the content it is bound to. */
    public boolean ready(VolumeSnapshot vs) {
        var st = vs.getStatus();
        if (st == null || !Boolean.TRUE.equals(st.readyToUse) || st.boundVolumeSnapshotContentName == null) {
            return false;
        }
        VolumeSnapshotContent content = client.resources(VolumeSnapshotContent.class)
                .withName(st.boundVolumeSnapshotContentName).get();
        return content != null && content.getStatus() != null && Boolean.TRUE.equals(content.getStatus().readyToUse);
    }

}

package dev.ccbackend.operator.kube;

import dev.ccbackend.operator.api.CcBackendUpgrade;
import dev.ccbackend.operator.api.SnapshotStatus;
import dev.ccbackend.operator.kube.snapshot.VolumeSnapshot;
import dev.ccbackend.operator.kube.snapshot.VolumeSnapshotClass;
import dev.ccbackend.operator.kube.snapshot.VolumeSnapshotContent;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.Map;

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

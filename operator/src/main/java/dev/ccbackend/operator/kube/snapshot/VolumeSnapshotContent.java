package dev.ccbackend.operator.kube.snapshot;

import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Version;

/** snapshot.storage.k8s.io/v1 VolumeSnapshotContent (cluster-scoped), only the fields the operator reads. */
@Group("snapshot.storage.k8s.io")
@Version("v1")
public class VolumeSnapshotContent extends CustomResource<VolumeSnapshotContent.Spec, VolumeSnapshotContent.Status> {

    public static class Spec {
        public String driver;
        public String deletionPolicy;
        public String volumeSnapshotClassName;
        public io.fabric8.kubernetes.api.model.ObjectReference volumeSnapshotRef;
        public java.util.Map<String, String> source;
    }

    public static class Status {
        public Boolean readyToUse;
        public String snapshotHandle;
        public Long restoreSize;
        public VolumeSnapshot.SnapshotError error;
    }
}

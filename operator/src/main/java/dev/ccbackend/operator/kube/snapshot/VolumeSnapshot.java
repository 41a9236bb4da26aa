package dev.ccbackend.operator.kube.snapshot;

import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Version;

/** snapshot.storage.k8s.io/v1 VolumeSnapshot, only the fields the operator uses. */
@Group("snapshot.storage.k8s.io")
@Version("v1")
public class VolumeSnapshot extends CustomResource<VolumeSnapshot.Spec, VolumeSnapshot.Status> implements Namespaced {

    public static class Spec {
        public Source source = new Source();
        public String volumeSnapshotClassName;
    }

    public static class Source {
        public String persistentVolumeClaimName;
        public String volumeSnapshotContentName;
    }

    public static class Status {
        public String boundVolumeSnapshotContentName;
        public Boolean readyToUse;
        public String creationTime;
        /** The smallest size a claim restored from this snapshot may have (a quantity, e.g. 2Gi). */
        public String restoreSize;
        public SnapshotError error;
    }

    public static class SnapshotError {
        public String message;
        public String time;
    }
}

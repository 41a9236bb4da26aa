package dev.ccbackend.operator.kube.snapshot;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Version;

/** snapshot.storage.k8s.io/v1 VolumeSnapshotClass (cluster-scoped; driver and deletionPolicy are top-level). */
@Group("snapshot.storage.k8s.io")
@Version("v1")
@JsonInclude(JsonInclude.Include.NON_NULL)
public class VolumeSnapshotClass extends CustomResource<Void, Void> {
    private String driver;
    private String deletionPolicy;

    public String getDriver() {
        return driver;
    }

    public void setDriver(String driver) {
        this.driver = driver;
    }

    public String getDeletionPolicy() {
        return deletionPolicy;
    }

    public void setDeletionPolicy(String deletionPolicy) {
        this.deletionPolicy = deletionPolicy;
    }
}

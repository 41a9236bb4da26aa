package dev.ccbackend.operator.demo;

import dev.ccbackend.operator.kube.snapshot.VolumeSnapshot;
import dev.ccbackend.operator.kube.snapshot.VolumeSnapshotContent;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Instant;

/**
 * Plays the CSI snapshotter and provisioner: copies the claim's directory as the snapshot, creates a
 * ready VolumeSnapshotContent and binds the VolumeSnapshot to it; binds new claims, restoring those
 * whose data source is a snapshot.
 */
public class TestingSnapshotController extends PollingController {
    private final KubernetesClient client;
    private final ClaimStore claims;
    private final Faults faults;

    public TestingSnapshotController(KubernetesClient client, ClaimStore claims, Faults faults) {
        super("testing-snapshot-controller");
        this.client = client;
        this.claims = claims;
        this.faults = faults;
    }

    public TestingSnapshotController start() {
        start(100);
        return this;
    }

    @Override
    void tick() {
        for (var pvc : client.persistentVolumeClaims().inAnyNamespace().list().getItems()) {
            if (pvc.getStatus() == null || !"Bound".equals(pvc.getStatus().getPhase())) {
                bind(pvc);
            }
        }
        for (VolumeSnapshot vs : client.resources(VolumeSnapshot.class).inAnyNamespace().list().getItems()) {
            if (vs.getStatus() != null && (Boolean.TRUE.equals(vs.getStatus().readyToUse) || vs.getStatus().error != null)) {
                continue;
            }
            if (faults.failsAt(Faults.Step.snapshot)) {
                fail(vs);
            } else {
                take(vs);
            }
        }
    }

    /** Provisions a claim; one with a VolumeSnapshot as data source starts with the snapshot's content. */
    private void bind(io.fabric8.kubernetes.api.model.PersistentVolumeClaim pvc) {
        var source = pvc.getSpec().getDataSource();
        if (source != null && "VolumeSnapshot".equals(source.getKind())) {
            claims.restore(source.getName(), pvc.getMetadata().getName());
        } else {
            claims.claim(pvc.getMetadata().getName());
        }
        client.persistentVolumeClaims().inNamespace(pvc.getMetadata().getNamespace()).withName(pvc.getMetadata().getName())
                .editStatus(p -> {
                    p.setStatus(new io.fabric8.kubernetes.api.model.PersistentVolumeClaimStatusBuilder().withPhase("Bound").build());
                    return p;
                });
    }

    private void fail(VolumeSnapshot vs) {
        vs.setStatus(new VolumeSnapshot.Status());
        vs.getStatus().readyToUse = false;
        vs.getStatus().error = new VolumeSnapshot.SnapshotError();
        vs.getStatus().error.message = faults.message();
        vs.getStatus().error.time = Instant.now().toString();
        client.resources(VolumeSnapshot.class).inNamespace(vs.getMetadata().getNamespace()).resource(vs).updateStatus();
    }

    private void take(VolumeSnapshot vs) {
        String name = vs.getMetadata().getName();
        String claim = vs.getSpec().source.persistentVolumeClaimName;
        claims.snapshot(claim, name);
        String contentName = "snapcontent-" + vs.getMetadata().getUid();
        if (client.resources(VolumeSnapshotContent.class).withName(contentName).get() == null) {
            VolumeSnapshotContent content = new VolumeSnapshotContent();
            content.getMetadata().setName(contentName);
            content.setSpec(new VolumeSnapshotContent.Spec());
            content.getSpec().driver = "testing.csi.cc-backend.dev";
            content.getSpec().deletionPolicy = "Retain";
            content.getSpec().volumeSnapshotClassName = vs.getSpec().volumeSnapshotClassName;
            content.getSpec().volumeSnapshotRef = new ObjectReferenceBuilder().withKind("VolumeSnapshot")
                    .withName(name).withNamespace(vs.getMetadata().getNamespace()).build();
            content = client.resources(VolumeSnapshotContent.class).resource(content).create();
            content.setStatus(new VolumeSnapshotContent.Status());
            content.getStatus().readyToUse = true;
            content.getStatus().snapshotHandle = name;
            client.resources(VolumeSnapshotContent.class).resource(content).updateStatus();
        }
        vs.setStatus(new VolumeSnapshot.Status());
        vs.getStatus().boundVolumeSnapshotContentName = contentName;
        vs.getStatus().readyToUse = true;
        vs.getStatus().creationTime = Instant.now().toString();
        client.resources(VolumeSnapshot.class).inNamespace(vs.getMetadata().getNamespace()).resource(vs).updateStatus();
    }
}

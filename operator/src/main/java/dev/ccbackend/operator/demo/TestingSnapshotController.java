package dev.ccbackend.operator.demo;

import dev.ccbackend.operator.kube.snapshot.VolumeSnapshot;
import dev.ccbackend.operator.kube.snapshot.VolumeSnapshotClass;
import dev.ccbackend.operator.kube.snapshot.VolumeSnapshotContent;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Plays the CSI snapshotter: copies the claim's directory as the snapshot, creates a ready
 * VolumeSnapshotContent and binds the VolumeSnapshot to it, after {@code readyDelay}, with a
 * restoreSize (rounded up to whole GiB on a realistic profile). A claim whose volume is not of the
 * class's CSI driver gets an error that stays; the transient-error fault reports an error once and
 * then succeeds, as a snapshotter that retries does.
 */
public class TestingSnapshotController extends PollingController {
    private static final BigDecimal GIB = BigDecimal.valueOf(1L << 30);

    private final KubernetesClient client;
    private final ClaimStore claims;
    private final Faults faults;
    private final ClusterProfile profile;
    private final Set<String> erredOnce = ConcurrentHashMap.newKeySet();

    public TestingSnapshotController(KubernetesClient client, ClaimStore claims, Faults faults, ClusterProfile profile) {
        super("testing-snapshot-controller");
        this.client = client;
        this.claims = claims;
        this.faults = faults;
        this.profile = profile;
    }

    public TestingSnapshotController start() {
        start(100);
        return this;
    }

    @Override
    void tick() {
        for (VolumeSnapshot vs : client.resources(VolumeSnapshot.class).inAnyNamespace().list().getItems()) {
            if (vs.getStatus() != null && Boolean.TRUE.equals(vs.getStatus().readyToUse)) {
                continue;
            }
            String uid = vs.getMetadata().getUid();
            if (faults.failsAt(Faults.Step.snapshot)) {
                error(vs, faults.message());
            } else if (faults.has(Faults.ClusterFault.SNAPSHOT_TRANSIENT_ERROR) && erredOnce.add(uid)) {
                error(vs, "Failed to create snapshot: rpc error: code = Unavailable desc = connection to the storage backend lost");
            } else if (driverMismatch(vs) != null) {
                error(vs, driverMismatch(vs));
            } else if (Instant.now().isAfter(created(vs).plus(profile.snapshotReadyDelay()))) {
                take(vs);
            } else {
                pending(vs);
            }
        }
    }

    private Instant created(VolumeSnapshot vs) {
        String t = vs.getMetadata().getCreationTimestamp();
        return t == null ? Instant.EPOCH : Instant.parse(t);
    }

    /** Why the class's driver cannot snapshot the claim's volume, or null. */
    private String driverMismatch(VolumeSnapshot vs) {
        VolumeSnapshotClass vsc = client.resources(VolumeSnapshotClass.class).withName(vs.getSpec().volumeSnapshotClassName).get();
        PersistentVolume pv = volume(vs);
        if (vsc == null || pv == null) {
            return null;
        }
        String driver = pv.getSpec().getCsi() == null ? null : pv.getSpec().getCsi().getDriver();
        return vsc.getDriver().equals(driver) ? null : "Failed to check and update snapshot content: volume "
                + pv.getMetadata().getName() + " is not provisioned by driver " + vsc.getDriver();
    }

    private PersistentVolumeClaim claim(VolumeSnapshot vs) {
        return client.persistentVolumeClaims().inNamespace(vs.getMetadata().getNamespace())
                .withName(vs.getSpec().source.persistentVolumeClaimName).get();
    }

    private PersistentVolume volume(VolumeSnapshot vs) {
        PersistentVolumeClaim pvc = claim(vs);
        return pvc == null || pvc.getSpec().getVolumeName() == null ? null
                : client.persistentVolumes().withName(pvc.getSpec().getVolumeName()).get();
    }

    private void pending(VolumeSnapshot vs) {
        if (vs.getStatus() != null && vs.getStatus().error == null && Boolean.FALSE.equals(vs.getStatus().readyToUse)) {
            return;
        }
        vs.setStatus(new VolumeSnapshot.Status());
        vs.getStatus().readyToUse = false;
        update(vs);
    }

    private void error(VolumeSnapshot vs, String message) {
        if (vs.getStatus() != null && vs.getStatus().error != null && message.equals(vs.getStatus().error.message)) {
            return;
        }
        vs.setStatus(new VolumeSnapshot.Status());
        vs.getStatus().readyToUse = false;
        vs.getStatus().error = new VolumeSnapshot.SnapshotError();
        vs.getStatus().error.message = message;
        vs.getStatus().error.time = Instant.now().toString();
        update(vs);
    }

    private void update(VolumeSnapshot vs) {
        client.resources(VolumeSnapshot.class).inNamespace(vs.getMetadata().getNamespace()).resource(vs).updateStatus();
    }

    /** The claim's size, rounded up to whole GiB where the profile says so (as most storage backends do). */
    private String restoreSize(VolumeSnapshot vs) {
        PersistentVolumeClaim pvc = claim(vs);
        Quantity request = pvc == null ? new Quantity("1Gi") : pvc.getSpec().getResources().getRequests().get("storage");
        if (!profile.restoreSizeWholeGiB()) {
            return request.toString();
        }
        BigDecimal gib = Quantity.getAmountInBytes(request).divide(GIB, 0, RoundingMode.CEILING);
        return gib.toPlainString() + "Gi";
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
            content.getSpec().driver = DemoInstallation.SNAPSHOT_DRIVER;
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
        vs.getStatus().restoreSize = restoreSize(vs);
        update(vs);
    }
}

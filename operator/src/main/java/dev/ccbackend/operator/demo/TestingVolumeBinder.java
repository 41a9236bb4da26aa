package dev.ccbackend.operator.demo;

import dev.ccbackend.operator.kube.snapshot.VolumeSnapshot;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import io.fabric8.kubernetes.api.model.storage.StorageClassBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Instant;
import java.util.Map;

/**
 * Plays the PersistentVolume controller and a CSI provisioner: a claim binds as its storage class
 * says (Immediate, or WaitForFirstConsumer: once a pod uses it) to a new PersistentVolume of the
 * class's CSI driver. A claim restored from a VolumeSnapshot starts with the snapshot's data once
 * the snapshot is ready, and is refused (ProvisioningFailed, the claim stays Pending) when it asks
 * for less than the snapshot's restoreSize, as CSI provisioners do.
 */
public class TestingVolumeBinder extends PollingController {
    public static final String STORAGE_CLASS = "standard";

    private final KubernetesClient client;
    private final ClaimStore claims;

    public TestingVolumeBinder(KubernetesClient client, ClaimStore claims) {
        super("testing-volume-binder");
        this.client = client;
        this.claims = claims;
    }

    /** The cluster's default storage class, provisioned by {@code driver}, binding as {@code mode} says. */
    public TestingVolumeBinder start(String driver, String mode) {
        client.storage().v1().storageClasses().resource(new StorageClassBuilder().withNewMetadata().withName(STORAGE_CLASS)
                .withAnnotations(Map.of("storageclass.kubernetes.io/is-default-class", "true")).endMetadata()
                .withProvisioner(driver).withVolumeBindingMode(mode).build()).create();
        start(100);
        return this;
    }

    @Override
    void tick() {
        for (PersistentVolumeClaim pvc : client.persistentVolumeClaims().inAnyNamespace().list().getItems()) {
            if (pvc.getStatus() == null || !"Bound".equals(pvc.getStatus().getPhase())) {
                StorageClass sc = storageClass(pvc);
                if (sc != null && ClusterProfile.WAIT_FOR_FIRST_CONSUMER.equals(sc.getVolumeBindingMode()) && !usedByAPod(pvc)) {
                    continue;
                }
                bind(pvc, sc);
            }
        }
    }

    private StorageClass storageClass(PersistentVolumeClaim pvc) {
        String name = pvc.getSpec().getStorageClassName() != null ? pvc.getSpec().getStorageClassName() : STORAGE_CLASS;
        return client.storage().v1().storageClasses().withName(name).get();
    }

    private boolean usedByAPod(PersistentVolumeClaim pvc) {
        String name = pvc.getMetadata().getName();
        return client.pods().inNamespace(pvc.getMetadata().getNamespace()).list().getItems().stream()
                .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
                .anyMatch(p -> uses(p, name));
    }

    static boolean uses(Pod pod, String claim) {
        return pod.getSpec().getVolumes() != null && pod.getSpec().getVolumes().stream()
                .anyMatch(v -> v.getPersistentVolumeClaim() != null && claim.equals(v.getPersistentVolumeClaim().getClaimName()));
    }

    private void bind(PersistentVolumeClaim pvc, StorageClass sc) {
        String ns = pvc.getMetadata().getNamespace();
        String name = pvc.getMetadata().getName();
        Quantity request = pvc.getSpec().getResources().getRequests().get("storage");
        var source = pvc.getSpec().getDataSource();
        if (source != null && "VolumeSnapshot".equals(source.getKind())) {
            VolumeSnapshot vs = client.resources(VolumeSnapshot.class).inNamespace(ns).withName(source.getName()).get();
            if (vs == null || vs.getStatus() == null || !Boolean.TRUE.equals(vs.getStatus().readyToUse)) {
                return; // the provisioner waits for the snapshot
            }
            Quantity restoreSize = vs.getStatus().restoreSize == null ? null : new Quantity(vs.getStatus().restoreSize);
            if (restoreSize != null && Quantity.getAmountInBytes(request).compareTo(Quantity.getAmountInBytes(restoreSize)) < 0) {
                provisioningFailed(pvc, "requested volume size " + request + " is less than the size " + restoreSize
                        + " for the source snapshot " + source.getName());
                return;
            }
            claims.restore(source.getName(), name);
        } else {
            claims.claim(name);
        }
        String volume = "pvc-" + pvc.getMetadata().getUid();
        if (client.persistentVolumes().withName(volume).get() == null) {
            client.persistentVolumes().resource(new PersistentVolumeBuilder().withNewMetadata().withName(volume).endMetadata()
                    .withNewSpec().withCapacity(Map.of("storage", request)).withAccessModes(pvc.getSpec().getAccessModes())
                    .withStorageClassName(sc == null ? null : sc.getMetadata().getName())
                    .withNewCsi().withDriver(sc == null ? "unknown" : sc.getProvisioner()).withVolumeHandle(volume).endCsi()
                    .withNewClaimRef().withNamespace(ns).withName(name).withUid(pvc.getMetadata().getUid()).endClaimRef()
                    .endSpec().build()).create();
        }
        client.persistentVolumeClaims().inNamespace(ns).withName(name).edit(p -> {
            p.getSpec().setVolumeName(volume);
            return p;
        });
        client.persistentVolumeClaims().inNamespace(ns).withName(name).editStatus(p -> {
            p.setStatus(new PersistentVolumeClaimStatusBuilder().withPhase("Bound").withAccessModes(p.getSpec().getAccessModes())
                    .withCapacity(Map.of("storage", request)).build());
            return p;
        });
    }

    /** The provisioner's complaint, once: an Event on the claim, which stays Pending. */
    private void provisioningFailed(PersistentVolumeClaim pvc, String message) {
        String event = pvc.getMetadata().getName() + ".provisioning-failed";
        var events = client.v1().events().inNamespace(pvc.getMetadata().getNamespace());
        if (events.withName(event).get() == null) {
            events.resource(new EventBuilder().withNewMetadata().withName(event).withNamespace(pvc.getMetadata().getNamespace())
                    .endMetadata().withType("Warning").withReason("ProvisioningFailed").withMessage(message)
                    .withNewInvolvedObject().withKind("PersistentVolumeClaim").withName(pvc.getMetadata().getName())
                    .withNamespace(pvc.getMetadata().getNamespace()).withUid(pvc.getMetadata().getUid()).endInvolvedObject()
                    .withLastTimestamp(Instant.now().toString()).build()).create();
        }
    }
}

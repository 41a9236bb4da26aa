package dev.ccbackend.operator.demo;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.util.function.Predicate;

/**
 * The test cluster: the mock API server plus the fake controllers (Jobs with their kubelet,
 * Deployments, volume binding, snapshots), one {@link ClusterProfile} and the {@link Faults} asked for.
 */
public final class TestingCluster implements AutoCloseable {
    private final MockCluster mock;
    private final ClaimStore claims;
    private final TestingJobController jobs;
    private final TestingDeploymentController deployments;
    private final TestingSnapshotController snapshots;
    private final CcBackendDatabaseHolds holds;

    private final TestingImages images = new TestingImages();

    private final ContainerRuntime runtime;
    private final ClusterProfile profile;
    private final TestingVolumeBinder binder;

    /**
     * A cluster that behaves as {@code profile} says, breaks where {@code faults} say, and runs its Job pods'
     * containers with {@code runtime} (which it closes).
     */
    public TestingCluster(Path workDir, ContainerRuntime runtime, Predicate<Pod> startup, Faults faults, ClusterProfile profile) {
        this.mock = MockCluster.start();
        this.claims = new ClaimStore(workDir);
        this.runtime = runtime;
        this.profile = profile;
        this.binder = new TestingVolumeBinder(mock.client(), claims).start(DemoInstallation.SNAPSHOT_DRIVER, profile.volumeBindingMode());
        this.jobs = new TestingJobController(mock.client(),
                new TestingKubelet(mock.client(), mock.podLogs(), claims, runtime, images, faults, profile)).start();
        this.holds = new CcBackendDatabaseHolds(claims);
        this.deployments = new TestingDeploymentController(mock.client(), startup, faults, profile, holds,
                mock.podWebServers()).start();
        this.snapshots = new TestingSnapshotController(mock.client(), claims, faults, profile).start();
    }

    public ClusterProfile profile() {
        return profile;
    }

    public KubernetesClient client() {
        return mock.client();
    }

    /** The cc-backend images this cluster can run, for release probes. */
    public TestingImages images() {
        return images;
    }

    /**
     * Installs cc-backend {@code fromRelease} as {@code site} on the data already on its claim: the
     * data is given to {@code owner} (0644/0755) and the Deployment runs as that owner.
     */
    public void install(DemoInstallation site, String fromRelease, String configJson, DataOwner owner) throws java.io.IOException {
        owner.install(claims.claim(site.claim()));
        site.install(client(), fromRelease, configJson, owner);
    }

    /** {@link #install(DemoInstallation, String, String, DataOwner)} of the default site. */
    public void install(String fromRelease, String configJson, DataOwner owner) throws java.io.IOException {
        install(DemoInstallation.DEFAULT, fromRelease, configJson, owner);
    }

    /** {@link #install(String, String, DataOwner)} as the usual owner on this machine. */
    public void install(String fromRelease, String configJson) throws java.io.IOException {
        install(fromRelease, configJson, DataOwner.forThisMachine());
    }

    public ClaimStore claims() {
        return claims;
    }

    @Override
    public void close() {
        jobs.close();
        runtime.close();
        deployments.close();
        holds.close();
        binder.close();
        snapshots.close();
        mock.close();
    }
}

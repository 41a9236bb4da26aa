package dev.ccbackend.operator.demo;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.util.function.Predicate;

/** The mock API server plus the fake Job, Deployment and snapshot controllers: a cluster in a JVM. */
public final class TestingCluster implements AutoCloseable {
    private final MockCluster mock;
    private final ClaimStore claims;
    private final TestingJobController jobs;
    private final TestingDeploymentController deployments;
    private final TestingSnapshotController snapshots;

    private final TestingImages images = new TestingImages();

    public TestingCluster(Path workDir, MigrationRunner runner, Predicate<Pod> startup) {
        this(workDir, runner, startup, Faults.none());
    }

    public TestingCluster(Path workDir, MigrationRunner runner, Predicate<Pod> startup, Faults faults) {
        this.mock = MockCluster.start();
        this.claims = new ClaimStore(workDir);
        this.jobs = new TestingJobController(mock.client(), claims, runner, images, faults).start();
        this.deployments = new TestingDeploymentController(mock.client(), startup, faults).start();
        this.snapshots = new TestingSnapshotController(mock.client(), claims, faults).start();
    }

    public KubernetesClient client() {
        return mock.client();
    }

    /** The cc-backend images this cluster can run, for release probes. */
    public TestingImages images() {
        return images;
    }

    public ClaimStore claims() {
        return claims;
    }

    @Override
    public void close() {
        jobs.close();
        deployments.close();
        snapshots.close();
        mock.close();
    }
}

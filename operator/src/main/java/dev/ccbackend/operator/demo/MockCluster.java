package dev.ccbackend.operator.demo;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;

/**
 * fabric8's mock API server in CRUD mode with our CRD and the snapshot CRDs installed. It stores
 * and serves objects but runs no controllers: the {@code Testing*} controllers play those parts.
 */
public final class MockCluster implements AutoCloseable {
    /** CRDs the crd-generator wrote for our resource and for the snapshot types we model. */
    static final List<String> CRDS = List.of(
            "ccbackendupgrades.cc-backend.dev-v1.yml",
            "volumesnapshots.snapshot.storage.k8s.io-v1.yml",
            "volumesnapshotcontents.snapshot.storage.k8s.io-v1.yml",
            "volumesnapshotclasses.snapshot.storage.k8s.io-v1.yml");

    /** The mock web server logs every request at INFO; held here so the level sticks (JUL keeps loggers weakly). */
    private static final java.util.logging.Logger MOCK_SERVER_LOG = java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

    private final KubernetesMockServer server;
    private final KubernetesClient client;
    private final PodLogs logs;
    private final PodWebServers web;

    private MockCluster(KubernetesMockServer server, PodLogs logs, PodWebServers web) {
        this.server = server;
        this.client = server.createClient();
        this.logs = logs;
        this.web = web;
    }

    public static MockCluster start() {
        MOCK_SERVER_LOG.setLevel(java.util.logging.Level.WARNING);
        PodLogs logs = new PodLogs();
        PodWebServers web = new PodWebServers();
        KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new RulesReviewingCrudDispatcher(logs, web), false);
        server.init();
        MockCluster cluster = new MockCluster(server, logs, web);
        CRDS.forEach(cluster::installCrd);
        return cluster;
    }

    private void installCrd(String file) {
        try (InputStream in = MockCluster.class.getResourceAsStream("/META-INF/fabric8/" + file)) {
            if (in == null) {
                throw new IllegalStateException("CRD " + file + " missing from the classpath: build with mvn package");
            }
            CustomResourceDefinition crd = client.apiextensions().v1().customResourceDefinitions().load(in).item();
            client.apiextensions().v1().customResourceDefinitions().resource(crd).create();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public KubernetesClient client() {
        return client;
    }

    /** The containers' logs the API server serves (the kubelet writes them). */
    public PodLogs podLogs() {
        return logs;
    }

    /** What the pods serve over HTTP through the pod proxy (cc-backend's simulated pods register there). */
    public PodWebServers podWebServers() {
        return web;
    }

    /** A client of its own (the operator closes nothing it did not open, but tests may). */
    public KubernetesClient newClient() {
        return server.createClient();
    }

    @Override
    public void close() {
        client.close();
        server.destroy();
    }
}

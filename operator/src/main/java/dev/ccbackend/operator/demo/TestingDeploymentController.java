package dev.ccbackend.operator.demo;

import dev.ccbackend.migrator.util.Json;
import dev.ccbackend.operator.kube.Names;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Plays the Deployment and ReplicaSet controllers and the kubelet: keeps one pod per replica of the
 * current pod template (pods of an older template are deleted), and reports replicas, updated, ready
 * and available. A pod is ready when {@code startup} accepts it (the demo checks what cc-backend's own
 * startup check would).
 */
public class TestingDeploymentController extends PollingController {
    static final String TEMPLATE_HASH = "pod-template-hash";

    private final KubernetesClient client;
    private final Predicate<Pod> startup;
    private final Faults faults;

    public TestingDeploymentController(KubernetesClient client, Predicate<Pod> startup, Faults faults) {
        super("testing-deployment-controller");
        this.client = client;
        this.startup = startup;
        this.faults = faults;
    }

    public TestingDeploymentController start() {
        start(100);
        return this;
    }

    @Override
    void tick() {
        client.apps().deployments().inAnyNamespace().list().getItems().forEach(this::sync);
    }

    private void sync(Deployment d) {
        String ns = d.getMetadata().getNamespace();
        String hash = Names.shortHash(Json.compact(d.getSpec().getTemplate()));
        int want = d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
        List<Pod> pods = client.pods().inNamespace(ns).withLabels(d.getSpec().getSelector().getMatchLabels()).list().getItems();
        for (Pod p : pods) {
            String podHash = p.getMetadata().getLabels().get(TEMPLATE_HASH);
            int index = Integer.parseInt(p.getMetadata().getName().substring(p.getMetadata().getName().lastIndexOf('-') + 1));
            boolean stuck = want == 0 && faults.failsAt(Faults.Step.quiesce); // a finalizer that never clears
            if ((!hash.equals(podHash) || index >= want) && !stuck) {
                client.pods().inNamespace(ns).resource(p).delete();
            }
        }
        int ready = 0;
        for (int i = 0; i < want; i++) {
            String name = d.getMetadata().getName() + "-" + hash + "-" + i;
            Pod pod = client.pods().inNamespace(ns).withName(name).get();
            if (pod == null) {
                pod = client.pods().inNamespace(ns).resource(newPod(d, name, hash)).create();
            }
            ready += isReady(pod) ? 1 : 0;
        }
        long generation = d.getMetadata().getGeneration() == null ? 0 : d.getMetadata().getGeneration();
        var status = new DeploymentStatusBuilder().withObservedGeneration(generation).withReplicas(want)
                .withUpdatedReplicas(want).withReadyReplicas(ready).withAvailableReplicas(ready).build();
        if (!status.equals(d.getStatus())) {
            client.apps().deployments().inNamespace(ns).withName(d.getMetadata().getName()).editStatus(x -> {
                x.setStatus(status);
                return x;
            });
        }
    }

    private Pod newPod(Deployment d, String name, String hash) {
        Map<String, String> labels = new HashMap<>(d.getSpec().getTemplate().getMetadata().getLabels());
        labels.put(TEMPLATE_HASH, hash);
        Pod pod = new PodBuilder().withNewMetadata().withName(name).withNamespace(d.getMetadata().getNamespace())
                .withLabels(labels).withCreationTimestamp(Instant.now().toString()).endMetadata()
                .withSpec(d.getSpec().getTemplate().getSpec()).build();
        boolean ok = startup.test(pod);
        pod.setStatus(new io.fabric8.kubernetes.api.model.PodStatusBuilder().withPhase("Running")
                .withConditions(new PodConditionBuilder().withType("Ready").withStatus(ok ? "True" : "False")
                        .withReason(ok ? null : "CrashLoopBackOff").build()).build());
        return pod;
    }

    private static boolean isReady(Pod p) {
        return p.getStatus() != null && p.getStatus().getConditions() != null && p.getStatus().getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }
}

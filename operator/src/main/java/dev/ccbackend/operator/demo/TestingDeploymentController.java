package dev.ccbackend.operator.demo;

import dev.ccbackend.migrator.util.Json;
import dev.ccbackend.operator.kube.Names;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * Plays the Deployment and ReplicaSet controllers and cc-backend's kubelet: keeps one pod per
 * replica of the current pod template, deletes the others (they stay Terminating for the profile's
 * delay), and reports replicas, updated, ready and available with the Available and Progressing
 * conditions. A pod starts once its claims are bound and the profile's start delay has passed; then
 * it is ready when {@code startup} accepts it (what cc-backend's own startup check would), else
 * it crash-loops. A rollout whose pods do not become ready within the Deployment's
 * progressDeadlineSeconds ends in ProgressDeadlineExceeded. Failed (evicted) pods linger. A ready pod holds its
 * database open until it is gone ({@link CcBackendDatabaseHolds}).
 */
public class TestingDeploymentController extends PollingController {
    static final String TEMPLATE_HASH = "pod-template-hash";
    /** The rollout deadline the fake uses when the Deployment states none (the API default is 600 s). */
    static final Duration DEFAULT_PROGRESS_DEADLINE = Duration.ofSeconds(600);
    /** How soon a broken rollout (fault rollout-deadline) is declared exceeded. */
    static final Duration BROKEN_ROLLOUT_DEADLINE = Duration.ofSeconds(2);

    private final KubernetesClient client;
    private final Predicate<Pod> startup;
    private final Faults faults;
    private final ClusterProfile profile;
    private final CcBackendDatabaseHolds holds;
    private final PodWebServers web;
    /** When each template hash of each Deployment began to roll out. */
    private final Map<String, Instant> rolloutStarts = new ConcurrentHashMap<>();
    private final Set<String> evictedPodPlaced = ConcurrentHashMap.newKeySet();
    /** Pods being deleted (uid), since when. */
    private final Map<String, Instant> terminating = new ConcurrentHashMap<>();
    /** The image each Deployment ran when first seen (the rollout-deadline fault breaks every other). */
    private final Map<String, String> firstImages = new ConcurrentHashMap<>();

    TestingDeploymentController(KubernetesClient client, Predicate<Pod> startup, Faults faults, ClusterProfile profile,
                                CcBackendDatabaseHolds holds, PodWebServers web) {
        super("testing-deployment-controller");
        this.client = client;
        this.holds = holds;
        this.web = web;
        this.startup = startup;
        this.faults = faults;
        this.profile = profile;
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
        firstImages.putIfAbsent(d.getMetadata().getUid(), image(d));
        if (faults.has(Faults.ClusterFault.EVICTED_POD) && evictedPodPlaced.add(d.getMetadata().getUid())) {
            client.pods().inNamespace(ns).resource(evictedPod(d)).create();
        }
        List<Pod> pods = client.pods().inNamespace(ns).withLabelSelector(d.getSpec().getSelector()).list().getItems();
        for (Pod p : pods) {
            if ("Failed".equals(p.getStatus() == null ? null : p.getStatus().getPhase())) {
                continue; // evicted and failed pods stay until the garbage collector's threshold
            }
            String podHash = p.getMetadata().getLabels().get(TEMPLATE_HASH);
            int index = Integer.parseInt(p.getMetadata().getName().substring(p.getMetadata().getName().lastIndexOf('-') + 1));
            boolean stuck = want == 0 && faults.failsAt(Faults.Step.quiesce); // a finalizer that never clears
            if ((!hash.equals(podHash) || index >= want) && !stuck) {
                terminate(p);
            }
        }
        int ready = 0;
        for (int i = 0; i < want; i++) {
            String name = d.getMetadata().getName() + "-" + hash + "-" + i;
            Pod pod = client.pods().inNamespace(ns).withName(name).get();
            if (pod == null) {
                pod = client.pods().inNamespace(ns).resource(newPod(d, name, hash)).create();
            }
            ready += start(pod, brokenRollout(d), !(faults.failsAt(Faults.Step.smoke_test) && !firstImage(d))) ? 1 : 0;
        }
        updateStatus(d, hash, want, ready);
    }

    /** Deleting a pod: it stays (terminating, its container stopping) for the profile's delay, then it is gone. */
    private void terminate(Pod p) {
        Instant since = terminating.computeIfAbsent(p.getMetadata().getUid(), uid -> Instant.now());
        if (!Instant.now().isBefore(since.plus(profile.podTerminationDelay()))) {
            client.pods().inNamespace(p.getMetadata().getNamespace()).withName(p.getMetadata().getName()).delete();
            terminating.remove(p.getMetadata().getUid());
            holds.stopped(p);
            web.stop(p.getMetadata().getNamespace(), p.getMetadata().getName());
        }
    }

    /**
     * Starts a pending pod whose claims are bound once the start delay has passed; whether it is ready. A ready pod
     * holds its database and serves HTTP ({@code healthy}: its pages, else 500).
     */
    private boolean start(Pod pod, boolean broken, boolean healthy) {
        if (pod.getStatus() != null && "Running".equals(pod.getStatus().getPhase())) {
            return isReady(pod);
        }
        boolean bound = pod.getSpec().getVolumes().stream().filter(v -> v.getPersistentVolumeClaim() != null)
                .map(v -> client.persistentVolumeClaims().inNamespace(pod.getMetadata().getNamespace())
                        .withName(v.getPersistentVolumeClaim().getClaimName()).get())
                .allMatch(c -> c != null && c.getStatus() != null && "Bound".equals(c.getStatus().getPhase()));
        Instant created = Instant.parse(pod.getMetadata().getCreationTimestamp());
        if (!bound || Instant.now().isBefore(created.plus(profile.podStartDelay()))) {
            return false;
        }
        boolean ok = !broken && startup.test(pod);
        client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName()).editStatus(p -> {
            p.setStatus(new PodStatusBuilder().withPhase("Running")
                    .withConditions(new PodConditionBuilder().withType("Ready").withStatus(ok ? "True" : "False")
                            .withReason(ok ? null : "CrashLoopBackOff").build()).build());
            return p;
        });
        if (ok) {
            holds.started(pod);
            web.serve(pod.getMetadata().getNamespace(), pod.getMetadata().getName(), new SimulatedCcBackendWeb(pod, healthy));
        }
        return ok;
    }

    private void updateStatus(Deployment d, String hash, int want, int ready) {
        String key = d.getMetadata().getUid() + "/" + hash;
        Instant rolloutStart = rolloutStarts.computeIfAbsent(key, k -> Instant.now());
        Duration deadline = brokenRollout(d) ? BROKEN_ROLLOUT_DEADLINE
                : d.getSpec().getProgressDeadlineSeconds() == null ? DEFAULT_PROGRESS_DEADLINE
                : Duration.ofSeconds(d.getSpec().getProgressDeadlineSeconds());
        boolean complete = ready == want;
        boolean exceeded = !complete && Instant.now().isAfter(rolloutStart.plus(deadline));
        List<DeploymentCondition> conditions = new ArrayList<>();
        conditions.add(condition("Available", complete || ready > 0, complete ? "MinimumReplicasAvailable" : "MinimumReplicasUnavailable"));
        conditions.add(condition("Progressing", !exceeded, complete ? "NewReplicaSetAvailable"
                : exceeded ? "ProgressDeadlineExceeded" : "ReplicaSetUpdated"));
        long generation = d.getMetadata().getGeneration() == null ? 0 : d.getMetadata().getGeneration();
        var status = new DeploymentStatusBuilder().withObservedGeneration(generation).withReplicas(want)
                .withUpdatedReplicas(want).withReadyReplicas(ready).withAvailableReplicas(ready).withConditions(conditions).build();
        if (!status.equals(d.getStatus())) {
            client.apps().deployments().inNamespace(d.getMetadata().getNamespace()).withName(d.getMetadata().getName()).editStatus(x -> {
                x.setStatus(status);
                return x;
            });
        }
    }

    private static DeploymentCondition condition(String type, boolean status, String reason) {
        return new DeploymentConditionBuilder().withType(type).withStatus(status ? "True" : "False").withReason(reason).build();
    }

    private Pod newPod(Deployment d, String name, String hash) {
        Map<String, String> labels = new HashMap<>(d.getSpec().getTemplate().getMetadata().getLabels());
        labels.put(TEMPLATE_HASH, hash);
        var spec = d.getSpec().getTemplate().getSpec();
        return new PodBuilder().withNewMetadata().withName(name).withNamespace(d.getMetadata().getNamespace())
                .withLabels(labels).withCreationTimestamp(Instant.now().toString()).endMetadata()
                .withSpec(spec).withNewStatus().withPhase("Pending").endStatus().build();
    }

    /** Under the rollout-deadline fault, a template with another image than the first never gets ready. */
    private boolean brokenRollout(Deployment d) {
        return faults.has(Faults.ClusterFault.ROLLOUT_DEADLINE) && !firstImage(d);
    }

    /** Whether the Deployment runs the image it ran when first seen (the old version, before the upgrade). */
    private boolean firstImage(Deployment d) {
        return image(d).equals(firstImages.get(d.getMetadata().getUid()));
    }

    private static String image(Deployment d) {
        return d.getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
    }

    /** A pod of the Deployment evicted before the upgrade (node pressure): Failed, and it lingers. */
    private static Pod evictedPod(Deployment d) {
        Map<String, String> labels = new HashMap<>(d.getSpec().getTemplate().getMetadata().getLabels());
        labels.put(TEMPLATE_HASH, "evicted");
        return new PodBuilder().withNewMetadata().withName(d.getMetadata().getName() + "-evicted-0")
                .withNamespace(d.getMetadata().getNamespace()).withLabels(labels)
                .withCreationTimestamp(Instant.now().toString()).endMetadata()
                .withSpec(d.getSpec().getTemplate().getSpec())
                .withNewStatus().withPhase("Failed").withReason("Evicted")
                .withMessage("The node was low on resource: memory.").endStatus().build();
    }

    private static boolean isReady(Pod p) {
        return p.getStatus() != null && p.getStatus().getConditions() != null && p.getStatus().getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }
}

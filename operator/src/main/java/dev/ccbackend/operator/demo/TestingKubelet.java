package dev.ccbackend.operator.demo;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * Plays the kubelet for Job pods: sets up the pod's volumes, env and user ({@link PodSpecResolver}),
 * runs its container with the {@link ContainerRuntime} (cc-backend images, which this cluster only
 * simulates, answer from {@link TestingImages}), keeps its log in {@link PodLogs}, and reports the end as a
 * terminated container state with the termination message read from its file. A pod whose image is
 * absent or whose container cannot be created stays Pending with the kubelet's waiting reason.
 */
final class TestingKubelet {
    /** The kubelet keeps at most this much of a termination message. */
    static final int MESSAGE_LIMIT = 4096;
    /** FallbackToLogsOnError takes at most this many lines and bytes of the log. */
    static final int FALLBACK_LINES = 80;
    static final int FALLBACK_BYTES = 2048;

    private final KubernetesClient client;
    private final PodLogs logs;
    private final PodSpecResolver resolver;
    /** How long a pod waits for its claims to bind before it is left Pending. */
    static final Duration BINDING_PATIENCE = Duration.ofSeconds(30);

    private final ContainerRuntime runtime;
    private final TestingImages images;
    private final Faults faults;
    private final ClusterProfile profile;
    /** Jobs whose first pod a node drain has taken already. */
    private final Set<String> drained = ConcurrentHashMap.newKeySet();

    TestingKubelet(KubernetesClient client, PodLogs logs, ClaimStore claims, ContainerRuntime runtime, TestingImages images,
                   Faults faults, ClusterProfile profile) {
        this.client = client;
        this.logs = logs;
        this.resolver = new PodSpecResolver(client, claims);
        this.runtime = runtime;
        this.images = images;
        this.faults = faults;
        this.profile = profile;
    }

    /**
     * Runs the pod of a Job of step label {@code jobStep} (index {@code index} of an Indexed Job, or
     * null) to its end. @return the exit code, or null when the container never started
     */
    Integer run(Pod pod, Integer index, String jobStep) throws InterruptedException {
        Container container = pod.getSpec().getContainers().get(0);
        PodLog log = new PodLog(pod);
        Optional<Faults.ClusterFault> neverStarts = faults.neverStarts(jobStep);
        if (neverStarts.equals(Optional.of(Faults.ClusterFault.UNSCHEDULABLE))) {
            unschedulable(pod);
            return null;
        }
        if (!claimsBound(pod)) {
            waiting(pod, container, "ContainerCreating", "unbound PersistentVolumeClaims");
            return null;
        }
        // a cc-backend image, which this cluster only simulates: what its `cc-backend -version` prints
        Optional<String> ccBackendVersion = images.versionOutput(container.getImage());
        if (neverStarts.isPresent() || (ccBackendVersion.isEmpty() && !runtime.hasImage(container.getImage()))) {
            waiting(pod, container, "ErrImagePull", "failed to pull image \"" + container.getImage() + "\": not found");
            Thread.sleep(Math.max(100, profile.podStartDelay().toMillis()));
            waiting(pod, container, "ImagePullBackOff", "Back-off pulling image \"" + container.getImage() + "\"");
            return null;
        }
        ContainerRun run;
        try {
            run = resolver.resolve(pod.getMetadata().getNamespace(), pod.getSpec(), pod.getMetadata().getName(), index);
        } catch (PodSpecResolver.PodStartError e) {
            waiting(pod, container, e.reason, e.getMessage());
            return null;
        } catch (Exception e) {
            waiting(pod, container, "CreateContainerError", e.toString());
            return null;
        }
        if (!profile.podStartDelay().isZero()) {
            waiting(pod, container, "ContainerCreating", null);
            Thread.sleep(profile.podStartDelay().toMillis());
        }
        log.started();
        edit(pod, p -> {
            p.getStatus().setPhase("Running");
            return p;
        });
        if (faults.has(Faults.ClusterFault.NODE_DRAIN) && "archive".equals(jobStep) && drained.add(jobName(pod))) {
            log.add("cc-migrator: started; the node is being drained");
            drainedAway(pod, container);
            return DRAINED_EXIT_CODE;
        }
        boolean fails = index == null ? faults.failsJob(jobStep) : faults.failsIndex(jobStep, index);
        int code;
        String message;
        try {
            if (fails) {
                log.add("error: " + faults.message());
                code = 1;
                message = "{\"exitCode\":1,\"result\":{\"error\":\"" + faults.message() + "\"}}";
            } else if (ccBackendVersion.isPresent()) {
                ccBackendVersion.get().lines().forEach(log::add);
                code = 0;
                message = "";
            } else {
                code = runtime.run(run, log::add);
                message = readMessage(run);
            }
        } catch (Exception e) {
            code = 128;
            message = "";
            log.add("container runtime: " + e);
        }
        if (message.isBlank() && code != 0 && "FallbackToLogsOnError".equals(container.getTerminationMessagePolicy())) {
            message = log.fallback();
        }
        terminated(pod, container, code, message);
        return code;
    }

    /** Exit code of a container killed by a drain (SIGKILL after the grace period). */
    static final int DRAINED_EXIT_CODE = 137;

    private static String jobName(Pod pod) {
        return pod.getMetadata().getLabels().get("job-name");
    }

    /** Whether every claim the pod uses is bound; waits a while, as the scheduler does for WaitForFirstConsumer. */
    private boolean claimsBound(Pod pod) throws InterruptedException {
        Instant end = Instant.now().plus(BINDING_PATIENCE);
        while (Instant.now().isBefore(end)) {
            boolean bound = pod.getSpec().getVolumes() == null || pod.getSpec().getVolumes().stream()
                    .filter(v -> v.getPersistentVolumeClaim() != null)
                    .map(v -> client.persistentVolumeClaims().inNamespace(pod.getMetadata().getNamespace())
                            .withName(v.getPersistentVolumeClaim().getClaimName()).get())
                    .allMatch(c -> c != null && c.getStatus() != null && "Bound".equals(c.getStatus().getPhase()));
            if (bound) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }

    private void unschedulable(Pod pod) {
        edit(pod, p -> {
            p.getStatus().setPhase("Pending");
            p.getStatus().setConditions(List.of(new PodConditionBuilder().withType("PodScheduled").withStatus("False")
                    .withReason("Unschedulable").withMessage("0/3 nodes are available: 3 node(s) didn't match Pod's node "
                            + "affinity/selector. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.")
                    .build()));
            return p;
        });
    }

    /** The pod evicted by a drain: Failed with the DisruptionTarget condition the eviction API sets. */
    private void drainedAway(Pod pod, Container container) {
        edit(pod, p -> {
            p.getStatus().setPhase("Failed");
            p.getStatus().setConditions(List.of(new PodConditionBuilder().withType("DisruptionTarget").withStatus("True")
                    .withReason("EvictionByEvictionAPI").withMessage("Eviction API: evicting").build()));
            p.getStatus().setContainerStatuses(List.of(new ContainerStatusBuilder()
                    .withName(container.getName()).withImage(container.getImage()).withReady(false)
                    .withNewState().withNewTerminated().withExitCode(DRAINED_EXIT_CODE).withReason("Error")
                    .endTerminated().endState().build()));
            return p;
        });
    }

    private static String readMessage(ContainerRun run) throws java.io.IOException {
        byte[] bytes = Files.readAllBytes(run.terminationMessage().host());
        return new String(bytes, 0, Math.min(bytes.length, MESSAGE_LIMIT), StandardCharsets.UTF_8);
    }

    private void waiting(Pod pod, Container container, String reason, String message) {
        edit(pod, p -> {
            p.getStatus().setPhase("Pending");
            p.getStatus().setContainerStatuses(List.of(new ContainerStatusBuilder()
                    .withName(container.getName()).withImage(container.getImage()).withReady(false)
                    .withNewState().withNewWaiting().withReason(reason).withMessage(message).endWaiting().endState().build()));
            return p;
        });
    }

    private void terminated(Pod pod, Container container, int code, String message) {
        edit(pod, p -> {
            p.getStatus().setPhase(code == 0 ? "Succeeded" : "Failed");
            p.getStatus().setContainerStatuses(List.of(new ContainerStatusBuilder()
                    .withName(container.getName()).withImage(container.getImage()).withReady(false)
                    .withNewState().withNewTerminated().withExitCode(code).withMessage(message)
                    .withReason(code == 0 ? "Completed" : "Error").endTerminated().endState().build()));
            return p;
        });
    }

    private void edit(Pod pod, UnaryOperator<Pod> change) {
        client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName()).edit(change);
    }

    /** The pod's container log, kept where the API server serves it. */
    private final class PodLog {
        private final String namespace;
        private final String pod;

        PodLog(Pod pod) {
            this.namespace = pod.getMetadata().getNamespace();
            this.pod = pod.getMetadata().getName();
        }

        void started() {
            logs.started(namespace, pod);
        }

        void add(String line) {
            logs.append(namespace, pod, line);
        }

        /** The log's tail as FallbackToLogsOnError takes it: at most 80 lines and 2048 bytes. */
        String fallback() {
            String tail = logs.tail(namespace, pod, FALLBACK_LINES).orElse("").stripTrailing();
            byte[] bytes = tail.getBytes(StandardCharsets.UTF_8);
            return bytes.length <= FALLBACK_BYTES ? tail
                    : new String(bytes, bytes.length - FALLBACK_BYTES, FALLBACK_BYTES, StandardCharsets.UTF_8);
        }
    }
}

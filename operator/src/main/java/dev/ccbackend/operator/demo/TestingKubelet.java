package dev.ccbackend.operator.demo;

import dev.ccbackend.operator.kube.LogSource;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.function.UnaryOperator;

/**
 * Plays the kubelet for Job pods: sets up the pod's volumes, env and user ({@link PodSpecResolver}),
 * runs its container with the {@link ContainerRuntime} (cc-backend images, which this cluster only
 * simulates, answer from {@link TestingImages}), publishes the log tail, and reports the end as a
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
    private final PodSpecResolver resolver;
    private final ContainerRuntime runtime;
    private final TestingImages images;

    TestingKubelet(KubernetesClient client, ClaimStore claims, ContainerRuntime runtime, TestingImages images) {
        this.client = client;
        this.resolver = new PodSpecResolver(client, claims);
        this.runtime = runtime;
        this.images = images;
    }

    /**
     * Runs {@code pod} to its end. {@code injectedError}, when set, is the error its container fails
     * with instead (a fault). @return the exit code, or null when the container never started
     */
    Integer run(Pod pod, Integer index, String injectedError) {
        Container container = pod.getSpec().getContainers().get(0);
        PodLog log = new PodLog(pod);
        ContainerRun run;
        try {
            boolean simulated = images.versionOutput(container.getImage()).isPresent();
            if (!simulated && !runtime.hasImage(container.getImage())) {
                waiting(pod, container, "ErrImagePull", "image " + container.getImage() + " not found in the local store ("
                        + runtime.describe() + ")");
                return null;
            }
            run = resolver.resolve(pod.getMetadata().getNamespace(), pod.getSpec(), pod.getMetadata().getName(), index);
        } catch (PodSpecResolver.PodStartError e) {
            waiting(pod, container, e.reason, e.getMessage());
            return null;
        } catch (Exception e) {
            waiting(pod, container, "CreateContainerError", e.toString());
            return null;
        }
        edit(pod, p -> {
            p.getStatus().setPhase("Running");
            return p;
        });
        int code;
        String message;
        try {
            if (injectedError != null) {
                log.add("error: " + injectedError);
                code = 1;
                message = "{\"exitCode\":1,\"result\":{\"error\":\"" + injectedError + "\"}}";
            } else if (images.versionOutput(container.getImage()).isPresent()) {
                images.versionOutput(container.getImage()).get().lines().forEach(log::add); // cc-backend -version
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
        log.publish();
        terminated(pod, container, code, message);
        return code;
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

    /** The pod's output: the last lines, published on the pod at each progress line and at the end. */
    private final class PodLog {
        private final Pod pod;
        private final Deque<String> lines = new ConcurrentLinkedDeque<>();

        PodLog(Pod pod) {
            this.pod = pod;
        }

        void add(String line) {
            lines.add(line);
            while (lines.size() > Math.max(LogSource.LINES, FALLBACK_LINES)) {
                lines.poll();
            }
            if (line.startsWith("progress ")) {
                publish();
            }
        }

        /** The log's tail as FallbackToLogsOnError takes it: at most 80 lines and 2048 bytes. */
        String fallback() {
            List<String> all = List.copyOf(lines);
            String tail = String.join("\n", all.subList(Math.max(0, all.size() - FALLBACK_LINES), all.size()));
            byte[] bytes = tail.getBytes(StandardCharsets.UTF_8);
            return bytes.length <= FALLBACK_BYTES ? tail
                    : new String(bytes, bytes.length - FALLBACK_BYTES, FALLBACK_BYTES, StandardCharsets.UTF_8);
        }

        void publish() {
            List<String> all = List.copyOf(lines);
            String tail = String.join("\n", all.subList(Math.max(0, all.size() - LogSource.LINES), all.size()));
            edit(pod, p -> {
                if (p.getMetadata().getAnnotations() == null) {
                    p.getMetadata().setAnnotations(new HashMap<>());
                }
                p.getMetadata().getAnnotations().put(LogSource.ANNOTATION, tail);
                return p;
            });
        }
    }
}

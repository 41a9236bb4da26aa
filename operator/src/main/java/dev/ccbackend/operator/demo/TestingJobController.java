package dev.ccbackend.operator.demo;

import dev.ccbackend.operator.kube.IndexedJobStatus;
import dev.ccbackend.operator.kube.LogSource;
import dev.ccbackend.operator.kube.MigrationJobBuilder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Files;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Plays the Job controller and the kubelet: for each new Job it creates a pod, runs the container's
 * cc-migrator command line with {@link MigrationRunner} on the directories standing for the claims,
 * puts the result file into the pod's termination message and marks the Job succeeded or failed.
 */
public class TestingJobController extends PollingController {
    private final KubernetesClient client;
    private final ClaimStore claims;
    private final MigrationRunner runner;
    private final TestingImages images;
    private final Faults faults;
    private final Set<String> started = ConcurrentHashMap.newKeySet();
    private final ExecutorService workers = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "testing-job");
        t.setDaemon(true);
        return t;
    });

    public TestingJobController(KubernetesClient client, ClaimStore claims, MigrationRunner runner, TestingImages images,
                                Faults faults) {
        super("testing-job-controller");
        this.images = images;
        this.faults = faults;
        this.client = client;
        this.claims = claims;
        this.runner = runner;
    }

    public TestingJobController start() {
        start(100);
        return this;
    }

    @Override
    void tick() {
        for (Job job : client.batch().v1().jobs().inAnyNamespace().list().getItems()) {
            String key = job.getMetadata().getNamespace() + "/" + job.getMetadata().getName() + "/" + job.getMetadata().getUid();
            if (job.getStatus() == null || job.getStatus().getStartTime() == null) {
                if (started.add(key)) {
                    workers.submit(() -> runJob(job));
                }
            }
        }
    }

    private void runJob(Job job) {
        setJobStatus(job, null);
        if (!"Indexed".equals(job.getSpec().getCompletionMode())) {
            setJobStatus(job, runPod(job, null) == 0);
            return;
        }
        // One pod per index, one after the other (the operator only reads the per-index outcome).
        java.util.Set<Integer> completed = new java.util.TreeSet<>();
        java.util.Set<Integer> failed = new java.util.TreeSet<>();
        for (int i = 0; i < job.getSpec().getCompletions(); i++) {
            (runPod(job, i) == 0 ? completed : failed).add(i);
            setIndexes(job, completed, failed);
        }
        setJobStatus(job, failed.isEmpty());
    }

    /** Creates the pod (of index {@code index}, or the Job's only one), runs its container, returns the exit code. */
    private int runPod(Job job, Integer index) {
        String ns = job.getMetadata().getNamespace();
        String step = job.getMetadata().getLabels().get(MigrationJobBuilder.LABEL_STEP);
        String podName = job.getMetadata().getName() + (index == null ? "" : "-" + index) + "-pod";
        Map<String, String> annotations = index == null ? Map.of()
                : Map.of(MigrationJobBuilder.COMPLETION_INDEX_ANNOTATION, index.toString());
        Pod pod = client.pods().inNamespace(ns).resource(new PodBuilder()
                .withNewMetadata().withName(podName).withNamespace(ns)
                .withLabels(Map.of("job-name", job.getMetadata().getName()))
                .withAnnotations(annotations)
                .withCreationTimestamp(Instant.now().toString()).endMetadata()
                .withSpec(job.getSpec().getTemplate().getSpec())
                .withNewStatus().withPhase("Running").endStatus().build()).create();
        Container container = job.getSpec().getTemplate().getSpec().getContainers().get(0);
        PodLog log = new PodLog(pod);
        int code;
        String message;
        try {
            if (index == null ? faults.failsJob(step) : faults.failsIndex(step, index)) {
                log.add("error: " + faults.message());
                code = 1;
                message = "{\"exitCode\":1,\"result\":{\"error\":\"" + faults.message() + "\"}}";
            } else if (MigrationJobBuilder.PROBE_CONTAINER.equals(container.getName())) {
                code = probe(container.getImage(), log);
                message = "";
            } else {
                PodFileSystem fs = new PodFileSystem(client, ns, claims, job, podName, index);
                code = runner.run(fs.rewrite(container), fs.resultFile(), log::add);
                message = Files.exists(fs.resultFile()) ? Files.readString(fs.resultFile()) : "";
            }
        } catch (Exception e) {
            code = 1;
            message = "{\"exitCode\":1,\"result\":{\"error\":\"" + e.toString().replace("\"", "'") + "\"}}";
        }
        if (message.isBlank() && code != 0) {
            // terminationMessagePolicy FallbackToLogsOnError: the log's tail stands in.
            message = log.text();
        }
        log.publish();
        finish(pod, container, code, message);
        return code;
    }

    /** An Indexed Job's per-index outcome so far, as the real Job controller reports it. */
    private void setIndexes(Job job, java.util.Set<Integer> completed, java.util.Set<Integer> failed) {
        client.batch().v1().jobs().inNamespace(job.getMetadata().getNamespace()).withName(job.getMetadata().getName())
                .editStatus(j -> {
                    j.getStatus().setCompletedIndexes(IndexedJobStatus.format(completed));
                    j.getStatus().setFailedIndexes(IndexedJobStatus.format(failed));
                    j.getStatus().setSucceeded(completed.size());
                    j.getStatus().setFailed(failed.size());
                    return j;
                });
    }

    /** Plays {@code cc-backend -version} of the image: what {@link TestingImages} knows of its tag. */
    private int probe(String image, PodLog log) {
        var output = images.versionOutput(image);
        if (output.isEmpty()) {
            log.add("cc-backend: unknown image " + image);
            return 1;
        }
        output.get().lines().forEach(log::add);
        return 0;
    }

    private void finish(Pod pod, Container container, int code, String message) {
        client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName()).edit(p -> {
            p.getStatus().setPhase(code == 0 ? "Succeeded" : "Failed");
            p.getStatus().setContainerStatuses(java.util.List.of(new io.fabric8.kubernetes.api.model.ContainerStatusBuilder()
                    .withName(container.getName()).withImage(container.getImage()).withReady(false)
                    .withNewState().withNewTerminated().withExitCode(code).withMessage(message)
                    .withReason(code == 0 ? "Completed" : "Error").endTerminated().endState().build()));
            return p;
        });
    }

    /** The pod's output: the last lines, published on the pod at each progress line and at the end. */
    private final class PodLog {
        private final Pod pod;
        private final java.util.Deque<String> lines = new java.util.concurrent.ConcurrentLinkedDeque<>();

        PodLog(Pod pod) {
            this.pod = pod;
        }

        void add(String line) {
            lines.add(line);
            while (lines.size() > LogSource.LINES) {
                lines.poll();
            }
            if (line.startsWith("progress ")) {
                publish();
            }
        }

        String text() {
            return String.join("\n", lines.stream().filter(l -> !l.startsWith("progress ")).toList());
        }

        void publish() {
            String tail = String.join("\n", lines);
            client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName()).edit(p -> {
                if (p.getMetadata().getAnnotations() == null) {
                    p.getMetadata().setAnnotations(new java.util.HashMap<>());
                }
                p.getMetadata().getAnnotations().put(LogSource.ANNOTATION, tail);
                return p;
            });
        }
    }

    /** null: started; true/false: finished. */
    private void setJobStatus(Job job, Boolean succeeded) {
        String now = Instant.now().toString();
        client.batch().v1().jobs().inNamespace(job.getMetadata().getNamespace()).withName(job.getMetadata().getName())
                .editStatus(j -> {
                    var current = j.getStatus() == null ? new io.fabric8.kubernetes.api.model.batch.v1.JobStatus() : j.getStatus();
                    // An Indexed Job's counts were set per index; a plain Job has its one pod.
                    int succeededPods = current.getSucceeded() == null ? 1 : Math.max(1, current.getSucceeded());
                    int failedPods = current.getFailed() == null ? 1 : Math.max(1, current.getFailed());
                    JobStatusBuilder s = new JobStatusBuilder(current).withStartTime(now);
                    if (succeeded == null) {
                        s.withActive(1);
                    } else if (succeeded) {
                        s.withActive(0).withSucceeded(succeededPods).withCompletionTime(now).withConditions(new JobConditionBuilder()
                                .withType("Complete").withStatus("True").withLastTransitionTime(now).build());
                    } else {
                        s.withActive(0).withFailed(failedPods).withConditions(new JobConditionBuilder().withType("Failed")
                                .withStatus("True").withReason("BackoffLimitExceeded")
                                .withMessage("Job has reached the specified backoff limit").withLastTransitionTime(now).build());
                    }
                    j.setStatus(s.build());
                    return j;
                });
    }

    @Override
    public void close() {
        super.close();
        workers.shutdownNow();
    }
}

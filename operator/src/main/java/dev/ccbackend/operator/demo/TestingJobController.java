package dev.ccbackend.operator.demo;

import dev.ccbackend.operator.kube.ProgressSource;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Files;
import java.nio.file.Path;
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
    private final Set<String> started = ConcurrentHashMap.newKeySet();
    private final ExecutorService workers = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "testing-job");
        t.setDaemon(true);
        return t;
    });

    public TestingJobController(KubernetesClient client, ClaimStore claims, MigrationRunner runner) {
        super("testing-job-controller");
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
        String ns = job.getMetadata().getNamespace();
        Pod pod = client.pods().inNamespace(ns).resource(new PodBuilder()
                .withNewMetadata().withName(job.getMetadata().getName() + "-pod").withNamespace(ns)
                .withLabels(Map.of("job-name", job.getMetadata().getName()))
                .withCreationTimestamp(Instant.now().toString()).endMetadata()
                .withSpec(job.getSpec().getTemplate().getSpec())
                .withNewStatus().withPhase("Running").endStatus().build()).create();
        setJobStatus(job, null);
        Container container = job.getSpec().getTemplate().getSpec().getContainers().get(0);
        int exitCode;
        String message;
        try {
            PodFileSystem fs = new PodFileSystem(client, ns, claims, job);
            Path result = fs.resultFile();
            java.util.Deque<String> log = new java.util.concurrent.ConcurrentLinkedDeque<>();
            exitCode = runner.run(fs.rewrite(container), result, line -> {
                log.add(line);
                progress(pod, line);
            });
            message = Files.exists(result) ? Files.readString(result) : "";
            if (message.isBlank() && exitCode != 0) {
                // terminationMessagePolicy FallbackToLogsOnError: the log's tail stands in.
                message = String.join("\n", log.stream().filter(l -> !l.startsWith("progress ")).toList());
            }
        } catch (Exception e) {
            exitCode = 1;
            message = "{\"exitCode\":1,\"result\":{\"error\":\"" + e.toString().replace("\"", "'") + "\"}}";
        }
        int code = exitCode;
        String text = message;
        client.pods().inNamespace(ns).withName(pod.getMetadata().getName()).edit(p -> {
            p.getStatus().setPhase(code == 0 ? "Succeeded" : "Failed");
            p.getStatus().setContainerStatuses(java.util.List.of(new io.fabric8.kubernetes.api.model.ContainerStatusBuilder()
                    .withName(container.getName()).withImage(container.getImage()).withReady(false)
                    .withNewState().withNewTerminated().withExitCode(code).withMessage(text)
                    .withReason(code == 0 ? "Completed" : "Error").endTerminated().endState().build()));
            return p;
        });
        setJobStatus(job, code == 0);
    }

    private void progress(Pod pod, String line) {
        if (!line.startsWith("progress ")) {
            return;
        }
        client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName())
                .edit(p -> {
                    if (p.getMetadata().getAnnotations() == null) {
                        p.getMetadata().setAnnotations(new java.util.HashMap<>());
                    }
                    p.getMetadata().getAnnotations().put(ProgressSource.ANNOTATION, line.substring("progress ".length()));
                    return p;
                });
    }

    /** null: started; true/false: finished. */
    private void setJobStatus(Job job, Boolean succeeded) {
        String now = Instant.now().toString();
        client.batch().v1().jobs().inNamespace(job.getMetadata().getNamespace()).withName(job.getMetadata().getName())
                .editStatus(j -> {
                    JobStatusBuilder s = new JobStatusBuilder(j.getStatus() == null
                            ? new io.fabric8.kubernetes.api.model.batch.v1.JobStatus() : j.getStatus()).withStartTime(now);
                    if (succeeded == null) {
                        s.withActive(1);
                    } else if (succeeded) {
                        s.withActive(0).withSucceeded(1).withCompletionTime(now).withConditions(new JobConditionBuilder()
                                .withType("Complete").withStatus("True").withLastTransitionTime(now).build());
                    } else {
                        s.withActive(0).withFailed(1).withConditions(new JobConditionBuilder().withType("Failed")
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

package dev.ccbackend.operator.demo;

import dev.ccbackend.operator.kube.IndexedJobStatus;
import dev.ccbackend.operator.kube.MigrationJobBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Plays the Job controller: for each new Job it creates a pod per index (one after the other), has
 * the {@link TestingKubelet} run it, and marks the Job (and an Indexed Job's indexes) succeeded or
 * failed. A pod that never starts leaves its Job active, as on a real node.
 */
public class TestingJobController extends PollingController {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(TestingJobController.class);
    private final KubernetesClient client;
    private final TestingKubelet kubelet;
    private final Set<String> started = ConcurrentHashMap.newKeySet();
    private final ExecutorService workers = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "testing-job");
        t.setDaemon(true);
        return t;
    });

    public TestingJobController(KubernetesClient client, TestingKubelet kubelet) {
        super("testing-job-controller");
        this.client = client;
        this.kubelet = kubelet;
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
            Integer code = runPod(job, null);
            if (code != null) {
                setJobStatus(job, code == 0);
            }
            return;
        }
        // One pod per index, one after the other (the operator only reads the per-index outcome).
        java.util.Set<Integer> completed = new java.util.TreeSet<>();
        java.util.Set<Integer> failed = new java.util.TreeSet<>();
        for (int i = 0; i < job.getSpec().getCompletions(); i++) {
            Integer code = runPod(job, i);
            if (code == null) {
                return; // a pod that never starts holds the Job active
            }
            (code == 0 ? completed : failed).add(i);
            setIndexes(job, completed, failed);
        }
        setJobStatus(job, failed.isEmpty());
    }

    /**
     * Creates the pod (of index {@code index}, or the Job's only one) and has the kubelet run it.
     * @return the exit code, or null when the pod never started (it stays Pending, as on a node)
     */
    private Integer runPod(Job job, Integer index) {
        while (true) {
            Pod pod = createPod(job, index);
            if (pod == null) {
                return null;
            }
            Integer code;
            try {
                code = kubelet.run(pod, index, job.getMetadata().getLabels().get(MigrationJobBuilder.LABEL_STEP));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
            if (code == null || code == 0 || !ignored(job, client.pods().inNamespace(pod.getMetadata().getNamespace())
                    .withName(pod.getMetadata().getName()).get())) {
                return code;
            }
            // podFailurePolicy Ignore: the failure does not count, a new pod replaces it
        }
    }

    /** Whether the Job's podFailurePolicy ignores how {@code pod} failed (a condition it names, e.g. DisruptionTarget). */
    private static boolean ignored(Job job, Pod pod) {
        var policy = job.getSpec().getPodFailurePolicy();
        if (policy == null || pod == null || pod.getStatus() == null || pod.getStatus().getConditions() == null) {
            return false;
        }
        return policy.getRules().stream().filter(r -> "Ignore".equals(r.getAction()) && r.getOnPodConditions() != null)
                .flatMap(r -> r.getOnPodConditions().stream())
                .anyMatch(want -> pod.getStatus().getConditions().stream()
                        .anyMatch(c -> c.getType().equals(want.getType()) && "True".equals(c.getStatus())));
    }

    /** The Job's next pod, as the Job controller creates it; null when the API server refuses it (FailedCreate). */
    private Pod createPod(Job job, Integer index) {
        String ns = job.getMetadata().getNamespace();
        String podName = generatedName(job.getMetadata().getName() + (index == null ? "" : "-" + index));
        Map<String, String> annotations = index == null ? Map.of()
                : Map.of(MigrationJobBuilder.COMPLETION_INDEX_ANNOTATION, index.toString());
        Pod template = new PodBuilder()
                .withNewMetadata().withName(podName).withNamespace(ns)
                .withLabels(Map.of("job-name", job.getMetadata().getName()))
                .withAnnotations(annotations)
                .withCreationTimestamp(Instant.now().toString()).endMetadata()
                .withSpec(job.getSpec().getTemplate().getSpec())
                .withNewStatus().withPhase("Pending").endStatus().build();
        if (index != null) {
            // as the Job controller does: the pod's hostname is <job>-<index>, which must be a DNS label
            template.getSpec().setHostname(job.getMetadata().getName() + "-" + index);
        }
        try {
            return client.pods().inNamespace(ns).resource(template).create();
        } catch (KubernetesClientException e) {
            LOG.warn("Job {}: cannot create its pod: {}", job.getMetadata().getName(), e.getMessage());
            return null;
        }
    }

    /** {@code generateName} as the API server does it: the base cut to 58 characters and 5 random ones. */
    private static String generatedName(String base) {
        String alphabet = "bcdfghjklmnpqrstvwxz2456789";
        StringBuilder name = new StringBuilder(base.substring(0, Math.min(base.length(), 57))).append('-');
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        for (int i = 0; i < 5; i++) {
            name.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return name.toString();
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

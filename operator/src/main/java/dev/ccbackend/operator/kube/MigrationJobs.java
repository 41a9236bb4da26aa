package dev.ccbackend.operator.kube;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Creates a Job once (by its deterministic name) and reads how it ended. */
public class MigrationJobs {
    private final KubernetesClient client;
    private final String namespace;

    public MigrationJobs(KubernetesClient client, String namespace) {
        this.client = client;
        this.namespace = namespace;
    }

    /** Creates {@code desired}; a new Job is running (its pod is yet to come). */
    public JobOutcome create(Job desired) {
        client.batch().v1().jobs().inNamespace(namespace).resource(desired).create();
        return new JobOutcome.Running(null);
    }

    /** How {@code job} stands, read from its status and its {@code pods}' (the newest one's termination message). */
    public JobOutcome outcome(Job job, List<Pod> pods) {
        Optional<Pod> pod = newest(pods);
        var status = job.getStatus();
        boolean succeeded = status != null && status.getSucceeded() != null && status.getSucceeded() > 0;
        Optional<JobCondition> failed = status == null || status.getConditions() == null ? Optional.empty()
                : status.getConditions().stream()
                .filter(c -> "Failed".equals(c.getType()) && "True".equals(c.getStatus())).findFirst();
        boolean failedCount = status != null && status.getFailed() != null && status.getFailed() > 0;
        if (!succeeded && failed.isEmpty() && !failedCount) {
            return PodStart.stuck(job, pod).<JobOutcome>map(stuck -> stuck)
                    .orElseGet(() -> new JobOutcome.Running(pod.map(p -> p.getMetadata().getName()).orElse(null)));
        }
        Optional<TerminationMessage> message = pod.flatMap(TerminationMessage::of);
        if (succeeded) {
            return new JobOutcome.Succeeded(message.map(TerminationMessage::result).orElse(null));
        }
        String jobReason = failed.map(c -> c.getReason() + ": " + c.getMessage())
                .orElse("the Job failed without a result");
        return message.map(m -> new JobOutcome.Failed(m.exitCode(), m.error() != null ? m.error() : jobReason, m.result()))
                .orElseGet(() -> new JobOutcome.Failed(1, jobReason, null));
    }

    /** Whether a container of these pods ever started (running or ended): then it may have written data. */
    public static boolean anyStarted(List<Pod> pods) {
        return pods.stream().anyMatch(PodStart::started);
    }

    /** Deletes the Job and its pods, so that a Job that could not start never starts later. */
    public void delete(String jobName) {
        client.batch().v1().jobs().inNamespace(namespace).withName(jobName)
                .withPropagationPolicy(io.fabric8.kubernetes.api.model.DeletionPropagation.BACKGROUND).delete();
    }

    public Job get(String jobName) {
        return client.batch().v1().jobs().inNamespace(namespace).withName(jobName).get();
    }

    /** The newest pod of index {@code index} of an Indexed Job. */
    public Optional<Pod> podForIndex(String jobName, int index) {
        return client.pods().inNamespace(namespace).withLabel("job-name", jobName).list().getItems().stream()
                .filter(p -> p.getMetadata().getAnnotations() != null && String.valueOf(index)
                        .equals(p.getMetadata().getAnnotations().get(MigrationJobBuilder.COMPLETION_INDEX_ANNOTATION)))
                .max(Comparator.comparing(p -> p.getMetadata().getCreationTimestamp() == null
                        ? "" : p.getMetadata().getCreationTimestamp()));
    }

    /** The Job's pods (one, but for a pod replaced after a node drain, or an Indexed Job's). */
    public List<Pod> pods(String jobName) {
        return client.pods().inNamespace(namespace).withLabel("job-name", jobName).list().getItems();
    }

    /** The Job's newest pod. */
    public Optional<Pod> latestPod(String jobName) {
        return newest(pods(jobName));
    }

    private static Optional<Pod> newest(List<Pod> pods) {
        return pods.stream().max(Comparator.comparing(p -> p.getMetadata().getCreationTimestamp() == null
                ? "" : p.getMetadata().getCreationTimestamp()));
    }
}

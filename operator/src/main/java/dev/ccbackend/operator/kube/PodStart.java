package dev.ccbackend.operator.kube;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Reads whether a Job's pod started, or is stuck in a state it will not leave without help. */
final class PodStart {
    /** Container waiting reasons that do not clear by themselves. */
    static final Set<String> STUCK_REASONS = Set.of("ErrImagePull", "ImagePullBackOff", "InvalidImageName",
            "CreateContainerConfigError", "CreateContainerError", "ErrImageNeverPull");

    private PodStart() {
    }

    static boolean started(Pod pod) {
        String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
        if ("Running".equals(phase) || "Succeeded".equals(phase)) {
            return true;
        }
        return statuses(pod).stream().anyMatch(c -> c.getState() != null
                && (c.getState().getRunning() != null || c.getState().getTerminated() != null));
    }

    /** The Job's newest pod is stuck (or the Job has none), with why; empty while it may still start. */
    static Optional<JobOutcome.Stuck> stuck(Job job, Optional<Pod> newest) {
        if (newest.isEmpty()) {
            // the Job controller started the Job but could create no pod
            String started = job.getStatus() == null ? null : job.getStatus().getStartTime();
            return Optional.ofNullable(started).map(t -> new JobOutcome.Stuck(null, "FailedCreate", "the Job has no pod: see "
                    + "kubectl describe job " + job.getMetadata().getName()
                    + " (Pod Security admission, a quota or a missing service account?)", Instant.parse(t)));
        }
        Pod pod = newest.get();
        if (started(pod) || pod.getMetadata().getCreationTimestamp() == null) {
            return Optional.empty();
        }
        Instant since = Instant.parse(pod.getMetadata().getCreationTimestamp());
        String name = pod.getMetadata().getName();
        for (ContainerStatus c : statuses(pod)) {
            var waiting = c.getState() == null ? null : c.getState().getWaiting();
            if (waiting != null && STUCK_REASONS.contains(waiting.getReason())) {
                return Optional.of(new JobOutcome.Stuck(name, waiting.getReason(), String.valueOf(waiting.getMessage()), since));
            }
        }
        List<PodCondition> conditions = pod.getStatus() == null || pod.getStatus().getConditions() == null ? List.of()
                : pod.getStatus().getConditions();
        return conditions.stream()
                .filter(c -> "PodScheduled".equals(c.getType()) && "False".equals(c.getStatus()) && "Unschedulable".equals(c.getReason()))
                .findFirst().map(c -> new JobOutcome.Stuck(name, "Unschedulable", String.valueOf(c.getMessage()), since));
    }

    private static List<ContainerStatus> statuses(Pod pod) {
        return pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null ? List.of()
                : pod.getStatus().getContainerStatuses();
    }
}

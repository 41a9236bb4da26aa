package dev.ccbackend.operator.demo;

import dev.ccbackend.operator.steps.ConfigConversion;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Where the fake cluster breaks on purpose (demo {@code --fail-at}, failure tests): each fault is
 * injected where the real failure would come from — a migration Job, the snapshotter, pods that
 * do not stop or do not start, the config converter.
 */
public final class Faults {

    /** The steps a fault can be injected into ({@code smoke_test}: cc-backend runs but answers HTTP 500). */
    public enum Step {
        plan, prepare, catch_up, quiesce, snapshot, database, archive, cutover, config, swap, verify, smoke_test;

        public String cliName() {
            return name().replace('_', '-');
        }

        public static Step parse(String name) {
            for (Step s : values()) {
                if (s.cliName().equals(name)) {
                    return s;
                }
            }
            throw new IllegalArgumentException("no step '" + name + "' to fail at; steps: "
                    + String.join(", ", java.util.Arrays.stream(values()).map(Step::cliName).toList()));
        }
    }

    /** What a real cluster does to an upgrade now and then (demo {@code --fault NAME}). */
    public enum ClusterFault {
        /** The first migration Job's image cannot be pulled (ErrImagePull, then ImagePullBackOff). */
        IMAGE_PULL,
        /** No node can take the first migration Job's pod. */
        UNSCHEDULABLE,
        /** An evicted cc-backend pod from before lingers in the Deployment's selector. */
        EVICTED_POD,
        /** The snapshotter reports an error on each snapshot once, then succeeds. */
        SNAPSHOT_TRANSIENT_ERROR,
        /** The archive Job's first pod is evicted by a node drain midway (condition DisruptionTarget). */
        NODE_DRAIN,
        /** The rollout of the new version never completes: ProgressDeadlineExceeded. */
        ROLLOUT_DEADLINE;

        public String cliName() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }

        public static ClusterFault parse(String name) {
            for (ClusterFault f : values()) {
                if (f.cliName().equals(name)) {
                    return f;
                }
            }
            throw new IllegalArgumentException("no fault '" + name + "'; faults: "
                    + String.join(", ", java.util.Arrays.stream(values()).map(ClusterFault::cliName).toList()));
        }
    }

    /**
     * The migration Job (its {@code cc-backend.dev/step} label) that fails for each Job-backed step; an online
     * upgrade's prepare and cutover fail at the archive's.
     */
    private static final Map<Step, String> JOB_STEPS = Map.of(Step.plan, "plan", Step.database, "db",
            Step.archive, "archive", Step.swap, "check", Step.prepare, "archiveprepare", Step.catch_up, "dbcatchup",
            Step.cutover, "archivecutover");

    private final Step failAt;
    /** The index whose pod fails in the Indexed archive Job (its lone rerun succeeds), or null. */
    private final Integer archiveShard;
    private final java.util.Set<ClusterFault> cluster;

    private Faults(Step failAt, Integer archiveShard, java.util.Set<ClusterFault> cluster) {
        this.failAt = failAt;
        this.archiveShard = archiveShard;
        this.cluster = java.util.Set.copyOf(cluster);
    }

    public static Faults none() {
        return new Faults(null, null, java.util.Set.of());
    }

    public static Faults at(Step step) {
        return new Faults(step, null, java.util.Set.of());
    }

    /** Index {@code index} of the Indexed archive Job fails once, as a node lost mid-shard would. */
    public static Faults atArchiveShard(int index) {
        return new Faults(null, index, java.util.Set.of());
    }

    /** These faults too. */
    public Faults with(java.util.Collection<ClusterFault> more) {
        java.util.Set<ClusterFault> all = new java.util.HashSet<>(cluster);
        all.addAll(more);
        return new Faults(failAt, archiveShard, all);
    }

    public boolean has(ClusterFault fault) {
        return cluster.contains(fault);
    }

    /** The fault that keeps the pod of a Job of this step label from ever starting, if any (the first migration Job). */
    java.util.Optional<ClusterFault> neverStarts(String jobStep) {
        if (!"db".equals(jobStep) && !"dbconvert".equals(jobStep)) {
            return java.util.Optional.empty();
        }
        return java.util.stream.Stream.of(ClusterFault.IMAGE_PULL, ClusterFault.UNSCHEDULABLE).filter(cluster::contains).findFirst();
    }

    public boolean failsAt(Step step) {
        return step == failAt;
    }

    /** Whether the Job of this step label fails. */
    boolean failsJob(String jobStep) {
        return failAt != null && jobStep != null && jobStep.equals(JOB_STEPS.get(failAt));
    }

    /** Whether index {@code index} of the Indexed Job of this step label fails. */
    boolean failsIndex(String jobStep, int index) {
        return failsJob(jobStep) || ("archive".equals(jobStep) && archiveShard != null && archiveShard == index);
    }

    /** The config converter, or one that refuses (fault at config). */
    public ConfigConversion conversion(ConfigConversion real) {
        return failsAt(Step.config) ? (config, release, db) -> {
            throw new IllegalArgumentException(message());
        } : real;
    }

    /** cc-backend's startup check, or one under which {@code release} never becomes ready (fault at verify). */
    public Predicate<Pod> startup(Predicate<Pod> real, String release) {
        return failsAt(Step.verify)
                ? pod -> !pod.getSpec().getContainers().get(0).getImage().endsWith(":" + release) && real.test(pod)
                : real;
    }

    public String message() {
        return failAt == null ? "injected failure (archive shard " + archiveShard + ")"
                : "injected failure (--fail-at " + failAt + ")";
    }
}

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

    /** The steps a fault can be injected into. */
    public enum Step { plan, quiesce, snapshot, database, archive, config, swap, verify }

    /** The migration Job (its {@code cc-backend.dev/step} label) that fails for each Job-backed step. */
    private static final Map<Step, String> JOB_STEPS = Map.of(Step.plan, "plan", Step.database, "db",
            Step.archive, "archive", Step.swap, "check");

    private final Step failAt;
    /** The index whose pod fails in the Indexed archive Job (its lone rerun succeeds), or null. */
    private final Integer archiveShard;

    private Faults(Step failAt, Integer archiveShard) {
        this.failAt = failAt;
        this.archiveShard = archiveShard;
    }

    public static Faults none() {
        return new Faults(null, null);
    }

    public static Faults at(Step step) {
        return new Faults(step, null);
    }

    /** Index {@code index} of the Indexed archive Job fails once, as a node lost mid-shard would. */
    public static Faults atArchiveShard(int index) {
        return new Faults(null, index);
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

package dev.ccbackend.migrator.plan;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the user decided on the command line.
 *
 * @param mapState        job state replacements, e.g. stopped → completed (v1.5 has no 'stopped')
 * @param sqliteOut       where a MariaDB database is converted to (null: no conversion)
 * @param sqliteOutExists whether that file is already there (the converter refuses to overwrite)
 */
public record PlanOptions(Map<String, String> mapState, String sqliteOut, boolean sqliteOutExists) {
    /** The job states v1.5 (DB schema 9+, archive 3) accepts. */
    public static final Set<String> V15_JOB_STATES = Set.of("boot_fail", "cancelled", "completed", "deadline", "failed",
            "node_fail", "out_of_memory", "pending", "preempted", "running", "suspended", "timeout");

    public static final PlanOptions NONE = new PlanOptions(Map.of(), null, false);

    public PlanOptions {
        mapState = mapState == null ? Map.of() : new TreeMap<>(mapState);
        checkMapState(mapState);
    }

    /** @throws IllegalArgumentException naming the states v1.5 accepts */
    public static void checkMapState(Map<String, String> mapState) {
        for (Map.Entry<String, String> e : mapState.entrySet()) {
            if (!V15_JOB_STATES.contains(e.getValue())) {
                throw new IllegalArgumentException("--map-state " + e.getKey() + "=" + e.getValue() + ": '" + e.getValue()
                        + "' is not a job state v1.5 accepts; use one of " + V15_JOB_STATES.stream().sorted().toList());
            }
        }
    }
}

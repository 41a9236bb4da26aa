package dev.ccbackend.migrator.archive;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code --map-state stopped=completed}: what to turn job states into that archive version 3 (and DB
 * schema 9) no longer allow. The same option and rules as the database migration.
 */
public record StateMapping(Map<String, String> mapping) {
    /** Job states archive version 3 accepts (cc-lib job-meta schema). */
    public static final Set<String> V3_STATES = Set.of("boot_fail", "cancelled", "completed", "deadline", "failed",
            "node_fail", "out_of_memory", "pending", "preempted", "running", "suspended", "timeout");

    public static final StateMapping NONE = new StateMapping(Map.of());

    /** @param specs entries like {@code stopped=completed} */
    public static StateMapping parse(List<String> specs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String spec : specs == null ? List.<String>of() : specs) {
            int eq = spec.indexOf('=');
            if (eq <= 0 || eq == spec.length() - 1) {
                throw new ArchiveException("--map-state takes FROM=TO, e.g. stopped=completed; got '" + spec + "'");
            }
            String to = spec.substring(eq + 1).trim();
            if (!V3_STATES.contains(to)) {
                throw new ArchiveException("--map-state " + spec + ": '" + to + "' is not a job state of archive version 3; use one of "
                        + String.join(", ", V3_STATES.stream().sorted().toList()));
            }
            map.put(spec.substring(0, eq).trim(), to);
        }
        return new StateMapping(Map.copyOf(map));
    }

    /** The state a job ends up with in version 3, or null when it needs a mapping nobody gave. */
    public String map(String state) {
        if (V3_STATES.contains(state)) {
            return state;
        }
        return mapping.get(state);
    }

    public List<String> specs() {
        return mapping.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).sorted().toList();
    }
}

package dev.ccbackend.migrator.catalog;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code --map-state stopped=completed}: job states that DB schema 9+ and archive version 3 no longer
 * allow, and what they become. One class for both engines, so the database and the archive stay in step.
 */
public record StateMapping(Map<String, String> replacements) {
    /** States DB schema 9+ (the job_state CHECK of step 9) and archive version 3 (cc-lib job-meta) accept. */
    public static final Set<String> STATES_FROM_V9 = Set.of("boot_fail", "cancelled", "completed", "deadline", "failed",
            "node_fail", "out_of_memory", "pending", "preempted", "running", "suspended", "timeout");

    public static final StateMapping NONE = new StateMapping(Map.of());

    /** @throws IllegalArgumentException when a new state is not one schema 9+ accepts, naming those */
    public StateMapping {
        replacements.forEach((from, to) -> {
            if (!STATES_FROM_V9.contains(to)) {
                throw new IllegalArgumentException("--map-state " + from + "=" + to + ": '" + to
                        + "' is not a job state cc-backend v1.5 accepts; use one of " + new TreeSet<>(STATES_FROM_V9));
            }
        });
        replacements = Collections.unmodifiableMap(new LinkedHashMap<>(replacements));
    }

    /** Parses {@code old=new} pairs; the new state must be one schema 9+ accepts. */
    public static StateMapping parse(List<String> pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String pair : pairs == null ? List.<String>of() : pairs) {
            String[] parts = pair.split("=", 2);
            if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
                throw new IllegalArgumentException("--map-state takes OLD=NEW (FROM=TO), e.g. --map-state stopped=completed; got '" + pair + "'");
            }
            map.put(parts[0].trim(), parts[1].trim());
        }
        return new StateMapping(map);
    }

    public boolean maps(String state) {
        return replacements.containsKey(state);
    }

    /** The state a job ends up with from schema 9 / archive 3 on, or null when it needs a mapping nobody gave. */
    public String map(String state) {
        return STATES_FROM_V9.contains(state) ? state : replacements.get(state);
    }

    /** The mapping as sorted {@code old=new} pairs (what an archive journal records). */
    public List<String> specs() {
        return replacements.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).sorted().toList();
    }

    /** A SQL expression for the mapped {@code job_state}. State names are checked, so quoting is safe. */
    public String sqlExpression(String column) {
        if (replacements.isEmpty()) {
            return column;
        }
        StringBuilder sb = new StringBuilder("CASE ").append(column);
        replacements.forEach((from, to) -> sb.append(" WHEN '").append(from.replace("'", "''"))
                .append("' THEN '").append(to).append("'"));
        return sb.append(" ELSE ").append(column).append(" END").toString();
    }
}

package dev.ccbackend.migrator.plan;

import dev.ccbackend.migrator.catalog.StateMapping;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the user decided on the command line.
 *
 * @param mapState        job state replacements, e.g. stopped → completed (v1.5 has no 'stopped')
 * @param sqliteOut       where a MariaDB database is converted to (null: no conversion)
 * @param sqliteOutExists whether that file is already there (the converter refuses to overwrite)
 * @param online          prepared beside the live data while cc-backend runs, then cut over (`upgrade --online`)
 */
public record PlanOptions(Map<String, String> mapState, String sqliteOut, boolean sqliteOutExists, boolean online) {
    public static final PlanOptions NONE = new PlanOptions(Map.of(), null, false);

    /** An offline plan. */
    public PlanOptions(Map<String, String> mapState, String sqliteOut, boolean sqliteOutExists) {
        this(mapState, sqliteOut, sqliteOutExists, false);
    }

    /** @throws IllegalArgumentException when a state is mapped to one v1.5 does not accept, naming those */
    public PlanOptions {
        mapState = mapState == null ? Map.of() : new TreeMap<>(new StateMapping(mapState).replacements());
    }
}

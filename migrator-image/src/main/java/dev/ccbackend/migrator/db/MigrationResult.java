package dev.ccbackend.migrator.db;

import java.util.List;
import java.util.Map;

/**
 * What {@code cc-migrator db migrate} prints.
 *
 * @param driver       sqlite3 or mysql
 * @param database     the file or the DSN without password
 * @param from         schema version before
 * @param to           schema version after
 * @param fused        whether several versions were applied in one step
 * @param steps        the steps run, with their durations
 * @param mappedStates job states rewritten by --map-state, with how many jobs each
 * @param rowsBefore   rows per table before
 * @param rowsAfter    rows per table after
 * @param durationMs   the whole run
 */
public record MigrationResult(String driver, String database, int from, int to, boolean fused, List<Step> steps,
                              Map<String, Long> mappedStates, Map<String, Long> rowsBefore, Map<String, Long> rowsAfter,
                              long durationMs) {

    /** One step: {@code from} → {@code to}. */
    public record Step(int from, int to, String description, long durationMs) {
    }
}

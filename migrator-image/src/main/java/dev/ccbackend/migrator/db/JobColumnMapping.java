package dev.ccbackend.migrator.db;

import dev.ccbackend.migrator.catalog.StateMapping;

import java.util.Set;

/**
 * How each column of the new {@code job} table is filled from whatever {@code job} table the
 * database has now. Decided by the columns present, not by version numbers, so one rebuild from 7
 * to 11 computes exactly what stepping 7→8→10→11 would.
 */
final class JobColumnMapping {
    /** Step 8's footprint keys: always the first four, the last four only when not 0 (as upstream). */
    private static final String FOOTPRINT = "json_patch(json_object('flops_any_avg', flops_any_avg, 'mem_bw_avg', mem_bw_avg,"
            + " 'mem_used_max', mem_used_max, 'cpu_load_avg', load_avg),"
            + " json_object('net_bw_avg', NULLIF(net_bw_avg, 0), 'net_data_vol_total', NULLIF(net_data_vol_total, 0),"
            + " 'file_bw_avg', NULLIF(file_bw_avg, 0), 'file_data_vol_total', NULLIF(file_data_vol_total, 0)))";

    /** Step 9: integer {@code exclusive} becomes text {@code shared}. */
    private static final String SHARED = "CASE exclusive WHEN 0 THEN 'multi_user' WHEN 1 THEN 'none' WHEN 2 THEN 'single_user' END";

    private JobColumnMapping() {
    }

    /**
     * @param column     a column of the new job table
     * @param live       columns of the job table as it is now
     * @param newStates  whether the new table has schema 9's state CHECK (the state mapping applies)
     * @return the SELECT expression, or null to leave the column to its default
     */
    static String expression(String column, Set<String> live, boolean newStates, StateMapping states) {
        if (column.equals("job_state")) {
            return newStates ? states.sqlExpression("job_state") : "job_state";
        }
        if (live.contains(column)) {
            return quoted(column);
        }
        return switch (column) {
            case "hpc_user" -> live.contains("user") ? "\"user\"" : null;
            case "cluster_partition" -> live.contains("partition") ? "\"partition\"" : null;
            case "footprint" -> live.contains("flops_any_avg") ? FOOTPRINT : null;
            case "shared" -> live.contains("exclusive") ? SHARED : null;
            case "submit_time" -> "0";
            default -> null;
        };
    }

    static String quoted(String column) {
        return "\"" + column + "\"";
    }
}

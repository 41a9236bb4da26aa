package dev.ccbackend.migrator.db.convert;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;

/**
 * Generated cc-backend schema-8 rows with the awkward cases a conversion must carry: every job
 * state and {@code exclusive} value, NULLs in every nullable column, ids with gaps, job ids beyond
 * 32 bits, fractional energy, JSON and non-ASCII text, tags in several scopes, job tags with and
 * without an insert time.
 */
final class TestingCcBackendRows {
    static final String[] STATES = {"running", "completed", "failed", "cancelled", "stopped", "timeout", "preempted", "out_of_memory"};
    static final int JOBS = 400;
    /** Every 4th job carries tag 3, every 10th also tag 7. */
    static final int JOBTAGS = JOBS / 4 + JOBS / 10;

    private TestingCcBackendRows() {
    }

    static void fill(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("SET time_zone = '+00:00'"); // the literal timestamps below are UTC
            st.execute("INSERT INTO hpc_user (username, password, ldap, name, roles, email, projects) VALUES"
                    + " ('alice', '$2a$10$abcdefghijklmnopqrstuv', 0, 'Alice A.', '[\"admin\",\"user\"]', 'alice@example.org', '[\"p1\"]'),"
                    + " ('bob', NULL, 1, NULL, '[\"user\"]', NULL, '[]'),"
                    + " ('zoë', NULL, 0, 'Zoë Ünïcode ✓', '[\"support\"]', 'zoe@example.org', '[\"p2\",\"p3\"]'),"
                    + " ('api', NULL, 0, 'API', '[\"api\"]', NULL, '[]')");
            st.execute("INSERT INTO configuration (username, confkey, value) VALUES"
                    + " ('alice', 'plot_list_selectedMetrics', '[\"flops_any\",\"mem_bw\"]'),"
                    + " ('alice', 'job_list_usePaging', 'false'),"
                    + " ('bob', 'plot_view_plotsPerRow', '3'),"
                    + " ('zoë', 'analysis_view_histogramMetrics', NULL),"
                    + " ('api', 'long_value', REPEAT('x', 5000))");
            st.execute("INSERT INTO tag (id, tag_type, tag_name, insert_time, tag_scope) VALUES"
                    + " (3, 'app', 'gromacs', '2023-06-01 10:00:00', 'global'),"
                    + " (7, 'issue', 'low load', NULL, 'admin'),"
                    + " (8, 'note', 'ärger', '2024-02-29 23:59:59', 'alice')");
            st.execute("INSERT INTO tag (tag_type, tag_name) VALUES ('app', 'default-time')");
        }
        String sql = "INSERT INTO job (id, job_id, cluster, subcluster, start_time, hpc_user, project, cluster_partition,"
                + " array_job_id, duration, walltime, job_state, meta_data, resources, num_nodes, num_hwthreads, num_acc,"
                + " smt, exclusive, monitoring_status, energy, energy_footprint, footprint)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        try (PreparedStatement job = c.prepareStatement(sql)) {
            for (int i = 1; i <= JOBS; i++) {
                boolean sparse = i % 5 == 0;
                int p = 1;
                job.setInt(p++, i * 3); // gaps, as after deleted jobs
                job.setLong(p++, 5_000_000_000L + i);
                job.setString(p++, i % 2 == 0 ? "fritz" : "alex");
                job.setString(p++, i % 2 == 0 ? "main" : "a40");
                job.setLong(p++, 1_700_000_000L + i * 60L);
                job.setString(p++, i % 3 == 0 ? "zoë" : "alice");
                job.setString(p++, "project_" + (i % 7));
                setNullable(job, p++, sparse ? null : "singlenode");
                if (sparse) {
                    job.setNull(p++, Types.BIGINT);
                } else {
                    job.setLong(p++, 9_000_000L + i);
                }
                job.setInt(p++, i * 17);
                job.setInt(p++, 86_400);
                job.setString(p++, STATES[i % STATES.length]);
                setNullable(job, p++, sparse ? null : "{\"jobName\":\"run " + i + " – ünïcode\",\"jobScript\":\"#!/bin/bash\\nsrun a.out\"}");
                job.setString(p++, "[{\"hostname\":\"n" + i + "\",\"hwthreads\":[0,1]}]");
                job.setInt(p++, 1 + i % 4);
                if (sparse) {
                    job.setNull(p++, Types.INTEGER);
                    job.setNull(p++, Types.INTEGER);
                } else {
                    job.setInt(p++, 72);
                    job.setInt(p++, i % 4);
                }
                job.setInt(p++, i % 2);
                job.setInt(p++, i % 3);
                job.setInt(p++, i % 4);
                job.setDouble(p++, sparse ? 0 : i * 1.25 + 0.1);
                setNullable(job, p++, sparse ? null : "{\"cpu_power\":" + (i * 0.5) + "}");
                setNullable(job, p++, sparse ? null : "{\"flops_any_avg\":" + (i / 3.0) + ",\"mem_bw_avg\":12.5}");
                job.addBatch();
            }
            job.executeBatch();
        }
        try (PreparedStatement tag = c.prepareStatement("INSERT INTO jobtag (job_id, tag_id, insert_time) VALUES (?, ?, ?)");
             PreparedStatement defaultTime = c.prepareStatement("INSERT INTO jobtag (job_id, tag_id) VALUES (?, ?)")) {
            for (int i = 4; i <= JOBS; i += 4) {
                tag.setInt(1, i * 3);
                tag.setInt(2, 3);
                setNullable(tag, 3, i % 8 == 0 ? null : "2024-03-" + (10 + i % 18) + " 0" + (i % 10) + ":15:00");
                tag.addBatch();
            }
            tag.executeBatch();
            for (int i = 10; i <= JOBS; i += 10) {
                defaultTime.setInt(1, i * 3);
                defaultTime.setInt(2, 7);
                defaultTime.addBatch();
            }
            defaultTime.executeBatch();
        }
    }

    private static void setNullable(PreparedStatement ps, int index, String value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.VARCHAR);
        } else {
            ps.setString(index, value);
        }
    }
}

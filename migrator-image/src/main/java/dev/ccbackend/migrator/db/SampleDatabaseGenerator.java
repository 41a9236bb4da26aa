package dev.ccbackend.migrator.db;

import dev.ccbackend.migrator.catalog.Driver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Makes a SQLite database at a shipped schema version full of realistic jobs: every job state of
 * that version, all three {@code exclusive} values (or their {@code shared} names), 10 % of jobs
 * tagged, optional 'stopped' jobs. One transaction with batched inserts, so a million jobs take
 * seconds. Used by tests, the benchmark and the operator's demo (a v1.3.1 site is schema 7).
 */
public final class SampleDatabaseGenerator {
    private static final List<String> STATES_BEFORE_V9 = List.of("completed", "running", "failed", "cancelled",
            "timeout", "preempted", "out_of_memory");
    private static final List<String> STATES_FROM_V9 = List.of("completed", "running", "failed", "cancelled", "timeout",
            "preempted", "out_of_memory", "boot_fail", "deadline", "node_fail", "pending", "suspended");
    private static final String[] CLUSTERS = {"fritz", "alex", "emmy"};
    private static final String[] PARTITIONS = {"work", "singlenode", "gpu", "spr"};
    private static final String[] SHARED = {"multi_user", "none", "single_user"};
    private static final int USERS = 200;
    private static final int PROJECTS = 40;
    private static final int TAGS = 30;

    /**
     * @param schemaVersion a shipped SQLite version (4, 6, 7, 8, 10, 11)
     * @param jobs          how many jobs
     * @param stoppedJobs   how many of them in state 'stopped' (only before schema 9)
     * @param seed          for reproducible data
     */
    public record Options(int schemaVersion, int jobs, int stoppedJobs, long seed) {
        public Options {
            VersionPolicy.checkTarget(Driver.SQLITE3, schemaVersion);
            if (jobs < 0 || stoppedJobs < 0 || stoppedJobs > jobs) {
                throw new IllegalArgumentException("--stopped-jobs (" + stoppedJobs + ") must be between 0 and --jobs (" + jobs + ")");
            }
            if (stoppedJobs > 0 && schemaVersion >= 9) {
                throw new IllegalArgumentException("schema " + schemaVersion + " rejects state 'stopped': use --schema 8 or older");
            }
        }
    }

    /** What was generated. */
    public record Result(String file, int schemaVersion, int jobs, int stoppedJobs, int taggedJobs, int tags, long durationMs) {
    }

    private SampleDatabaseGenerator() {
    }

    public static Result generate(Path file, Options options) throws SQLException {
        if (Files.exists(file)) {
            throw new IllegalArgumentException(file + " already exists: choose a new --out file (nothing is overwritten)");
        }
        long start = System.nanoTime();
        Random random = new Random(options.seed());
        int tagged = 0;
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath())) {
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA synchronous = OFF");
                s.execute("PRAGMA journal_mode = MEMORY");
            }
            c.setAutoCommit(false);
            TargetSchema.of(Driver.SQLITE3, options.schemaVersion()).create(c);
            SchemaMigrationsTable.write(c, Driver.SQLITE3, options.schemaVersion(), false);
            insertUsersAndTags(c, options.schemaVersion());
            JobRows rows = new JobRows(c, options, random);
            try (PreparedStatement jobtag = c.prepareStatement("INSERT INTO jobtag (job_id, tag_id) VALUES (?, ?)")) {
                for (int i = 0; i < options.jobs(); i++) {
                    rows.add(i);
                    if (i % 10 == 0) {
                        jobtag.setLong(1, i + 1);
                        jobtag.setLong(2, 1 + random.nextInt(TAGS));
                        jobtag.addBatch();
                        tagged++;
                    }
                    if (i % 5000 == 4999) {
                        rows.flush();
                        jobtag.executeBatch();
                    }
                }
                rows.flush();
                jobtag.executeBatch();
            }
            c.commit();
        }
        return new Result(file.toString(), options.schemaVersion(), options.jobs(), options.stoppedJobs(), tagged, TAGS,
                (System.nanoTime() - start) / 1_000_000);
    }

    private static void insertUsersAndTags(Connection c, int version) throws SQLException {
        String userTable = version >= 8 ? "hpc_user" : "\"user\"";
        try (PreparedStatement u = c.prepareStatement("INSERT INTO " + userTable
                + " (username, password, ldap, name, roles, email, projects) VALUES (?, NULL, 1, ?, ?, ?, ?)")) {
            for (int i = 0; i < USERS; i++) {
                u.setString(1, "user" + i);
                u.setString(2, "User " + i);
                u.setString(3, i == 0 ? "[\"admin\",\"api\"]" : "[\"user\"]");
                u.setString(4, "user" + i + "@example.org");
                u.setString(5, "[\"proj" + (i % PROJECTS) + "\"]");
                u.addBatch();
            }
            u.executeBatch();
        }
        try (PreparedStatement conf = c.prepareStatement("INSERT INTO configuration (username, confkey, value) VALUES (?, ?, ?)")) {
            conf.setString(1, "user0");
            conf.setString(2, "plot_general_colorscheme");
            conf.setString(3, "[\"#00bfff\",\"#0000ff\"]");
            conf.executeUpdate();
        }
        try (PreparedStatement t = c.prepareStatement("INSERT INTO tag (id, tag_type, tag_name) VALUES (?, ?, ?)")) {
            String[] types = {"issue", "review", "app", "benchmark", "pattern"};
            for (int i = 1; i <= TAGS; i++) {
                t.setInt(1, i);
                t.setString(2, types[i % types.length]);
                t.setString(3, "tag-" + i);
                t.addBatch();
            }
            t.executeBatch();
        }
    }

    /** Fills whichever job columns this schema version has, by name. */
    private static final class JobRows {
        private final PreparedStatement insert;
        private final List<String> columns = new ArrayList<>();
        private final Options options;
        private final Random random;
        private final List<String> states;
        private final int stoppedEvery;

        JobRows(Connection c, Options options, Random random) throws SQLException {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA table_info(job)")) {
                while (rs.next()) {
                    columns.add(rs.getString("name"));
                }
            }
            String names = String.join(", ", columns.stream().map(n -> "\"" + n + "\"").toList());
            String marks = String.join(", ", columns.stream().map(n -> "?").toList());
            this.insert = c.prepareStatement("INSERT INTO job (" + names + ") VALUES (" + marks + ")");
            this.options = options;
            this.random = random;
            this.states = options.schemaVersion() >= 9 ? STATES_FROM_V9 : STATES_BEFORE_V9;
            this.stoppedEvery = options.stoppedJobs() == 0 ? 0 : Math.max(1, options.jobs() / options.stoppedJobs());
        }

        void add(int i) throws SQLException {
            int nodes = 1 + random.nextInt(8);
            long start = 1_700_000_000L + i * 30L + random.nextInt(30);
            int duration = 60 + random.nextInt(86_000);
            for (int col = 0; col < columns.size(); col++) {
                insert.setObject(col + 1, value(columns.get(col), i, nodes, start, duration));
            }
            insert.addBatch();
        }

        void flush() throws SQLException {
            insert.executeBatch();
        }

        private Object value(String column, int i, int nodes, long start, int duration) {
            return switch (column) {
                case "id" -> (long) i + 1;
                case "job_id" -> 1_000_000L + i;
                case "cluster" -> CLUSTERS[i % CLUSTERS.length];
                case "subcluster" -> i % 3 == 1 ? "a40" : "main";
                case "submit_time" -> start - random.nextInt(3600);
                case "start_time" -> start;
                case "user", "hpc_user" -> "user" + random.nextInt(USERS);
                case "project" -> "proj" + random.nextInt(PROJECTS);
                case "partition", "cluster_partition" -> PARTITIONS[random.nextInt(PARTITIONS.length)];
                case "array_job_id" -> random.nextInt(10) == 0 ? 5_000_000L + i / 10 : 0L;
                case "duration" -> duration;
                case "walltime" -> 86_400;
                case "job_state" -> state(i);
                case "meta_data" -> "{\"jobName\":\"job-" + i + "\",\"jobScript\":\"#!/bin/bash\\nsrun ./a.out\"}";
                case "resources" -> resources(i, nodes);
                case "num_nodes" -> nodes;
                case "num_hwthreads" -> nodes * 72;
                case "num_acc" -> i % 3 == 1 ? nodes * 4 : 0;
                case "smt" -> 1;
                // The first three jobs carry each value, so a small sample still has all of them.
                case "exclusive" -> i < 3 ? i : random.nextInt(3);
                case "shared" -> SHARED[i < 3 ? i : random.nextInt(3)];
                case "monitoring_status" -> 1;
                case "energy" -> random.nextInt(4) == 0 ? 0.0 : round(random.nextDouble() * 5000);
                case "energy_footprint" -> "{\"power_avg\":" + round(random.nextDouble() * 300) + "}";
                case "footprint" -> String.format(Locale.ROOT, "{\"flops_any_avg\":%s,\"mem_bw_avg\":%s,\"cpu_load_avg\":%s}",
                        round(random.nextDouble() * 500), round(random.nextDouble() * 100), round(random.nextDouble() * 72));
                case "mem_used_max", "flops_any_avg", "mem_bw_avg", "load_avg" -> round(random.nextDouble() * 500);
                // Often 0: step 8 adds these footprint keys only when they are not.
                case "net_bw_avg", "net_data_vol_total", "file_bw_avg", "file_data_vol_total" ->
                        random.nextBoolean() ? 0.0 : round(random.nextDouble() * 1000);
                default -> null;
            };
        }

        private String state(int i) {
            if (stoppedEvery > 0 && i % stoppedEvery == 0 && i / stoppedEvery < options.stoppedJobs()) {
                return "stopped";
            }
            if (i < states.size()) {
                return states.get(i); // every state at least once
            }
            int r = random.nextInt(100);
            return r < 60 ? "completed" : r < 75 ? "running" : states.get(random.nextInt(states.size()));
        }

        private static String resources(int i, int nodes) {
            StringBuilder sb = new StringBuilder("[");
            for (int n = 0; n < nodes; n++) {
                sb.append(n == 0 ? "" : ",").append("{\"hostname\":\"n").append((i + n) % 1000).append("\"}");
            }
            return sb.append(']').toString();
        }

        private static double round(double v) {
            return Math.round(v * 1000) / 1000.0;
        }
    }
}

package dev.ccbackend.migrator.db;

import dev.ccbackend.migrator.catalog.Driver;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

/**
 * MariaDB/MySQL steps 6→7→8. DDL commits implicitly there, so no step is atomic: every statement
 * first checks whether its work is already done, which makes re-running a half-applied step
 * converge on the same result.
 */
final class MysqlSchemaMigrator {
    private static final List<String> OLD_JOB_INDEXES = List.of("job_stats", "job_by_user", "job_by_starttime",
            "job_by_job_id", "job_list", "job_list_user", "job_list_users", "job_list_users_start");
    private static final List<String> STAT_COLUMNS = List.of("flops_any_avg", "mem_bw_avg", "mem_used_max", "load_avg",
            "net_bw_avg", "net_data_vol_total", "file_bw_avg", "file_data_vol_total");
    /** Step 8's optional footprint keys: added only where the value is not 0, as upstream does. */
    private static final List<String> OPTIONAL_FOOTPRINT = List.of("net_bw_avg", "net_data_vol_total", "file_bw_avg", "file_data_vol_total");

    private final Connection c;

    MysqlSchemaMigrator(Connection c) {
        this.c = c;
    }

    void migrate(int from, int to) throws SQLException {
        if (from == 0) {
            TargetSchema.of(Driver.MYSQL, to).create(c);
            return;
        }
        if (from < 7 && to >= 7) {
            toVersion7();
        }
        if (from < 8 && to >= 8) {
            toVersion8();
        }
    }

    /** 7: tag.id gets AUTO_INCREMENT (jobtag's foreign key blocks the MODIFY unless checks are off). */
    private void toVersion7() throws SQLException {
        exec("SET FOREIGN_KEY_CHECKS = 0");
        try {
            exec("ALTER TABLE tag MODIFY id INT NOT NULL AUTO_INCREMENT");
        } finally {
            exec("SET FOREIGN_KEY_CHECKS = 1");
        }
    }

    private void toVersion8() throws SQLException {
        for (String index : OLD_JOB_INDEXES) {
            exec("DROP INDEX IF EXISTS " + index + " ON job");
        }
        exec("ALTER TABLE job ADD COLUMN IF NOT EXISTS energy DOUBLE NOT NULL DEFAULT 0,"
                + " ADD COLUMN IF NOT EXISTS energy_footprint JSON DEFAULT NULL,"
                + " ADD COLUMN IF NOT EXISTS footprint JSON DEFAULT NULL");
        exec("ALTER TABLE tag ADD COLUMN IF NOT EXISTS tag_scope TEXT NOT NULL DEFAULT 'global'");
        if (tableExists("user") && !tableExists("hpc_user")) {
            exec("RENAME TABLE `user` TO hpc_user");
        }
        if (columnExists("job", "user")) {
            exec("ALTER TABLE job RENAME COLUMN `user` TO hpc_user");
        }
        if (columnExists("job", "partition")) {
            exec("ALTER TABLE job RENAME COLUMN `partition` TO cluster_partition");
        }
        exec("ALTER TABLE job MODIFY COLUMN cluster VARCHAR(50), MODIFY COLUMN subcluster VARCHAR(50),"
                + " MODIFY COLUMN hpc_user VARCHAR(50), MODIFY COLUMN project VARCHAR(50),"
                + " MODIFY COLUMN cluster_partition VARCHAR(50), MODIFY COLUMN job_state VARCHAR(25)");
        if (columnExists("job", "flops_any_avg")) {
            // Recomputed on every retry while the stat columns still exist; they go in one ALTER below.
            exec("UPDATE job SET footprint = JSON_OBJECT('flops_any_avg', flops_any_avg, 'mem_bw_avg', mem_bw_avg,"
                    + " 'mem_used_max', mem_used_max, 'cpu_load_avg', load_avg)");
            for (String column : OPTIONAL_FOOTPRINT) {
                exec("UPDATE job SET footprint = JSON_INSERT(footprint, '$." + column + "', " + column + ") WHERE " + column + " != 0");
            }
            exec("ALTER TABLE job " + String.join(", ", STAT_COLUMNS.stream().map(col -> "DROP COLUMN " + col).toList()));
        }
        for (Map.Entry<String, String> index : TargetSchema.of(Driver.MYSQL, 8).indexes().entrySet()) {
            exec(index.getValue().replaceFirst("^CREATE INDEX ", "CREATE INDEX IF NOT EXISTS "));
        }
    }

    /**
     * Step 8 narrows job's text columns to VARCHAR(50)/(25); MariaDB would reject (strict mode) or cut
     * longer values half-way through the step. Refuse before anything changes instead.
     */
    static void checkFitsVersion8(Connection c) throws SQLException {
        String user = columnExists(c, "job", "user") ? "`user`" : "hpc_user";
        String partition = columnExists(c, "job", "partition") ? "`partition`" : "cluster_partition";
        String sql = "SELECT COUNT(*) FROM job WHERE CHAR_LENGTH(cluster) > 50 OR CHAR_LENGTH(subcluster) > 50"
                + " OR CHAR_LENGTH(" + user + ") > 50 OR CHAR_LENGTH(project) > 50 OR CHAR_LENGTH(" + partition + ") > 50"
                + " OR CHAR_LENGTH(job_state) > 25";
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            if (rs.getLong(1) > 0) {
                throw new MigrationRefusedException(rs.getLong(1) + " jobs have a cluster, subcluster, user, project or"
                        + " partition longer than 50 characters, which schema 8 (VARCHAR(50)) cannot hold: shorten them"
                        + " first; nothing was changed");
            }
        }
    }

    private boolean tableExists(String table) throws SQLException {
        return count(c, "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = ?", table, null) > 0;
    }

    private boolean columnExists(String table, String column) throws SQLException {
        return columnExists(c, table, column);
    }

    private static boolean columnExists(Connection c, String table, String column) throws SQLException {
        return count(c, "SELECT COUNT(*) FROM information_schema.columns WHERE table_schema = DATABASE()"
                + " AND table_name = ? AND column_name = ?", table, column) > 0;
    }

    private static long count(Connection c, String sql, String a, String b) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, a);
            if (b != null) {
                ps.setString(2, b);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private void exec(String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}

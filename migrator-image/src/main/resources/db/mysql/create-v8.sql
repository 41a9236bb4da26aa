-- cc-backend MySQL/MariaDB schema version 8, written for cc-migrator (creates it from scratch).
-- Statements are separated by ';' at line end.

CREATE TABLE hpc_user (
    username VARCHAR(255) NOT NULL PRIMARY KEY,
    password VARCHAR(255) DEFAULT NULL,
    ldap TINYINT NOT NULL DEFAULT 0,
    name VARCHAR(255) DEFAULT NULL,
    roles VARCHAR(255) NOT NULL DEFAULT '[]',
    email VARCHAR(255) DEFAULT NULL,
    projects VARCHAR(255) NOT NULL DEFAULT '[]'
);

CREATE TABLE configuration (
    username VARCHAR(255) NOT NULL,
    confkey VARCHAR(255) NOT NULL,
    value TEXT,
    PRIMARY KEY (username, confkey),
    FOREIGN KEY (username) REFERENCES hpc_user (username) ON DELETE CASCADE ON UPDATE NO ACTION
);

CREATE TABLE job (
    id INTEGER AUTO_INCREMENT PRIMARY KEY,
    job_id BIGINT NOT NULL,
    cluster VARCHAR(50),
    subcluster VARCHAR(50),
    start_time BIGINT NOT NULL,
    hpc_user VARCHAR(50),
    project VARCHAR(50),
    cluster_partition VARCHAR(50),
    array_job_id BIGINT,
    duration INT NOT NULL DEFAULT 0,
    walltime INT NOT NULL DEFAULT 0,
    job_state VARCHAR(25) CHECK (job_state IN ('running', 'completed', 'failed', 'cancelled', 'stopped', 'timeout', 'preempted', 'out_of_memory')),
    meta_data TEXT,
    resources TEXT NOT NULL,
    num_nodes INT NOT NULL,
    num_hwthreads INT,
    num_acc INT,
    smt TINYINT NOT NULL DEFAULT 1 CHECK (smt IN (0, 1)),
    exclusive TINYINT NOT NULL DEFAULT 1 CHECK (exclusive IN (0, 1, 2)),
    monitoring_status TINYINT NOT NULL DEFAULT 1 CHECK (monitoring_status IN (0, 1, 2, 3)),
    energy DOUBLE NOT NULL DEFAULT 0,
    energy_footprint JSON DEFAULT NULL,
    footprint JSON DEFAULT NULL,
    UNIQUE KEY job_id (job_id, cluster, start_time)
);

CREATE TABLE tag (
    id INTEGER NOT NULL AUTO_INCREMENT PRIMARY KEY,
    tag_type VARCHAR(255) NOT NULL,
    tag_name VARCHAR(255) NOT NULL,
    insert_time TIMESTAMP NULL DEFAULT CURRENT_TIMESTAMP,
    tag_scope TEXT NOT NULL DEFAULT 'global',
    UNIQUE KEY tag_type (tag_type, tag_name)
);

CREATE TABLE jobtag (
    job_id INTEGER NOT NULL,
    tag_id INTEGER NOT NULL,
    insert_time TIMESTAMP NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (job_id, tag_id),
    FOREIGN KEY (job_id) REFERENCES job (id) ON DELETE CASCADE,
    FOREIGN KEY (tag_id) REFERENCES tag (id) ON DELETE CASCADE
);

-- Indexes
CREATE INDEX jobs_arrayjobid_starttime ON job (array_job_id, start_time);
CREATE INDEX jobs_cluster ON job (cluster);
CREATE INDEX jobs_cluster_arrayjobid_starttime ON job (cluster, array_job_id, start_time);
CREATE INDEX jobs_cluster_duration ON job (cluster, duration);
CREATE INDEX jobs_cluster_jobstate ON job (cluster, job_state);
CREATE INDEX jobs_cluster_jobstate_duration ON job (cluster, job_state, duration);
CREATE INDEX jobs_cluster_jobstate_numnodes ON job (cluster, job_state, num_nodes);
CREATE INDEX jobs_cluster_jobstate_project ON job (cluster, job_state, project);
CREATE INDEX jobs_cluster_jobstate_starttime ON job (cluster, job_state, start_time);
CREATE INDEX jobs_cluster_jobstate_user ON job (cluster, job_state, hpc_user);
CREATE INDEX jobs_cluster_numnodes ON job (cluster, num_nodes);
CREATE INDEX jobs_cluster_partition ON job (cluster, cluster_partition);
CREATE INDEX jobs_cluster_partition_duration ON job (cluster, cluster_partition, duration);
CREATE INDEX jobs_cluster_partition_jobstate ON job (cluster, cluster_partition, job_state);
CREATE INDEX jobs_cluster_partition_jobstate_duration ON job (cluster, cluster_partition, job_state, duration);
CREATE INDEX jobs_cluster_partition_jobstate_numnodes ON job (cluster, cluster_partition, job_state, num_nodes);
CREATE INDEX jobs_cluster_partition_jobstate_project ON job (cluster, cluster_partition, job_state, project);
CREATE INDEX jobs_cluster_partition_jobstate_starttime ON job (cluster, cluster_partition, job_state, start_time);
CREATE INDEX jobs_cluster_partition_jobstate_user ON job (cluster, cluster_partition, job_state, hpc_user);
CREATE INDEX jobs_cluster_partition_numnodes ON job (cluster, cluster_partition, num_nodes);
CREATE INDEX jobs_cluster_partition_starttime ON job (cluster, cluster_partition, start_time);
CREATE INDEX jobs_cluster_project ON job (cluster, project);
CREATE INDEX jobs_cluster_starttime ON job (cluster, start_time);
CREATE INDEX jobs_cluster_subcluster ON job (cluster, subcluster);
CREATE INDEX jobs_cluster_user ON job (cluster, hpc_user);
CREATE INDEX jobs_duration ON job (duration);
CREATE INDEX jobs_duration_starttime ON job (duration, start_time);
CREATE INDEX jobs_energy_starttime ON job (energy, start_time);
CREATE INDEX jobs_jobstate ON job (job_state);
CREATE INDEX jobs_jobstate_cluster ON job (job_state, cluster);
CREATE INDEX jobs_jobstate_duration ON job (job_state, duration);
CREATE INDEX jobs_jobstate_numnodes ON job (job_state, num_nodes);
CREATE INDEX jobs_jobstate_project ON job (job_state, project);
CREATE INDEX jobs_jobstate_starttime ON job (job_state, start_time);
CREATE INDEX jobs_jobstate_user ON job (job_state, hpc_user);
CREATE INDEX jobs_numacc_starttime ON job (num_acc, start_time);
CREATE INDEX jobs_numnodes ON job (num_nodes);
CREATE INDEX jobs_numnodes_starttime ON job (num_nodes, start_time);
CREATE INDEX jobs_project ON job (project);
CREATE INDEX jobs_project_duration ON job (project, duration);
CREATE INDEX jobs_project_numnodes ON job (project, num_nodes);
CREATE INDEX jobs_project_starttime ON job (project, start_time);
CREATE INDEX jobs_project_user ON job (project, hpc_user);
CREATE INDEX jobs_starttime ON job (start_time);
CREATE INDEX jobs_user ON job (hpc_user);
CREATE INDEX jobs_user_duration ON job (hpc_user, duration);
CREATE INDEX jobs_user_numnodes ON job (hpc_user, num_nodes);
CREATE INDEX jobs_user_starttime ON job (hpc_user, start_time);

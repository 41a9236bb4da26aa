-- cc-backend SQLite schema version 10, written for cc-migrator (creates it from scratch).
-- Statements are separated by ';' at line end.

CREATE TABLE hpc_user (
    username VARCHAR(255) NOT NULL PRIMARY KEY,
    password VARCHAR(255) DEFAULT NULL,
    ldap TINYINT NOT NULL DEFAULT 0,
    name VARCHAR(255) DEFAULT NULL,
    roles VARCHAR(255) NOT NULL DEFAULT "[]",
    email VARCHAR(255) DEFAULT NULL,
    projects VARCHAR(255) NOT NULL DEFAULT "[]"
);

CREATE TABLE configuration (
    username VARCHAR(255),
    confkey VARCHAR(255),
    value TEXT,
    PRIMARY KEY (username, confkey),
    FOREIGN KEY (username) REFERENCES hpc_user (username) ON DELETE CASCADE ON UPDATE NO ACTION
);

CREATE TABLE job (
    id INTEGER PRIMARY KEY,
    job_id BIGINT NOT NULL,
    cluster TEXT NOT NULL,
    subcluster TEXT NOT NULL,
    submit_time BIGINT NOT NULL DEFAULT 0,
    start_time BIGINT NOT NULL DEFAULT 0,
    hpc_user TEXT NOT NULL,
    project TEXT NOT NULL,
    cluster_partition TEXT,
    array_job_id BIGINT,
    duration INT NOT NULL,
    walltime INT NOT NULL,
    job_state TEXT NOT NULL CHECK (job_state IN ('boot_fail', 'cancelled', 'completed', 'deadline', 'failed', 'node_fail', 'out_of_memory', 'pending', 'preempted', 'running', 'suspended', 'timeout')),
    meta_data TEXT,
    resources TEXT NOT NULL,
    num_nodes INT NOT NULL,
    num_hwthreads INT,
    num_acc INT,
    smt INT NOT NULL DEFAULT 1,
    shared TEXT NOT NULL CHECK (shared IN ('none', 'single_user', 'multi_user')),
    monitoring_status TINYINT NOT NULL DEFAULT 1 CHECK (monitoring_status IN (0, 1, 2, 3)),
    energy REAL NOT NULL DEFAULT 0.0,
    energy_footprint TEXT DEFAULT NULL,
    footprint TEXT DEFAULT NULL,
    UNIQUE (job_id, cluster, start_time)
);

CREATE TABLE job_cache (
    id INTEGER PRIMARY KEY,
    job_id BIGINT NOT NULL,
    cluster VARCHAR(255) NOT NULL,
    subcluster VARCHAR(255) NOT NULL,
    submit_time BIGINT NOT NULL DEFAULT 0,
    start_time BIGINT NOT NULL DEFAULT 0,
    hpc_user VARCHAR(255) NOT NULL,
    project VARCHAR(255) NOT NULL,
    cluster_partition VARCHAR(255),
    array_job_id BIGINT,
    duration INT NOT NULL,
    walltime INT NOT NULL,
    job_state VARCHAR(255) NOT NULL CHECK (job_state IN ('boot_fail', 'cancelled', 'completed', 'deadline', 'failed', 'node_fail', 'out_of_memory', 'pending', 'preempted', 'running', 'suspended', 'timeout')),
    meta_data TEXT,
    resources TEXT NOT NULL,
    num_nodes INT NOT NULL,
    num_hwthreads INT,
    num_acc INT,
    smt TINYINT NOT NULL DEFAULT 1 CHECK (smt IN (0, 1)),
    shared TEXT NOT NULL CHECK (shared IN ('none', 'single_user', 'multi_user')),
    monitoring_status TINYINT NOT NULL DEFAULT 1 CHECK (monitoring_status IN (0, 1, 2, 3)),
    energy REAL NOT NULL DEFAULT 0.0,
    energy_footprint TEXT DEFAULT NULL,
    footprint TEXT DEFAULT NULL,
    UNIQUE (job_id, cluster, start_time)
);

CREATE TABLE tag (
    id INTEGER PRIMARY KEY,
    tag_type VARCHAR(255) NOT NULL,
    tag_name VARCHAR(255) NOT NULL,
    insert_ts TEXT DEFAULT CURRENT_TIMESTAMP,
    tag_scope TEXT NOT NULL DEFAULT 'global',
    UNIQUE (tag_type, tag_name)
);

CREATE TABLE jobtag (
    job_id INTEGER,
    tag_id INTEGER,
    insert_ts TEXT DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (job_id, tag_id),
    FOREIGN KEY (job_id) REFERENCES job (id) ON DELETE CASCADE,
    FOREIGN KEY (tag_id) REFERENCES tag (id) ON DELETE CASCADE
);

CREATE TABLE node (
    id INTEGER PRIMARY KEY,
    hostname VARCHAR(255) NOT NULL,
    cluster VARCHAR(255) NOT NULL,
    subcluster VARCHAR(255) NOT NULL,
    meta_data TEXT,
    UNIQUE (hostname, cluster)
);

CREATE TABLE node_state (
    id INTEGER PRIMARY KEY,
    time_stamp INTEGER NOT NULL,
    jobs_running INTEGER DEFAULT 0 NOT NULL,
    cpus_allocated INTEGER DEFAULT 0 NOT NULL,
    memory_allocated INTEGER DEFAULT 0 NOT NULL,
    gpus_allocated INTEGER DEFAULT 0 NOT NULL,
    node_state VARCHAR(255) NOT NULL CHECK (node_state IN ('allocated', 'reserved', 'idle', 'mixed', 'down', 'unknown')),
    health_state VARCHAR(255) NOT NULL CHECK (health_state IN ('full', 'partial', 'failed')),
    health_metrics TEXT,
    node_id INTEGER,
    FOREIGN KEY (node_id) REFERENCES node (id)
);

-- Indexes
CREATE INDEX jobs_arrayjobid_starttime ON job (array_job_id, start_time);
CREATE INDEX jobs_cluster_arrayjobid_starttime ON job (cluster, array_job_id, start_time);
CREATE INDEX jobs_cluster_duration_starttime ON job (cluster, duration, start_time);
CREATE INDEX jobs_cluster_energy ON job (cluster, energy);
CREATE INDEX jobs_cluster_jobstate_duration_starttime ON job (cluster, job_state, duration, start_time);
CREATE INDEX jobs_cluster_jobstate_energy ON job (cluster, job_state, energy);
CREATE INDEX jobs_cluster_jobstate_numacc ON job (cluster, job_state, num_acc);
CREATE INDEX jobs_cluster_jobstate_numhwthreads ON job (cluster, job_state, num_hwthreads);
CREATE INDEX jobs_cluster_jobstate_numnodes ON job (cluster, job_state, num_nodes);
CREATE INDEX jobs_cluster_jobstate_project ON job (cluster, job_state, project);
CREATE INDEX jobs_cluster_jobstate_starttime_duration ON job (cluster, job_state, start_time, duration);
CREATE INDEX jobs_cluster_jobstate_user ON job (cluster, job_state, hpc_user);
CREATE INDEX jobs_cluster_numacc ON job (cluster, num_acc);
CREATE INDEX jobs_cluster_numhwthreads ON job (cluster, num_hwthreads);
CREATE INDEX jobs_cluster_numnodes ON job (cluster, num_nodes);
CREATE INDEX jobs_cluster_partition_duration_starttime ON job (cluster, cluster_partition, duration, start_time);
CREATE INDEX jobs_cluster_partition_energy ON job (cluster, cluster_partition, energy);
CREATE INDEX jobs_cluster_partition_jobstate ON job (cluster, cluster_partition, job_state);
CREATE INDEX jobs_cluster_partition_numacc ON job (cluster, cluster_partition, num_acc);
CREATE INDEX jobs_cluster_partition_numhwthreads ON job (cluster, cluster_partition, num_hwthreads);
CREATE INDEX jobs_cluster_partition_numnodes ON job (cluster, cluster_partition, num_nodes);
CREATE INDEX jobs_cluster_partition_project ON job (cluster, cluster_partition, project);
CREATE INDEX jobs_cluster_partition_shared ON job (cluster, cluster_partition, shared);
CREATE INDEX jobs_cluster_partition_starttime_duration ON job (cluster, cluster_partition, start_time, duration);
CREATE INDEX jobs_cluster_partition_user ON job (cluster, cluster_partition, hpc_user);
CREATE INDEX jobs_cluster_project ON job (cluster, project);
CREATE INDEX jobs_cluster_shared_duration_starttime ON job (cluster, shared, duration, start_time);
CREATE INDEX jobs_cluster_shared_energy ON job (cluster, shared, energy);
CREATE INDEX jobs_cluster_shared_numacc ON job (cluster, shared, num_acc);
CREATE INDEX jobs_cluster_shared_numhwthreads ON job (cluster, shared, num_hwthreads);
CREATE INDEX jobs_cluster_shared_numnodes ON job (cluster, shared, num_nodes);
CREATE INDEX jobs_cluster_shared_project ON job (cluster, shared, project);
CREATE INDEX jobs_cluster_shared_starttime_duration ON job (cluster, shared, start_time, duration);
CREATE INDEX jobs_cluster_shared_user ON job (cluster, shared, hpc_user);
CREATE INDEX jobs_cluster_starttime_duration ON job (cluster, start_time, duration);
CREATE INDEX jobs_cluster_subcluster ON job (cluster, subcluster);
CREATE INDEX jobs_cluster_user ON job (cluster, hpc_user);
CREATE INDEX jobs_duration ON job (duration);
CREATE INDEX jobs_duration_starttime ON job (duration, start_time);
CREATE INDEX jobs_energy_duration ON job (energy, duration);
CREATE INDEX jobs_energy_starttime ON job (energy, start_time);
CREATE INDEX jobs_jobstate_duration_starttime ON job (job_state, duration, start_time);
CREATE INDEX jobs_jobstate_energy ON job (job_state, energy);
CREATE INDEX jobs_jobstate_numacc ON job (job_state, num_acc);
CREATE INDEX jobs_jobstate_numhwthreads ON job (job_state, num_hwthreads);
CREATE INDEX jobs_jobstate_numnodes ON job (job_state, num_nodes);
CREATE INDEX jobs_jobstate_project ON job (job_state, project);
CREATE INDEX jobs_jobstate_starttime_duration ON job (job_state, start_time, duration);
CREATE INDEX jobs_jobstate_user ON job (job_state, hpc_user);
CREATE INDEX jobs_numacc_duration ON job (num_acc, duration);
CREATE INDEX jobs_numacc_starttime ON job (num_acc, start_time);
CREATE INDEX jobs_numhwthreads_duration ON job (num_hwthreads, duration);
CREATE INDEX jobs_numhwthreads_starttime ON job (num_hwthreads, start_time);
CREATE INDEX jobs_numnodes_duration ON job (num_nodes, duration);
CREATE INDEX jobs_numnodes_starttime ON job (num_nodes, start_time);
CREATE INDEX jobs_project_duration_starttime ON job (project, duration, start_time);
CREATE INDEX jobs_project_energy ON job (project, energy);
CREATE INDEX jobs_project_numacc ON job (project, num_acc);
CREATE INDEX jobs_project_numhwthreads ON job (project, num_hwthreads);
CREATE INDEX jobs_project_numnodes ON job (project, num_nodes);
CREATE INDEX jobs_project_starttime_duration ON job (project, start_time, duration);
CREATE INDEX jobs_project_user ON job (project, hpc_user);
CREATE INDEX jobs_shared_duration_starttime ON job (shared, duration, start_time);
CREATE INDEX jobs_shared_energy ON job (shared, energy);
CREATE INDEX jobs_shared_numacc ON job (shared, num_acc);
CREATE INDEX jobs_shared_numhwthreads ON job (shared, num_hwthreads);
CREATE INDEX jobs_shared_numnodes ON job (shared, num_nodes);
CREATE INDEX jobs_shared_project ON job (shared, project);
CREATE INDEX jobs_shared_starttime_duration ON job (shared, start_time, duration);
CREATE INDEX jobs_shared_user ON job (shared, hpc_user);
CREATE INDEX jobs_starttime ON job (start_time);
CREATE INDEX jobs_starttime_duration ON job (start_time, duration);
CREATE INDEX jobs_user_duration_starttime ON job (hpc_user, duration, start_time);
CREATE INDEX jobs_user_energy ON job (hpc_user, energy);
CREATE INDEX jobs_user_numacc ON job (hpc_user, num_acc);
CREATE INDEX jobs_user_numhwthreads ON job (hpc_user, num_hwthreads);
CREATE INDEX jobs_user_numnodes ON job (hpc_user, num_nodes);
CREATE INDEX jobs_user_starttime_duration ON job (hpc_user, start_time, duration);
CREATE INDEX tags_jobid ON jobtag (job_id);
CREATE INDEX tags_tagid ON jobtag (tag_id);
CREATE INDEX nodes_cluster ON node (cluster);
CREATE INDEX nodes_cluster_subcluster ON node (cluster, subcluster);
CREATE INDEX nodestates_health_timestamp ON node_state (health_state, time_stamp);
CREATE INDEX nodestates_nodeid_health ON node_state (node_id, health_state);
CREATE INDEX nodestates_nodeid_state ON node_state (node_id, node_state);
CREATE INDEX nodestates_nodeid_timestamp ON node_state (node_id, time_stamp);
CREATE INDEX nodestates_state_timestamp ON node_state (node_state, time_stamp);
CREATE INDEX nodestates_timestamp ON node_state (time_stamp);

#!/usr/bin/env bash
# Writes tab-separated rows of a realistic cc-backend schema-8 database into DIR, ready for
# MariaDB's LOAD DATA: hpc_user, configuration, tag, job (every job state), jobtag (10 % of jobs tagged,
# 1 % twice). Usage: bench/db-convert-data.sh JOBS DIR. Deterministic (fixed seed).
set -euo pipefail
jobs=${1:?number of jobs}
dir=${2:?output directory}
mkdir -p "$dir"

awk -v n="$jobs" -v dir="$dir" 'BEGIN {
  srand(42); OFS = "\t"
  users = 500; tags = 40
  for (u = 0; u < users; u++) {
    print "user" u, "\\N", (u % 7 == 0), "User " u, "[\"user\"]", "user" u "@example.org", "[\"proj" (u % 80) "\"]" > (dir "/hpc_user.tsv")
    print "user" u, "plot_list_selectedMetrics", "[\"flops_any\",\"mem_bw\",\"cpu_load\"]" > (dir "/configuration.tsv")
    if (u % 3 == 0) print "user" u, "job_view_nodestats_selectedMetrics", "[\"cpu_load\"]" > (dir "/configuration.tsv")
  }
  split("app:gromacs app:lammps app:vasp issue:lowload issue:memory issue:io pattern:idle pattern:gpu", kinds, " ")
  for (t = 1; t <= tags; t++) {
    split(kinds[(t % 8) + 1], k, ":")
    print t, k[1], k[2] "-" t, "2024-0" (1 + t % 9) "-1" (t % 10) " 08:00:" sprintf("%02d", t % 60), (t % 5 == 0 ? "admin" : "global") > (dir "/tag.tsv")
  }
  nstates = split("completed completed completed completed completed completed failed cancelled timeout preempted out_of_memory stopped running", states, " ")
  split("emmy fritz alex", clusters, " ")
  for (i = 1; i <= n; i++) {
    c = clusters[(i % 3) + 1]
    nodes = 1 + int(rand() * 8)
    res = "["
    for (h = 0; h < nodes; h++) res = res (h ? "," : "") "{\"hostname\":\"" substr(c, 1, 1) sprintf("%04d", (i * 7 + h) % 1000) "\",\"hwthreads\":[0,1,2,3]}"
    res = res "]"
    start = 1700000000 + i * 31
    dur = int(rand() * 86400)
    energy = (c == "alex") ? sprintf("%.2f", rand() * 5000) : 0
    efp = (c == "alex") ? "{\"acc_power\":" sprintf("%.1f", rand() * 300) "}" : "\\N"
    fp = "{\"cpu_load_avg\":" sprintf("%.2f", rand() * 72) ",\"flops_any_avg\":" sprintf("%.3f", rand() * 500) ",\"mem_bw_avg\":" sprintf("%.2f", rand() * 200) ",\"mem_used_max\":" sprintf("%.1f", rand() * 256) "}"
    meta = "{\"jobName\":\"sim_" i "\",\"slurmInfo\":\"qos=normal account=proj" (i % 80) "\"}"
    print i, 100000 + i, c, (c == "alex" ? "a40" : "main"), start, "user" (i % 500), "proj" (i % 80), (i % 4 ? "work" : "\\N"), \
      (i % 10 == 0 ? 900000 + int(i / 10) : "\\N"), dur, 86400, states[(i % nstates) + 1], meta, res, nodes, nodes * 72, \
      (c == "alex" ? nodes * 8 : "\\N"), i % 2, i % 3, (i % 4 == 0 ? 0 : 1), energy, efp, fp > (dir "/job.tsv")
    if (i % 10 == 0) print i, 1 + (i % tags), "2024-05-0" (1 + i % 9) " 12:" sprintf("%02d:%02d", i % 60, (i / 60) % 60) > (dir "/jobtag.tsv")
    if (i % 100 == 0) print i, 1 + ((i + 7) % tags), "\\N" > (dir "/jobtag.tsv")
  }
}'

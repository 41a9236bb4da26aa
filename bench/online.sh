#!/usr/bin/env bash
# Benchmark: online upgrade (prepare while cc-backend runs, then cutover) against an offline
# migration of the same changed data, in the same run; checks that both results are identical.
#   bench/online.sh [DB_JOBS] [ARCHIVE_JOBS] [catch-up|no-catch-up]      default: 200000 100000 catch-up
# Target: cutover (the downtime part) <= 0.1 x the offline migration.
source "$(dirname "$0")/archive-common.sh"
db_jobs=${1:-200000}
archive_jobs=${2:-100000}
mode=${3:-catch-up}
case $mode in catch-up|no-catch-up) ;; *) echo "error: the third argument is catch-up or no-catch-up, not '$mode'" >&2; exit 2;; esac
work=$(mktemp -d "${TMPDIR:-/tmp}/ccm-online-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
conditions
db="$work/job.db"; archive="$work/job-archive"

# the archive first: its jobs were written long before an upgrade (a prepare looks again at what changed in its last 2 s)
generate --out "$archive" --jobs "$archive_jobs" --version 2
ccm generate db --out "$db" --jobs "$db_jobs" --schema 7 --stopped-jobs 100 >/dev/null
python3 -c 'import sqlite3,sys; sqlite3.connect(sys.argv[1]).execute("PRAGMA journal_mode=WAL")' "$db"
echo "generated: $db_jobs database jobs at schema 7 ($(( $(stat -c %s "$db") / 1048576 )) MiB), $archive_jobs archived jobs at version 2"

# 1. an online upgrade while "cc-backend" (a connection held open in WAL mode, as cc-backend holds it) runs:
#    db prepare and archive prepare; then cc-backend changes the data as the issue says; then `upgrade --online`,
#    which keeps both prepares and catches the database up; in the seconds until cc-backend stops it writes a little
#    more; the offline copies are taken, and it "stops". Mode no-catch-up: it stops before `upgrade --online
#    --assume-stopped` (which does not catch up), so the cutover applies every change since the prepares.
log="$work/upgrade.log"
python3 - "$jar" "$heap" "$db" "$archive" "$log" "$work" "$mode" <<'EOF'
import json, os, shutil, sqlite3, subprocess, sys, time
jar, heap, db, archive, log, work, mode = sys.argv[1:8]
def ccm(*args):
    return ["java", f"-Xmx{heap}", "-jar", jar, *args]
c = sqlite3.connect(db, isolation_level=None)
c.execute("SELECT COUNT(*) FROM job").fetchone()           # cc-backend, idle between requests
t0 = time.time()
subprocess.run(ccm("db", "prepare", "--driver", "sqlite3", "--db", db, "--to-version", "11", "--output", db + ".next",
                   "--map-state", "stopped=completed"), check=True, stdout=subprocess.DEVNULL)
subprocess.run(ccm("archive", "prepare", "--archive", archive, "--to-version", "3", "--output", archive + ".next",
                   "--map-state", "stopped=completed"), check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
open(os.path.join(work, "prepared.txt"), "w").write(f"{time.time() - t0:.2f}")
c.executescript("""
BEGIN;
CREATE TEMP TABLE fresh AS SELECT * FROM job ORDER BY id LIMIT 500;
UPDATE fresh SET id = id + 100000000, job_id = job_id + 100000000;
INSERT INTO job SELECT * FROM fresh;
UPDATE job SET job_state = 'completed', duration = 3600
  WHERE id IN (SELECT id FROM job WHERE job_state = 'running' ORDER BY id LIMIT 200);
INSERT INTO tag (id, tag_type, tag_name) VALUES (900001, 'bench', 'online');
INSERT INTO jobtag (job_id, tag_id) SELECT id, 900001 FROM job ORDER BY id LIMIT 300;
DELETE FROM jobtag WHERE rowid IN (SELECT rowid FROM jobtag WHERE tag_id <> 900001 ORDER BY rowid LIMIT 100);
COMMIT;
""")
jobs = sorted(root for root, dirs, files in os.walk(archive) if "meta.json" in files)
for gone in jobs[-100:]:
    shutil.rmtree(gone)
for job in jobs[1000:1200]:
    p = os.path.join(job, "meta.json")
    meta = json.load(open(p))
    meta["tags"] = (meta.get("tags") or []) + [{"id": 900001, "type": "bench", "name": "online"}]
    open(p, "w").write(json.dumps(meta))                    # in place, as cc-backend writes it
for i, job in enumerate(jobs[:500]):
    shutil.copytree(job, os.path.join(os.path.dirname(job), str(1900000000 + i)))
upgrade = ["upgrade", "--online", "--driver", "sqlite3", "--db", db, "--archive", archive, "--to-release", "v1.5.4",
           "--map-state", "stopped=completed"]
def stop():                                                 # the offline run's input is the same changed data
    c.execute("PRAGMA wal_checkpoint(FULL)")
    c.backup(sqlite3.connect(os.path.join(work, "offline.db")))
    subprocess.run(["cp", "-al", archive, os.path.join(work, "offline-archive")], check=True)
    os.sync()                                               # the copies' writes are not the cutover's to flush
    c.close()                                               # cc-backend stops
if mode == "no-catch-up":
    stop()
    upgrade.append("--assume-stopped")
with open(os.path.join(work, "summary.json"), "w") as out, open(log, "w") as err:
    run = subprocess.Popen(ccm(*upgrade), stdout=out, stderr=err)
    if mode == "catch-up":
        while "now stop cc-backend" not in open(log).read():
            if run.poll() is not None:
                sys.exit("upgrade --online ended early: " + open(log).read())
            time.sleep(0.2)
        # the last seconds before the stop: a few jobs start and finish, a job is tagged, one is archived
        c.executescript("""
        BEGIN;
        CREATE TEMP TABLE late AS SELECT * FROM job ORDER BY id LIMIT 10 OFFSET 1000;
        UPDATE late SET id = id + 200000000, job_id = job_id + 200000000;
        INSERT INTO job SELECT * FROM late;
        UPDATE job SET job_state = 'completed', duration = 60
          WHERE id IN (SELECT id FROM job WHERE job_state = 'running' ORDER BY id LIMIT 10);
        INSERT INTO jobtag (job_id, tag_id) SELECT id, 900001 FROM job ORDER BY id LIMIT 10 OFFSET 300;
        COMMIT;
        """)
        shutil.copytree(jobs[600], os.path.join(os.path.dirname(jobs[600]), "1990000000"))
        stop()
    if run.wait() != 0:
        sys.exit("upgrade --online failed: " + open(log).read())
EOF
echo "changed while prepared: +500 database jobs, 200 finished, +300/-100 jobtags; -100 archived jobs, 200 meta.json retagged, +500 archived jobs"
if [ "$mode" = catch-up ]; then
  echo "changed after the catch-up, until the stop: +10 database jobs, 10 finished, +10 jobtags; +1 archived job"
fi

# 2. offline, on the copies
sync
t3=$(now)
ccm db migrate --driver sqlite3 --db "$work/offline.db" --to-version 11 --map-state stopped=completed >/dev/null
t4=$(now)
ccm archive migrate --archive "$work/offline-archive" --to-version 3 --mode in-place --map-state stopped=completed >/dev/null 2>&1
t5=$(now)

# 5. the same result
python3 - "$db" "$work/offline.db" "$archive" "$work/offline-archive" <<'EOF'
import hashlib, os, sqlite3, sys
def tables(path):
    c = sqlite3.connect(path)
    out = {}
    for t, key in [("job", "id"), ("tag", "id"), ("jobtag", "job_id, tag_id"), ("hpc_user", "username"), ("configuration", "username, confkey")]:
        h = hashlib.sha256()
        for row in c.execute(f"SELECT * FROM {t} ORDER BY {key}"):
            h.update(repr(row).encode())
        out[t] = h.hexdigest()
    return out
def tree(root):
    out = {}
    for d, _, files in os.walk(root):
        for f in files:
            p = os.path.join(d, f)
            out[os.path.relpath(p, root)] = hashlib.sha256(open(p, "rb").read()).hexdigest()
    return out
a, b = tables(sys.argv[1]), tables(sys.argv[2])
assert a == b, f"database differs: {[t for t in a if a[t] != b[t]]}"
x, y = tree(sys.argv[3]), tree(sys.argv[4])
assert x == y, f"archive differs: {len(set(x.items()) ^ set(y.items()))} files"
print(f"identical: 5 tables, {len(x)} archive files")
EOF

read -r catch_up downtime cut_db cut_archive < <(python3 - "$work/summary.json" <<'EOF'
import json, sys
s = json.load(open(sys.argv[1]))
seconds = {x["description"]: x["seconds"] for x in s["steps"]}
print(f"{seconds.get('db catch-up', 0):.2f} {s['downtimeSeconds']:.2f} {seconds['db cutover']:.2f} {seconds['archive cutover']:.2f}")
EOF
)
offline=$(secs "$t3" "$t5")
printf '%-34s %8s %8s %8s\n' "" database archive total
printf '%-34s %8s %8s %8s\n' "offline migration (wall, 2 JVMs)" "$(secs "$t3" "$t4")" "$(secs "$t4" "$t5")" "$offline"
printf '%-34s %8s %8s %8s\n' "online: prepare (cc-backend up)" "" "" "$(cat "$work/prepared.txt")"
printf '%-34s %8s %8s %8s\n' "online: catch-up (cc-backend up)" "$catch_up" "" "$catch_up"
printf '%-34s %8s %8s %8s\n' "online: cutover (downtime)" "$cut_db" "$cut_archive" "$downtime"
echo "downtime online / offline = $(ratio "$downtime" "$offline")  (target <= 0.10; mode $mode)"

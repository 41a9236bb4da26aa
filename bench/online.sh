#!/usr/bin/env bash
# Benchmark: online upgrade (prepare while cc-backend runs, then cutover) against an offline
# migration of the same changed data, in the same run; checks that both results are identical.
#   bench/online.sh [DB_JOBS] [ARCHIVE_JOBS]      default: 200000 100000
# Target: cutover (the downtime part) <= 0.1 x the offline migration.
source "$(dirname "$0")/archive-common.sh"
db_jobs=${1:-200000}
archive_jobs=${2:-100000}
work=$(mktemp -d "${TMPDIR:-/tmp}/ccm-online-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
conditions
db="$work/job.db"; archive="$work/job-archive"

ccm generate db --out "$db" --jobs "$db_jobs" --schema 7 --stopped-jobs 100 >/dev/null
python3 -c 'import sqlite3,sys; sqlite3.connect(sys.argv[1]).execute("PRAGMA journal_mode=WAL")' "$db"
generate --out "$archive" --jobs "$archive_jobs" --version 2
echo "generated: $db_jobs database jobs at schema 7 ($(( $(stat -c %s "$db") / 1048576 )) MiB), $archive_jobs archived jobs at version 2"

# 1. prepare, as if cc-backend were running
t0=$(now)
ccm db prepare --driver sqlite3 --db "$db" --to-version 11 --output "$db.next" --map-state stopped=completed >/dev/null
t1=$(now)
ccm archive prepare --archive "$archive" --to-version 3 --output "$archive.next" --map-state stopped=completed >/dev/null 2>&1
t2=$(now)

# 2. what cc-backend does meanwhile
python3 - "$db" "$archive" <<'EOF'
import json, os, shutil, sqlite3, sys
db, archive = sys.argv[1], sys.argv[2]
c = sqlite3.connect(db)
c.executescript("""
CREATE TEMP TABLE fresh AS SELECT * FROM job ORDER BY id LIMIT 500;
UPDATE fresh SET id = id + 100000000, job_id = job_id + 100000000;
INSERT INTO job SELECT * FROM fresh;
UPDATE job SET job_state = 'completed', duration = 3600
  WHERE id IN (SELECT id FROM job WHERE job_state = 'running' ORDER BY id LIMIT 200);
INSERT INTO tag (id, tag_type, tag_name) VALUES (900001, 'bench', 'online');
INSERT INTO jobtag (job_id, tag_id) SELECT id, 900001 FROM job ORDER BY id LIMIT 300;
DELETE FROM jobtag WHERE rowid IN (SELECT rowid FROM jobtag WHERE tag_id <> 900001 ORDER BY rowid LIMIT 100);
""")
c.commit(); c.close()
jobs = []
for root, dirs, files in os.walk(archive):
    if "meta.json" in files:
        jobs.append(root)
jobs.sort()
for gone in jobs[-100:]:
    shutil.rmtree(gone)
for job in jobs[1000:1200]:
    p = os.path.join(job, "meta.json")
    meta = json.load(open(p))
    tags = meta.get("tags") or []
    tags.append({"id": 900001, "type": "bench", "name": "online"})
    meta["tags"] = tags
    open(p, "w").write(json.dumps(meta))
for i, job in enumerate(jobs[:500]):
    shutil.copytree(job, os.path.join(os.path.dirname(job), str(1900000000 + i)))
EOF
echo "changed: +500 database jobs, 200 finished, +300/-100 jobtags; -100 archived jobs, 200 meta.json retagged, +500 archived jobs"

# 3. offline, on copies of the changed data (cp -al: in-place replaces files by rename, never writes through a link)
cp "$db" "$work/offline.db"
cp -al "$archive" "$work/offline-archive"
sync
t3=$(now)
ccm db migrate --driver sqlite3 --db "$work/offline.db" --to-version 11 --map-state stopped=completed >/dev/null
t4=$(now)
ccm archive migrate --archive "$work/offline-archive" --to-version 3 --mode in-place --map-state stopped=completed >/dev/null 2>&1
t5=$(now)

# 4. cutover: the downtime part
ccm db cutover --driver sqlite3 --db "$db" --prepared "$db.next" > "$work/db-cutover.json"
t6=$(now)
ccm archive cutover --archive "$archive" --prepared "$archive.next" > "$work/archive-cutover.json"
t7=$(now)

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

offline=$(secs "$t3" "$t5"); cutover=$(secs "$t5" "$t7")
printf '%-22s %8s %8s %8s\n' "" database archive total
printf '%-22s %8s %8s %8s\n' "prepare (online)" "$(secs "$t0" "$t1")" "$(secs "$t1" "$t2")" "$(secs "$t0" "$t2")"
printf '%-22s %8s %8s %8s\n' "offline migration" "$(secs "$t3" "$t4")" "$(secs "$t4" "$t5")" "$offline"
printf '%-22s %8s %8s %8s\n' "cutover (downtime)" "$(secs "$t5" "$t6")" "$(secs "$t6" "$t7")" "$cutover"
echo "cutover / offline = $(ratio "$cutover" "$offline")  (target <= 0.10; JVM start included in every figure)"

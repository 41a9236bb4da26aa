#!/usr/bin/env bash
# Benchmark: migrate a generated schema-7 SQLite database (10 % of jobs tagged) to schema 11
# with the heap capped at 256 MB, and check that nothing was lost.
#   bench/db-migrate.sh [JOBS...]        default: 200000 1000000
# Build the jar first: mvn -B -q -pl migrator-image -am -DskipTests package
set -euo pipefail
cd "$(dirname "$0")/.."
jar=migrator-image/target/cc-migrator.jar
[ -f "$jar" ] || { echo "error: $jar missing: run mvn -B -q -pl migrator-image -am -DskipTests package" >&2; exit 2; }
work=$(mktemp -d "${TMPDIR:-/tmp}/ccm-db-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
[ $# -gt 0 ] || set -- 200000 1000000

printf '%-9s %-14s %-12s %-11s %-11s %s\n' jobs MiB_before/after generate_s migrate_s step_ms "jobtag before/after"
for jobs in "$@"; do
  db="$work/job-$jobs.db"
  t0=$(date +%s.%N)
  java -Xmx256m -jar "$jar" generate db --out "$db" --jobs "$jobs" --schema 7 >/dev/null
  # cc-backend keeps its database in WAL mode; so does the benchmark.
  python3 -c 'import sqlite3,sys; sqlite3.connect(sys.argv[1]).execute("PRAGMA journal_mode=WAL")' "$db"
  before_mib=$(( $(stat -c %s "$db") / 1048576 ))
  t1=$(date +%s.%N)
  java -Xmx256m -jar "$jar" db migrate --driver sqlite3 --db "$db" --to-version 11 >"$work/summary.json"
  t2=$(date +%s.%N)
  java -jar "$jar" db verify --driver sqlite3 --db "$db" --version 11 >/dev/null
  read -r step before after < <(python3 -c '
import json,sys; s=json.load(open(sys.argv[1]))
print(sum(x["durationMs"] for x in s["steps"]), s["rowsBefore"]["jobtag"], s["rowsAfter"]["jobtag"])' "$work/summary.json")
  [ "$before" = "$after" ] || { echo "error: jobtag rows $before -> $after" >&2; exit 1; }
  printf '%-9s %-14s %-12.1f %-11.1f %-11s %s\n' "$jobs" "$before_mib/$(( $(stat -c %s "$db") / 1048576 ))" \
    "$(echo "$t1 - $t0" | bc)" "$(echo "$t2 - $t1" | bc)" "$step" "$before/$after"
  rm -f "$db" "$db"-*
done
echo "machine: $(nproc) cores, $(uname -sr), $(java -version 2>&1 | head -1)"

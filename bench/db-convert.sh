#!/usr/bin/env bash
# Benchmark of `cc-migrator db convert`: a MariaDB schema-8 database with JOBS jobs (default
# 1,000,000; 10 % tagged, every job state) is converted into a new SQLite file with the JVM heap
# capped at 256 MB, then checked with `db verify`. Target: under 2 minutes for 1,000,000 jobs.
#
# Usage: bench/db-convert.sh [JOBS]
#   MARIADB_HOST/MARIADB_PORT/MARIADB_USER/MARIADB_PASSWORD (default 127.0.0.1, 3307, ccm, ccm)
#   KEEP=1   reuse the source database of an earlier run when it holds JOBS jobs (loading takes minutes)
#   HEAP     JVM heap cap (default 256m)
# Output in bench-out/db-convert/: convert.json (the summary), convert.log (progress), timings.
# The source database ccm_bench_convert_JOBS stays on the server for KEEP=1 runs; drop it when done.
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=${1:-1000000}
host=${MARIADB_HOST:-127.0.0.1}
port=${MARIADB_PORT:-3307}
user=${MARIADB_USER:-ccm}
pass=${MARIADB_PASSWORD:-ccm}
heap=${HEAP:-256m}
db="ccm_bench_convert_${jobs}"
dsn="$user:$pass@tcp($host:$port)/$db"
jar=migrator-image/target/cc-migrator.jar
out=bench-out/db-convert
mkdir -p "$out"
sql() { mariadb -h"$host" -P"$port" -u"$user" -p"$pass" --local-infile=1 "$@"; }

[ -f "$jar" ] || mvn -B -q -pl migrator-image -am -DskipTests package

if [ "${KEEP:-0}" = 1 ] && [ "$(sql -N -e "SELECT COUNT(*) FROM \`$db\`.job" 2>/dev/null)" = "$jobs" ]; then
  echo "reusing $db with $jobs jobs"
else
  echo "generating $jobs jobs ..."
  data="$out/data"
  rm -rf "$data"
  bench/db-convert-data.sh "$jobs" "$data"
  sql -e "DROP DATABASE IF EXISTS \`$db\`; CREATE DATABASE \`$db\` CHARACTER SET utf8mb4"
  java -jar "$jar" db migrate --driver mysql --db "$dsn" --to-version 8 --create >"$out/source-migrate.json"
  echo "loading into MariaDB $db ..."
  start=$(date +%s)
  for table in hpc_user configuration tag job jobtag; do
    sql "$db" -e "SET unique_checks = 0; SET foreign_key_checks = 0;
                  LOAD DATA LOCAL INFILE '$(pwd)/$data/$table.tsv' INTO TABLE \`$table\`"
  done
  echo "loaded in $(( $(date +%s) - start )) s"
  rm -rf "$data"
fi

target="$out/job.db"
rm -f "$target" "$target".partial*
echo "converting (heap $heap) ..."
start=$(date +%s.%N)
/usr/bin/time -f "%e s wall, %M KB max RSS, %U s user, %S s sys" -o "$out/time.txt" \
  java -Xmx"$heap" -jar "$jar" db convert --from-driver mysql --from "$dsn" --to "$target" >"$out/convert.json" 2>"$out/convert.log"
end=$(date +%s.%N)
java -jar "$jar" db verify --driver sqlite3 --db "$target" --version 8 >"$out/verify.json"
printf 'convert: %.1f s for %s jobs (%s); schema verified: %s\n' "$(echo "$end - $start" | bc)" "$jobs" \
  "$(cat "$out/time.txt")" "$(grep -o '"matches" : [a-z]*' "$out/verify.json")"
grep -E '"(table|rows|seconds|durationSeconds)"' "$out/convert.json" | tr -d ' ,"' | paste -sd' ' | sed 's/table:/\n  /g'
echo
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $(du -h "$target" | cut -f1) SQLite file"

#!/usr/bin/env bash
# 2→3 in place on a generated archive of JOBS jobs (default 100,000), heap capped at 256 MB.
# Target: >= 3,000 jobs/s with the crash-safety guarantees (atomic replace, journal, one sync before version.txt).
# Usage: bench/archive-inplace.sh [JOBS] [DIR]   (DIR defaults to /tmp, the same filesystem as /work)
source "$(dirname "$0")/archive-common.sh"
jobs=${1:-100000}
base=${2:-/tmp}/ccm-bench-inplace-$$
trap 'rm -rf "$base"' EXIT
conditions
echo "generating $jobs jobs (version 2, 4 KB gzip data) in $base …"
generate --out "$base" --jobs "$jobs" --version 2 --data-bytes 4096 --stopped $((jobs / 100))
sync -f "$base"
start=$(now)
ccm archive migrate --archive "$base" --to-version 3 --mode in-place --map-state stopped=completed \
    --progress-interval 10 > /tmp/ccm-bench-inplace-$$.json
end=$(now)
t=$(secs "$start" "$end")
echo "2→3 in place: $jobs jobs in $t s = $(rate "$jobs" "$t") jobs/s (wall clock, JVM start, pre-scan and final sync included)"
grep -E '"(migrated|jobsPerSecond)"' /tmp/ccm-bench-inplace-$$.json; rm -f /tmp/ccm-bench-inplace-$$.json

#!/usr/bin/env bash
# Shard scaling: 2→3 in place on JOBS jobs (default 100,000) with 1, 2 and 4 concurrent shard processes
# (each --workers 1, heap 256 MB), then finalize. Prints wall time, total and per-shard throughput.
# Usage: bench/archive-shards.sh [JOBS] [DIR]
source "$(dirname "$0")/archive-common.sh"
jobs=${1:-100000}
dir=${2:-/tmp}
pristine=$dir/ccm-bench-shards-pristine-$$
work=$dir/ccm-bench-shards-work-$$
trap 'rm -rf "$pristine" "$work" "$work".shard-*.json' EXIT
conditions
echo "generating $jobs jobs (version 2, 4 KB gzip data) …"
generate --out "$pristine" --jobs "$jobs" --version 2 --data-bytes 4096
for n in 1 2 4; do
  rm -rf "$work"; cp -a "$pristine" "$work"; sync -f "$work"
  start=$(now)
  pids=()
  for ((i = 0; i < n; i++)); do
    ccm archive migrate --archive "$work" --to-version 3 --mode in-place --shard "$i/$n" --workers 1 \
        --progress-interval 30 > "$work.shard-$i.json" 2>/dev/null &
    pids+=($!)
  done
  for p in "${pids[@]}"; do wait "$p"; done
  ccm archive finalize --archive "$work" --shards "$n" --to-version 3 >/dev/null
  end=$(now)
  t=$(secs "$start" "$end")
  per=$(python3 -c "import json,sys; r=[json.load(open(f'$work.shard-{i}.json')) for i in range($n)]; print(', '.join(f\"{x['jobs']} jobs @ {x['jobsPerSecond']:.0f}/s\" for x in r))")
  echo "$n shard(s): $jobs jobs in $t s = $(rate "$jobs" "$t") jobs/s total; per shard: $per"
  rm -f "$work".shard-*.json
done

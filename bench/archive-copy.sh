#!/usr/bin/env bash
# 1→3 copy mode, JOBS jobs (default 20,000) with DATA-byte gzip data files (default 256 KB), against cp -a:
#   same filesystem (/tmp, hard links): target < 0.5 × cp -a
#   other filesystem (/dev/shm, copies): target <= 1.2 × cp -a
# Usage: bench/archive-copy.sh [JOBS] [DATA]   needs about JOBS×DATA×3 bytes on /tmp and JOBS×DATA×2 on /dev/shm
source "$(dirname "$0")/archive-common.sh"
jobs=${1:-20000}
data=${2:-262144}
src=/tmp/ccm-bench-copy-src-$$
trap 'rm -rf "$src" /tmp/ccm-bench-copy-*-$$ /dev/shm/ccm-bench-copy-*-$$' EXIT
conditions
echo "generating $jobs jobs (version 1, $data-byte gzip data) in $src …"
generate --out "$src" --jobs "$jobs" --version 1 --data-bytes "$data"
du -sh "$src"
sync -f "$src"

measure() { # label command…
  local start end
  sync -f /tmp; start=$(now); "${@:2}" >/dev/null; sync -f /tmp; end=$(now)
  secs "$start" "$end"
}
t_cp=$(measure "cp -a same fs" cp -a "$src" /tmp/ccm-bench-copy-cp-$$)
rm -rf /tmp/ccm-bench-copy-cp-$$
t_cpl=$(measure "cp -al same fs" cp -al "$src" /tmp/ccm-bench-copy-cpl-$$)
rm -rf /tmp/ccm-bench-copy-cpl-$$
t_ccm=$(measure "cc-migrator same fs" ccm archive migrate --archive "$src" --to-version 3 --mode copy --output /tmp/ccm-bench-copy-out-$$ --progress-interval 10)
rm -rf /tmp/ccm-bench-copy-out-$$
echo "same filesystem:  cp -a $t_cp s, cp -al $t_cpl s ($(ratio "$t_cpl" "$t_cp")×), cc-migrator copy $t_ccm s = $(ratio "$t_ccm" "$t_cp")× cp -a (target < 0.5)"

t_cp2=$(measure "cp -a to /dev/shm" cp -a "$src" /dev/shm/ccm-bench-copy-cp-$$)
rm -rf /dev/shm/ccm-bench-copy-cp-$$
t_ccm2=$(measure "cc-migrator to /dev/shm" ccm archive migrate --archive "$src" --to-version 3 --mode copy --output /dev/shm/ccm-bench-copy-out-$$ --progress-interval 10)
rm -rf /dev/shm/ccm-bench-copy-out-$$
echo "other filesystem: cp -a $t_cp2 s, cc-migrator copy $t_ccm2 s = $(ratio "$t_ccm2" "$t_cp2")× cp -a (target <= 1.2)"

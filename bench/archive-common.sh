# Shared by the archive benchmarks: the jar, a capped-heap JVM, timing helpers.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
jar="$root/migrator-image/target/cc-migrator.jar"
if [ ! -f "$jar" ]; then
  (cd "$root" && mvn -B -q -pl migrator-image -am -DskipTests package)
fi
heap=${HEAP:-256m}
ccm() { java -Xmx"$heap" -jar "$jar" "$@"; }
generate() { java -Xmx"$heap" -cp "$jar" "$root/bench/archive-generate.java" "$@" >/dev/null; }
now() { date +%s.%N; }
secs() { python3 -c "print(f'{$2 - $1:.2f}')"; }
ratio() { python3 -c "print(f'{$1 / $2:.2f}')"; }
rate() { python3 -c "print(f'{$1 / $2:.0f}')"; }
conditions() {
  echo "# $(date -u +%FT%TZ)  $(nproc) cores  load: $(cut -d' ' -f1-3 /proc/loadavg)  heap: $heap  java: $(java -version 2>&1 | head -1)"
}

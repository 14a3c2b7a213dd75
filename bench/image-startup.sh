#!/usr/bin/env bash
# Container start-up A/B (issue 29): for each image, RUNS starts alternating A, B, A, B... of
#   docker run (the image's own ENTRYPOINT and JAVA_TOOL_OPTIONS, --memory 768m as the Kubernetes limit, read-only
#   root, /tmp on tmpfs, external PostgreSQL 17 container, PEM certificate) -> first HTTPS /health answered with the
#   certificate checked (curl from the host, polled every 20 ms);
# prints the median wall time, the JVM's own "process running for" figure (no container set-up), and the RSS once ready.
# Usage: bench/image-startup.sh [RUNS] [IMAGE_A] [IMAGE_B]   (defaults: 5 dashtam/app:bench-jdk17 dashtam/app:local)
# Run under `flock /work/wt/docker.lock` on shared machines. Needs docker, the postgres:17 image, openssl, curl.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-5}; A=${2:-dashtam/app:bench-jdk17}; B=${3:-dashtam/app:local}
PORT=${BENCH_PORT:-18480}
mkdir -p bench/results
echo "# bench/image-startup.sh $RUNS $A $B on $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
WORK=$(mktemp -d /tmp/dashtam-image-bench.XXXX)
NET=dashtam-bench-startup-$$ PG=dashtam-bench-startup-pg-$$ APP=dashtam-bench-startup-app-$$
cleanup() {
  docker rm -f "$APP" "$PG" >/dev/null 2>&1 || true
  docker network rm "$NET" >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT
scripts/make-certs.sh "$WORK/certs" >/dev/null
chmod 755 "$WORK" "$WORK/certs"
docker network create "$NET" >/dev/null
docker run -d --name "$PG" --network "$NET" -e POSTGRES_USER=dashtam -e POSTGRES_PASSWORD=bench -e POSTGRES_DB=dashtam \
  postgres:17 >/dev/null
for _ in $(seq 1 60); do docker exec "$PG" pg_isready -q -h 127.0.0.1 -U dashtam 2>/dev/null && break; sleep 0.5; done
app_env=(-e SPRING_PROFILES_ACTIVE=dev -e "DATABASE_URL=postgresql://dashtam:bench@$PG:5432/dashtam"
  -e SSL_CERT_FILE=/certs/server.pem -e SSL_KEY_FILE=/certs/server-key.pem -e DASHTAM_HOME=/tmp/dashtam
  -e DASHTAM_SCHEDULING_ENABLED=false)
docker run --rm --network "$NET" "${app_env[@]}" -v "$WORK/certs:/certs:ro" "$B" migrate >"$WORK/migrate.log" 2>&1 \
  || { cat "$WORK/migrate.log"; exit 1; }

median() { sort -n | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.0f", m}'; }
now_ms() { date +%s%3N; }

one_start() { # image -> "wall_ms jvm_ms rss_mb"
  local t0 t1 pid rss jvm
  t0=$(now_ms)
  docker run -d --name "$APP" --network "$NET" --memory 768m --read-only --tmpfs /tmp:size=256m \
    -p "127.0.0.1:$PORT:8000" "${app_env[@]}" -v "$WORK/certs:/certs:ro" "$1" >/dev/null
  until curl -sf --max-time 2 --cacert "$WORK/certs/ca.pem" "https://localhost:$PORT/health" >/dev/null 2>&1; do
    [ "$(docker inspect -f '{{.State.Running}}' "$APP")" = true ] || { docker logs "$APP" | tail -40 >&2; return 1; }
    sleep 0.02
  done
  t1=$(now_ms)
  pid=$(docker inspect -f '{{.State.Pid}}' "$APP")
  rss=$(awk '/VmRSS/ {printf "%.0f", $2/1024}' "/proc/$pid/status")
  # Spring logs "Started ... (process running for S)" just after the port opens: wait for the line (up to 10 s).
  jvm=
  for _ in $(seq 1 100); do
    jvm=$(docker logs "$APP" 2>&1 | grep -o 'process running for [0-9.]*' | awk '{printf "%.0f", $4 * 1000}' || true)
    [ -n "$jvm" ] && break
    sleep 0.1
  done
  docker logs "$APP" >"$WORK/last-$(echo "$1" | tr /: __).log" 2>&1
  docker rm -f "$APP" >/dev/null
  echo "$((t1 - t0)) $jvm $rss"
}

declare -A wall jvm rss
for img in "$A" "$B"; do one_start "$img" >/dev/null; done   # warm the page cache for both images, not counted
for _ in $(seq 1 "$RUNS"); do
  for img in "$A" "$B"; do
    read -r w j r < <(one_start "$img")
    wall[$img]+="$w "; jvm[$img]+="$j "; rss[$img]+="$r "
  done
done
for img in "$A" "$B"; do
  java=$(docker run --rm --entrypoint java "$img" -version 2>&1 | grep -m1 -o 'version "[^"]*"')
  flags=$(docker run --rm --entrypoint sh "$img" -c 'cat /app/java-options 2>/dev/null; echo "$JAVA_TOOL_OPTIONS"' | paste -sd' ')
  printf '%-28s docker run -> HTTPS /health median %5s ms   JVM start-to-ready median %5s ms   RSS median %4s MB\n' \
    "$img" "$(printf '%s\n' ${wall[$img]} | median)" "$(printf '%s\n' ${jvm[$img]} | median)" "$(printf '%s\n' ${rss[$img]} | median)"
  printf '    java %s, flags: %s\n    runs (wall ms): %s  (JVM ms): %s\n' "$java" "$flags" "${wall[$img]}" "${jvm[$img]}"
done

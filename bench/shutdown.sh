#!/usr/bin/env bash
# SIGTERM to exit (issue 24): starts a packaged jar (dev profile, embedded PostgreSQL, its own home and ports), signs a
# user up and in, opens two event streams (GET /api/v1/events), then sends SIGTERM and times the exit. Runs each jar
# given (default: target/dashtam.jar) BENCH_RUNS times (default 3) and prints each time and the median.
#   bench/shutdown.sh target/dashtam.jar /path/to/old/dashtam.jar
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${BENCH_RUNS:-3}"
jars=("$@"); [ ${#jars[@]} -gt 0 ] || jars=(target/dashtam.jar)
port=18443; mport=18493
one() { # jar -> ms
  local jar="$1" home pid ca token t0 t1
  home=$(mktemp -d /tmp/dashtam-shutdown.XXXXXX)
  DASHTAM_HOME="$home" DASHTAM_PORT=$port DASHTAM_MANAGEMENT_PORT=$mport DASHTAM_OAUTH_LISTENER_ENABLED=false \
    DASHTAM_PUBLIC_URL="https://localhost:$port" java -jar "$jar" >"$home/app.log" 2>&1 &
  pid=$!
  ca="$home/tls/ca.pem"
  for _ in $(seq 1 600); do
    [ -f "$ca" ] && curl -sf --cacert "$ca" "https://localhost:$port/health" >/dev/null 2>&1 && break; sleep 0.5
  done
  curl -sf --cacert "$ca" "https://localhost:$port/health" >/dev/null || { tail -20 "$home/app.log" >&2; exit 1; }
  local email="stop-$RANDOM@example.org" pw="stop-Bench-passphrase-71"
  curl -s --cacert "$ca" -H 'Content-Type: application/json' -d "{\"email\":\"$email\",\"password\":\"$pw\",\"name\":\"B\"}" \
    "https://localhost:$port/api/v1/users" >/dev/null
  token=$(curl -s --cacert "$ca" -H 'Content-Type: application/json' -d "{\"email\":\"$email\",\"password\":\"$pw\"}" \
    "https://localhost:$port/api/v1/sessions" | python3 -c 'import json,sys; print(json.load(sys.stdin)["accessToken"])')
  for _ in 1 2; do
    curl -sN --cacert "$ca" -H "Authorization: Bearer $token" "https://localhost:$port/api/v1/events" >/dev/null 2>&1 &
  done
  sleep 2
  [ "$(jobs -rp | wc -l)" -ge 3 ] || { echo "the event streams did not stay open" >&2; exit 1; }
  t0=$(date +%s%N); kill -TERM "$pid"; wait "$pid" || true; t1=$(date +%s%N)
  rm -rf "$home"
  echo $(( (t1 - t0) / 1000000 ))
}
for jar in "${jars[@]}"; do
  times=()
  for _ in $(seq 1 "$runs"); do times+=("$(one "$jar")"); done
  median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  echo "$jar: SIGTERM to exit with 2 open event streams: ${times[*]} ms (median $median ms)"
done

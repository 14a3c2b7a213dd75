#!/usr/bin/env bash
# Database outage under load (issue 18). Starts the jar against PostgreSQL through a TCP proxy (bench/cut-proxy.py),
# keeps WORKERS concurrent request loops on a token-checked endpoint (GET /api/v1/connections, bearer token: the
# session lookup and the query both need the database) plus one loop on GET /health, cuts the database for OUTAGE
# seconds (every connection closed, new ones refused, as a stopped server), restores it, and reports how long
# requests waited and what they answered before, during and after, and how long after the return the first 200 came.
# Every request is curl with the app's CA checked (--cacert), one connection each.
# Usage: bench/db-outage.sh [OUTAGE_SECONDS=45] [WORKERS=8]. Needs target/dashtam.jar (make build), python3, curl, jq.
# Output also in bench/results/db-outage-latest.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
OUTAGE=${1:-45}; WORKERS=${2:-8}; PRE=15; POST=20
PORT=${BENCH_PORT:-8410}; MPORT=$((PORT + 90)); HOLDER_PORT=$((PORT + 1)); PROXY_PORT=$((PORT + 2))
mkdir -p bench/results
exec > >(tee bench/results/db-outage-latest.txt) 2>&1
echo "# bench/db-outage.sh $OUTAGE $WORKERS on $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
WORK=$(mktemp -d /tmp/dashtam-outage.XXXX)
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT
[ -f target/dashtam.jar ] || ./mvnw -B -q package -DskipTests
cp target/dashtam.jar "$WORK/dashtam.jar"
now_ms() { date +%s%3N; }
export SSL_KEY_FILE= SSL_CERT_FILE= DASHTAM_OAUTH_LISTENER_ENABLED=false

# PostgreSQL 17: the app's own embedded server, held by a first instance that does nothing else.
DASHTAM_HOME="$WORK/holder" DASHTAM_SCHEDULING_ENABLED=false java -jar "$WORK/dashtam.jar" \
  --server.port=$HOLDER_PORT --management.server.port=$((MPORT + 1)) >"$WORK/holder.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 1 240); do grep -q "Started DashtamApplication" "$WORK/holder.log" && break; sleep 0.5; done
PGPORT=$(grep -o 'Embedded PostgreSQL 17 on port [0-9]*' "$WORK/holder.log" | awk '{print $NF}')
[ -n "$PGPORT" ] || { echo "embedded PostgreSQL did not start"; tail -20 "$WORK/holder.log"; exit 1; }
python3 bench/cut-proxy.py $PROXY_PORT 127.0.0.1 "$PGPORT" & PROXY=$!; PIDS+=($PROXY)

# The instance under test, through the proxy, with its shipped pool and outage settings.
DASHTAM_HOME="$WORK/app" DATABASE_URL="postgresql://postgres@127.0.0.1:$PROXY_PORT/dashtam" \
  java -jar "$WORK/dashtam.jar" --server.port=$PORT --management.server.port=$MPORT >"$WORK/app.log" 2>&1 &
PIDS+=($!)
CA="$WORK/app/tls/ca.pem"; H="https://localhost:$PORT"; J='Content-Type: application/json'
for _ in $(seq 1 240); do
  [ -f "$CA" ] && curl -s -o /dev/null --cacert "$CA" --max-time 2 "$H/health" && break; sleep 0.5
done
curl -s --cacert "$CA" -X POST "$H/api/v1/users" -H "$J" \
  -d '{"email":"outage@example.org","password":"outage-Bench-passphrase-7","name":"Outage"}' >/dev/null
TOKEN=$(curl -s --cacert "$CA" -X POST "$H/api/v1/sessions" -H "$J" \
  -d '{"email":"outage@example.org","password":"outage-Bench-passphrase-7"}' | jq -r .accessToken)
[ -n "$TOKEN" ] && [ "$TOKEN" != null ] || { echo "no access token"; exit 1; }

# Each line: start_ms status seconds_taken
loop() {
  local out=$1; shift
  while [ ! -f "$WORK/stop" ]; do
    local t0; t0=$(now_ms)
    local r; r=$(curl -s -o /dev/null -w '%{http_code} %{time_total}' --max-time 60 --cacert "$CA" "$@" || true)
    echo "$t0 ${r:-000 0}" >>"$out"
  done
}
for w in $(seq 1 "$WORKERS"); do loop "$WORK/api.$w" -H "Authorization: Bearer $TOKEN" "$H/api/v1/connections" & PIDS+=($!); done
loop "$WORK/health.1" "$H/health" & PIDS+=($!)
sleep $PRE
LOG_BEFORE=$(wc -l <"$WORK/app.log")
CUT=$(now_ms); kill -USR1 $PROXY
sleep "$OUTAGE"
BACK=$(now_ms); kill -USR2 $PROXY
sleep $POST
touch "$WORK/stop"; sleep 2

echo "database cut for $OUTAGE s under $WORKERS request loops (+1 on /health); pool connection-timeout 3000 ms (default)"
python3 bench/db-outage-report.py "$CUT" "$BACK" "API" "$WORK"/api.*
python3 bench/db-outage-report.py "$CUT" "$BACK" "/health" "$WORK"/health.1
tail -n +"$LOG_BEFORE" "$WORK/app.log" | awk '
  / ERROR / { e++ } / WARN / { w++ } /503 database unavailable/ { r++ } /^[[:space:]]+at / { f++ }
  END { printf "app log from the cut on: %d ERROR, %d WARN, %d one-line 503 notes, %d stack-frame lines\n", e, w, r, f }'
grep -E "DatabaseGate" "$WORK/app.log" | sed -E 's/^[^ ]+ +//' | cut -c1-200 || true

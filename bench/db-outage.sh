#!/usr/bin/env bash
# Database outage under load (issue 18). Starts the jar against PostgreSQL through a TCP proxy (bench/cut-proxy.py),
# keeps WORKERS concurrent request loops on a token-checked endpoint (GET /api/v1/connections, bearer token: the
# session lookup and the query both need the database) plus one loop on GET /health, cuts the database for OUTAGE
# seconds (every connection closed, new ones refused, as a stopped server), restores it, and reports how long
# requests waited and what they answered before, during and after, and how long after the return the first 200 came.
# Every request is curl with the app's CA checked (--cacert), one connection each.
# Usage: bench/db-outage.sh [OUTAGE_SECONDS=45] [WORKERS=8]. Needs target/dashtam.jar (make build), python3, curl.
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

report() { # $1 = files glob label, $2 = files
  local label=$1; shift
  cat "$@" | awk -v cut=$CUT -v back=$BACK -v label="$label" '
    function pct(arr, n, p,   i) { if (n == 0) return "-"; asort(arr); i = int(n * p); if (i < 1) i = 1; return sprintf("%.3f", arr[i]) }
    { start = $1; code = $2; took = $3; end = start + took * 1000
      if (end < cut) { nb++; b[nb] = took; bc[code]++ }
      else if (start < back) { nd++; d[nd] = took; dc[code]++ }
      else { na++; a[na] = took; ac[code]++; if (code == 200 && (first == "" || end < first)) first = end } }
    END {
      printf "%s before the cut:  %d requests, median %ss, p99 %ss; ", label, nb, pct(b, nb, 0.5), pct(b, nb, 0.99)
      for (c in bc) printf "%s x%d ", c, bc[c]; print ""
      printf "%s during the outage (answered after the cut, started before the return): %d requests, median %ss, p99 %ss, max %ss; ", label, nd, pct(d, nd, 0.5), pct(d, nd, 0.99), pct(d, nd, 1.0)
      for (c in dc) printf "%s x%d ", c, dc[c]; print ""
      printf "%s after the return: %d requests; ", label, na; for (c in ac) printf "%s x%d ", c, ac[c]; print ""
      if (first != "") printf "%s first 200 answered %.0f ms after the database returned\n", label, first - back
      else printf "%s no 200 after the database returned\n", label }'
}
echo "database cut for $OUTAGE s under $WORKERS request loops (+1 on /health); pool connection-timeout 3000 ms (default)"
report "API" "$WORK"/api.*
report "/health" "$WORK"/health.1
tail -n +"$LOG_BEFORE" "$WORK/app.log" | awk '
  / ERROR / { e++ } / WARN / { w++ } /503 database unavailable/ { r++ } /^[[:space:]]+at / { f++ }
  END { printf "app log from the cut on: %d ERROR, %d WARN, %d one-line 503 notes, %d stack-frame lines\n", e, w, r, f }'
grep -E "DatabaseGate" "$WORK/app.log" | sed -E 's/^[^ ]+ +//' | cut -c1-200 || true

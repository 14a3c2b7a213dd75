#!/usr/bin/env bash
# API read throughput under load (issue 17): Dashtam vs nginx serving the same response bytes as static files over
# TLS with the same certificate and suites, measured alternately (A B A B A B) in the same run with wrk
# (1 thread, 64 keep-alive connections). Dashtam runs the packaged jar with the container image's JVM flags
# (docker/Dockerfile JAVA_TOOL_OPTIONS) on a throw-away embedded PostgreSQL, with -XX:MaxRAM emulating the
# deployment's memory limit (deploy/k8s/base: 768Mi) since this host has no cgroup limit.
#
#   bench/api-load.sh                    # build, seed, 3 requests x 3 pairs, RSS at the end
#   BENCH_DURATION=10 BENCH_PAIRS=3      # seconds per wrk run, A/B pairs per request
#   BENCH_SOAK=300 bench/api-load.sh     # then 300 s at full load on /api/v1/accounts, RSS every 30 s
#   BENCH_PROFILE=jfr                    # JFR (profile settings) of the measured runs; prints the top frames
#   BENCH_SKIP_BUILD=1                   # use target/dashtam.jar as is
#   BENCH_MODE=paced                     # instead of saturating: a paced BENCH_RATE (1000) req/s over
#                                        # BENCH_PACED_CONNECTIONS (16) connections for BENCH_PACED_DURATION (30) s on
#                                        # /api/v1/accounts vs nginx, latency from each request's scheduled time
#                                        # (bench/pace.lua), RSS sampled every 0.5 s; BENCH_MODE=all: both
# Output: bench/results/api-load-latest.txt (and a dated copy). Needs nginx (nginx-light) and wrk: installed with
# apt-get when missing and running as root.
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${BENCH_DURATION:-10}
PAIRS=${BENCH_PAIRS:-3}
SOAK=${BENCH_SOAK:-0}
CONNS=${BENCH_CONNECTIONS:-64}
IMAGE_FLAGS=$(sed -n 's/.*JAVA_TOOL_OPTIONS="\([^"]*\)".*/\1/p' docker/Dockerfile)
MAX_RAM=${BENCH_MAX_RAM:-768m}
JAVA=${BENCH_JAVA:-java}
MODE=${BENCH_MODE:-saturated}
RATE=${BENCH_RATE:-1000}
PCONNS=${BENCH_PACED_CONNECTIONS:-16}
PDURATION=${BENCH_PACED_DURATION:-30}
case "$MODE" in saturated|paced|all) ;; *) echo "BENCH_MODE: saturated, paced or all" >&2; exit 2 ;; esac

for tool in nginx:nginx-light wrk:wrk; do
  if ! command -v "${tool%%:*}" >/dev/null && ! [ -x "/usr/sbin/${tool%%:*}" ]; then
    [ "$(id -u)" = 0 ] || { echo "needs ${tool#*:} (apt-get install ${tool#*:})" >&2; exit 1; }
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${tool#*:}" >/dev/null
  fi
done
NGINX=$(command -v nginx || echo /usr/sbin/nginx)

if [ -z "${BENCH_SKIP_BUILD:-}" ]; then ./mvnw -B -q package -DskipTests -Djacoco.skip=true; fi
mkdir -p bench/results
stamp=$(date -u +%Y%m%dT%H%MZ)
OUT=bench/results/api-load-latest.txt
exec > >(tee "$OUT") 2>&1
echo "# bench/api-load.sh on $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)," \
  "commit $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src || echo +dirty)"
echo "# wrk -t1 -c$CONNS -d${DURATION}s, $PAIRS A/B pairs per request; JVM: $("$JAVA" -version 2>&1 | head -1)"
echo "# JAVA_TOOL_OPTIONS=\"$IMAGE_FLAGS\" (docker/Dockerfile) + -XX:MaxRAM=$MAX_RAM (container memory limit)" \
  "${BENCH_JAVA_OPTS:++ $BENCH_JAVA_OPTS}; mode $MODE"

WORK=$(mktemp -d /tmp/dashtam-api-bench.XXXX)
APP_PID=; NGINX_PID=
cleanup() {
  # nginx first: waiting for the JVM's exit status (143 after SIGTERM) must not skip it and leave nginx running.
  if [ -n "$NGINX_PID" ]; then kill "$NGINX_PID" 2>/dev/null || true; fi
  if [ -n "$APP_PID" ]; then kill "$APP_PID" 2>/dev/null && wait "$APP_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
PORT=$(free_port); MPORT=$(free_port); NPORT=$(free_port)
while [ "$MPORT" = "$PORT" ]; do MPORT=$(free_port); done
while [ "$NPORT" = "$PORT" ] || [ "$NPORT" = "$MPORT" ]; do NPORT=$(free_port); done

# ---- Dashtam ------------------------------------------------------------------------------------------------
HOME_DIR="$WORK/home"
JAR="$WORK/dashtam.jar"; cp target/dashtam.jar "$JAR"
# Access tokens outlive the run (default 15 min) so one sign-in serves every request; costs are unchanged.
env -u SSL_CERT_FILE -u SSL_KEY_FILE -u DATABASE_URL \
  JAVA_TOOL_OPTIONS="$IMAGE_FLAGS -XX:MaxRAM=$MAX_RAM${BENCH_JAVA_OPTS:+ $BENCH_JAVA_OPTS}" \
  DASHTAM_HOME="$HOME_DIR" DASHTAM_PORT=$PORT DASHTAM_MANAGEMENT_PORT=$MPORT DASHTAM_OAUTH_LISTENER_ENABLED=false \
  DASHTAM_PUBLIC_URL="https://localhost:$PORT" DASHTAM_SYNC_POLL_INTERVAL=1s \
  "$JAVA" -jar "$JAR" --dashtam.users.access-token-ttl=4h >"$WORK/app.log" 2>&1 &
APP_PID=$!
CA="$HOME_DIR/tls/ca.pem"; H="https://localhost:$PORT"; J='Content-Type: application/json'
for _ in $(seq 1 240); do
  curl -sf --cacert "$CA" "$H/health" >/dev/null 2>&1 && break
  kill -0 $APP_PID 2>/dev/null || { cat "$WORK/app.log"; exit 1; }
  sleep 0.5
done
jget() { python3 -c "import sys,json; d=json.load(sys.stdin); print(eval(sys.argv[1]))" "$1"; }
c() { curl -sS --fail-with-body --cacert "$CA" "$@"; }
c -X POST "$H/api/v1/users" -H "$J" -d '{"email":"bench@example.org","password":"bench-Sandbox-passphrase-7","name":"Bench"}' >/dev/null
TOKEN=$(c -X POST "$H/api/v1/sessions" -H "$J" -d '{"email":"bench@example.org","password":"bench-Sandbox-passphrase-7"}' | jget 'd["accessToken"]')
AUTH="Authorization: Bearer $TOKEN"
ID=$(c -X POST "$H/api/v1/connections" -H "$J" -H "$AUTH" -d '{"provider":"sandbox","alias":"Sandbox"}' | jget 'd["id"]')
CONNECT=$(c "$H/api/v1/connections/$ID/authorization" -H "$AUTH" | jget 'd["connectUrl"]')
# The browser part of the OAuth flow, as SandboxSyncIT does it: one cookie jar, the authorize form, "Allow".
JAR_COOKIES="$WORK/cookies"
PAGE_URL=$(curl -sS --cacert "$CA" -c "$JAR_COOKIES" -b "$JAR_COOKIES" -o /dev/null -w '%{redirect_url}' "$CONNECT")
FORM=$(curl -sS --cacert "$CA" -c "$JAR_COOKIES" -b "$JAR_COOKIES" "$PAGE_URL" | python3 -c '
import sys, re, urllib.parse, html
fields = re.findall(r"<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\"", sys.stdin.read())
print(urllib.parse.urlencode([(k, html.unescape(v)) for k, v in fields] + [("decision", "allow")]))')
CALLBACK=$(curl -sS --cacert "$CA" -c "$JAR_COOKIES" -b "$JAR_COOKIES" -o /dev/null -w '%{redirect_url}' \
  -X POST "$H/sandbox/v1/oauth/authorize" -H 'Content-Type: application/x-www-form-urlencoded' --data "$FORM")
curl -sS --cacert "$CA" -c "$JAR_COOKIES" -b "$JAR_COOKIES" -o /dev/null "$CALLBACK"
for _ in $(seq 1 120); do
  n=$(c "$H/api/v1/accounts" -H "$AUTH" | jget 'len(d)')
  [ "$n" -ge 2 ] && break
  sleep 0.5
done
[ "$n" -ge 2 ] || { echo "sandbox sync did not produce accounts"; tail -50 "$WORK/app.log"; exit 1; }

# ---- nginx: the same bytes as static files, same certificate and suites -------------------------------------
declare -A PATHS=([accounts]="/api/v1/accounts" [transactions]="/api/v1/transactions?limit=50"
  [unknown-401]="/api/v1/no-such-thing")
declare -A HDRS=([accounts]="$AUTH" [transactions]="$AUTH" [unknown-401]="X-Bench: none")
ORDER=(accounts transactions unknown-401)
mkdir -p "$WORK/www" "$WORK/nginx"
chmod 755 "$WORK" "$WORK/www" # nginx workers drop root and must read the files
for k in "${ORDER[@]}"; do
  code=$(curl -sS --cacert "$CA" -o "$WORK/www/$k.json" -w '%{http_code}' -H "${HDRS[$k]}" "$H${PATHS[$k]}")
  echo "# $k: GET ${PATHS[$k]} -> $code, $(wc -c <"$WORK/www/$k.json") bytes"
done
# OpenSSL names for the same suites as TlsEnvironmentPostProcessor.CIPHERS (TLS 1.3 suites are OpenSSL's defaults).
cat >"$WORK/nginx/nginx.conf" <<EOF
worker_processes auto;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/error.log;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $WORK/nginx; proxy_temp_path $WORK/nginx; fastcgi_temp_path $WORK/nginx;
  uwsgi_temp_path $WORK/nginx; scgi_temp_path $WORK/nginx;
  keepalive_requests 1000000;
  server {
    listen 127.0.0.1:$NPORT ssl;
    ssl_certificate $HOME_DIR/tls/server.pem;
    ssl_certificate_key $HOME_DIR/tls/server-key.pem;
    ssl_protocols TLSv1.2 TLSv1.3;
    ssl_ciphers ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305;
    root $WORK/www;
    default_type application/json;
    location / { try_files \$uri =404; }
  }
}
EOF
"$NGINX" -c "$WORK/nginx/nginx.conf" -g 'daemon off;' 2>"$WORK/nginx/stderr" &
NGINX_PID=$!
N="https://localhost:$NPORT"
for _ in $(seq 1 50); do curl -sf --cacert "$CA" "$N/accounts.json" >/dev/null 2>&1 && break; sleep 0.1; done
cmp -s <(curl -sS --cacert "$CA" "$N/accounts.json") "$WORK/www/accounts.json" || {
  echo "nginx serves other bytes"; cat "$WORK/nginx/stderr" "$WORK/nginx/error.log"; exit 1; }

# ---- wrk --------------------------------------------------------------------------------------------------------
# One wrk run; prints "req_per_s p50_ms p99_ms errors non2xx_3xx".
cat >"$WORK/report.lua" <<'EOF'
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT %.1f %.2f %.2f %d %d\n", summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    e.connect + e.read + e.write + e.timeout, e.status))
end
EOF
run_wrk() { # url header seconds
  wrk -t1 -c"$CONNS" -d"$3"s --latency -H "$2" -s "$WORK/report.lua" "$1" 2>&1 | awk '/^RESULT/ {print $2, $3, $4, $5, $6}'
}
rss() { awk '/VmRSS/ {printf "%.0f", $2/1024}' "/proc/$APP_PID/status"; }
median() { sort -g | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.2f", m}'; }

LOG_FROM=$(($(wc -l <"$WORK/app.log") + 1))
echo "# warm-up: ${DURATION}s per request on Dashtam and nginx"
for k in "${ORDER[@]}"; do
  run_wrk "$H${PATHS[$k]}" "${HDRS[$k]}" "$DURATION" >/dev/null
  run_wrk "$N/$k.json" "X-Bench: none" 2 >/dev/null
done
echo "# RSS after warm-up: $(rss) MB"
if [ "${BENCH_PROFILE:-}" = jfr ]; then
  # Recorded from here on: the measured runs only, without start-up and warm-up.
  jcmd "$APP_PID" JFR.start name=load settings=profile >/dev/null
fi
# ---- paced: a steady request rate, latency from each request's scheduled time ---------------------------------
if [ "$MODE" != saturated ]; then
  run_paced() { # url header -> "req_per_s p50 p99 p99.9 max wrk_p99 errors non200"
    wrk -t"$PCONNS" -c"$PCONNS" -d"$PDURATION"s -H "$2" -s bench/pace.lua "$1" -- "$RATE" "$PCONNS" 2>&1 \
      | awk '/^PACED/ {print $2, $3, $4, $5, $6, $7, $8, $9}'
  }
  echo "== paced: $RATE req/s over $PCONNS connections (wrk -t$PCONNS -c$PCONNS -s bench/pace.lua), ${PDURATION}s" \
    "per run on /api/v1/accounts; ms from each request's scheduled time; RSS: peak VmRSS sampled every 0.5 s"
  printf "%-7s %4s %8s %8s %8s %8s %8s %8s %6s %6s %7s\n" server pair req/s p50_ms p99_ms p999_ms max_ms wrk_p99 errors non200 rss_MB
  declare -A PACED=()
  for p in $(seq 1 "$PAIRS"); do
    ( peak=0; while kill -0 "$APP_PID" 2>/dev/null; do r=$(rss); [ "$r" -gt "$peak" ] && peak=$r && echo "$peak" >"$WORK/rss-peak"
        sleep 0.5; done ) & SAMPLER=$!
    read -r rps p50 p99 p999 pmax wp99 err non <<<"$(run_paced "$H/api/v1/accounts" "$AUTH")"
    kill "$SAMPLER" 2>/dev/null; wait "$SAMPLER" 2>/dev/null || true
    peak=$(cat "$WORK/rss-peak")
    printf "%-7s %4s %8s %8s %8s %8s %8s %8s %6s %6s %7s\n" dashtam "$p" "$rps" "$p50" "$p99" "$p999" "$pmax" "$wp99" "$err" "$non" "$peak"
    PACED[dashtam_p99]+="$p99 "; PACED[dashtam_p50]+="$p50 "; PACED[dashtam_rps]+="$rps "; PACED[dashtam_rss]+="$peak "
    read -r rps p50 p99 p999 pmax wp99 err non <<<"$(run_paced "$N/accounts.json" "X-Bench: none")"
    printf "%-7s %4s %8s %8s %8s %8s %8s %8s %6s %6s %7s\n" nginx "$p" "$rps" "$p50" "$p99" "$p999" "$pmax" "$wp99" "$err" "$non" -
    PACED[nginx_p99]+="$p99 "; PACED[nginx_p50]+="$p50 "; PACED[nginx_rps]+="$rps "
  done
  m() { printf '%s\n' $1 | median; }
  echo "paced medians over $PAIRS pairs: dashtam $(m "${PACED[dashtam_rps]}") req/s p50 $(m "${PACED[dashtam_p50]}") ms" \
    "p99 $(m "${PACED[dashtam_p99]}") ms, peak RSS $(m "${PACED[dashtam_rss]}") MB; nginx $(m "${PACED[nginx_rps]}") req/s" \
    "p50 $(m "${PACED[nginx_p50]}") ms p99 $(m "${PACED[nginx_p99]}") ms"
  echo
fi

if [ "$MODE" != paced ]; then
printf "%-13s %-7s %4s %10s %9s %9s %7s %7s\n" request server pair req/s p50_ms p99_ms errors non2xx
SUMMARY=()
for k in "${ORDER[@]}"; do
  app_rps=(); app_p50=(); app_p99=(); ng_rps=(); ng_p99=(); ratios=()
  for p in $(seq 1 "$PAIRS"); do
    read -r rps p50 p99 err non <<<"$(run_wrk "$H${PATHS[$k]}" "${HDRS[$k]}" "$DURATION")"
    printf "%-13s %-7s %4s %10s %9s %9s %7s %7s\n" "$k" dashtam "$p" "$rps" "$p50" "$p99" "$err" "$non"
    app_rps+=("$rps"); app_p50+=("$p50"); app_p99+=("$p99")
    read -r nrps n50 n99 nerr nnon <<<"$(run_wrk "$N/$k.json" "X-Bench: none" "$DURATION")"
    printf "%-13s %-7s %4s %10s %9s %9s %7s %7s\n" "$k" nginx "$p" "$nrps" "$n50" "$n99" "$nerr" "$nnon"
    ng_rps+=("$nrps"); ng_p99+=("$n99")
    ratios+=("$(awk -v a="$rps" -v b="$nrps" 'BEGIN {printf "%.4f", a / b}')")
  done
  SUMMARY+=("$(printf "%-13s %10s %8s %8s %10s %8s %8s" "$k" \
    "$(printf '%s\n' "${app_rps[@]}" | median)" "$(printf '%s\n' "${app_p50[@]}" | median)" \
    "$(printf '%s\n' "${app_p99[@]}" | median)" "$(printf '%s\n' "${ng_rps[@]}" | median)" \
    "$(printf '%s\n' "${ng_p99[@]}" | median)" "$(printf '%s\n' "${ratios[@]}" | median)")")
done
echo
echo "== medians over $PAIRS pairs (ratio = median of per-pair dashtam/nginx req/s)"
printf "%-13s %10s %8s %8s %10s %8s %8s\n" request app_req/s app_p50 app_p99 nginx_req/s ngx_p99 ratio
printf '%s\n' "${SUMMARY[@]}"
fi
echo "RSS at the end: $(rss) MB (VmRSS of the JVM)"
echo "log lines written by Dashtam under load: $(tail -n +"$LOG_FROM" "$WORK/app.log" | wc -l)," \
  "of them WARN/ERROR: $(tail -n +"$LOG_FROM" "$WORK/app.log" | grep -cE ' (WARN|ERROR) ' || true)"
tail -n +"$LOG_FROM" "$WORK/app.log" | grep -E ' (WARN|ERROR) ' | sed -E 's/^.*(WARN|ERROR)/\1/; s/\[[0-9a-f]{32}\]//' \
  | sort | uniq -c | sort -rn | head -5 || true

if [ "$SOAK" -gt 0 ]; then
  echo
  echo "== soak: ${SOAK}s at full load (wrk -c$CONNS) on /api/v1/accounts, RSS every 30 s"
  wrk -t1 -c"$CONNS" -d"${SOAK}"s --latency -H "$AUTH" -s "$WORK/report.lua" "$H/api/v1/accounts" \
    >"$WORK/soak.txt" 2>&1 &
  WRK_PID=$!
  t=0
  while kill -0 $WRK_PID 2>/dev/null; do
    sleep 30; t=$((t + 30))
    kill -0 $WRK_PID 2>/dev/null || break
    echo "t=${t}s RSS $(rss) MB"
  done
  wait $WRK_PID || true
  awk '/^RESULT/ {printf "soak: %s req/s, p50 %s ms, p99 %s ms, errors %s, non-2xx %s\n", $2, $3, $4, $5, $6}' "$WORK/soak.txt"
  echo "RSS after the soak: $(rss) MB"
fi
if [ "${BENCH_PROFILE:-}" = jfr ]; then
  jcmd "$APP_PID" JFR.dump name=load filename="$WORK/load.jfr" >/dev/null
  echo "== JFR of the measured runs: CPU samples of request threads, by frame (inclusive) and by leaf"
  python3 bench/jfr-top.py "$WORK/load.jfr"
  cp "$WORK/load.jfr" "/tmp/api-load-$stamp.jfr" && echo "JFR (not kept in the repository): /tmp/api-load-$stamp.jfr"
fi
cp "$OUT" "bench/results/api-load-$stamp.txt"

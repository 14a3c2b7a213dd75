#!/usr/bin/env bash
# The rolling-upgrade test (issue 25): the last release (RELEASE: version, commit) and the current code, one
# replica each, on one PostgreSQL, behind haproxy (Debian), under steady authenticated read+write traffic
# (scripts/upgrade-traffic.py):
#   1. the release's jar migrates an empty database and serves alone;
#   2. the current jar's `migrate` applies the new migrations while the release keeps serving (expand/contract:
#      the old code must work on the new schema);
#   3. the current replica starts and joins; then the release is drained in haproxy (no new requests), stopped with
#      SIGTERM once nothing is in flight, and must exit by itself within 15 s;
#   4. traffic goes on against the current replica alone, then stops; every request must have succeeded and every
#      acknowledged write must be readable.
# Needs: a Docker engine with the PostgreSQL image (`postgres:17` or its stand-in), haproxy, a JDK, python3, git
# history with the release commit, target/dashtam.jar (the current code). Host ports (loopback): 5435, 18100,
# 18190, 18200, 18290, 18443. Prints each phase's timing and the traffic summary.
set -Eeuo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
WORK="$ROOT/target-env/upgrade"
PG=dashtam-upgrade-postgres
T0=$SECONDS
declare -A PIDS=()

log() { printf '  [%3ds] %s\n' "$((SECONDS - T0))" "$*"; }
fail() { echo "upgrade test FAILED: $*" >&2; exit 1; }
release() { sed -n "s/^$1=//p" RELEASE; }

cleanup() {
  set +e
  [ -n "${TRAFFIC_PID:-}" ] && { touch "$WORK/stop"; wait "$TRAFFIC_PID" 2>/dev/null; }
  for name in "${!PIDS[@]}"; do kill -TERM "${PIDS[$name]}" 2>/dev/null; done
  for name in "${!PIDS[@]}"; do
    for _ in $(seq 1 150); do kill -0 "${PIDS[$name]}" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "${PIDS[$name]}" 2>/dev/null; wait "${PIDS[$name]}" 2>/dev/null
  done
  [ -f "$WORK/haproxy.pid" ] && kill "$(cat "$WORK/haproxy.pid")" 2>/dev/null
  docker rm -f "$PG" >/dev/null 2>&1
}
trap cleanup EXIT

VERSION=$(release version); COMMIT=$(release commit)
[ -n "$COMMIT" ] || fail "RELEASE names no commit"
[ -f target/dashtam.jar ] || fail "no target/dashtam.jar (build the current code first)"
mkdir -p "$WORK"; rm -f "$WORK/stop"

# ------------------------------------------------------------------------------------------ the release's jar
OLD="$WORK/release-$COMMIT"
if [ ! -f "$OLD/target/dashtam.jar" ]; then
  git cat-file -e "$COMMIT^{commit}" 2>/dev/null || fail "the release commit $COMMIT is not in this clone's history"
  rm -rf "$OLD"; mkdir -p "$OLD"
  git archive "$COMMIT" | tar -x -C "$OLD"
  (cd "$OLD" && ./mvnw -B -q package -Dmaven.test.skip=true -Djacoco.skip=true) >"$WORK/release-build.log" 2>&1 \
    || { tail -30 "$WORK/release-build.log"; fail "building release $VERSION ($COMMIT)"; }
fi
log "release $VERSION ($COMMIT) built: $OLD/target/dashtam.jar"

# ------------------------------------------------------------------------------------------ database, TLS, keys
scripts/make-certs.sh "$WORK/certs" >/dev/null
cat "$WORK/certs/server.pem" "$WORK/certs/server-key.pem" > "$WORK/certs/haproxy.pem"
password=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
docker rm -f "$PG" >/dev/null 2>&1 || true
docker run -d --name "$PG" -p 127.0.0.1:5435:5432 -e POSTGRES_USER=dashtam -e POSTGRES_PASSWORD="$password" \
  -e POSTGRES_DB=dashtam --tmpfs /var/lib/postgresql/data "${DASHTAM_POSTGRES_IMAGE:-postgres:17}" >/dev/null
for _ in $(seq 1 60); do docker exec "$PG" pg_isready -q -h 127.0.0.1 -U dashtam 2>/dev/null && break; sleep 0.5; done
docker exec "$PG" pg_isready -q -h 127.0.0.1 -U dashtam || fail "PostgreSQL did not start"
key() { echo "k1:$(head -c 32 /dev/urandom | base64 | tr -d '\n')"; }
export SPRING_PROFILES_ACTIVE=prod DATABASE_URL="postgresql://dashtam:$password@127.0.0.1:5435/dashtam" \
  DASHTAM_ENCRYPTION_KEYS="$(key)" DASHTAM_JWT_KEYS="$(key)" \
  SSL_CERT_FILE="$WORK/certs/server.pem" SSL_KEY_FILE="$WORK/certs/server-key.pem" \
  DASHTAM_OAUTH_LISTENER_ENABLED=false DASHTAM_REGISTRATION=open DASHTAM_REQUIRE_VERIFIED_EMAIL=false DASHTAM_TRUSTED_PROXIES=127.0.0.1 \
  JAVA_TOOL_OPTIONS="-Xmx384m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC"
unset SPRING_DATASOURCE_URL

# replica NAME JAR PORT MGMT: starts it in the background; waits until it answers /health over HTTPS.
replica() {
  local name=$1 jar=$2 port=$3 mgmt=$4
  DASHTAM_HOME="$WORK/home-$name" SERVER_PORT=$port MANAGEMENT_SERVER_PORT=$mgmt DASHTAM_INSTANCE_ID="$name" \
    setsid java -jar "$jar" >"$WORK/$name.log" 2>&1 &
  PIDS[$name]=$!
  for _ in $(seq 1 240); do
    curl -sf --cacert "$WORK/certs/ca.pem" "https://localhost:$port/health" >/dev/null 2>&1 && return 0
    kill -0 "${PIDS[$name]}" 2>/dev/null || { tail -30 "$WORK/$name.log"; fail "$name died at start"; }
    sleep 0.5
  done
  tail -30 "$WORK/$name.log"; fail "$name did not answer /health"
}
version_of() { curl -sf --cacert "$WORK/certs/ca.pem" "https://localhost:$1/" -H 'Accept: application/json' \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["version"])'; }

step_t=$SECONDS
DASHTAM_HOME="$WORK/home-migrate-old" java -jar "$OLD/target/dashtam.jar" migrate >"$WORK/migrate-old.log" 2>&1 \
  || { tail -20 "$WORK/migrate-old.log"; fail "release migrate"; }
replica old "$OLD/target/dashtam.jar" 18100 18190
[ "$(version_of 18100)" = "$VERSION" ] || fail "the release replica says version $(version_of 18100), RELEASE says $VERSION"
log "release $VERSION migrated the database and serves on 18100 ($((SECONDS - step_t)) s)"

# ------------------------------------------------------------------------------------------ load balancer
cat > "$WORK/haproxy.cfg" <<EOF
global
    maxconn 512
    pidfile $WORK/haproxy.pid
    stats socket $WORK/haproxy.sock mode 600 level admin
defaults
    mode http
    timeout connect 2s
    timeout client 60s
    timeout server 60s
    retries 3
    option redispatch
    # A request that never reached a replica (refused connection) goes to another one; nothing that may have
    # reached one is sent twice.
    retry-on conn-failure
frontend dashtam
    bind 127.0.0.1:18443 ssl crt $WORK/certs/haproxy.pem
    default_backend replicas
backend replicas
    balance roundrobin
    option httpchk
    http-check send meth GET uri /health ver HTTP/1.1 hdr Host localhost
    http-check expect status 200
    default-server ssl verify required ca-file $WORK/certs/ca.pem sni str(localhost) check inter 500 fall 2 rise 2
    server old 127.0.0.1:18100
    server new 127.0.0.1:18200
EOF
haproxy -D -f "$WORK/haproxy.cfg" || fail "haproxy did not start"
hap() { python3 - "$WORK/haproxy.sock" "$1" <<'PY'
import socket, sys
s = socket.socket(socket.AF_UNIX); s.connect(sys.argv[1]); s.sendall((sys.argv[2] + "\n").encode())
out = b""
while chunk := s.recv(65536):
    out += chunk
print(out.decode(), end="")
PY
}
# current sessions on a server: `show stat` column scur (5th) for backend replicas
sessions() { hap "show stat" | awk -F, -v s="$1" '$1 == "replicas" && $2 == s {print $5}'; }

# ------------------------------------------------------------------------------------------ traffic
python3 scripts/upgrade-traffic.py localhost 18443 "$WORK/certs/ca.pem" "$WORK/stop" >"$WORK/traffic.json" \
  2>"$WORK/traffic.err" &
TRAFFIC_PID=$!
sleep 8
log "traffic on release $VERSION alone"

# ------------------------------------------------------------------------------------------ the upgrade
step_t=$SECONDS
DASHTAM_HOME="$WORK/home-migrate-new" java -jar target/dashtam.jar migrate >"$WORK/migrate-new.log" 2>&1 \
  || { tail -20 "$WORK/migrate-new.log"; fail "current migrate"; }
applied=$(docker exec "$PG" psql -qAt -U dashtam -d dashtam -c \
  "select string_agg(version, ',' order by installed_rank) from flyway_schema_history where version::int > $(release schema)")
log "new migrations applied while release $VERSION serves: V${applied//,/, V} ($((SECONDS - step_t)) s)"
sleep 5
kill -0 "${PIDS[old]}" || fail "the release replica died on the new schema"

step_t=$SECONDS
replica new target/dashtam.jar 18200 18290
current=$(version_of 18200)
for _ in $(seq 1 20); do hap "show stat" | grep -q '^replicas,new,.*,UP,' && break; sleep 0.5; done
log "current $current serves on 18200 and joined the load balancer ($((SECONDS - step_t)) s)"
sleep 8

step_t=$SECONDS
hap "set server replicas/old state drain" >/dev/null
for _ in $(seq 1 100); do [ "$(sessions old)" = 0 ] && break; sleep 0.1; done
[ "$(sessions old)" = 0 ] || fail "requests still in flight on the release replica after 10 s of draining"
drained=$((SECONDS - step_t))
stop_t=$SECONDS
kill -TERM "${PIDS[old]}"
for _ in $(seq 1 150); do kill -0 "${PIDS[old]}" 2>/dev/null || break; sleep 0.1; done
if kill -0 "${PIDS[old]}" 2>/dev/null; then fail "the release replica did not exit within 15 s of SIGTERM"; fi
wait "${PIDS[old]}" 2>/dev/null && old_exit=0 || old_exit=$?
unset 'PIDS[old]'
# 143 = 128 + SIGTERM: the JVM's status after its shutdown hooks ran on a TERM (a graceful stop).
[ "$old_exit" = 0 ] || [ "$old_exit" = 143 ] || fail "the release replica exited with $old_exit"
log "release drained in ${drained} s, exited ($old_exit) $((SECONDS - stop_t)) s after SIGTERM"
sleep 8

touch "$WORK/stop"
rc=0; wait "$TRAFFIC_PID" || rc=$?
TRAFFIC_PID=
summary=$(cat "$WORK/traffic.json")
log "traffic: $summary"
[ "$rc" = 0 ] || { cat "$WORK/traffic.err"; fail "failed requests or lost writes (see above)"; }
stored=$(docker exec "$PG" psql -qAt -U dashtam -d dashtam -c \
  "select count(*) from provider_connections where alias ~ '^w[0-9]+-'")
acknowledged=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["writes_acknowledged"])' "$summary")
[ "$stored" = "$acknowledged" ] || fail "$acknowledged writes acknowledged, $stored stored"
log "upgrade $VERSION -> $current passed: every request answered 2xx, $acknowledged writes acknowledged and stored"
echo "  rolling upgrade test passed in $((SECONDS - T0)) s"

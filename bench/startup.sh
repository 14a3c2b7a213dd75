#!/usr/bin/env bash
# Start-up benchmark for issue 2. Prints medians over RUNS runs of:
#   (a) process start -> first successful GET /health over HTTPS (certificate checked), JVM only (PostgreSQL already
#       running) and the embedded PostgreSQL's own start, on JDK 17 and JDK 25, each plain and with the class
#       archive (AppCDS on 17, AOT cache on 25) that `make run` builds;
#   (b) the time to give one test class its isolated, migrated database (CREATE DATABASE ... TEMPLATE);
#   (c) resident memory (VmRSS) of the JVM once /health answers.
# Usage: bench/startup.sh [RUNS]   (default 5). Needs target/dashtam.jar (make build) and psql.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-5}
mkdir -p bench/results
exec > >(tee bench/results/startup-latest.txt) 2>&1
echo "# bench/startup.sh $RUNS on $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
JDK17=${JDK17:-/usr/lib/jvm/java-17-openjdk-amd64}
JDK25=${JDK25:-/usr/lib/jvm/temurin-25-jdk-amd64}
WORK=$(mktemp -d /tmp/dashtam-bench.XXXX)
PORT=8400; MPORT=8490
[ -f target/dashtam.jar ] || ./mvnw -B -q package -DskipTests
java -Djarmode=tools -jar target/dashtam.jar extract --destination "$WORK/app" >/dev/null
JAR="$WORK/app/dashtam.jar"

median() { sort -n | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.0f", m}'; }
now_ms() { date +%s%3N; }

# A PostgreSQL 17 for the JVM-only runs: the app's own embedded server, started once.
export DASHTAM_HOME="$WORK/home" SSL_KEY_FILE= SSL_CERT_FILE= DASHTAM_OAUTH_LISTENER_ENABLED=false DASHTAM_SCHEDULING_ENABLED=false
"$JDK17/bin/java" -jar "$JAR" --server.port=$((PORT+50)) --management.server.port=$((MPORT+50)) >"$WORK/pg.log" 2>&1 &
PG_APP=$!
trap 'kill $PG_APP 2>/dev/null || true; rm -rf "$WORK"' EXIT
for _ in $(seq 1 120); do grep -q "Started DashtamApplication" "$WORK/pg.log" && break; sleep 0.5; done
PGPORT=$(grep -o 'Embedded PostgreSQL 17 on port [0-9]*' "$WORK/pg.log" | awk '{print $NF}')
export DATABASE_URL="postgresql://postgres@localhost:$PGPORT/dashtam"

# One start: runs the jar with the given command and flags ("$@", e.g. `java -Xshare...` or `env -u X java ...`)
# and DASHTAM_HOME=$2, waits until /health answers over HTTPS checked against that home's local CA, then stops it
# normally (so a class archive being recorded gets written); prints "ms_to_ready rss_mb". Log in $1.
start_app() {
  local log=$1 home=$2; shift 2
  local t0; t0=$(now_ms)
  DASHTAM_HOME="$home" "$@" -jar "$JAR" --server.port=$PORT --management.server.port=$MPORT >"$log" 2>&1 &
  local pid=$!
  until curl -sf --cacert "$home/tls/ca.pem" "https://localhost:$PORT/health" >/dev/null 2>&1; do
    kill -0 $pid 2>/dev/null || { cat "$log" >&2; return 1; }
    sleep 0.02
  done
  local t1; t1=$(now_ms)
  local rss; rss=$(awk '/VmRSS/ {printf "%.0f", $2/1024}' /proc/$pid/status)
  kill $pid; wait $pid 2>/dev/null || true
  echo "$((t1 - t0)) $rss"
}

# A training run records the class archive the way `make run` does: one real start that answers /health, then a
# normal stop (the JVM writes the archive as it exits).
train() { start_app "$WORK/train.log" "$WORK/home" "$@" >/dev/null; }

measure() {
  local label=$1 java=$2; shift 2
  local times=() rss=()
  for _ in $(seq 1 "$RUNS"); do
    read -r t r < <(start_app "$WORK/run.log" "$WORK/home" "$java" "$@")
    times+=("$t"); rss+=("$r")
  done
  printf "%-34s start-to-ready median %5s ms   RSS median %4s MB   (runs: %s)\n" "$label" \
    "$(printf '%s\n' "${times[@]}" | median)" "$(printf '%s\n' "${rss[@]}" | median)" "${times[*]}"
}

# C1 only, with one compiler thread: on JDK 17 a second C1 thread cost the main thread ~0.5 s in compile-queue lock
# hand-offs on these 2-core VMs (async-profiler wall clock); JDK 25 starts one anyway.
OPTS=(${JAVA_RUN_OPTS:--XX:TieredStopAtLevel=1 -XX:CICompilerCount=1 -XX:+UseSerialGC -Xss512k -XX:MaxRAMPercentage=25 -XX:ReservedCodeCacheSize=128m})
# JDK 25 rows: native reflection accessors, as bin/run-jar does on JDK 22+ (JDK 17 has no such property).
OPTS25=("${OPTS[@]}" -Djdk.reflect.useNativeAccessorOnly=true)
echo "== JVM start to first HTTPS /health (PostgreSQL already running), $RUNS runs, $(nproc) cores"
measure "JDK 17 default flags" "$JDK17/bin/java"
measure "JDK 17 tuned flags" "$JDK17/bin/java" "${OPTS[@]}"
train "$JDK17/bin/java" "${OPTS[@]}" -XX:ArchiveClassesAtExit="$WORK/app17.jsa"
measure "JDK 17 tuned + AppCDS" "$JDK17/bin/java" "${OPTS[@]}" -XX:SharedArchiveFile="$WORK/app17.jsa"
if [ -x "$JDK25/bin/java" ]; then
  measure "JDK 25 default flags" "$JDK25/bin/java"
  train "$JDK25/bin/java" "${OPTS25[@]}" -XX:AOTCacheOutput="$WORK/app25.aot"
  measure "JDK 25 tuned + AOT cache" "$JDK25/bin/java" "${OPTS25[@]}" -XX:AOTCache="$WORK/app25.aot"
fi

# The embedded PostgreSQL on its own: full starts with no database configured (as `make run`), after one start that
# created the data directory; PostgreSQL's part comes from the app's log line.
measure_pg() {
  local label=$1 java=$2 home="$WORK/pghome-$3"; shift 3
  local log="$WORK/pgrun.log"
  start_app "$log" "$home" env -u DATABASE_URL "$java" "$@" >/dev/null   # creates the data directory, not counted
  local pg=() total=()
  for _ in $(seq 1 "$RUNS"); do
    read -r t _ < <(start_app "$log" "$home" env -u DATABASE_URL "$java" "$@")
    pg+=("$(grep -o 'started in [0-9]* ms' "$log" | head -1 | awk '{print $3}')"); total+=("$t")
  done
  printf "%-34s PostgreSQL start median %5s ms   whole start-to-ready median %5s ms   (PostgreSQL runs: %s)\n" \
    "$label" "$(printf '%s\n' "${pg[@]}" | median)" "$(printf '%s\n' "${total[@]}" | median)" "${pg[*]}"
}

echo "== Embedded PostgreSQL 17 start (existing data directory), $RUNS runs, tuned flags + class archive"
measure_pg "JDK 17" "$JDK17/bin/java" 17 "${OPTS[@]}" -XX:SharedArchiveFile="$WORK/app17.jsa"
if [ -x "$JDK25/bin/java" ]; then
  measure_pg "JDK 25" "$JDK25/bin/java" 25 "${OPTS25[@]}" -XX:AOTCache="$WORK/app25.aot"
fi

echo "== Isolated database per test class (CREATE DATABASE ... TEMPLATE <migrated>), $((RUNS * 4)) runs"
psql_() { psql -q -h localhost -p "$PGPORT" -U postgres "$@"; }
psql_ -d postgres -c "CREATE DATABASE bench_tpl" >/dev/null
DATABASE_URL="postgresql://postgres@localhost:$PGPORT/bench_tpl" "$JDK17/bin/java" -jar "$JAR" migrate >"$WORK/migrate.log" 2>&1
clone_times=()
for i in $(seq 1 $((RUNS * 4))); do
  t0=$(date +%s%N)
  psql_ -d postgres -c "CREATE DATABASE bench_clone_$i TEMPLATE bench_tpl" >/dev/null
  t1=$(date +%s%N)
  clone_times+=($(( (t1 - t0) / 1000000 )))
  psql_ -d postgres -c "DROP DATABASE bench_clone_$i" >/dev/null
done
echo "clone median $(printf '%s\n' "${clone_times[@]}" | median) ms (runs: ${clone_times[*]}; includes psql start)"

#!/usr/bin/env bash
# Container stage of .ci/run (issue 3), run from the repository root as root with no stdin:
#   prep  install docker.io/docker-compose/debootstrap if missing, `make config-check`, start dockerd, build the air-gapped
#         stand-in images, the app image (from target/dashtam.jar) and the test-runner image
#   2     dev and test up together: each healthy over HTTPS on its own ports (certificate checks on),
#         each holding its own data, neither network reaching the other; smoke tests via `run --rm`;
#         the staging walk (scripts/staging-walk.sh): staging as it ships plus a fake Schwab container, walked over
#         HTTPS from the first account to synced transactions and the pages, then torn down
#   2g    the rolling-upgrade test (scripts/upgrade-test.sh): the release in RELEASE and the current jar, one replica
#         each on one PostgreSQL behind haproxy under traffic; zero failed requests, zero lost writes
#   3     make ci-test with a representative subset of the integration suite (CI_IT_SUBSET) in the ci environment,
#         against its PostgreSQL container, exit code passed through (the native `make test` already ran every IT)
#   4     everything down with -v; no dashtam- container, network or volume left; dockerd stopped
# Any failure fails the script; teardown always runs (trap). Timings are printed per step.
set -Eeuo pipefail

cd "$(dirname "$0")/.."
ROOT="$PWD"
export DEBIAN_FRONTEND=noninteractive
MK=(make --no-print-directory -f make/environments.mk)
CA="$ROOT/certs/ca.pem"
DOCKERD_PID=""
LOG_DIR="${DASHTAM_CI_LOG_DIR:-$ROOT/target-env/ci-logs}"
RUN_ID="${CI_RUN_ID:-$(date +%s)-$$}"
# Test runners run as this user, so the read-only source and ~/.m2 mounts are readable (see compose).
export DASHTAM_TEST_UID="${DASHTAM_TEST_UID:-$(id -u)}" DASHTAM_TEST_GID="${DASHTAM_TEST_GID:-$(id -g)}"
# ... and see the source at this same path, so the classes `make test` compiled are reused, not rebuilt.
export DASHTAM_SOURCE_DIR="$ROOT"
declare -a TIMINGS=()
STEP_NAME=""; STEP_START=0; T0=$SECONDS; STEPS_2_4_START=""

log() { printf '\n=== [containers %(%H:%M:%S)T] %s\n' -1 "$*"; }
fail() { echo "FAILED: $*" >&2; exit 1; }
step() { STEP_NAME="$1"; STEP_START=$SECONDS; log "$1"; }
done_step() { local d=$((SECONDS - STEP_START)); TIMINGS+=("$(printf '%-58s %4d s' "$STEP_NAME" "$d")"); log "$STEP_NAME: ok (${d} s)"; STEP_NAME=""; }
dc() { local e="$1"; shift; docker-compose -p "dashtam-$e" -f "compose/dashtam-$e/docker-compose.yml" --env-file "$ROOT/env/.env.$e" "$@"; }

teardown() {
  local rc=$?
  set +e
  trap - EXIT ERR
  [ -n "$STEP_NAME" ] && TIMINGS+=("$(printf '%-58s %4d s  FAILED' "$STEP_NAME" "$((SECONDS - STEP_START))")")
  if docker version >/dev/null 2>&1; then
    if [ "$rc" -ne 0 ]; then
      log "failure: recent logs"
      for c in dashtam-dev-app dashtam-test-app dashtam-staging-app dashtam-staging-backup dashtam-staging-fake-schwab; do
        docker logs --tail 40 "$c" >"$LOG_DIR/$c.log" 2>&1 && tail -n 40 "$LOG_DIR/$c.log"
      done
    fi
    log "teardown"
    for e in dev test; do [ -f "env/.env.$e" ] && dc "$e" down -v --remove-orphans >/dev/null 2>&1; done
    scripts/staging-walk.sh down
    # A ci run that was interrupted: its project carries the run id.
    for p in $(docker ps -aq --filter "label=com.docker.compose.project=dashtam-ci-$RUN_ID"); do docker rm -fv "$p" >/dev/null; done
    docker network ls -q --filter "label=com.docker.compose.project=dashtam-ci-$RUN_ID" | xargs -r docker network rm >/dev/null
  fi
  if [ -n "$DOCKERD_PID" ]; then
    log "stopping dockerd ($DOCKERD_PID)"
    kill "$DOCKERD_PID" 2>/dev/null
    for _ in $(seq 1 30); do kill -0 "$DOCKERD_PID" 2>/dev/null || break; sleep 1; done
  fi
  log "timings"
  printf '  %s\n' "${TIMINGS[@]}"
  [ -n "$STEPS_2_4_START" ] && printf '  %-58s %4d s\n' "steps 2-4 (incl. teardown)" "$((SECONDS - STEPS_2_4_START))"
  printf '  %-58s %4d s\n' "total" "$((SECONDS - T0))"
  [ "$rc" -eq 0 ] && log "container stage passed" || log "container stage FAILED (exit $rc)"
  exit "$rc"
}
trap teardown EXIT
trap 'echo "error at line $LINENO: $BASH_COMMAND" >&2' ERR

mkdir -p "$LOG_DIR"

# ---------------------------------------------------------------- prep
step "prep: tools"
need=()
command -v dockerd >/dev/null || need+=(docker.io)
command -v docker-compose >/dev/null || need+=(docker-compose)
command -v debootstrap >/dev/null || need+=(debootstrap)
command -v curl >/dev/null || need+=(curl)
command -v openssl >/dev/null || need+=(openssl)
command -v xz >/dev/null || need+=(xz-utils)
command -v unzip >/dev/null || need+=(unzip)
if [ "${#need[@]}" -gt 0 ]; then
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
done_step

step "prep: make config-check (compose config -q, kustomize render, isolation checker)"
command -v kubectl >/dev/null || fail "kubectl is missing (it ships with the machine image; kustomize renders need it)"
"${MK[@]}" config-check
done_step

step "prep: dockerd"
if docker version >/dev/null 2>&1; then
  echo "a Docker engine already answers; using it (and leaving it running)"
else
  dockerd >"$LOG_DIR/dockerd.log" 2>&1 &
  DOCKERD_PID=$!
  for _ in $(seq 1 60); do docker version >/dev/null 2>&1 && break; sleep 1; done
  docker version >/dev/null 2>&1 || { tail -n 30 "$LOG_DIR/dockerd.log"; fail "dockerd did not come up"; }
fi
docker version --format 'engine {{.Server.Version}}'
done_step

step "prep: images (stand-ins, app, test runner)"
scripts/build-standin-images.sh
if [ ! -f target/dashtam.jar ]; then ./mvnw -B -q package -DskipTests; fi
"${MK[@]}" env-files certs image test-image 2>&1 | grep -v -i -e 'legacy builder is deprecated' -e buildx -e 'docs.docker.com' -e '^ *$' || true
docker image inspect dashtam/app:local dashtam/test:local >/dev/null || fail "images missing"
done_step

# ---------------------------------------------------------------- step 2
STEPS_2_4_START=$SECONDS
step "2a: dev and test up together"
for port in 8000 8001 8002 5432 5433 5434 5435 8090 8091 8092 8182 8183 8443 18100 18190 18200 18290 18443; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    fail "host port $port is already in use (is \`make run\` still up? stop it before the container stage)"
  fi
done
dc dev up -d >"$LOG_DIR/dev-up.log" 2>&1 & dev_up=$!
dc test up -d >"$LOG_DIR/test-up.log" 2>&1 & test_up=$!
# Staging (step 2f) starts meanwhile: most of a start is waiting on health checks.
scripts/staging-walk.sh up >"$LOG_DIR/staging-up.log" 2>&1 & staging_up=$!
wait "$dev_up" || { cat "$LOG_DIR/dev-up.log"; fail "dev up"; }
wait "$test_up" || { cat "$LOG_DIR/test-up.log"; fail "test up"; }
scripts/wait-healthy.sh dashtam-dev-app 240
scripts/wait-healthy.sh dashtam-test-app 240
done_step

step "2b: each answers on its own ports over verified HTTPS"
check_https() { # url expected-substring
  local body
  body="$(curl --fail --silent --show-error --max-time 10 --cacert "$CA" "$1")" || fail "GET $1"
  grep -q "$2" <<<"$body" || fail "GET $1: expected $2, got $body"
  echo "  ok  $1  $body"
}
for pair in dev:8000:8090 test:8001:8091; do
  IFS=: read -r env app mgmt <<<"$pair"
  check_https "https://localhost:$app/health" '"status":"UP"'
  check_https "https://localhost:$app/health" '"database":{"status":"UP"}'
  check_https "https://localhost:$mgmt/actuator/health/readiness" '"status":"UP"'
  check_https "https://localhost:$mgmt/actuator/health/liveness" '"status":"UP"'
  # Certificate checks are really on: without the CA the handshake must fail (curl 60).
  rc=0; curl --silent --max-time 10 -o /dev/null "https://localhost:$app/health" || rc=$?
  [ "$rc" -eq 60 ] || fail "a client without the CA got through to $env (curl exit $rc, expected 60)"
  # Plain HTTP on the API port is refused.
  code="$(curl --silent --max-time 10 -o /dev/null -w '%{http_code}' "http://localhost:$app/health" || true)"
  [ "$code" != 200 ] || fail "plain HTTP answered 200 on $env's port $app"
  # The port belongs to that environment's container.
  docker port "dashtam-$env-app" 8000/tcp | grep -q ":$app\$" || fail "port $app is not dashtam-$env-app's"
  echo "  ok  $env: no CA -> handshake refused, plain HTTP -> not served, port $app -> dashtam-$env-app"
done
done_step

step "2c: each holds its own data"
psql_in() { # env sql
  docker exec "dashtam-$1-postgres" sh -c 'psql -v ON_ERROR_STOP=1 -qAt -U "$POSTGRES_USER" -d "${POSTGRES_DB:-$POSTGRES_USER}" -c "$0"' "$2"
}
for env in dev test; do
  [ "$(psql_in "$env" "select count(*) > 0 from flyway_schema_history where success")" = t ] \
    || fail "$env: migrations were not applied by the migrate job"
  marker="$env-$RUN_ID"
  psql_in "$env" "create table ci_isolation_marker(env text primary key); insert into ci_isolation_marker values ('$marker')"
done
for pair in dev:test test:dev; do
  IFS=: read -r env other <<<"$pair"
  [ "$(psql_in "$env" "select string_agg(env, ',') from ci_isolation_marker")" = "$env-$RUN_ID" ] \
    || fail "$env holds data that is not its own"
  echo "  ok  $env holds only its own marker ($env-$RUN_ID), not $other's"
done
done_step

step "2d: neither network reaches the other"
pg_image="$(docker inspect -f '{{.Config.Image}}' dashtam-dev-postgres)"
probe() { # network command...
  local net="$1"; shift
  docker run --rm --network "$net" --entrypoint "$1" "$pg_image" "${@:2}"
}
for pair in test:dev dev:test; do
  IFS=: read -r from to <<<"$pair"
  net="dashtam-$from-network"
  probe "$net" getent hosts "dashtam-$from-postgres" >/dev/null || fail "control: own postgres not resolvable on $net"
  if probe "$net" getent hosts "dashtam-$to-postgres" >/dev/null; then fail "dashtam-$to-postgres resolves from $net"; fi
  if probe "$net" getent hosts "dashtam-$to-app" >/dev/null; then fail "dashtam-$to-app resolves from $net"; fi
  ip="$(docker inspect -f '{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}' "dashtam-$to-postgres")"
  if probe "$net" pg_isready -q -h "$ip" -p 5432 -t 3; then fail "$net reaches dashtam-$to-postgres at $ip"; fi
  echo "  ok  from $net: dashtam-$to-postgres and dashtam-$to-app do not resolve, $ip:5432 unreachable"
done
done_step

step "2e: smoke tests through the test environment (run --rm smoke)"
# --no-deps: the app is already up and healthy (2a); plain `make test-smoke` starts it when needed.
rc=0; dc test run --rm --no-deps smoke >"$LOG_DIR/smoke.log" 2>&1 || rc=$?
grep -E 'Tests run:|BUILD|ERROR\]' "$LOG_DIR/smoke.log" | tail -n 15 || true
[ "$rc" -eq 0 ] || { tail -n 80 "$LOG_DIR/smoke.log"; fail "smoke tests exited $rc"; }
grep -Eq 'Tests run: [1-9][0-9]*, Failures: 0, Errors: 0' "$LOG_DIR/smoke.log" || fail "smoke tests did not run"
done_step

step "2f: staging walk (production settings, external PostgreSQL, TLS from files, fake Schwab)"
rc=0; wait "$staging_up" || rc=$?
[ "$rc" -eq 0 ] || { tail -n 40 "$LOG_DIR/staging-up.log"; fail "staging up"; }
echo "  staging and the fake Schwab up (started with 2a; waited here $((SECONDS - STEP_START)) s)"
scripts/staging-walk.sh walk || fail "staging walk"
scripts/staging-walk.sh down
done_step

step "2g: rolling upgrade from the last release (RELEASE) under traffic"
scripts/upgrade-test.sh || fail "rolling upgrade"
done_step

# ---------------------------------------------------------------- step 3
# One class per area (users, provider OAuth, sync, portfolio reads, backup and restore on a PostgreSQL server):
# enough to prove the test image, the compose wiring and the harness against an external PostgreSQL; the native
# `make test` has run the whole suite.
CI_IT_SUBSET="${CI_IT_SUBSET:-RegistrationIT,SchwabOAuthIT,SyncIT,PortfolioIT,RestoreDrillIT}"
step "3: make ci-test (integration subset in the ci environment: $CI_IT_SUBSET)"
rc=0; DASHTAM_IT_TESTS="$CI_IT_SUBSET" CI_RUN_ID="$RUN_ID" "${MK[@]}" ci-test >"$LOG_DIR/ci-test.log" 2>&1 || rc=$?
grep -E 'Tests run:|BUILD|ERROR\]|ci-test:' "$LOG_DIR/ci-test.log" | tail -n 25 || true
[ "$rc" -eq 0 ] || { tail -n 80 "$LOG_DIR/ci-test.log"; fail "make ci-test exited $rc"; }
grep -Eq 'Tests run: [1-9][0-9]*, Failures: 0, Errors: 0' "$LOG_DIR/ci-test.log" || fail "make ci-test ran no integration test"
done_step

# ---------------------------------------------------------------- step 4
step "4: everything down, nothing left behind"
dc dev down -v --remove-orphans >/dev/null 2>&1
dc test down -v --remove-orphans >/dev/null 2>&1
left="$(docker ps -a --filter name=dashtam- --format '{{.Names}}')$(docker network ls --filter name=dashtam- --format '{{.Name}}')$(docker volume ls --filter name=dashtam- --format '{{.Name}}')"
left="$left$(docker ps -a --filter label=com.docker.compose.project --format '{{.Label "com.docker.compose.project"}}' | grep '^dashtam-' || true)"
[ -z "$left" ] || fail "left behind: $left"
echo "  ok  no dashtam- containers, networks or volumes remain"
done_step

#!/usr/bin/env bash
# The staging walk (issue 25): staging brought up as it ships (compose/dashtam-staging: profile staging, the app
# image on an external PostgreSQL container, TLS from mounted files, invite-only sign-up, no sandboxes, the
# scheduled backup) next to a fake Charles Schwab container, then walked over HTTPS with certificate checks like a
# person would: first account -> admin, an invite, a second user signs up with it, connects Schwab through the
# production callback route /oauth/schwab/callback (no listener port), the first sync, accounts and transactions,
# the pages; then torn down with nothing left.
#   scripts/staging-walk.sh up|walk|down|all      (all = up, walk, down; `down` always runs at the end of `all`)
# Needs: a Docker engine, the images dashtam/app:local and dashtam/test:local (make image test-image), the compiled
# test classes (target/test-classes: the fake is the test suite's FakeSchwab), curl, openssl, python3.
# Host ports: 8002 (app), 8092 (management, loopback), 5434 (PostgreSQL, loopback), 8443 (fake Schwab's OAuth,
# loopback). Timings per step are printed.
set -Eeuo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
WORK="$ROOT/target-env/staging-walk"
CERTS="$WORK/certs"
ENV_FILE="$WORK/staging.env"
FAKE=dashtam-staging-fake-schwab
APP=https://localhost:8002
FAKE_TRANSACTIONS=120
CA="$CERTS/ca.pem"
T0=$SECONDS

log() { printf '  [%3ds] %s\n' "$((SECONDS - T0))" "$*"; }
fail() { echo "staging walk FAILED: $*" >&2; exit 1; }
dcs() { DASHTAM_STAGING_ENV_FILE="$ENV_FILE" docker-compose -p dashtam-staging -f compose/dashtam-staging/docker-compose.yml \
          --env-file "$ENV_FILE" "$@"; }

up() {
  mkdir -p "$WORK"
  DASHTAM_TLS_NAMES="$FAKE" scripts/make-certs.sh "$CERTS" >/dev/null
  key() { echo "k1:$(head -c 32 /dev/urandom | base64 | tr -d '\n')"; }
  umask 077
  # The fake's client id/secret (FakeSchwab.CLIENT_ID/CLIENT_SECRET); everything else as a real staging has it.
  cat > "$ENV_FILE" <<EOF
SPRING_PROFILES_ACTIVE=staging
POSTGRES_USER=dashtam
POSTGRES_PASSWORD=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
POSTGRES_DB=dashtam
DASHTAM_STAGING_CERTS_DIR=$CERTS
DASHTAM_TLS_NAMES=app,dashtam-staging-app
DASHTAM_ENCRYPTION_KEYS=$(key)
DASHTAM_JWT_KEYS=$(key)
DASHTAM_PUBLIC_URL=$APP
SCHWAB_CLIENT_ID=dashtam-test-client
SCHWAB_CLIENT_SECRET=test-client-secret-1
SCHWAB_REDIRECT_URI=$APP/oauth/schwab/callback
SCHWAB_AUTH_BASE_URL=https://$FAKE:8443
SCHWAB_API_BASE_URL=https://$FAKE:8444
DASHTAM_OUTBOUND_CA_FILE=/certs/ca.pem
EOF
  umask 022
  [ -d target/test-classes ] || fail "no target/test-classes: build the tests first (./mvnw -q test-compile)"
  ./mvnw -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$WORK/classpath.txt" >/dev/null
  dcs up -d >"$WORK/up.log" 2>&1 || { cat "$WORK/up.log"; fail "staging up"; }
  # On the staging network under the name the app's SCHWAB_*_BASE_URL use; its OAuth port published on the host's
  # loopback for the browser's authorize step (curl --resolve maps the name there).
  docker run -d --name "$FAKE" --network dashtam-staging-network -p 127.0.0.1:8443:8443 \
    --user "$(id -u):$(id -g)" --read-only --tmpfs /tmp \
    -v "$ROOT:$ROOT:ro" -v "$HOME/.m2:$HOME/.m2:ro" -w "$ROOT" --entrypoint java \
    -e FAKE_SCHWAB_CERT=/certs/server.pem -e FAKE_SCHWAB_KEY=/certs/server-key.pem -v "$CERTS:/certs:ro" \
    -e FAKE_SCHWAB_REDIRECT_URI="$APP/oauth/schwab/callback" -e FAKE_SCHWAB_TRANSACTIONS="$FAKE_TRANSACTIONS" \
    "${DASHTAM_TEST_IMAGE:-dashtam/test:local}" \
    -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp "target/test-classes:$(cat "$WORK/classpath.txt")" \
    io.dashtam.providers.FakeSchwabServer >/dev/null
  scripts/wait-healthy.sh dashtam-staging-app 240
  scripts/wait-healthy.sh dashtam-staging-backup 240
  for _ in $(seq 1 60); do docker logs "$FAKE" 2>&1 | grep -q 'fake-schwab: OAuth' && break; sleep 1; done
  docker logs "$FAKE" 2>&1 | grep -q 'fake-schwab: OAuth' || { docker logs "$FAKE"; fail "the fake Schwab did not start"; }
}

# ---------------------------------------------------------------------------------------------------- the walk
JAR="$WORK/cookies"
# curl with certificate checks against the walk's CA only; the fake's name resolves to its published port.
c() { curl --silent --show-error --max-time 20 --cacert "$CA" --resolve "$FAKE:8443:127.0.0.1" "$@"; }
# ... as a browser: it asks for HTML (the callback page answers JSON clients with JSON).
b() { c -H 'Accept: text/html,application/xhtml+xml' -c "$JAR" -b "$JAR" "$@"; }
# api METHOD PATH [JSON] [TOKEN] -> body in $BODY, status in $STATUS
api() {
  local args=(-X "$1" -o "$WORK/body" -w '%{http_code}' "$APP$2")
  [ -n "${3:-}" ] && args+=(-H 'Content-Type: application/json' --data "$3")
  [ -n "${4:-}" ] && args+=(-H "Authorization: Bearer $4")
  STATUS=$(c "${args[@]}"); BODY=$(cat "$WORK/body")
}
json() { python3 -c 'import json,sys; d=json.loads(sys.argv[1]); print(eval(sys.argv[2], {"d": d}))' "$BODY" "$1"; }
expect() { [ "$STATUS" = "$1" ] || fail "$2: expected HTTP $1, got $STATUS: $BODY"; }
step() { STEP="$1"; STEP_T=$SECONDS; }
# Staging has no mail server here: the outbox table is the mailbox. Verifies $1 with the token of its newest mail.
verify_email() {
  local token
  token=$(docker exec dashtam-staging-postgres psql -U dashtam -d dashtam -tAc \
    "SELECT substring(body from '\n    ([A-Za-z0-9_-]{43})\n') FROM outbox WHERE recipient = '$1' AND subject LIKE 'Verify%' ORDER BY created_at DESC LIMIT 1")
  [ -n "$token" ] || fail "no verification mail for $1 in the outbox"
  api POST /api/v1/email-verifications '{"token":"'"$token"'"}'; expect 204 "verify $1"
}
ok() { printf '  ok  %-70s %3d s\n' "$STEP" "$((SECONDS - STEP_T))"; }

walk() {
  rm -f "$JAR"
  local admin_pw="Walk-admin-$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')"
  local user_pw="Walk-user-$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')"

  step "GET /health over verified HTTPS (staging profile, PostgreSQL UP)"
  api GET /health; expect 200 health
  [ "$(json 'd["database"]["status"]')" = UP ] || fail "database not UP: $BODY"
  rc=0; curl --silent --max-time 10 -o /dev/null "$APP/health" || rc=$?
  [ "$rc" = 60 ] || fail "a client without the CA got through (curl exit $rc)"
  ok

  step "no sandboxes in staging: the provider list has Schwab and no sandbox"
  api POST /api/v1/users '{"email":"admin@staging.example.org","password":"'"$admin_pw"'","name":"Staging admin"}'
  expect 202 "first account"
  verify_email admin@staging.example.org
  api POST /api/v1/sessions '{"email":"admin@staging.example.org","password":"'"$admin_pw"'"}'; expect 201 "admin sign-in"
  local admin; admin=$(json 'd["accessToken"]')
  api GET /api/v1/providers "" "$admin"; expect 200 providers
  python3 -c 'import json,sys; keys=[p.get("key") or p.get("id") for p in json.loads(sys.argv[1])]; sys.exit(0 if "schwab" in keys and not any("sandbox" in str(k) for k in keys) else 1)' "$BODY" \
    || fail "providers in staging: $BODY"
  ok

  step "the first account is the admin; sign-up is invite-only"
  api GET /api/v1/users/me "" "$admin"; expect 200 me
  [ "$(json 'd["role"]')" = admin ] || fail "first account is not admin: $BODY"
  api POST /api/v1/users '{"email":"walker@staging.example.org","password":"'"$user_pw"'","name":"Walker"}'
  [ "${STATUS:0:1}" = 4 ] || fail "sign-up without an invite was not refused: $STATUS $BODY"
  ok

  step "an invite; the second user signs up with it and signs in"
  api POST /api/v1/admin/invites '{}' "$admin"; expect 201 invite
  local invite; invite=$(json 'd["token"]')
  api POST /api/v1/users '{"email":"walker@staging.example.org","password":"'"$user_pw"'","name":"Walker","inviteToken":"'"$invite"'"}'
  expect 202 "sign-up with the invite"
  api POST /api/v1/sessions '{"email":"walker@staging.example.org","password":"'"$user_pw"'"}'
  expect 403 "sign-in before the email is verified"
  verify_email walker@staging.example.org
  api POST /api/v1/sessions '{"email":"walker@staging.example.org","password":"'"$user_pw"'"}'; expect 201 "sign-in"
  local token; token=$(json 'd["accessToken"]')
  api GET /api/v1/users/me "" "$token"; [ "$(json 'd["role"]')" = user ] || fail "second user's role: $BODY"
  ok

  step "connect Schwab: connect link, Schwab's authorize, /oauth/schwab/callback on the app"
  api POST /api/v1/connections '{"provider":"schwab","alias":"Schwab brokerage"}' "$token"; expect 201 connection
  local id; id=$(json 'd["id"]')
  api GET "/api/v1/connections/$id/authorization" "" "$token"; expect 200 authorization
  local connect; connect=$(json 'd["connectUrl"]')
  [[ "$connect" == "$APP/oauth/connect?link="* ]] || fail "connect link not on the public URL: $connect"
  local authorize; authorize=$(b -o /dev/null -w '%{redirect_url}' "$connect")
  [[ "$authorize" == "https://$FAKE:8443/v1/oauth/authorize?"* ]] || fail "connect link led to $authorize"
  local callback; callback=$(b -o "$WORK/body" -w '%{redirect_url}' "$authorize")
  [[ "$callback" == "$APP/oauth/schwab/callback?code="* ]] || fail "Schwab redirected to $callback: $(cat "$WORK/body")"
  STATUS=$(b -o "$WORK/body" -w '%{http_code}' "$callback"); BODY=$(cat "$WORK/body")
  expect 200 callback; grep -q Connected "$WORK/body" || fail "callback page: $BODY"
  api GET "/api/v1/connections/$id" "" "$token"; [ "$(json 'd["status"]')" = active ] || fail "not active: $BODY"
  ok

  step "the first sync (queued by the activation) succeeds"
  local status=""
  for _ in $(seq 1 120); do
    api GET "/api/v1/connections/$id/syncs" "" "$token"
    status=$(json 'd[0]["status"] if d else ""')
    case "$status" in succeeded) break ;; failed|cancelled) fail "sync $status: $BODY" ;; esac
    sleep 0.5
  done
  [ "$status" = succeeded ] || fail "sync did not finish: $BODY"
  ok

  step "accounts, holdings and transactions read back ($FAKE_TRANSACTIONS at the fake)"
  api GET /api/v1/accounts "" "$token"; expect 200 accounts
  [ "$(json 'len(d)')" = 1 ] || fail "accounts: $BODY"
  [ "$(json 'd[0]["number"]')" = '****5678' ] || fail "account number: $BODY"
  api GET /api/v1/holdings "" "$token"; expect 200 holdings
  [ "$(json 'd[0]["symbol"]')" = VTI ] || fail "holdings: $BODY"
  local seen=0 cursor=""
  while :; do
    api GET "/api/v1/transactions?limit=100${cursor:+&cursor=$cursor}" "" "$token"; expect 200 transactions
    seen=$((seen + $(json 'len(d["items"])')))
    cursor=$(json 'd.get("nextCursor") or ""')
    [ -n "$cursor" ] || break
  done
  [ "$seen" = "$FAKE_TRANSACTIONS" ] || fail "transactions: $seen, the fake holds $FAKE_TRANSACTIONS"
  api GET /api/v1/accounts "" "$admin"; [ "$(json 'len(d)')" = 0 ] || fail "the admin sees another user's accounts"
  ok

  step "the pages: sign in through the form, dashboard, accounts, transactions, connections"
  rm -f "$JAR"
  b -o "$WORK/page" "$APP/app/signin"
  local csrf; csrf=$(sed -n 's/.*name="_csrf" value="\([^"]*\)".*/\1/p' "$WORK/page" | head -n 1)
  [ -n "$csrf" ] || fail "no CSRF token on the sign-in page"
  STATUS=$(b -o /dev/null -w '%{http_code}' --data-urlencode "_csrf=$csrf" \
    --data-urlencode "email=walker@staging.example.org" --data-urlencode "password=$user_pw" "$APP/app/signin")
  [ "$STATUS" = 302 ] || fail "page sign-in: $STATUS"
  for page in /app/dashboard /app/accounts /app/transactions /app/connections /app/settings; do
    STATUS=$(b -D "$WORK/headers" -o "$WORK/page" -w '%{http_code}' "$APP$page")
    [ "$STATUS" = 200 ] || fail "$page answered $STATUS"
    grep -qi '^strict-transport-security:' "$WORK/headers" || fail "$page without HSTS"
    grep -qi "^content-security-policy:.*default-src 'none'" "$WORK/headers" || fail "$page without the CSP"
    case "$page" in
      /app/connections) grep -q 'Schwab brokerage' "$WORK/page" || fail "$page does not show the connection" ;;
      /app/transactions) grep -q 'VTI' "$WORK/page" || fail "$page does not show the trades" ;;
    esac
  done
  ok

  step "the scheduled backup wrote its first backup"
  docker exec dashtam-staging-backup sh -c 'ls /backups/dashtam-*.dtbackup' | grep -q dtbackup \
    || fail "no backup in dashtam-staging-backups"
  ok
  echo "  staging walk passed in $((SECONDS - T0)) s"
}

down() {
  [ -f "$ENV_FILE" ] || return 0
  docker rm -f "$FAKE" >/dev/null 2>&1 || true
  dcs down -v --remove-orphans >/dev/null 2>&1 || true
}

case "${1:-all}" in
  up) up ;;
  walk) walk ;;
  down) down ;;
  all) trap down EXIT; up; log "staging and the fake Schwab up"; walk ;;
  *) echo "usage: $0 up|walk|down|all" >&2; exit 2 ;;
esac

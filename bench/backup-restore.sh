#!/usr/bin/env bash
# A user with ROWS transactions (default 1,000,000) on one account, then, timed:
#   export   GET /api/v1/users/me/export through the running app (the ZIP's size, and the app's RSS after);
#   backup   `java -jar target/dashtam.jar backup` (one REPEATABLE READ snapshot, COPY per table, ZIP);
#   restore  `restore` into an empty database (schema at the backup's version, one transaction, migrate forward),
# with row count and sum checks. PostgreSQL 17 in a container (the image compose uses, or its stand-in) on a tmpfs.
#   bench/backup-restore.sh [ROWS]        (needs Docker, target/dashtam.jar; host ports 5436, 18500, 18590)
# Prints one line per phase; nice it on a shared machine.
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS="${1:-1000000}"
WORK="$PWD/target-env/bench-backup"
PG=dashtam-bench-backup-postgres
mkdir -p "$WORK"; rm -f "$WORK"/*.dtbackup
trap 'docker rm -f "$PG" >/dev/null 2>&1 || true' EXIT
docker rm -f "$PG" >/dev/null 2>&1 || true
docker run -d --name "$PG" -p 127.0.0.1:5436:5432 -e POSTGRES_USER=dashtam -e POSTGRES_PASSWORD=bench \
  -e POSTGRES_DB=source --tmpfs /var/lib/postgresql/data:size=6g "${DASHTAM_POSTGRES_IMAGE:-postgres:17}" >/dev/null
for _ in $(seq 1 60); do docker exec "$PG" pg_isready -q -h 127.0.0.1 -U dashtam 2>/dev/null && break; sleep 0.5; done
psql_in() { docker exec -i "$PG" psql -v ON_ERROR_STOP=1 -qAt -U dashtam -d "$1"; }
echo "CREATE DATABASE target" | psql_in source
export DASHTAM_HOME="$WORK/home" DASHTAM_ENCRYPTION_KEYS="k1:$(head -c 32 /dev/urandom | base64)"
run() { DATABASE_URL="postgresql://dashtam:bench@127.0.0.1:5436/$1" java -jar target/dashtam.jar "${@:2}"; }

run source migrate >"$WORK/migrate.log" 2>&1
# The app, to sign the bench user up and time its export.
DATABASE_URL="postgresql://dashtam:bench@127.0.0.1:5436/source" SERVER_PORT=18500 MANAGEMENT_SERVER_PORT=18590 \
  DASHTAM_OAUTH_LISTENER_ENABLED=false DASHTAM_SCHEDULING_ENABLED=false \
  java -XX:+UseSerialGC -Xmx512m -jar target/dashtam.jar >"$WORK/app.log" 2>&1 &
APP=$!
# Every step `|| true`: under set -e a failing kill (the app already stopped) would end the trap before the rm.
trap 'kill $APP 2>/dev/null || true; wait $APP 2>/dev/null || true; docker rm -f "$PG" >/dev/null 2>&1 || true' EXIT
CA="$DASHTAM_HOME/tls/ca.pem"
# A shared machine can take minutes to start it; the bench says so instead of stopping silently.
for _ in $(seq 1 600); do [ -f "$CA" ] && curl -sf --cacert "$CA" https://localhost:18500/health >/dev/null && break; sleep 1; done
curl -sf --cacert "$CA" https://localhost:18500/health >/dev/null || { tail -n 20 "$WORK/app.log"; echo "the app did not start"; exit 1; }
password="Bench-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
# Sign-up answers 202 alike for every email (no id); dev (the default profile) signs in unverified.
curl -sf --cacert "$CA" -H 'Content-Type: application/json' -o /dev/null https://localhost:18500/api/v1/users \
  -d '{"email":"bench@example.org","password":"'"$password"'","name":"Bench"}'
token=$(curl -sf --cacert "$CA" -H 'Content-Type: application/json' https://localhost:18500/api/v1/sessions \
  -d '{"email":"bench@example.org","password":"'"$password"'"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["accessToken"])')
user=$(curl -sf --cacert "$CA" -H "Authorization: Bearer $token" https://localhost:18500/api/v1/users/me \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
t=$SECONDS
psql_in source <<SQL
INSERT INTO provider_connections (id, user_id, provider_key, category, alias, status, created_at, updated_at)
VALUES ('00000000-0000-0000-0000-000000000002', '$user', 'file', 'file', 'Bench', 'active', now(), now());
INSERT INTO accounts (id, user_id, connection_id, provider_account_id, number_last4, name, type, currency,
                      created_at, updated_at)
VALUES ('00000000-0000-0000-0000-000000000003', '$user',
        '00000000-0000-0000-0000-000000000002', 'bench', '0001', 'Bench', 'CASH', 'USD', now(), now());
INSERT INTO transactions (account_id, user_id, provider_transaction_id, occurred_at, trade_date, type, status,
                          description, symbol, quantity, price, amount, currency, created_at, updated_at)
SELECT '00000000-0000-0000-0000-000000000003', '$user', 'tx-' || i,
       now() - (i || ' minutes')::interval, (now() - (i || ' minutes')::interval)::date,
       CASE WHEN i % 5 = 0 THEN 'DIVIDEND_OR_INTEREST' ELSE 'TRADE' END, 'posted',
       'BUY ' || (ARRAY['VTI','VXUS','BND','AAPL','MSFT'])[1 + i % 5] || ' #' || i,
       (ARRAY['VTI','VXUS','BND','AAPL','MSFT'])[1 + i % 5], (i % 17) + 1, 100 + (i % 9000) / 100.0,
       -((i % 17) + 1) * (100 + (i % 9000) / 100.0), 'USD', now(), now()
FROM generate_series(1, $ROWS) AS i;
ANALYZE;
SQL
size=$(echo "SELECT pg_size_pretty(pg_database_size('source'))" | psql_in source)
echo "seeded $ROWS transactions in $((SECONDS - t)) s (database $size)"

t0=$(date +%s.%N)
curl -sf --cacert "$CA" -H "Authorization: Bearer $token" -o "$WORK/export.zip" https://localhost:18500/api/v1/users/me/export
t1=$(date +%s.%N)
rss=$(ps -o rss= -p "$APP" | tr -d ' ')
exported=$(unzip -p "$WORK/export.zip" transactions.csv | tail -n +2 | wc -l)
[ "$exported" = "$ROWS" ] || { echo "export holds $exported transactions, expected $ROWS"; exit 1; }
echo "export:  $(printf '%.1f' "$(echo "$t1 - $t0" | bc)") s, $(du -m "$WORK/export.zip" | cut -f1) MB zip, $ROWS transactions in it; app RSS after: $((rss / 1024)) MB (heap -Xmx512m)"
kill "$APP"; wait "$APP" 2>/dev/null || true

t0=$(date +%s.%N)
run source backup "$WORK/bench.dtbackup" >"$WORK/backup.log" 2>&1 || { cat "$WORK/backup.log"; exit 1; }
t1=$(date +%s.%N)
echo "backup:  $(printf '%.1f' "$(echo "$t1 - $t0" | bc)") s, $(du -m "$WORK/bench.dtbackup" | cut -f1) MB  ($(grep '^backup:' "$WORK/backup.log"))"
t0=$(date +%s.%N)
run target restore "$WORK/bench.dtbackup" >"$WORK/restore.log" 2>&1 || { cat "$WORK/restore.log"; exit 1; }
t1=$(date +%s.%N)
echo "restore: $(printf '%.1f' "$(echo "$t1 - $t0" | bc)") s  ($(grep '^restore:' "$WORK/restore.log"))"
a=$(echo "SELECT count(*), sum(amount) FROM transactions" | psql_in source)
b=$(echo "SELECT count(*), sum(amount) FROM transactions" | psql_in target)
[ "$a" = "$b" ] || { echo "MISMATCH: source $a, target $b"; exit 1; }
echo "transactions (count|sum) equal in source and target: $a"

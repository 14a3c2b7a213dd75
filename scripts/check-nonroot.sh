#!/usr/bin/env bash
# Issue 2: "works as a normal user and as root". Starts the packaged jar as an unprivileged user with no database
# configured (so the embedded PostgreSQL runs without zonky's root-only user namespace), waits for /health over
# HTTPS checked against the local CA it created, and requires the database to be up. Run as root (CI does).
# Usage: scripts/check-nonroot.sh path/to/dashtam.jar
set -euo pipefail
jar=$(readlink -f "${1:?usage: scripts/check-nonroot.sh path/to/dashtam.jar}")
user=dashtam-ci
id "$user" >/dev/null 2>&1 || useradd --create-home --shell /bin/bash "$user"
work=$(mktemp -d /tmp/dashtam-nonroot.XXXX)
cp "$jar" "$work/dashtam.jar"
chown -R "$user" "$work"
pid=
cleanup() {
  [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
mport=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
# env -i: nothing of root's environment (DATABASE_URL, SSL_* ...) leaks into the user's start.
env -i PATH="$PATH" HOME="/home/$user" DASHTAM_HOME="$work/home" DASHTAM_OAUTH_LISTENER_ENABLED=false \
  DASHTAM_SCHEDULING_ENABLED=false setpriv --reuid="$user" --regid="$user" --init-groups \
  java -jar "$work/dashtam.jar" --server.port="$port" --management.server.port="$mport" >"$work/run.log" 2>&1 &
pid=$!
for _ in $(seq 1 240); do
  if [ -f "$work/home/tls/ca.pem" ] && health=$(curl -sf --cacert "$work/home/tls/ca.pem" "https://localhost:$port/health"); then
    break
  fi
  kill -0 "$pid" 2>/dev/null || { cat "$work/run.log"; echo "the app died as user $user"; exit 1; }
  sleep 0.5
done
echo "as $user: $health"
echo "$health" | python3 -c 'import json,sys; h=json.load(sys.stdin); sys.exit(0 if h["status"]=="UP" and h["database"]["status"]=="UP" else 1)' \
  || { tail -40 "$work/run.log"; echo "not healthy as $user"; exit 1; }
owner=$(stat -c %U "$work/home/dev/pgdata")
[ "$owner" = "$user" ] || { echo "pgdata owned by $owner, expected $user"; exit 1; }
grep -q "Embedded PostgreSQL 17 on port" "$work/run.log" || { echo "embedded PostgreSQL did not start"; exit 1; }
echo "embedded PostgreSQL ran as $user with its data owned by $user"

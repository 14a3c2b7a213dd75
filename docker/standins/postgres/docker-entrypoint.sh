#!/bin/bash
# Minimal, compatible subset of the official postgres image's entrypoint:
#   POSTGRES_USER (default postgres), POSTGRES_PASSWORD (required unless POSTGRES_HOST_AUTH_METHOD=trust),
#   POSTGRES_DB (default POSTGRES_USER), POSTGRES_HOST_AUTH_METHOD (default scram-sha-256), PGDATA.
# initdb runs only on an empty data directory; the server always runs as the postgres user.
# Not supported: /docker-entrypoint-initdb.d scripts, *_FILE variants.
set -euo pipefail

if [ "${1:-postgres}" != "postgres" ]; then exec "$@"; fi

PGDATA="${PGDATA:-/var/lib/postgresql/data}"
if [ "$(id -u)" = 0 ]; then
  mkdir -p "$PGDATA"
  chown -R postgres:postgres "$PGDATA"
  chmod 700 "$PGDATA"
  exec setpriv --reuid=postgres --regid=postgres --init-groups "$0" "$@"
fi

POSTGRES_USER="${POSTGRES_USER:-postgres}"
POSTGRES_DB="${POSTGRES_DB:-$POSTGRES_USER}"
AUTH="${POSTGRES_HOST_AUTH_METHOD:-scram-sha-256}"

if [ ! -s "$PGDATA/PG_VERSION" ]; then
  if [ -z "${POSTGRES_PASSWORD:-}" ] && [ "$AUTH" != "trust" ]; then
    echo "error: POSTGRES_PASSWORD is empty; set it, or set POSTGRES_HOST_AUTH_METHOD=trust" >&2
    exit 1
  fi
  pwfile="$(mktemp)"
  printf '%s\n' "${POSTGRES_PASSWORD:-}" > "$pwfile"
  initdb -D "$PGDATA" -U "$POSTGRES_USER" --pwfile="$pwfile" -E UTF8 --locale=C.UTF-8 \
         --auth-local=trust --auth-host="$AUTH" >/dev/null
  rm -f "$pwfile"
  {
    echo "host all all 0.0.0.0/0 $AUTH"
    echo "host all all ::/0 $AUTH"
  } >> "$PGDATA/pg_hba.conf"
  # Socket where Debian's psql/pg_isready look for it (the zonky build defaults to /tmp).
  printf "listen_addresses = '*'\nunix_socket_directories = '/var/run/postgresql'\n" >> "$PGDATA/postgresql.conf"
  if [ "$POSTGRES_DB" != "postgres" ]; then
    # Single-user mode: no server, no socket, nothing reachable before initialisation is complete.
    echo "CREATE DATABASE \"$POSTGRES_DB\" OWNER \"$POSTGRES_USER\";" \
      | postgres --single -D "$PGDATA" -j postgres >/dev/null
  fi
  echo "standin-postgres: initialised $PGDATA (user $POSTGRES_USER, db $POSTGRES_DB, host auth $AUTH)"
fi

exec "$@" -D "$PGDATA"

#!/usr/bin/env bash
# Creates env/.env.<env> from env/.env.<env>.example when it is missing (never overwrites).
# Generated on the way, so a fresh checkout works without anyone inventing secrets:
#   POSTGRES_PASSWORD=CHANGE_ME        -> 32 random hex characters
#   DASHTAM_*_KEYS=k1:CHANGE_ME        -> k1:<base64 of 32 random bytes>
# Every other CHANGE_ME (e.g. Schwab credentials) is left for a person to fill in.
set -euo pipefail
env_name="${1:?usage: make-env-file.sh dev|test|ci|staging|prod}"
root="$(cd "$(dirname "$0")/.." && pwd)"
example="$root/env/.env.$env_name.example"
target="$root/env/.env.$env_name"
[ -f "$target" ] && exit 0
[ -f "$example" ] || { echo "no $example" >&2; exit 1; }

rand_hex() { od -An -N16 -tx1 /dev/urandom | tr -d ' \n'; }
rand_key() { head -c 32 /dev/urandom | base64 | tr -d '\n'; }

umask 077
tmp="$(mktemp "$target.XXXXXX")"
while IFS= read -r line || [ -n "$line" ]; do
  case "$line" in
    POSTGRES_PASSWORD=CHANGE_ME) line="POSTGRES_PASSWORD=$(rand_hex)" ;;
    DASHTAM_ENCRYPTION_KEYS=k1:CHANGE_ME | DASHTAM_JWT_KEYS=k1:CHANGE_ME) line="${line%%=*}=k1:$(rand_key)" ;;
  esac
  printf '%s\n' "$line"
done < "$example" > "$tmp"
mv "$tmp" "$target"
echo "created env/.env.$env_name from the example (generated values are local only; file is git-ignored)"

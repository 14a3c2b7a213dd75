#!/usr/bin/env bash
# wait-healthy.sh CONTAINER [TIMEOUT_SECONDS]: waits until Docker reports the container healthy
# (its own HTTPS healthcheck with certificate checks); prints its last logs and fails otherwise.
set -euo pipefail
c="${1:?container}"; timeout="${2:-180}"; start=$SECONDS
while :; do
  s="$(docker inspect -f '{{if .State.Health}}{{.State.Health.Status}}{{else}}{{.State.Status}}{{end}}' "$c" 2>/dev/null || echo missing)"
  case "$s" in
    healthy) echo "$c healthy after $((SECONDS - start)) s"; exit 0 ;;
    unhealthy|exited|dead|missing)
      [ "$s" = missing ] && [ $((SECONDS - start)) -lt 10 ] && { sleep 1; continue; }
      echo "$c is $s" >&2; docker logs --tail 60 "$c" >&2 || true; exit 1 ;;
  esac
  if [ $((SECONDS - start)) -ge "$timeout" ]; then
    echo "$c not healthy after ${timeout} s (status $s)" >&2; docker logs --tail 60 "$c" >&2 || true; exit 1
  fi
  sleep 1
done

#!/usr/bin/env bash
# Sync under pressure (issue 24): a provider answering each call after 3 s; the longest "idle in transaction" of
# the app's sessions meanwhile, and DELETE latency of the connection during the sync. Runs SyncPressureBenchmark
# in the integration-test harness. BENCH_REF=<commit> runs the same benchmark on that commit too (a worktree in
# target-bench-ref) for a before/after table.
set -euo pipefail
cd "$(dirname "$0")/.."
run() { # dir build-dir
  (cd "$1" && ./mvnw -B -q -o verify -Dbuild.dir="$2" -Djacoco.skip=true -Dtest=none \
    -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=SyncPressureBenchmark -Dfailsafe.failIfNoSpecifiedTests=false \
    >/dev/null) || true
  cat "$1/bench/results/sync-pressure-latest.txt"
}
if [ -n "${BENCH_REF:-}" ]; then
  ref_dir="$PWD/target-bench-ref"
  rm -rf "$ref_dir"; git worktree prune
  git worktree add -q --detach "$ref_dir" "$BENCH_REF"
  cp src/test/java/io/dashtam/sync/SyncPressureBenchmark.java src/test/java/io/dashtam/sync/ChildApp.java \
    "$ref_dir/src/test/java/io/dashtam/sync/"
  echo "== before: $BENCH_REF"; run "$ref_dir" "$ref_dir/target"
  git worktree remove --force "$ref_dir"
fi
echo "== now: $(git rev-parse --short HEAD)"; run "$PWD" "$PWD/target-bench"

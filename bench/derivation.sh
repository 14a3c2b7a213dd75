#!/usr/bin/env bash
# History derivation benchmark (issue 27): a year of daily values for one account with 10,000 transactions and 50
# symbols (target < 1 s), against reading the derivation's inputs alone in the same runs (the baseline); also a
# re-derivation with nothing changed, one after a late transaction, and the pure in-memory derivation. Runs the
# DerivationBenchmark class in the integration-test harness (a throw-away embedded PostgreSQL).
# Environment: BENCH_TRANSACTIONS (10000), BENCH_SYMBOLS (50), BENCH_RUNS (7), BENCH_BUILD_DIR (target-bench).
# Output: bench/results/derivation-latest.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR="${BENCH_BUILD_DIR:-target-bench}"
echo "start: $(date -u '+%F %H:%M:%S UTC'), uptime: $(uptime)"
mkdir -p "$BUILD_DIR"
./mvnw -B -q -o verify -Dbuild.dir="$BUILD_DIR" -Djacoco.skip=true -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
  -Dit.test=DerivationBenchmark -Dfailsafe.failIfNoSpecifiedTests=false \
  >"$BUILD_DIR/derivation.log" 2>&1 || { tail -60 "$BUILD_DIR/derivation.log"; exit 1; }
echo "end: $(date -u '+%F %H:%M:%S UTC'), uptime: $(uptime)"
cat bench/results/derivation-latest.txt

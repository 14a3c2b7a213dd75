#!/usr/bin/env bash
# Sync ingest benchmark (issue 6): 100,000 transactions through the real sync path vs PostgreSQL COPY of the same
# rows into the same table, medians over BENCH_RUNS runs (default 5), then transaction-page latency with 1M rows.
# Runs the IngestBenchmark class in the integration-test harness (embedded PostgreSQL, HTTPS, fake Schwab).
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR="${BENCH_BUILD_DIR:-target-bench}"
./mvnw -B -q -o verify -Dbuild.dir="$BUILD_DIR" -Djacoco.skip=true -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
  -Dit.test=IngestBenchmark -Dfailsafe.failIfNoSpecifiedTests=false >/dev/null
cat bench/results/ingest-latest.txt

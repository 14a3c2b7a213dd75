#!/usr/bin/env bash
# Live events benchmark (issue 15): event latency producer→stream on one instance and across two (p50/p99),
# against a bare NOTIFY round trip in the same run, and sync requested→started with a notification-woken worker.
# Runs the EventLatencyBenchmark class in the integration-test harness (embedded PostgreSQL, HTTPS, two instances).
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR="${BENCH_BUILD_DIR:-target-bench}"
./mvnw -B -q -o verify -Dbuild.dir="$BUILD_DIR" -Djacoco.skip=true -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
  -Dit.test=EventLatencyBenchmark -Dfailsafe.failIfNoSpecifiedTests=false >/dev/null
cat bench/results/events-latest.txt

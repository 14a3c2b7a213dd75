#!/usr/bin/env bash
# Live events benchmark (issue 15): event latency producer→stream on one instance and across two (p50/p99),
# against a bare NOTIFY round trip in the same run, and sync requested→started with a notification-woken worker;
# then 500 concurrent streams while a sync runs and 1,000 connect/disconnect cycles (EventStreamsBenchmark:
# BENCH_STREAMS, BENCH_TICKS, BENCH_CYCLES, BENCH_HTTP=HTTP_1_1).
# Runs the EventLatencyBenchmark class in the integration-test harness (embedded PostgreSQL, HTTPS, two instances).
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR="${BENCH_BUILD_DIR:-target-bench}"
./mvnw -B -q -o verify -Dbuild.dir="$BUILD_DIR" -Djacoco.skip=true -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
  -Dit.test=EventLatencyBenchmark,EventStreamsBenchmark -Dfailsafe.failIfNoSpecifiedTests=false >/dev/null
cat bench/results/events-latest.txt bench/results/event-streams-latest.txt

#!/usr/bin/env bash
# Web app figures (issue 13): request time of the dashboard and transactions pages with 100,000 transactions
# stored (p50/p95, medians over runs, against a static asset GET and /health in the same runs), bytes shipped per
# page, and the dashboard's first load in headless Chromium (navigation start to load event, median of fresh
# browsers). Runs the WebRenderBenchmark class in the integration-test harness: a throw-away embedded PostgreSQL,
# the app over real HTTPS with the test CA, Debian's chromium + chromium-driver trusting that CA through NSS.
# Environment: BENCH_TRANSACTIONS (100000), BENCH_RUNS (5), BENCH_REQUESTS (100 per page and run), BENCH_LOADS (7),
# BENCH_BUILD_DIR (target-bench), BENCH_PROFILE=jfr (a JFR with the profile settings of the request-time runs; prints
# the top frames). Output: bench/results/web-render-latest.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR="${BENCH_BUILD_DIR:-target-bench}"
echo "start: $(date -u '+%F %H:%M:%S UTC'), uptime: $(uptime)"
mkdir -p "$BUILD_DIR"
export BENCH_JFR="$PWD/$BUILD_DIR/web-render.jfr"
# A missing browser fails the benchmark instead of skipping it (no figures would be written).
DASHTAM_REQUIRE_BROWSER=true ./mvnw -B -q -o verify -Dbuild.dir="$BUILD_DIR" -Djacoco.skip=true -Dtest=none \
  -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=WebRenderBenchmark -Dfailsafe.failIfNoSpecifiedTests=false \
  >"$BUILD_DIR/web-render.log" 2>&1 || { tail -60 "$BUILD_DIR/web-render.log"; exit 1; }
echo "end: $(date -u '+%F %H:%M:%S UTC'), uptime: $(uptime)"
cat bench/results/web-render-latest.txt
if [ "${BENCH_PROFILE:-}" = jfr ]; then
  echo "== JFR of the request-time runs ($BENCH_JFR): request-thread frames, inclusive and leaf"
  python3 bench/jfr-top.py "$BENCH_JFR"
fi

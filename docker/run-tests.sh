#!/bin/sh
# Runs a test suite inside the test container.
#   run-tests unit         unit tests (*Test); SSL_ENABLED=false: no server is started
#   run-tests integration  failsafe suite (*IT) against DASHTAM_TEST_DB_ADMIN_URL, unit tests skipped
#   run-tests smoke        *SmokeIT against DASHTAM_SMOKE_BASE_URL with DASHTAM_SMOKE_CA_FILE
#   run-tests all          unit + integration (mvn verify)
# Extra arguments go to Maven. Exit code is Maven's.
set -eu
suite="${1:-all}"; [ $# -gt 0 ] && shift

src="${DASHTAM_SOURCE_DIR:-/workspace}"
build="${DASHTAM_BUILD_DIR:-/tmp/build}"
mkdir -p "$HOME" "$build"

# Maven wrapper distribution and dependencies from the host's ~/.m2 (read-only) when mounted;
# anything missing is fetched into the writable local repository in /tmp.
if [ -d /m2/wrapper/dists ]; then export MAVEN_USER_HOME=/m2; else export MAVEN_USER_HOME="$HOME/.m2"; fi
set -- -B -f "$src/pom.xml" -Dbuild.dir="$build" \
  -Dmaven.repo.local=/tmp/m2-local -Dmaven.repo.local.tail=/m2/repository \
  -Dmaven.repo.local.tail.ignoreAvailability=true "$@"
[ "${MAVEN_OFFLINE:-0}" = 1 ] && set -- -o "$@"

case "$suite" in
  unit)        SSL_ENABLED=false; export SSL_ENABLED; set -- "$@" test ;;
  integration) set -- "$@" verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false ;;
  smoke)       set -- "$@" verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
                  -Dit.excludes=none -Dit.test='*SmokeIT' \
                  -Djacoco.skip=true -Dspring-boot.repackage.skip=true ;;
  all)         set -- "$@" verify ;;
  *) echo "usage: run-tests unit|integration|smoke|all [maven args]" >&2; exit 2 ;;
esac
echo "run-tests: $suite (source $src, build $build)"
exec "$src/mvnw" "$@"

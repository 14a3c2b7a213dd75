#!/bin/sh
# Runs a test suite inside the test container.
#   run-tests unit         unit tests (*Test); SSL_ENABLED=false: no server is started
#   run-tests integration  failsafe suite (*IT) against DASHTAM_TEST_DB_ADMIN_URL, unit tests skipped; only the
#                          classes in DASHTAM_IT_TESTS (comma-separated, failsafe's it.test) when that is set
#   run-tests smoke        *SmokeIT against DASHTAM_SMOKE_BASE_URL with DASHTAM_SMOKE_CA_FILE
#   run-tests all          unit + integration (mvn verify)
# Extra arguments go to Maven. Exit code is Maven's.
set -eu
suite="${1:-all}"; [ $# -gt 0 ] && shift

src="${DASHTAM_SOURCE_DIR:-/workspace}"
# ".../target": ArchUnit (Spring Modulith verify) recognises test classes only under /target/test-classes/.
build="${DASHTAM_BUILD_DIR:-/tmp/target}"
mkdir -p "$HOME" "$build"

# Reuse what the host already compiled (CI's `make test` just did): copied with their timestamps and with
# Maven's incremental-build records (absolute paths match: the source is mounted at the host's path),
# the compiler finds nothing to do. Anything stale is simply recompiled.
if [ "${DASHTAM_REUSE_HOST_BUILD:-1}" = 1 ] && [ -d "$src/target/test-classes" ] && [ ! -e "$build/classes" ]; then
  for d in classes test-classes generated-sources generated-test-sources maven-status; do
    if [ -d "$src/target/$d" ]; then cp -R --preserve=timestamps "$src/target/$d" "$build/"; fi
  done
fi

# Maven: the distribution the wrapper already unpacked on the host (read-only /m2) when there is one,
# else the wrapper itself, downloading into $HOME. Dependencies come from /m2/repository as a read-only
# tail; anything missing is fetched into the writable local repository in /tmp.
version="$(sed -n 's/.*apache-maven-\([0-9][0-9.]*\)-bin.*/\1/p' "$src/.mvn/wrapper/maven-wrapper.properties")"
mvn="$(ls -d /m2/wrapper/dists/apache-maven-"$version"/*/bin/mvn 2>/dev/null | head -n 1 || true)"
if [ -z "$mvn" ]; then export MAVEN_USER_HOME="$HOME/.m2"; mvn="$src/mvnw"; fi
set -- -B -f "$src/pom.xml" -Dbuild.dir="$build" \
  -Dmaven.repo.local=/tmp/m2-local -Dmaven.repo.local.tail=/m2/repository \
  -Dmaven.repo.local.tail.ignoreAvailability=true "$@"
[ "${MAVEN_OFFLINE:-0}" = 1 ] && set -- -o "$@"

case "$suite" in
  unit)        SSL_ENABLED=false; export SSL_ENABLED; set -- "$@" test ;;
  # Coverage comes from the native run; the JaCoCo agent only costs time here. The fat jar stays: SyncCrashIT
  # starts the packaged app as its own process.
  # No Chromium in the test image: the browser tests (*BrowserIT) run in the native `make test` only.
  integration) set -- "$@" verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Djacoco.skip=true \
                  -Dit.browser.excludes='**/*BrowserIT.java'
               if [ -n "${DASHTAM_IT_TESTS:-}" ]; then set -- "$@" -Dit.test="$DASHTAM_IT_TESTS"; fi ;;
  smoke)       set -- "$@" verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
                  -Dit.excludes=none -Dit.test='*SmokeIT' \
                  -Djacoco.skip=true -Dspring-boot.repackage.skip=true ;;
  all)         set -- "$@" verify ;;
  *) echo "usage: run-tests unit|integration|smoke|all [maven args]" >&2; exit 2 ;;
esac
echo "run-tests: $suite (source $src, build $build, maven $mvn)"
exec "$mvn" "$@"

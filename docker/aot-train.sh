#!/bin/sh
# Image build step (docker/Dockerfile): lays the jar out for a class archive and records one with a training run,
# the way bin/run-jar does for `make run`: the AOT cache on JDK 25+ (JEP 483/514), AppCDS on 17-24. The run starts the
# app as its own user with the embedded PostgreSQL (dev defaults, nothing leaves the build), waits for HTTPS /health,
# walks the API's sign-up, sign-in and read path, and stops it; the JVM writes the archive as it exits. The flags that
# use the archive go to /app/java-options, which the ENTRYPOINT passes as an @argfile.
set -eu
jar=/app/dashtam.jar
: >/app/java-options
# The full build (docker/Dockerfile's Maven stages) passes through the prebuilt stage with no jar: nothing to train.
[ -f "$jar" ] || exit 0
work=$(mktemp -d /tmp/aot-train.XXXXXX)
# A class archive needs plain jars on the class path: the tools layout (dashtam.jar + lib/), at the path the
# ENTRYPOINT and the archive name.
java -Djarmode=tools -jar "$jar" extract --destination "$work/x" >/dev/null
rm -f "$jar"; mv "$work/x/dashtam.jar" "$jar"; mv "$work/x/lib" /app/lib; rm -rf "$work/x"
version=$(java -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.specification.version/ {print $2}')
if [ "${version%%.*}" -ge 25 ]; then
  record="-XX:AOTCacheOutput=$work/dashtam.aot"; archive=dashtam.aot; use="-XX:AOTCache=/app/dashtam.aot"
else
  record="-XX:ArchiveClassesAtExit=$work/dashtam.jsa"; archive=dashtam.jsa; use="-XX:SharedArchiveFile=/app/dashtam.jsa"
fi
chown 10001:10001 "$work"
home="$work/home" ca="$work/home/tls/ca.pem" base=https://localhost:8000
setpriv --reuid=10001 --regid=10001 --clear-groups env -u SPRING_PROFILES_ACTIVE HOME="$work" DASHTAM_HOME="$home" \
  SERVER_PORT=8000 MANAGEMENT_SERVER_PORT=8090 DATABASE_URL= SSL_CERT_FILE= SSL_KEY_FILE= \
  DASHTAM_OAUTH_LISTENER_ENABLED=false DASHTAM_SCHEDULING_ENABLED=false \
  java "$record" -jar "$jar" >"$work/train.log" 2>&1 &
pid=$!
i=0
until [ -f "$ca" ] && curl -sf --cacert "$ca" "$base/health" >/dev/null 2>&1; do
  i=$((i + 1))
  if ! kill -0 "$pid" 2>/dev/null || [ "$i" -gt 600 ]; then tail -n 60 "$work/train.log"; echo "training run failed"; exit 1; fi
  sleep 0.2
done
# The request path: a 401, sign-up, sign-in, reads with the token.
curl -s --cacert "$ca" -o /dev/null "$base/api/v1/accounts"
curl -s --cacert "$ca" -o /dev/null -H 'Content-Type: application/json' \
  -d '{"email":"aot-train@example.org","password":"aot-Training-password-1","name":"AOT training"}' "$base/api/v1/users"
token=$(curl -s --cacert "$ca" -H 'Content-Type: application/json' \
  -d '{"email":"aot-train@example.org","password":"aot-Training-password-1"}' "$base/api/v1/sessions" \
  | sed -n 's/.*"accessToken" *: *"\([^"]*\)".*/\1/p')
for path in /api/v1/users/me /api/v1/accounts /health; do
  curl -s --cacert "$ca" -o /dev/null -H "Authorization: Bearer $token" "$base$path"
done
kill -TERM "$pid"
wait "$pid" || true
[ -s "$work/$archive" ] || { tail -n 60 "$work/train.log"; echo "no class archive was written"; exit 1; }
mv "$work/$archive" "/app/$archive"; chown 0:0 "/app/$archive"; chmod 644 "/app/$archive"
echo "$use" >/app/java-options
echo "recorded /app/$archive ($(du -m "/app/$archive" | cut -f1) MB) on Java $version; token: ${token:+yes}"
rm -rf "$work"

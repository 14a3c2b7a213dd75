#!/usr/bin/env bash
# Local CA + server certificate (EC P-256) for the container environments, like mkcert:
#   certs/ca.pem              the CA to trust (curl --cacert, the smoke tests, your browser)
#   certs/server.pem          server certificate, chain = leaf + CA
#   certs/server-key.pem      its PKCS#8 key, mode 0644 so the app's uid 10001 can read the read-only mount
#   certs/private/ca-key.pem  the CA key, mode 0600 in a 0700 directory: never mounted into a container
# SANs: localhost, 127.0.0.1, ::1, the compose service name `app` and every dashtam-<env>-app, plus
# DASHTAM_TLS_NAMES (comma-separated). Kept while valid for 30 more days and covering those names;
# FORCE=1 renews. For local use only: staging/prod use certificates from a real CA.
set -euo pipefail
dir="${1:-certs}"
days="${CERT_DAYS:-397}"
names="localhost,app,dashtam-dev-app,dashtam-test-app,dashtam-staging-app,dashtam-app${DASHTAM_TLS_NAMES:+,$DASHTAM_TLS_NAMES}"

san="IP:127.0.0.1,IP:::1"
IFS=',' read -ra list <<<"$names"
for n in "${list[@]}"; do
  n="${n// /}"; [ -n "$n" ] || continue
  if [[ "$n" =~ ^[0-9.]+$ ]]; then san="$san,IP:$n"; else san="$san,DNS:$n"; fi
done

covers_all() {
  local text; text="$(openssl x509 -in "$dir/server.pem" -noout -ext subjectAltName 2>/dev/null)" || return 1
  for n in "${list[@]}"; do n="${n// /}"; [ -z "$n" ] || grep -q "$n" <<<"$text" || return 1; done
}
if [ "${FORCE:-0}" != 1 ] && [ -f "$dir/server.pem" ] && [ -f "$dir/server-key.pem" ] && [ -f "$dir/ca.pem" ] \
   && openssl x509 -in "$dir/server.pem" -noout -checkend $((30 * 86400)) >/dev/null && covers_all; then
  echo "certs: $dir/server.pem is valid and covers all names, kept (FORCE=1 renews)"
  exit 0
fi

mkdir -p "$dir/private"; chmod 0755 "$dir"; chmod 0700 "$dir/private"
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT

if [ "${FORCE:-0}" = 1 ] || [ ! -f "$dir/private/ca-key.pem" ] || [ ! -f "$dir/ca.pem" ] \
   || ! openssl x509 -in "$dir/ca.pem" -noout -checkend $((60 * 86400)) >/dev/null; then
  (umask 077; openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$dir/private/ca-key.pem")
  openssl req -x509 -new -key "$dir/private/ca-key.pem" -sha256 -days 1825 \
    -subj "/O=Dashtam local development/CN=Dashtam local CA" \
    -addext "basicConstraints=critical,CA:TRUE,pathlen:0" \
    -addext "keyUsage=critical,keyCertSign,cRLSign" \
    -addext "subjectKeyIdentifier=hash" \
    -out "$dir/ca.pem"
fi

openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$work/server-key.pem"
openssl req -new -key "$work/server-key.pem" -subj "/O=Dashtam local development/CN=localhost" -out "$work/server.csr"
cat > "$work/ext.cnf" <<EXT
basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature
extendedKeyUsage=serverAuth
subjectKeyIdentifier=hash
authorityKeyIdentifier=keyid
subjectAltName=$san
EXT
openssl x509 -req -in "$work/server.csr" -CA "$dir/ca.pem" -CAkey "$dir/private/ca-key.pem" \
  -CAcreateserial -CAserial "$work/ca.srl" -sha256 -days "$days" -extfile "$work/ext.cnf" -out "$work/leaf.pem" 2>/dev/null
cat "$work/leaf.pem" "$dir/ca.pem" > "$dir/server.pem"
install -m 0644 "$work/server-key.pem" "$dir/server-key.pem"
chmod 0644 "$dir/server.pem" "$dir/ca.pem"
openssl verify -CAfile "$dir/ca.pem" "$work/leaf.pem" >/dev/null
echo "certs: wrote $dir/ca.pem (trust this CA), $dir/server.pem, $dir/server-key.pem; SANs: $san"

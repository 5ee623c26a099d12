#!/usr/bin/env bash
# A certificate's whole way through the REST API with curl alone (openssl plays the CA and the TLS client):
# generate a CSR in the console, have the CA sign it, upload it with the CA's chain, confirm the warnings, install,
# see it presented over TLS, export it as a PFX with a key-export token and read that with openssl.
#
# Environment:
#   CM_URL         the console, e.g. https://console.example.com:8443
#   CM_TOKEN       a token with certificate:read and certificate:write (an Administrator's)
#   CM_KEY_TOKEN   a token with certificate:read and export:key
#   CA_CERT CA_KEY the issuing CA's certificate and key (PEM); CA_BUNDLE its chain up to the root (PEM)
#   CM_NAME        the host name to request (default: the console's host name from CM_URL)
#   CM_CACERT      optional: the CA file curl trusts the console with; without it curl accepts any certificate (-k)
set -euo pipefail

: "${CM_URL:?}" "${CM_TOKEN:?}" "${CM_KEY_TOKEN:?}" "${CA_CERT:?}" "${CA_KEY:?}" "${CA_BUNDLE:?}"
host_port="${CM_URL#https://}"; host_port="${host_port%%/*}"
name="${CM_NAME:-${host_port%%:*}}"
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
cd "$work"
tls=(-k); [ -n "${CM_CACERT:-}" ] && tls=(--cacert "$CM_CACERT")
api() { curl -sS "${tls[@]}" -H "Authorization: Bearer $CM_TOKEN" "$@"; }

echo "1. Generate a CSR for $name; the key stays in the console."
api -f -H 'Content-Type: application/json' -d "{\"commonName\":\"$name\",\"alternateNames\":[\"localhost\"]}" "$CM_URL/api/v1/csrs" > csr.json
id="$(jq -r .pendingRequestId csr.json)"
api -f "$CM_URL/api/v1/csrs/$id" -o request.csr
openssl req -in request.csr -noout -verify 2>&1 | grep -q "verify OK"

echo "2. The CA signs request #$id."
printf 'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n' > leaf.ext
openssl x509 -req -in request.csr -CA "$CA_CERT" -CAkey "$CA_KEY" -set_serial "0x$(openssl rand -hex 8)" -days 30 -sha256 \
  -copy_extensions copy -extfile leaf.ext -out issued.pem 2>/dev/null
issued="$(openssl x509 -in issued.pem -noout -fingerprint -sha256 | cut -d= -f2)"

echo "3. Upload it without confirming: refused (409) with the chain doctor's warnings."
status="$(api -o refused.json -w '%{http_code}' -F certificate=@issued.pem -F intermediates=@"$CA_BUNDLE" "$CM_URL/api/v1/certificate/install")"
[ "$status" = 409 ] && [ "$(jq -r .type refused.json)" = install.warnings-not-confirmed ] || { echo "expected 409 install.warnings-not-confirmed, got $status"; cat refused.json; exit 1; }
jq -r '.report.problems[] | "   \(.severity) \(.code): \(.message)"' refused.json

echo "4. Upload again, confirming the warnings: installed."
api -f -F certificate=@issued.pem -F intermediates=@"$CA_BUNDLE" -F confirmWarnings=true "$CM_URL/api/v1/certificate/install" > installed.json
echo "   version $(jq -r .installed.version installed.json)"

echo "5. The console presents it on its next TLS handshake."
presented=""
for _ in $(seq 1 50); do
  presented="$(openssl s_client -connect "$host_port" -servername "$name" </dev/null 2>/dev/null | openssl x509 -noout -fingerprint -sha256 | cut -d= -f2)"
  [ "$presented" = "$issued" ] && break
  sleep 0.2
done
[ "$presented" = "$issued" ] || { echo "presented $presented, expected $issued"; exit 1; }
echo "   presented $presented"

echo "6. Poll cheaply: the same ETag answers 304."
etag="$(api -f -D - -o certificate.json "$CM_URL/api/v1/certificate" | tr -d '\r' | awk -F': ' 'tolower($1)=="etag" {print $2}')"
[ "$(jq -r .details.sha256Fingerprint certificate.json)" = "$issued" ]
[ "$(api -o /dev/null -w '%{http_code}' -H "If-None-Match: $etag" "$CM_URL/api/v1/certificate")" = 304 ]

echo "7. Export a PFX with the key-export token and read it with openssl."
curl -fsS "${tls[@]}" -H "Authorization: Bearer $CM_KEY_TOKEN" -H 'Content-Type: application/json' \
  -d '{"format":"Pfx","pfxProfile":"Modern","pfxPassword":"Journey-export-1"}' "$CM_URL/api/v1/certificate/export" -o export.pfx
openssl pkcs12 -in export.pfx -passin pass:Journey-export-1 -nokeys -clcerts 2>/dev/null | openssl x509 -noout -fingerprint -sha256 | cut -d= -f2 > pfx-fingerprint
[ "$(cat pfx-fingerprint)" = "$issued" ]
openssl pkcs12 -in export.pfx -passin pass:Journey-export-1 -nocerts -nodes 2>/dev/null | openssl pkey -pubout > key.pub
openssl x509 -in issued.pem -noout -pubkey | cmp -s - key.pub
echo "   the PFX holds the certificate and its key"
echo "journey complete"

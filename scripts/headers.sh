#!/usr/bin/env bash
# Shows (curl -I) and checks the headers of a page, a built asset and a
# download on a running server (run from the project root, after the
# build): the security headers everywhere, brotli
# for the asset, a year's caching for hashed assets, no storing of pages
# and downloads. Usage: scripts/headers.sh http://127.0.0.1:3100
set -euo pipefail
URL="$1"
fail() { echo "headers: $*" >&2; exit 1; }
head_of() { curl -sSI -H 'Accept-Encoding: br' -H 'Accept: text/html' "$URL$1"; }

page=$(head_of /login)
echo "\$ curl -I $URL/login"; echo "$page"
grep -qi "^content-security-policy: .*'nonce-" <<<"$page" || fail "no CSP nonce on a page"
grep -qi "^content-security-policy: .*frame-ancestors 'none'" <<<"$page" || fail "framing allowed"
grep -qi '^x-content-type-options: nosniff' <<<"$page" || fail "no nosniff"
grep -qi '^referrer-policy: same-origin' <<<"$page" || fail "no referrer policy"
grep -qi '^cache-control: no-store' <<<"$page" || fail "a page may be stored"

# /login is a light page (no wasm); the built wasm is found in the site.
if curl -fsS "$URL/login" | grep -q '\.wasm'; then fail "/login names a wasm"; fi
wasm=$(ls -t "${LEPTOS_SITE_ROOT:-target/site}"/pkg/*.wasm 2>/dev/null | head -1)
[[ -n "$wasm" ]] || fail "no wasm in the built site"
asset="/pkg/$(basename "$wasm")"
head=$(head_of "$asset")
echo "\$ curl -I $URL$asset"; echo "$head"
grep -qi '^content-encoding: br' <<<"$head" || fail "the wasm is not served with brotli"
grep -qi '^cache-control: public, max-age=31536000, immutable' <<<"$head" || fail "a hashed asset is not cached"

year=$(date +%Y)
download=$(head_of "/plan/$year/xlsx")
echo "\$ curl -I $URL/plan/$year/xlsx"; echo "$download"
grep -qi '^cache-control: no-store' <<<"$download" || fail "a download may be stored"
grep -qi '^x-content-type-options: nosniff' <<<"$download" || fail "no nosniff on a download"
echo "headers: all present"

#!/usr/bin/env bash
# Benchmark (not a test): builds a release, then prints the first page
# load's wasm/JS/CSS sizes (raw, gzip -9, brotli -q 11) and the SSR latency
# and throughput of the login page, a signed-in home page, the public plan
# and the admin's review list under 64
# concurrent connections (wrk, 2 threads) on a fresh SQLite file.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
. scripts/env.sh

DURATION="${BENCH_DURATION:-15s}"
CONNECTIONS="${BENCH_CONNECTIONS:-64}"
ADDR=127.0.0.1:3200
URL="http://$ADDR"

scripts/setup.sh
if ! command -v wrk >/dev/null || ! command -v brotli >/dev/null; then
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk brotli; } >&2
fi
cargo leptos build --release --precompress >&2

dir=$(mktemp -d)
GAOYAN_ADDR=$ADDR DATABASE_URL="sqlite://$dir/bench.db" RUST_LOG=warn \
  "$GAOYAN_BIN" serve --demo > "$dir/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; rm -rf "$dir"' EXIT
for _ in $(seq 100); do curl -fs -o /dev/null "$URL/login" && break; sleep 0.2; done

echo "## First page load (/login): assets"
echo
echo "| file | raw | gzip -9 | brotli -q 11 |"
echo "|---|---:|---:|---:|"
total_raw=0; total_gz=0; total_br=0
for asset in $(curl -fs "$URL/login" | grep -o '/pkg/[^"]*\.\(js\|wasm\|css\)' | sort -u); do
  curl -fs "$URL$asset" -o "$dir/asset"
  raw=$(stat -c%s "$dir/asset")
  gz=$(gzip -9 -c "$dir/asset" | wc -c)
  br=$(brotli -q 11 -c "$dir/asset" | wc -c)
  total_raw=$((total_raw + raw)); total_gz=$((total_gz + gz)); total_br=$((total_br + br))
  printf '| %s | %d B | %d B | %d B |\n' "$asset" "$raw" "$gz" "$br"
done
printf '| **total** | %d B | %d B | %d B |\n' "$total_raw" "$total_gz" "$total_br"

# A signed-in session for the home page.
curl -fs -c "$dir/jar" -H 'Accept: application/json' \
  --data-urlencode username=admin --data-urlencode 'password=Gaoyan@2026' "$URL/api/login" > /dev/null
cookie=$(awk '$6 == "gaoyan_session" {print $6 "=" $7}' "$dir/jar")
curl -fs -H "Cookie: $cookie" "$URL/" | grep -q '赵志明' || { echo "signed-in page check failed" >&2; exit 1; }

run() { # name, then wrk arguments
  local name=$1; shift
  local out
  out=$(wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency "$@")
  local p50 p99 rps errors
  p50=$(awk '$1 == "50%" {print $2}' <<<"$out")
  p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
  rps=$(awk '/^Requests\/sec/ {print $2}' <<<"$out")
  errors=$(awk '/Non-2xx|Socket errors/ {print}' <<<"$out" | tr '\n' ' ')
  printf '| %s | %s | %s | %s | %s |\n' "$name" "$p50" "$p99" "$rps" "${errors:-none}"
}
echo
echo "## SSR under load: $CONNECTIONS connections, 2 wrk threads, $DURATION each, SQLite"
echo
echo "| page | p50 | p99 | requests/s | errors |"
echo "|---|---:|---:|---:|---|"
run "/login (signed out)" "$URL/login"
run "/ (signed in as admin)" -H "Cookie: $cookie" "$URL/"
run "/plan (public annual plan)" "$URL/plan"
run "/admin/proposals (review list, admin)" -H "Cookie: $cookie" "$URL/admin/proposals?status=submitted"
g=$(curl -fs -H "Cookie: $cookie" -H 'Accept: application/json' -X POST "$URL/api/list_programmes" | grep -o '"id":[0-9]*' | head -1 | cut -d: -f2)
run "/programmes/$g/prep (preparation page, admin)" -H "Cookie: $cookie" "$URL/programmes/$g/prep"
run "/enroll/$g (public enrollment notice)" "$URL/enroll/$g"
echo
echo "Machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; $(date -u +%Y-%m-%d); commit $(git rev-parse --short HEAD)"

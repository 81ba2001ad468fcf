#!/usr/bin/env bash
# Benchmark (not a test): builds a release, then prints the bytes a first
# load of /login and of a staff page transfers (without and with brotli),
# the SSR latency and throughput of six pages under 64 concurrent
# connections (wrk, 2 threads), and the server's resident memory idle,
# after the page load and after a burst of sign-ins, on a fresh SQLite file.
# The per-IP limits are off: this measures rendering, not throttling.
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
  GAOYAN_DATA_KEY_FILE="$dir/data.key" GAOYAN_THROTTLE_SCALE=0 GAOYAN_FILES="$dir/files" \
  "$GAOYAN_BIN" serve --demo > "$dir/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; rm -rf "$dir"' EXIT
for _ in $(seq 100); do curl -fs -o /dev/null "$URL/login" && break; sleep 0.2; done

rss() { awk '/^VmRSS/ {printf "%.0f MiB", $2 / 1024}' "/proc/$server/status"; }
idle_rss=$(rss)

# A signed-in session for the staff pages.
curl -fs -c "$dir/jar" -H 'Accept: application/json' \
  --data-urlencode username=admin --data-urlencode 'password=Gaoyan@2026' "$URL/api/login" > /dev/null
cookie=$(awk '$6 == "gaoyan_session" {print $6 "=" $7}' "$dir/jar")
curl -fs -H "Cookie: $cookie" "$URL/" | grep -q '赵志明' || { echo "signed-in page check failed" >&2; exit 1; }

# Bytes on the wire for a first load: the page and every asset it names,
# as a browser without a cache fetches them.
first_load() { # path, encoding ('identity' or 'br'), extra curl arguments
  local path=$1 enc=$2; shift 2
  local total=0 n
  local page
  page=$(curl -fs "$@" "$URL$path")
  n=$(curl -fs "$@" -H "Accept-Encoding: $enc" -o /dev/null -w '%{size_download}' "$URL$path")
  total=$((total + n)); printf '| `%s` | %s | %d B |\n' "$path" "$enc" "$n" >&2
  for asset in $(grep -o '/pkg/[^"]*\.\(js\|wasm\|css\)' <<<"$page" | sort -u); do
    n=$(curl -fs -H "Accept-Encoding: $enc" -o /dev/null -w '%{size_download}' "$URL$asset")
    total=$((total + n))
  done
  echo "$total"
}
echo "## First load: bytes transferred (document and every asset it names)"
echo
echo "| page | Accept-Encoding: identity | Accept-Encoding: br |"
echo "|---|---:|---:|"
for page in /login "/admin/orgs"; do
  args=()
  [[ "$page" == /admin/* ]] && args=(-H "Cookie: $cookie")
  plain=$(first_load "$page" identity "${args[@]}" 2>/dev/null)
  br=$(first_load "$page" br "${args[@]}" 2>/dev/null)
  printf '| `%s` | %d B | %d B |\n' "$page" "$plain" "$br"
done
echo
echo "Assets (\`/login\`): file, then bytes with identity and with br:"
echo
echo "| file | identity | br |"
echo "|---|---:|---:|"
for asset in $(curl -fs "$URL/login" | grep -o '/pkg/[^"]*\.\(js\|wasm\|css\)' | sort -u); do
  plain=$(curl -fs -o /dev/null -w '%{size_download}' "$URL$asset")
  br=$(curl -fs -H 'Accept-Encoding: br' -o /dev/null -w '%{size_download}' "$URL$asset")
  printf '| %s | %d B | %d B |\n' "$asset" "$plain" "$br"
done

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
after_pages=$(rss)

# A burst of sign-ins: argon2 for each, at most one per core at a time.
cat > "$dir/login.lua" <<'LUA'
wrk.method = "POST"
wrk.body = "username=admin&password=Gaoyan%402026"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Accept"] = "application/json"
LUA
echo
echo "## Sign-in burst: $CONNECTIONS connections, $DURATION"
echo
echo "| endpoint | p50 | p99 | requests/s | errors |"
echo "|---|---:|---:|---:|---|"
run "POST /api/login (argon2)" -s "$dir/login.lua" "$URL/api/login"
after_logins=$(rss)
sleep 15
settled=$(rss)
echo
echo "## Resident memory of the server (VmRSS)"
echo
echo "| when | RSS |"
echo "|---|---:|"
echo "| idle after start (demo loaded) | $idle_rss |"
echo "| after the page load above | $after_pages |"
echo "| after the sign-in burst | $after_logins |"
echo "| 15 s later, idle | $settled |"
echo
echo "Machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; $(date -u +%Y-%m-%d); commit $(git rev-parse --short HEAD)"

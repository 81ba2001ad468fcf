#!/usr/bin/env bash
# Benchmark (not a test) of the trainees' rush, on SQLite or PostgreSQL:
#   scripts/bench-trainees.sh sqlite|postgres
# Loads the demo into a fresh database, admits 500 more trainees to the
# programme under way (`gaoyan crowd`), serves a release build with the
# per-IP limits off, then measures the survey page under 64 connections
# (wrk), 300 sign-ins at once, 500 survey answers within 10 s (and the
# same 500 again, which must add nothing), and 100 check-ins within 5 s
# (scripts/bench_trainees.py). Prints Markdown for BENCHMARKS.md.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
. scripts/env.sh

BACKEND="${1:-sqlite}"
DURATION="${BENCH_DURATION:-15s}"
ADDR=127.0.0.1:3300
URL="http://$ADDR"
PASSWORD='Gaoyan@2026'

command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk; } >&2
cargo leptos build --release --precompress >&2

dir=$(mktemp -d)
case "$BACKEND" in
  sqlite) db="sqlite://$dir/bench.db" ;;
  postgres)
    name="gaoyan_bench_$$"
    psql "postgres://postgres@127.0.0.1:5432/postgres" -qc "CREATE DATABASE $name"
    db="postgres://postgres@127.0.0.1:5432/$name" ;;
  *) echo "usage: $0 sqlite|postgres" >&2; exit 2 ;;
esac
export DATABASE_URL="$db" GAOYAN_DATA_KEY_FILE="$dir/data.key" GAOYAN_FILES="$dir/files" \
  GAOYAN_THROTTLE_SCALE=0 RUST_LOG=warn GAOYAN_ADDR=$ADDR
"$GAOYAN_BIN" demo > /dev/null
"$GAOYAN_BIN" crowd 500 > "$dir/names"
"$GAOYAN_BIN" serve > "$dir/server.log" 2>&1 &
server=$!
cleanup() {
  kill $server 2>/dev/null || true
  wait $server 2>/dev/null || true
  [[ "$BACKEND" == postgres ]] && psql "postgres://postgres@127.0.0.1:5432/postgres" -qc "DROP DATABASE IF EXISTS $name" || true
  rm -rf "$dir"
}
trap cleanup EXIT
for _ in $(seq 100); do curl -fs -o /dev/null "$URL/login" && break; sleep 0.2; done

login() { # username → session cookie
  curl -fs -c - -H 'Accept: application/json' --data-urlencode "username=$1" \
    --data-urlencode "password=$PASSWORD" "$URL/api/login" | awk '$6 == "gaoyan_session" {print $6 "=" $7}'
}
institution=$(login institution)
# One of the crowd, who has not answered: the survey page with its form.
reader=$(login "$(tail -1 "$dir/names")")
g=$(curl -fs -H "Cookie: $reader" -H 'Accept: application/json' -X POST "$URL/api/my_home" \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["surveys_due"][0]["programme_id"])')
curl -fs -H "Cookie: $reader" "$URL/me/surveys/$g" | grep -q '提交答卷' || { echo "the survey form is not there" >&2; exit 1; }
items=$(curl -fs -H "Cookie: $reader" -H 'Accept: application/json' --data "programme_id=$g" "$URL/api/my_survey" \
  | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["items"]))')

echo "## Trainees at once: $BACKEND, $(git rev-parse --short HEAD), $(date -u +%Y-%m-%d)"
echo
echo "### The survey page under load: 64 connections, 2 wrk threads, $DURATION"
echo
echo "| page | p50 | p99 | requests/s | errors |"
echo "|---|---:|---:|---:|---|"
out=$(wrk -t2 -c64 -d"$DURATION" --latency -H "Cookie: $reader" "$URL/me/surveys/$g")
p50=$(awk '$1 == "50%" {print $2}' <<<"$out")
p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
rps=$(awk '/^Requests\/sec/ {print $2}' <<<"$out")
errors=$(awk '/Non-2xx|Socket errors/ {print}' <<<"$out" | tr '\n' ' ')
echo "| \`/me/surveys/$g\` (a trainee's form, $items items) | $p50 | $p99 | $rps | ${errors:-none} |"
echo
echo "### Sign-ins, answers and check-ins at once: 64 client threads"
echo
python3 scripts/bench_trainees.py "$URL" "$dir/names" "$PASSWORD" "$institution"
echo
echo "Machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; client and server on the same machine."

#!/usr/bin/env bash
# Command 1: from a fresh machine to the running app with demo data at
# http://127.0.0.1:3000 (installs what is missing, builds, migrates, serves).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
. scripts/env.sh

scripts/setup.sh
say "Release build (cargo leptos build --release --precompress)"
cargo leptos build --release --precompress
export DATABASE_URL="${DATABASE_URL:-sqlite://data/gaoyan.db}"
say "Serving on http://${GAOYAN_ADDR:-127.0.0.1:3000} with demo data ($DATABASE_URL)"
exec "$GAOYAN_BIN" serve --demo

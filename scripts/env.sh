# Shared settings for the scripts; sourced, not run.
# Build output lives outside the clone so that every clone on a machine
# (and CI's fresh clone) reuses one cache; override with CARGO_TARGET_DIR.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/gaoyan-target}"
# A clean clone builds once: incremental state would only fill the disk
# (tens of GB per workspace path) and slow the build.
if [[ "${CI:-}" == "true" ]]; then export CARGO_INCREMENTAL=0; fi
export PATH="$HOME/.cargo/bin:$ROOT/end2end/node_modules/.bin:$PATH"
export LEPTOS_SITE_ROOT="${LEPTOS_SITE_ROOT:-target/site}"
# The build names assets by content hash (hash.txt beside the binary).
export LEPTOS_HASH_FILES="${LEPTOS_HASH_FILES:-true}"
GAOYAN_BIN="$CARGO_TARGET_DIR/release/gaoyan"

say() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

#!/usr/bin/env bash
# Installs what building (and, with --tests, testing) Gaoyan needs, from
# crates.io, npm and Debian only. Skips whatever is already present.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
. scripts/env.sh

with_tests=false
[[ "${1:-}" == "--tests" ]] && with_tests=true

toolchain=$(sed -n 's/^channel = "\(.*\)"/\1/p' rust-toolchain.toml)
if ! rustup target list --installed --toolchain "$toolchain" 2>/dev/null | grep -q wasm32-unknown-unknown; then
  say "Rust $toolchain with the wasm32 target"
  rustup toolchain install "$toolchain" --profile minimal \
    --component rustfmt,clippy --target wasm32-unknown-unknown
fi

# cargo-leptos 0.3.11's lock file needs rustc 1.96 (cargo-util-schemas);
# no_downloads makes it fail loudly instead of fetching tools from GitHub.
if ! cargo leptos --version 2>/dev/null | grep -q '0.3.11'; then
  say "cargo-leptos 0.3.11 (about 30 minutes on 2 cores)"
  cargo "+$toolchain" install cargo-leptos --version 0.3.11 --locked --features no_downloads
fi

# The wasm-bindgen CLI must match the wasm-bindgen crate in Cargo.lock.
wbg=$(awk '/^name = "wasm-bindgen"$/ {getline; gsub(/version = |"/, ""); print}' Cargo.lock)
if ! wasm-bindgen --version 2>/dev/null | grep -q " $wbg\$"; then
  say "wasm-bindgen-cli $wbg"
  # Not --locked: its lock names a webpki-roots version crates.io lacks.
  cargo "+$toolchain" install wasm-bindgen-cli --version "$wbg" --force
fi

# npm gives wasm-opt (binaryen 132; Debian's 108 breaks hydration) and
# Playwright. Playwright's own browser download is never used.
if [[ ! -x end2end/node_modules/.bin/wasm-opt || end2end/package-lock.json -nt end2end/node_modules/.package-lock.json ]]; then
  say "npm packages (wasm-opt, Playwright)"
  (cd end2end && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund)
fi

missing=()
# The CJK font of the certificate PDFs (read at run time; GAOYAN_PDF_FONT
# may name another OpenType CJK font).
[[ -f /usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc ]] || missing+=(fonts-noto-cjk)
if $with_tests; then
  [[ -x /usr/bin/chromium ]] || missing+=(chromium)
  # The PDF tests read certificates back: text with pdftotext, pages with
  # pdfinfo, QR codes with pdftoppm and zbarimg.
  command -v pdftotext >/dev/null || missing+=(poppler-utils)
  command -v zbarimg >/dev/null || missing+=(zbar-tools)
  command -v pg_ctlcluster >/dev/null || missing+=(postgresql)
  command -v psql >/dev/null || missing+=(postgresql-client)
  # An S3-compatible server for the file store's S3 test.
  command -v moto_server >/dev/null || { say "moto (S3 test server, from PyPI)"; pip install -q "moto[server]"; }
fi
if ((${#missing[@]})); then
  say "Debian packages: ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
fi

#!/usr/bin/env bash
# Installs everything trade-chart needs to build and test, and nothing by hand.
#
# Idempotent: each step checks whether its result is already there and skips it,
# so a warm run takes seconds. Writes target/toolchain.env, which the Makefile
# sources so that every later command uses the same toolchain.
#
#   scripts/setup.sh            # toolchain + wasm tools + npm deps
#   scripts/setup.sh --browser  # also Chromium + chromedriver, rsvg-convert and pdftotext (tests)
#   scripts/setup.sh --engines  # also Firefox ESR, WebKitGTK's WebKitWebDriver + MiniBrowser
#                               # and Xvfb (needed by tests/engines/)
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
want_browser=0
want_engines=0
for arg in "$@"; do
  case "$arg" in
    --browser) want_browser=1 ;;
    --engines) want_engines=1 ;;
    *) echo "setup: unknown option $arg" >&2; exit 2 ;;
  esac
done

export DEBIAN_FRONTEND=noninteractive
SUDO=""
if [ "$(id -u)" != 0 ] && command -v sudo >/dev/null 2>&1; then SUDO="sudo"; fi
apt_updated=0
apt_install() {
  if [ "$apt_updated" = 0 ]; then
    $SUDO apt-get update -qq
    apt_updated=1
  fi
  $SUDO apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}
have_pkg() { dpkg -s "$1" >/dev/null 2>&1; }

t_all=$(date +%s)
step_start=0
step() { step_start=$(date +%s); printf 'setup: %s ... ' "$1"; }
done_step() { printf '%s (%ss)\n' "${1:-ok}" "$(( $(date +%s) - step_start ))"; }

mkdir -p target
TOOLCHAIN_PATH=""

# --- 1. A Rust toolchain that can target wasm32 -----------------------------------------
step "rust toolchain with wasm32-unknown-unknown"
wasm_ready() {
  local rc=${1:-rustc}
  local lib
  lib=$("$rc" --target wasm32-unknown-unknown --print target-libdir 2>/dev/null) || return 1
  ls "$lib"/libstd-*.rlib >/dev/null 2>&1
}
if command -v rustup >/dev/null 2>&1 && rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  done_step "rustup has it"
elif command -v rustup >/dev/null 2>&1 && timeout 30 rustup target add wasm32-unknown-unknown >/dev/null 2>&1 \
     && wasm_ready rustc; then
  done_step "added with rustup"
else
  # Offline fallback: Debian's rustc-web with a wasm32 std built from its source.
  for p in rustc-web cargo-web rust-web-src lld-22; do
    have_pkg "$p" || { apt_install rustc-web cargo-web rust-web-src lld-22; break; }
  done
  if ! wasm_ready /usr/bin/rustc; then
    printf '\nsetup:   building the wasm32 std from Debian source (about 3 minutes, once) ... '
    d=$(mktemp -d)
    ( cd "$d" && /usr/bin/cargo new --lib stdbuild -q && cd stdbuild \
      && RUSTC=/usr/bin/rustc RUSTC_BOOTSTRAP=1 /usr/bin/cargo build --release \
           --target wasm32-unknown-unknown -Zbuild-std=std,panic_abort,test -q )
    lib=$(/usr/bin/rustc --target wasm32-unknown-unknown --print target-libdir)
    $SUDO mkdir -p "$lib"
    for f in "$d"/stdbuild/target/wasm32-unknown-unknown/release/deps/lib*.rlib; do
      case "$f" in *libstdbuild-*) ;; *) $SUDO cp "$f" "$lib/" ;; esac
    done
    rm -rf "$d"
  fi
  TOOLCHAIN_PATH="/usr/bin"
  done_step "Debian rustc-web $(/usr/bin/rustc --version | cut -d' ' -f2)"
fi

# Every later command sees the chosen toolchain first on PATH.
if [ -n "$TOOLCHAIN_PATH" ]; then
  export PATH="$TOOLCHAIN_PATH:$PATH"
fi
export PATH="$HOME/.cargo/bin:$PATH"
if [ -n "$TOOLCHAIN_PATH" ]; then export PATH="$TOOLCHAIN_PATH:$PATH"; fi
export PATH="$here/node_modules/.bin:$PATH"

# --- 1b. clippy, which `make lint` needs (CI fails lint without it) ----------------------
step "clippy"
if cargo clippy --version >/dev/null 2>&1; then
  done_step "present"
elif command -v rustup >/dev/null 2>&1 && timeout 60 rustup component add clippy >/dev/null 2>&1 \
     && cargo clippy --version >/dev/null 2>&1; then
  done_step "added with rustup"
else
  done_step "not available (no rustup); make lint fails under CI=true"
fi

# --- 1c. the standard library's source, which the release wasm build recompiles -------
# `make build` rebuilds std with the crate (-Zbuild-std) so that panics become a bare trap
# and carry no messages, locations or Debug formatting (BENCHMARKS.md "Bytes for one
# chart": 16 KB gzip). rustup has it as rust-src; Debian's rustc-web as rust-web-src.
step "standard library source (rust-src)"
std_src() { [ -d "$(rustc --print sysroot)/lib/rustlib/src/rust/library/std" ]; }
if std_src; then
  done_step "present"
elif command -v rustup >/dev/null 2>&1 && timeout 60 rustup component add rust-src >/dev/null 2>&1 && std_src; then
  done_step "added with rustup"
elif [ -n "$TOOLCHAIN_PATH" ] && { have_pkg rust-web-src || apt_install rust-web-src; } && std_src; then
  done_step "Debian rust-web-src"
else
  done_step "not available: make build falls back to the prebuilt std (about 16 KB gzip more; make size fails its budget)"
fi

# --- 2. wasm-bindgen CLI at exactly the crate's version, and wasm-pack --------------------
bindgen_version=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
step "wasm-bindgen-cli $bindgen_version"
if [ "$(wasm-bindgen --version 2>/dev/null | cut -d' ' -f2)" = "$bindgen_version" ]; then
  done_step "present"
else
  # Its own lock file can pin a crate the registry has since yanked: then resolve afresh.
  cargo install --quiet --locked wasm-bindgen-cli --version "$bindgen_version" --force 2>/dev/null \
    || cargo install --quiet wasm-bindgen-cli --version "$bindgen_version" --force
  done_step "installed"
fi

step "wasm-pack"
if command -v wasm-pack >/dev/null 2>&1; then
  done_step "present ($(wasm-pack --version 2>/dev/null | cut -d' ' -f2))"
else
  cargo install --quiet --locked wasm-pack 2>/dev/null || cargo install --quiet wasm-pack
  done_step "installed"
fi

# --- 3. npm dependencies (binaryen's wasm-opt, playwright-core, test tools) -------------
step "npm dependencies"
if [ -d node_modules ] && [ node_modules/.package-lock.json -nt package-lock.json ]; then
  done_step "up to date"
else
  npm ci --no-audit --no-fund --loglevel=error >/dev/null
  done_step "installed"
fi
step "wasm-opt"
done_step "$(wasm-opt --version | head -n1)"

# --- 4. A real browser for the tests -----------------------------------------------------
if [ "$want_browser" = 1 ]; then
  step "chromium + chromedriver"
  if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
    done_step "present"
  else
    apt_install chromium chromium-driver
    done_step "installed"
  fi
fi

# --- 5. Firefox and WebKit for the cross-engine suite (tests/engines/) -------------------
# Debian's packages only: puppeteer-core drives firefox-esr over WebDriver BiDi, and
# selenium-webdriver drives WebKitGTK's MiniBrowser through WebKitWebDriver, under Xvfb.
if [ "$want_engines" = 1 ]; then
  step "firefox-esr, webkit2gtk-driver, xvfb, xauth"
  missing=()
  for p in firefox-esr webkit2gtk-driver xvfb xauth; do have_pkg "$p" || missing+=("$p"); done
  if [ "${#missing[@]}" = 0 ]; then
    done_step "present"
  else
    apt_install "${missing[@]}"
    done_step "installed ${missing[*]}"
  fi
fi
# The MiniBrowser binary ships in a libexec-style directory that moves between WebKitGTK
# API versions: ask dpkg where it is, fall back to the known path.
MINIBROWSER=""
if have_pkg webkit2gtk-driver; then
  for p in $(dpkg-query -W -f '${Package}\n' 'libwebkit2gtk-*' 'webkit2gtk-driver' 2>/dev/null); do
    MINIBROWSER=$(dpkg -L "$p" 2>/dev/null | grep -m1 '/MiniBrowser$' || true)
    [ -n "$MINIBROWSER" ] && [ -x "$MINIBROWSER" ] && break
    MINIBROWSER=""
  done
  [ -n "$MINIBROWSER" ] || MINIBROWSER=/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser
fi
if [ "$want_engines" = 1 ]; then
  step "MiniBrowser"
  if [ -x "$MINIBROWSER" ]; then done_step "$MINIBROWSER"; else echo "not found (looked at $MINIBROWSER)"; exit 1; fi
fi
# --- 6. SVG → PDF tools for the export test (rsvg-convert, pdftotext) ----------------------
if [ "$want_browser" = 1 ]; then
  step "rsvg-convert + pdftotext"
  if have_pkg librsvg2-bin && have_pkg poppler-utils; then
    done_step "present"
  else
    apt_install librsvg2-bin poppler-utils
    done_step "installed"
  fi
fi

cat > target/toolchain.env <<ENV
# Written by scripts/setup.sh; sourced by the Makefile.
export PATH="$PATH"
export CHROMEDRIVER=/usr/bin/chromedriver
${MINIBROWSER:+export MINIBROWSER="$MINIBROWSER"}
ENV
echo "setup: ready in $(( $(date +%s) - t_all ))s (rustc $(rustc --version | cut -d' ' -f2), $(command -v cargo))"

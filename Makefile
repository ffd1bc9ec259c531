# trade-chart: `make demo` builds and serves the demo; `make test` runs every test.
# Both install what is missing first (scripts/setup.sh); warm runs skip installed steps.

SHELL := /bin/bash
# Every recipe line runs with errexit and pipefail: a line that pipes a test runner into a
# filter fails when the runner fails (make starts a new shell per line, so .ci/run's own
# `set -o pipefail` does not reach here).
.SHELLFLAGS := -eo pipefail -c
PORT ?= 8080
ENV := source target/toolchain.env &&

.PHONY: demo test setup build fallback test-native test-wasm test-e2e lint clean

setup:
	@bash scripts/setup.sh --browser

## The release wasm rebuilds std with the crate (-Zbuild-std; the stable compiler takes it
## with RUSTC_BOOTSTRAP=1), so that a panic is a bare trap with no message, no source
## location and no Debug formatting in the binary: 16 KB gzip less (BENCHMARKS.md "Bytes
## for one chart"). A panic=abort build trapped the same way. fmt-debug=none makes `{:?}`
## print nothing, so no product text may use it (tests/harness_source.rs checks).
WASM_RUSTFLAGS := -Zunstable-options -Cpanic=immediate-abort -Zlocation-detail=none -Zfmt-debug=none
STD_SRC = "$$(rustc --print sysroot)/lib/rustlib/src/rust/library/std"

## Build the wasm package into pkg/ (release: lto, opt-level z, wasm-opt -Os -ocimfs 20). wasm-pack writes
## into a fresh target/pkg-next/ first, so a failed build can never leave a stale pkg/ that passes.
build: setup
	@rm -rf target/pkg-next
	@$(ENV) if [ -d $(STD_SRC) ]; then \
	  export RUSTC_BOOTSTRAP=1 RUSTFLAGS="$(WASM_RUSTFLAGS)"; set -- . -Zbuild-std=std,panic_abort; \
	elif [ "$${CI:-}" = true ]; then echo "build: no std source (rust-src) for -Zbuild-std; CI needs it (scripts/setup.sh installs it)"; exit 1; \
	else echo "build: no std source (rust-src): building with the prebuilt std (about 16 KB gzip more)"; set -- .; fi; \
	wasm-pack --log-level warn build --release --target web --no-typescript --no-pack --out-dir target/pkg-next "$$@" 2>&1 \
	  | { grep -v "failed to get wasm-pack version" || true; }
	@test -f target/pkg-next/trade_chart_bg.wasm || { echo "build: wasm-pack produced no target/pkg-next/trade_chart_bg.wasm"; exit 1; }
	@rm -rf pkg && mv target/pkg-next pkg
	@node scripts/package.mjs
	@printf 'build: pkg/trade_chart_bg.wasm %s bytes (%s gzip)\n' "$$(stat -c %s pkg/trade_chart_bg.wasm)" "$$(gzip -9c pkg/trade_chart_bg.wasm | wc -c)"

## Static SVG fallbacks of every demo spec, drawn by the same Rust renderer (www/fallback/):
## 640 px wide, and 360 px for phones (<picture>), each with the chart buttons' row below
## it, so a <trade-chart> holds exactly its chart's space before the chart arrives.
FALLBACK_CONTROLS_PX := 28
fallback: setup
	@$(ENV) cargo build --quiet --release --bin trade-chart-render
	@mkdir -p www/fallback
	@for f in www/data/*.json; do \
	  n=$$(basename "$$f" .json); \
	  ./target/release/trade-chart-render "$$f" -o "www/fallback/$$n.svg" --width 640 --theme light --space-below $(FALLBACK_CONTROLS_PX) || exit 1; \
	  ./target/release/trade-chart-render "$$f" -o "www/fallback/$$n-phone.svg" --width 360 --theme light --space-below $(FALLBACK_CONTROLS_PX) || exit 1; \
	done
	@echo "fallback: $$(ls www/fallback/*.svg | wc -l) SVGs in www/fallback/"

## Build, then serve www/ (and pkg/) on http://127.0.0.1:$(PORT)/
demo: build fallback
	@node scripts/serve.mjs --port $(PORT) --csp

## Every test: native, lints, wasm in headless Chrome, end-to-end in Chromium, then Firefox and WebKit.
test: build size test-native lint test-wasm test-e2e test-engines
	@echo "make test: all suites passed"

test-native: setup
	@$(ENV) cargo test --quiet --all-targets
	@$(ENV) cargo test --quiet --doc

CLIPPY_DENY := -D warnings -D clippy::unwrap_used -D clippy::expect_used -D clippy::panic -D clippy::indexing_slicing

## No unwrap/expect/panic/indexing in library code, native and wasm32. Under CI=true a
## toolchain without clippy fails here instead of skipping (setup adds clippy where rustup is).
lint: setup
	@$(ENV) if cargo clippy --version >/dev/null 2>&1; then \
	  cargo clippy --quiet --lib --bins -- $(CLIPPY_DENY) && \
	  cargo clippy --quiet --lib --target wasm32-unknown-unknown -- $(CLIPPY_DENY) && \
	  echo "lint: clippy clean (native and wasm32)"; \
	elif [ "$${CI:-}" = true ]; then \
	  echo "lint: clippy is missing from this toolchain; CI needs it (install it with rustup component add clippy)"; exit 1; \
	else echo "lint: clippy is not part of this toolchain (Debian rustc-web); skipped outside CI"; fi

test-wasm: setup
	@$(ENV) wasm-pack test --headless --chrome -- --test web 2>&1 | { grep -v "failed to get wasm-pack version" || true; }

test-e2e: build fallback
	@node --test --test-reporter=spec tests/e2e/

clean:
	rm -rf target pkg www/fallback

## Where the wasm bytes go (by crate and by our module, from a side build that keeps the
## name section: one more wasm-opt run, ~15 s), then the bytes one chart loads (raw, gzip,
## brotli); fails above size-budget.json's gzip budget.
.PHONY: size bench
size: build
	@$(ENV) node scripts/size.mjs

## Benchmarks against uPlot, Chart.js, ECharts, lightweight-charts (prints figures, writes
## target/bench/results.json and BENCHMARKS.md; no assertions). BENCH_ARGS="--runs 1" for a quick look.
bench: build
	@node scripts/bench.mjs $(BENCH_ARGS)

## Fuzz every target in fuzz/ for FUZZ_SECONDS each (default 60); installs cargo-fuzz if missing.
## Crashes land in fuzz/artifacts/<target>/; copy them to tests/fuzz_regressions/.
FUZZ_SECONDS ?= 60
FUZZ_TARGETS ?= spec_json json_text csv date render_svg
.PHONY: fuzz
fuzz: setup
	@$(ENV) command -v cargo-fuzz >/dev/null || cargo install --locked cargo-fuzz
	@$(ENV) rustup toolchain list | grep -q '^nightly' || rustup toolchain install nightly --profile minimal
	@bash fuzz/seed.sh
	@$(ENV) cd fuzz && for t in $(FUZZ_TARGETS); do \
	  echo "fuzz: $$t for $(FUZZ_SECONDS) s"; \
	  if ! cargo +nightly fuzz run "$$t" -- -max_total_time=$(FUZZ_SECONDS) -rss_limit_mb=4096 -timeout=10 -print_final_stats=1 2>&1 \
	    | { grep -E '^(Done|stat::number_of_executed_units|SUMMARY|==[0-9]+== ERROR)|panicked|Test unit written' || true; }; then \
	    echo "fuzz: $$t found a crash (see fuzz/artifacts/$$t/)"; exit 1; \
	  fi; \
	done

## The cross-engine end-to-end checks (tests/engines/): Firefox ESR through puppeteer-core
## (WebDriver BiDi) and WebKitGTK's MiniBrowser through WebKitWebDriver on Xvfb; installs
## the two engines first if they are missing (scripts/setup.sh --engines).
.PHONY: test-engines
test-engines: build fallback
	@bash scripts/setup.sh --engines
	@$(ENV) node --test --test-reporter=spec tests/engines/

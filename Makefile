# trade-chart: `make demo` builds and serves the demo; `make test` runs every test.
# Both install what is missing first (scripts/setup.sh); warm runs skip installed steps.

SHELL := /bin/bash
PORT ?= 8080
ENV := source target/toolchain.env &&

.PHONY: demo test setup build test-native test-wasm test-e2e lint svg clean

setup:
	@bash scripts/setup.sh --browser

## Build the wasm package into pkg/ (release: lto, wasm-opt -O3).
build: setup
	@$(ENV) wasm-pack --log-level warn build --release --target web --no-typescript --no-pack 2>&1 | grep -v "failed to get wasm-pack version" || true
	@test -f pkg/trade_chart_bg.wasm || { echo "build: pkg/trade_chart_bg.wasm is missing"; exit 1; }
	@node scripts/package.mjs
	@printf 'build: pkg/trade_chart_bg.wasm %s bytes (%s gzip)\n' "$$(stat -c %s pkg/trade_chart_bg.wasm)" "$$(gzip -9c pkg/trade_chart_bg.wasm | wc -c)"

## Build, then serve www/ (and pkg/) on http://127.0.0.1:$(PORT)/
demo: build
	@node scripts/serve.mjs --port $(PORT)

## Every test: native, lints, wasm in headless Chrome, end-to-end in Chromium.
test: build test-native lint test-wasm test-e2e
	@echo "make test: all suites passed"

test-native: setup
	@$(ENV) cargo test --quiet --all-targets 2>&1 | tail -n +1
	@$(ENV) cargo test --quiet --doc

lint: setup
	@$(ENV) cargo clippy --quiet --lib --bins -- -D warnings -D clippy::unwrap_used -D clippy::expect_used -D clippy::panic
	@$(ENV) cargo clippy --quiet --lib --target wasm32-unknown-unknown -- -D warnings -D clippy::unwrap_used -D clippy::expect_used -D clippy::panic

test-wasm: setup
	@$(ENV) wasm-pack test --headless --chrome -- --test web 2>&1 | grep -v "failed to get wasm-pack version"; exit $${PIPESTATUS[0]}

test-e2e: build
	@node --test --test-reporter=spec tests/e2e/

clean:
	rm -rf target pkg

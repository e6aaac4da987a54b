# clvlab: a new user needs two commands, `make run` and `make test`.
GO     ?= go
GOROOT := $(shell $(GO) env GOROOT)
XVFB   := xvfb-run -a -s "-screen 0 1920x1080x24"
# WASM_TAGS are the browser build's tags, in every target that builds or
# vets it (and serve.BuildTags for the tests): minimal keeps gonum/plot from
# linking its PDF, SVG and EPS canvases, which the browser never uses.
WASM_TAGS := minimal

.PHONY: run browser-mod wasm gui batch test fmt-check vet build bench bench-browser bench-fit fuzz sqlcheck clean

# run builds the browser app and serves the planner on the default
# scenario: open the address it prints.
run: wasm
	$(GO) run ./cmd/clvlab serve

# WEB is where `make wasm` puts the page's built files (the tests build
# into a folder of their own); web/ also holds index.html and
# loading-zh.otf, which are sources.
WEB ?= web

# browser-mod writes $(WEB)/browser.mod and .sum, the go.mod of the browser
# build: go.mod with gonum/plot's twelve Liberation fonts replaced by a small
# stand-in (wasm/liberation/README.md), which keeps 2.4 MB of gzip out of
# app.wasm. Native builds keep go.mod.
browser-mod:
	mkdir -p $(WEB)
	{ cat go.mod; echo 'replace codeberg.org/go-fonts/liberation => ./wasm/liberation'; } > $(WEB)/browser.mod
	cp go.sum $(WEB)/browser.sum

# ZSTD_LEVEL is how hard `make wasm` compresses the zstd copies: at 19
# app.wasm is 4.1 MB where gzip -9 makes 5.6 MB, for about a minute of
# two loaded cores (the browser test builds with 3).
ZSTD_LEVEL ?= 19

# wasm builds the browser app into $(WEB) with the tags WASM_TAGS and
# browser.mod: app.wasm, Go's loader wasm_exec.js, the whole chart font
# font-zh.ttf (fetched when Chinese is shown), and gzip and zstd copies of
# the two big files, which `clvlab serve` sends (zstd to browsers that
# accept it; Chromium does on loopback and HTTPS).
wasm: browser-mod
	GOOS=js GOARCH=wasm $(GO) build -modfile $(WEB)/browser.mod -tags $(WASM_TAGS) -trimpath -ldflags="-s -w" -o $(WEB)/app.wasm ./wasm
	cp "$(GOROOT)/lib/wasm/wasm_exec.js" $(WEB)/wasm_exec.js
	cp internal/chart/font/NotoSansSC-gb2312l1.ttf $(WEB)/font-zh.ttf
	gzip -9 -k -f -n $(WEB)/app.wasm $(WEB)/font-zh.ttf
	if command -v zstd >/dev/null; then \
		zstd -q -f -$(ZSTD_LEVEL) $(WEB)/app.wasm -o $(WEB)/app.wasm.zst && \
		zstd -q -f -$(ZSTD_LEVEL) $(WEB)/font-zh.ttf -o $(WEB)/font-zh.ttf.zst; \
	else echo "zstd not installed: no .zst copies (serve sends gzip)"; fi
	if [ "$(abspath $(WEB))" != "$(abspath web)" ]; then cp web/index.html web/loading-zh.otf $(WEB)/; fi

# gui opens the planner in a native window.
gui:
	$(GO) run ./cmd/clvlab-gui

# batch projects the default scenario from the command line.
batch:
	$(GO) run ./cmd/clvlab run four-stage

# test is everything CI runs: formatting, vet, the whole suite (the app's
# tests need a display: Xvfb when there is none; the browser test needs
# Chromium), the engine again under the race detector, the SQL of
# docs/data.md in DuckDB (make sqlcheck), and each fuzz target for FUZZTIME
# (make fuzz). TEST_TIMEOUT is each package's time limit: the browser
# tests of internal/serve build the wasm app and walk the planner in
# Chromium, which on a loaded two-core machine can outlast go test's
# default of 10 minutes.
TEST_TIMEOUT ?= 30m
test: fmt-check vet
	@if [ -n "$$DISPLAY" ]; then \
		echo "$(GO) test -timeout $(TEST_TIMEOUT) ./..."; $(GO) test -timeout $(TEST_TIMEOUT) ./...; \
	elif command -v xvfb-run >/dev/null 2>&1; then \
		echo "$(XVFB) $(GO) test -timeout $(TEST_TIMEOUT) ./..."; $(XVFB) $(GO) test -timeout $(TEST_TIMEOUT) ./...; \
	else \
		echo "make test: the app's tests need a display; install Xvfb (apt-get install xvfb xauth) or set DISPLAY"; exit 1; \
	fi
	$(GO) test -race ./sim/...
	$(MAKE) --no-print-directory sqlcheck
	$(MAKE) --no-print-directory fuzz

# sqlcheck runs the DuckDB query of docs/data.md on the CDNOW sample against
# internal/records' summary, in embedded DuckDB: a module of its own, as it
# needs cgo and a C++ compiler (g++), and stays out of the clvlab binary. The
# first build compiles DuckDB's bindings: about 2-3 minutes.
sqlcheck:
	cd internal/records/sqlcheck && CGO_ENABLED=1 $(GO) vet ./... && CGO_ENABLED=1 $(GO) test ./...

# FUZZTIME is how many inputs make fuzz tries per fuzz target, beyond its
# seed corpus. A count, not a duration: Go 1.26's fuzz coordinator can fail
# a target with "context deadline exceeded" when a -fuzztime duration ends
# while a worker is busy (go.dev/issue/75804, fixed in Go 1.27), which a
# loaded machine makes likely. 2000 inputs take 10-20 s for the slowest
# target (FuzzMonteCarlo) on this project's 2-core machine.
FUZZTIME ?= 2000x

# fuzz runs every fuzz target (each func Fuzz... in a _test.go file, found
# anew each time) for FUZZTIME on top of its seed corpus; an input that
# fails is saved under the package's testdata/fuzz/ and fails the target.
fuzz:
	@grep -rn --include='*_test.go' '^func Fuzz' . | \
	sed -E 's|^\./(.*)/[^/]*_test\.go:[0-9]+:func (Fuzz[A-Za-z0-9_]*).*|\1 \2|' | sort | \
	while read -r pkg name; do \
		echo "$(GO) test -run '^$$' -fuzz '^$$name\$$' -fuzztime $(FUZZTIME) ./$$pkg"; \
		$(GO) test -run '^$$' -fuzz "^$$name\$$" -fuzztime $(FUZZTIME) "./$$pkg" || exit 1; \
	done

fmt-check:
	@out=$$(gofmt -l .); \
	if [ -n "$$out" ]; then echo "gofmt needed on:"; echo "$$out"; exit 1; fi

# vet checks the native build, then the browser build with its tags.
vet:
	$(GO) vet ./...
	GOOS=js GOARCH=wasm $(GO) vet -tags $(WASM_TAGS) ./wasm ./internal/app

build:
	$(GO) build -o bin/clvlab ./cmd/clvlab
	$(GO) build -o bin/clvlab-gui ./cmd/clvlab-gui

# bench runs the engine, Monte Carlo, what-if and chart benchmarks (the
# charts drawn into images, and written as PNG, SVG and PDF files); compare
# two runs with benchstat. docs/benchmarks.md has the Monte Carlo and what-if
# figures.
bench:
	$(GO) test -run '^$$' -bench . -benchmem -count 6 ./sim/ ./sim/uncertainty/ ./internal/whatif/ ./internal/chart/ ./internal/chart/chartfile/

# bench-browser measures issue 11's Targets table in one run (minutes):
# the page that `make wasm` built, in headless Chromium (first frame cold,
# bytes, key to frame, chart redraw per tab, trials, idle CPU), and
# `clvlab run four-stage`. docs/benchmarks.md has the table and says how
# each figure is taken; BENCH_OUT=FILE keeps the table.
bench-browser: wasm
	CLVLAB_BENCH_BROWSER=1 CLVLAB_BENCH_OUT="$(BENCH_OUT)" $(GO) test -count 1 -timeout 30m -run '^TestBenchBrowser$$' -v ./internal/serve

# bench-fit runs the fit benchmarks beside lifetimes, on the same data and
# in one run, and prints docs/benchmarks.md's table: make bench-fit
# LIFETIMES=DIR AUTOGRAD=DIR, the two source checkouts lifetimes runs from
# (docs/bench/side-by-side.sh says what Python needs; nothing is fetched).
bench-fit:
	docs/bench/side-by-side.sh "$(LIFETIMES)" "$(AUTOGRAD)"

clean:
	rm -rf bin out web/app.wasm web/app.wasm.gz web/wasm_exec.js web/font-zh.ttf web/font-zh.ttf.gz web/app.wasm.zst web/font-zh.ttf.zst web/browser.mod web/browser.sum

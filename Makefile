# clvlab: the two commands a new user needs are `make run` and `make test`.
GO ?= go

.PHONY: run test fmt-check vet build bench clean

# run projects the default scenario and prints its summary table; results go
# to out/four-stage/.
run:
	$(GO) run ./cmd/clvlab run four-stage

# test is everything CI runs: formatting, vet, the whole test suite, and the
# engine again under the race detector (which needs a C compiler).
test: fmt-check vet
	$(GO) test ./...
	@if command -v gcc >/dev/null 2>&1; then \
		echo "$(GO) test -race ./sim/..."; CGO_ENABLED=1 $(GO) test -race ./sim/...; \
	else \
		echo "make test: no C compiler, so the engine's race-detector run is skipped (install gcc)"; \
	fi

fmt-check:
	@out=$$(gofmt -l .); \
	if [ -n "$$out" ]; then echo "gofmt needed on:"; echo "$$out"; exit 1; fi

vet:
	$(GO) vet ./...

build:
	$(GO) build -o bin/clvlab ./cmd/clvlab

# bench runs the engine and chart benchmarks; compare two runs with benchstat.
bench:
	$(GO) test -run '^$$' -bench . -benchmem -count 6 ./sim/ ./internal/chart/

clean:
	rm -rf bin out

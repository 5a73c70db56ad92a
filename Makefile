# farsight — common tasks. `make test` is the test command CI runs.

GO ?= go

.PHONY: test lint bench generate build fuzz

# All tests, with the race detector.
test:
	$(GO) test -race -count=1 ./...

lint:
	$(GO) vet ./...
	@out=$$(gofmt -l .); if [ -n "$$out" ]; then echo "gofmt would reformat:"; echo "$$out"; exit 1; fi

build:
	$(GO) build -o farsight ./cmd/farsight

# The benchmarks quoted in docs/performance.md.
bench:
	$(GO) test -run '^$$' -bench . -benchtime 20x ./internal/sqlite/ ./internal/gazetteer/ ./internal/httpapi/
	$(GO) test -run '^$$' -bench 'Extract|New' -benchtime 3s ./internal/extract/

# Rebuild the embedded gazetteer from its pinned sources (needs npm and ../shared/data).
generate:
	$(GO) generate ./internal/gazetteer

# A short run of every fuzz target.
fuzz:
	@for pkg in . ./internal/httpapi ./internal/ingest/local ./internal/ingest/telegram ./internal/eval ./internal/gazetteer ./internal/extract ./internal/lang; do \
		for f in $$($(GO) test -list '^Fuzz' $$pkg | grep '^Fuzz'); do \
			echo "$$pkg $$f"; $(GO) test $$pkg -run '^$$' -fuzz "^$$f$$" -fuzztime 20s || exit 1; \
		done; \
	done

# lossbook: `make` installs what is missing and builds the course into site/; `make test` runs
# every test. See README.md.

SWIFT ?= swift
LOSSBOOK = .build/release/lossbook

.PHONY: all deps site release test clean serve bench bench-engine

all: site

deps:
	@scripts/install-deps.sh

release: deps
	$(SWIFT) build -c release --product lossbook

site: release
	$(LOSSBOOK) build

serve: release
	$(LOSSBOOK) serve

test: deps
	$(SWIFT) test

# Build benchmarks on synthetic courses of 100, 1000 and 2000 pages (not part of `make test`).
bench: deps
	Benchmarks/build/run.sh

clean:
	rm -rf .build .lossbook-cache

bench-engine: deps
	Benchmarks/engine/run.sh

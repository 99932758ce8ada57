# lossbook: `make` installs what is missing and builds the course into site/; `make test` runs
# every test. See README.md.

SWIFT ?= swift
LOSSBOOK = .build/release/lossbook

.PHONY: all deps site release test clean serve bench bench-engine

all: site

deps:
	@scripts/install-deps.sh

# Generic x86-64 by default (runs everywhere). For this machine's vector units (AVX2/AVX-512 in
# the engine's kernels): make SWIFT_CPU_FLAGS="-Xswiftc -target-cpu -Xswiftc native"
SWIFT_CPU_FLAGS ?=

release: deps
	$(SWIFT) build -c release --product lossbook $(SWIFT_CPU_FLAGS)

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

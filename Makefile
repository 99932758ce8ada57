# lossbook: `make` installs what is missing and builds the course into site/; `make test` runs
# every test. See README.md.

SWIFT ?= swift
LOSSBOOK = .build/release/lossbook

# Where `make install` puts lossbook (DESTDIR is prepended to every path, for packaging).
PREFIX ?= /usr/local
DESTDIR ?=
# The manual page, from swift-argument-parser's generate-manual plugin (offline).
MANUAL = .build/plugins/GenerateManual/outputs/lossbook/lossbook.1

.PHONY: all deps site release test clean serve bench bench-engine install uninstall manual

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

# Optimised, as the course is built: the training kit's vector tanh runs tens of times slower
# unoptimised, and the suite trains networks and builds the course from nothing (README, "Vector
# tanh"). The numbers are the same bit for bit in both builds (StoredBitsTests); `swift test`
# (debug) still works for a quick filtered run.
test: deps
	$(SWIFT) test -c release

# Build benchmarks on synthetic courses of 100, 1000 and 2000 pages (not part of `make test`).
bench: deps
	Benchmarks/build/run.sh

clean:
	rm -rf .build .lossbook-cache

bench-engine: deps
	Benchmarks/engine/run.sh

# The man page: swift-argument-parser's plugin builds the package's products in release mode
# (engine-bench too) and runs generate-manual on lossbook.
manual: release
	$(SWIFT) package plugin generate-manual --configuration release --authors "the lossbook authors" \
	  --date "$$(git log -1 --format=%cs 2>/dev/null || date -u +%F)"

# lossbook, the engine module runnable Swift links, renderer.js, the default theme, the man page
# and shell completions under $(DESTDIR)$(PREFIX); see scripts/install.sh.
install: release manual
	PREFIX="$(PREFIX)" DESTDIR="$(DESTDIR)" MANUAL="$(MANUAL)" scripts/install.sh

uninstall:
	PREFIX="$(PREFIX)" DESTDIR="$(DESTDIR)" scripts/uninstall.sh

# lossbook: `make` installs what is missing and builds the course into site/; `make test` runs
# every test. See README.md.

SWIFT ?= swift
LOSSBOOK = .build/release/lossbook

# Where `make install` puts lossbook (DESTDIR is prepended to every path, for packaging).
PREFIX ?= /usr/local
DESTDIR ?=
# The manual page, from swift-argument-parser's generate-manual plugin (offline).
MANUAL = .build/plugins/GenerateManual/outputs/lossbook/lossbook.1

.PHONY: all deps site release test clean serve bench bench-engine install uninstall manual cpu-flags

all: site

deps:
	@scripts/install-deps.sh

# The engine's vector kernels want AVX2 + FMA. On an x86-64 machine that has them (with the rest
# of the Haswell set: BMI1/2, LZCNT, MOVBE, F16C; every Intel since Haswell, every AMD Zen) the
# build targets `haswell`, a fixed level (not `native`), so the binary also runs on every other
# such machine, and LOSSBOOK_FMA lets the exp and log kernels fuse a·b + c: the same bits as an
# arm64 build, which always fuses (StoredBitsTests; README, "Engine benchmark"). Elsewhere (older
# x86-64, aarch64: NEON is baseline) no flag. A generic x86-64 build does not fuse and can differ
# from the fused builds in the last bit of a result. For a
# portable package: make GENERIC=1 (or SWIFT_CPU_FLAGS=); any other level:
# make SWIFT_CPU_FLAGS="-Xswiftc -target-cpu -Xswiftc native". Every target below (release,
# test, manual, install, bench-engine) passes the same flags, so `make` then `make test` does not
# rebuild from nothing.
HASWELL_SET = avx2 fma bmi1 bmi2 abm movbe f16c
empty :=
HOST_HAS_HASWELL := $(shell [ "$$(uname -m)" = x86_64 ] && grep -m1 '^flags' /proc/cpuinfo 2>/dev/null | \
  tr ' \t' '\n\n' | grep -cxE '$(subst $(empty) $(empty),|,$(HASWELL_SET))' | \
  grep -qx $(words $(HASWELL_SET)) && echo yes)
ifeq ($(HOST_HAS_HASWELL)-$(GENERIC),yes-)
SWIFT_CPU_FLAGS ?= -Xswiftc -target-cpu -Xswiftc haswell -Xswiftc -DLOSSBOOK_FMA
else
SWIFT_CPU_FLAGS ?=
endif

# The flags the targets below pass (Benchmarks/engine/run.sh asks for them when run directly).
cpu-flags:
	@echo $(SWIFT_CPU_FLAGS)

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
	$(SWIFT) test -c release $(SWIFT_CPU_FLAGS)

# Build benchmarks on synthetic courses of 100, 1000 and 2000 pages (not part of `make test`).
bench: deps
	Benchmarks/build/run.sh

clean:
	rm -rf .build .lossbook-cache

bench-engine: deps
	SWIFT_CPU_FLAGS="$(SWIFT_CPU_FLAGS)" Benchmarks/engine/run.sh

# The man page: swift-argument-parser's plugin builds the package's products in release mode
# (engine-bench too) and runs generate-manual on lossbook.
manual: release
	$(SWIFT) package $(SWIFT_CPU_FLAGS) plugin generate-manual --configuration release --authors "the lossbook authors" \
	  --date "$$(git log -1 --format=%cs 2>/dev/null || date -u +%F)"

# lossbook, the engine module runnable Swift links, renderer.js, the default theme, the man page
# and shell completions under $(DESTDIR)$(PREFIX); see scripts/install.sh.
install: release manual
	PREFIX="$(PREFIX)" DESTDIR="$(DESTDIR)" MANUAL="$(MANUAL)" scripts/install.sh

uninstall:
	PREFIX="$(PREFIX)" DESTDIR="$(DESTDIR)" scripts/uninstall.sh

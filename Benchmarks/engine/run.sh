#!/bin/sh
# make bench-engine: LossEngine against JAX jit and numpy, value + gradient, float64.
#
# 1. The first time, creates a virtual environment under .build/bench-venv and installs JAX
#    from PyPI into it (numpy comes from the system; never part of `make test`).
# 2. Builds engine-bench twice in release: generic x86-64 (what `make` builds) and, in a
#    separate scratch folder, with -target-cpu $TARGET_CPU (default: native).
# 3. Runs the 10^7-point accuracy sweep of the vector kernels against glibc (both builds).
# 4. Prints the comparison table on one core (taskset -c 0) and on all cores, for both builds.
#
# Usage: Benchmarks/engine/run.sh [REPEATS] [ROUNDS]
#   env: TARGET_CPU; BUILDS ("generic native" by default, or one of them);
#        BASELINE_GENERIC / BASELINE_NATIVE: an engine-bench built from an earlier commit, timed
#        in the same rounds as the new one and printed as "before" (a before/after comparison
#        under the same load).
set -eu
cd "$(dirname "$0")/../.."
REPEATS="${1:-15}"
ROUNDS="${2:-3}"
TARGET_CPU="${TARGET_CPU:-native}"
BUILDS="${BUILDS:-generic native}"
VENV=.build/bench-venv
if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -c "import jax" 2>/dev/null; then
    echo "installing JAX into $VENV (first run only)" >&2
    python3 -m venv --system-site-packages "$VENV"
    "$VENV/bin/pip" install --quiet jax
fi
case " $BUILDS " in *" generic "*) swift build -c release --product engine-bench >&2 ;; esac
case " $BUILDS " in *" native "*) swift build -c release --product engine-bench --scratch-path .build/bench-native \
    -Xswiftc -target-cpu -Xswiftc "$TARGET_CPU" >&2 ;; esac
GENERIC="$(swift build -c release --show-bin-path)/engine-bench"
NATIVE="$(swift build -c release --scratch-path .build/bench-native --show-bin-path)/engine-bench"
for build in $BUILDS; do
    if [ "$build" = generic ]; then BIN="$GENERIC"; else BIN="$NATIVE"; fi
    echo "== accuracy of the vector kernels against glibc ($build build, 10^7 points each)"
    "$BIN" accuracy 10000000 || echo "ACCURACY: a kernel exceeded its promised ULP (see above)"
done
for build in $BUILDS; do
    if [ "$build" = generic ]; then BIN="$GENERIC"; BASE="${BASELINE_GENERIC:-}"; else BIN="$NATIVE"; BASE="${BASELINE_NATIVE:-}"; fi
    echo "== $build build (-target-cpu ${TARGET_CPU} for native), one core (taskset -c 0)"
    taskset -c 0 "$VENV/bin/python" Benchmarks/engine/compare.py "$BIN" "$REPEATS" "$ROUNDS" $BASE
    echo "== $build build, all cores"
    "$VENV/bin/python" Benchmarks/engine/compare.py "$BIN" "$REPEATS" "$ROUNDS" $BASE
done

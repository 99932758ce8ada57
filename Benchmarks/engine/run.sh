#!/bin/sh
# make bench-engine: LossEngine against JAX jit and numpy, value + gradient, float64.
#
# 1. The first time, creates a virtual environment under .build/bench-venv and installs JAX
#    from PyPI into it (numpy comes from the system; never part of `make test`).
# 2. Builds engine-bench in release: "default" with $SWIFT_CPU_FLAGS, what `make` builds (the
#    Makefile passes its flags: -target-cpu haswell on an x86-64 with AVX2 + FMA, none elsewhere;
#    run directly, the script asks `make cpu-flags`), in .build like `make`; "generic" with no
#    CPU flag (SSE2 on x86-64, the portable build) in .build/bench-generic; and, if asked for,
#    "native" with -target-cpu $TARGET_CPU (default: native) in .build/bench-native.
# 3. Runs the 10^7-point accuracy sweep of the vector kernels against glibc (each build).
# 4. Prints the comparison table on one core (taskset -c 0) and on all cores, for each build.
#
# Usage: Benchmarks/engine/run.sh [REPEATS] [ROUNDS]
#   env: SWIFT_CPU_FLAGS; TARGET_CPU; BUILDS ("default generic" by default; any of default,
#        generic, native); BASELINE_DEFAULT / BASELINE_GENERIC / BASELINE_NATIVE: an
#        engine-bench built from an earlier commit with the same flags, timed in the same rounds
#        as the new one and printed as "before" (a before/after comparison under the same load).
set -eu
cd "$(dirname "$0")/../.."
REPEATS="${1:-15}"
ROUNDS="${2:-3}"
TARGET_CPU="${TARGET_CPU:-native}"
BUILDS="${BUILDS:-default generic}"
if [ -z "${SWIFT_CPU_FLAGS+set}" ]; then SWIFT_CPU_FLAGS="$(make -s --no-print-directory cpu-flags)"; fi
VENV=.build/bench-venv
if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -c "import jax" 2>/dev/null; then
    echo "installing JAX into $VENV (first run only)" >&2
    python3 -m venv --system-site-packages "$VENV"
    "$VENV/bin/pip" install --quiet jax
fi
# shellcheck disable=SC2086 # SWIFT_CPU_FLAGS is a list of arguments
case " $BUILDS " in *" default "*) swift build -c release --product engine-bench $SWIFT_CPU_FLAGS >&2 ;; esac
case " $BUILDS " in *" generic "*) swift build -c release --product engine-bench --scratch-path .build/bench-generic >&2 ;; esac
case " $BUILDS " in *" native "*) swift build -c release --product engine-bench --scratch-path .build/bench-native \
    -Xswiftc -target-cpu -Xswiftc "$TARGET_CPU" >&2 ;; esac
binary() { # the engine-bench of a build
    case "$1" in
        default) echo "$(swift build -c release --show-bin-path)/engine-bench" ;;
        *) echo "$(swift build -c release --scratch-path ".build/bench-$1" --show-bin-path)/engine-bench" ;;
    esac
}
describe() {
    case "$1" in
        default) echo "default build (make's: ${SWIFT_CPU_FLAGS:-no CPU flag})" ;;
        generic) echo "generic build (no CPU flag)" ;;
        native) echo "native build (-target-cpu $TARGET_CPU)" ;;
    esac
}
for build in $BUILDS; do
    echo "== accuracy of the vector kernels against glibc ($(describe "$build"), 10^7 points each)"
    "$(binary "$build")" accuracy 10000000 || echo "ACCURACY: a kernel exceeded its promised ULP (see above)"
done
for build in $BUILDS; do
    BIN="$(binary "$build")"
    case "$build" in
        default) BASE="${BASELINE_DEFAULT:-}" ;;
        generic) BASE="${BASELINE_GENERIC:-}" ;;
        *) BASE="${BASELINE_NATIVE:-}" ;;
    esac
    echo "== $(describe "$build"), one core (taskset -c 0)"
    taskset -c 0 "$VENV/bin/python" Benchmarks/engine/compare.py "$BIN" "$REPEATS" "$ROUNDS" $BASE
    echo "== $(describe "$build"), all cores"
    "$VENV/bin/python" Benchmarks/engine/compare.py "$BIN" "$REPEATS" "$ROUNDS" $BASE
done

#!/bin/sh
# Builds engine-bench in release mode (plain -c release) and times it against numpy on the
# same sizes. Not a test: numbers vary with the machine. Usage: Benchmarks/engine/run.sh [REPEATS]
set -eu
cd "$(dirname "$0")/../.."
REPEATS="${1:-15}"
swift build -c release --product engine-bench >&2
OUT="$(mktemp)"
trap 'rm -f "$OUT"' EXIT
"$(swift build -c release --show-bin-path)/engine-bench" "$REPEATS" > "$OUT"
python3 Benchmarks/engine/numpy_bench.py "$OUT" "$REPEATS"

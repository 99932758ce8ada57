#!/bin/sh
# Builds engine-bench in release mode (plain -c release) and times it against numpy on the
# same sizes, alternating rounds (best time of each side). Not a test: numbers vary with the
# machine. Usage: Benchmarks/engine/run.sh [REPEATS] [ROUNDS]
set -eu
cd "$(dirname "$0")/../.."
REPEATS="${1:-15}"
ROUNDS="${2:-3}"
swift build -c release --product engine-bench >&2
python3 Benchmarks/engine/numpy_bench.py "$(swift build -c release --show-bin-path)/engine-bench" "$REPEATS" "$ROUNDS"

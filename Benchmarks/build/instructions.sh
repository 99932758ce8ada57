#!/usr/bin/env bash
# Instructions lossbook executes for a cold build of a generated course, counted by valgrind's
# callgrind: the same count on every run, whatever else the machine is doing, so two binaries
# compare to the instruction on a shared machine where CPU seconds move by a quarter.
#
#   Benchmarks/build/instructions.sh COURSE BINARY [BINARY ...]
#
# Node is kept out: the course is built once with the first binary to fill the render cache, and
# each counted build starts from that render cache alone (no site, no other cache), so every
# formula is found and node never starts (valgrind's own descriptors, high in the table, trip
# lossbook's open-file check before it starts a program). Each binary is copied with its DWARF
# stripped (`strip -g`), which valgrind 3.19 cannot read for Swift 6.3; symbols stay. Prints the
# total for each binary; `callgrind_annotate` reads the profile left beside it (`*.callgrind`).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
course="$(cd "$1" && pwd)"; shift
command -v valgrind >/dev/null || { echo "needs valgrind (Debian's valgrind package)" >&2; exit 1; }
work="$(mktemp -d /tmp/lossbook-instructions.XXXXXX)"
trap 'rm -rf "$work"' EXIT

# The render cache of a full build, kept aside.
(cd "$course" && rm -rf site .lossbook-cache && "$(realpath "$1")" build >/dev/null)
cp -a "$course/.lossbook-cache/render" "$work/render"

for binary in "$@"; do
  binary="$(realpath "$binary")"
  name="$(basename "$(dirname "$binary")")-$(basename "$binary")"
  mkdir -p "$work/$name"
  strip -g -o "$work/$name/lossbook" "$binary"
  [[ -d "$(dirname "$binary")/lossbook_LossbookSite.resources" ]] && cp -a "$(dirname "$binary")/lossbook_LossbookSite.resources" "$work/$name/"
  (cd "$course" && rm -rf site .lossbook-cache && mkdir .lossbook-cache && cp -a "$work/render" .lossbook-cache/render &&
    valgrind --tool=callgrind --callgrind-out-file="$course/$name.callgrind" "$work/$name/lossbook" build >/dev/null 2>"$work/log") ||
    { tail -5 "$work/log" >&2; exit 1; }
  total="$(callgrind_annotate "$course/$name.callgrind" 2>/dev/null | awk '/PROGRAM TOTALS/ { print $1 }')"
  echo "$binary: $total instructions"
done

#!/usr/bin/env bash
# Cold builds of one generated course by two lossbook binaries, back to back (A B, then B A, …),
# with lossbook's own CPU separated from node's: the number issue 21 asks about.
#
#   Benchmarks/build/cold_ab.sh COURSE BINARY_A BINARY_B [PAIRS]
#
# COURSE comes from generate_course.py (e.g. `generate_course.py 1000 DIR --repeat=50`, with the
# repository's templates/ copied in). Before each build the course's site/ and cache are moved
# aside, not deleted (see run.sh), and are removed at the end. node runs through a wrapper that
# times it with /usr/bin/time, so own CPU = the build's user + sys (node included, as a child)
# minus node's. Each line: CPU of the build, of node, own; peak RSS; minor page faults; wall; the
# load average. At the end: medians and ranges per binary, and of the paired differences B − A. A binary needs renderer.js beside it (`lossbook_LossbookSite.resources/`, as in
# `.build/release/`); a binary without one is copied next to this checkout's.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
course="$(cd "$1" && pwd)"
pairs="${4:-3}"
work="$(mktemp -d /tmp/lossbook-cold-ab.XXXXXX)"
trap 'rm -rf "$work"' EXIT

# A binary with its resources beside it.
placed() {
  local binary; binary="$(realpath "$1")"
  if [[ -f "$(dirname "$binary")/lossbook_LossbookSite.resources/renderer.js" ]]; then echo "$binary"; return; fi
  local folder="$work/$2"
  mkdir -p "$folder/lossbook_LossbookSite.resources"
  cp "$binary" "$folder/lossbook"
  cp "$repo/Sources/LossbookSite/Resources/renderer.js" "$folder/lossbook_LossbookSite.resources/"
  echo "$folder/lossbook"
}
binary_a="$(placed "$2" a)"; binary_b="$(placed "$3" b)"

node="$(command -v node)"
cat > "$work/node" <<EOF
#!/bin/sh
exec /usr/bin/time -f "%U %S" -a -o "$work/node.times" "$node" "\$@"
EOF
chmod +x "$work/node"

# One cold build: prints "label build_cpu node_cpu own_cpu rss_mb minor_faults wall load".
cold() {
  local label="$1" binary="$2" aside="$work/aside/$RANDOM$RANDOM"
  mkdir -p "$aside"
  for folder in site .lossbook-cache; do [[ -e "$course/$folder" ]] && mv "$course/$folder" "$aside/"; done
  rm -f "$work/node.times"
  (cd "$course" && LOSSBOOK_NODE="$work/node" /usr/bin/time -f "%U %S %M %R %e" -o "$work/build.time" "$binary" build >/dev/null)
  read -r user sys rss minor wall < "$work/build.time"
  awk -v l="$label" -v u="$user" -v s="$sys" -v r="$rss" -v m="$minor" -v w="$wall" -v load="$(cut -d' ' -f1 /proc/loadavg)" \
      -v n="$(awk '{ t += $1 + $2 } END { print t + 0 }' "$work/node.times")" \
      'BEGIN { printf "%-3s build %5.2f s  node %5.2f s  own %5.2f s  rss %4.0f MB  minor faults %6d  wall %5.2f s  load %s\n", l, u + s, n, u + s - n, r / 1024, m, w, load }'
}

for (( pair = 1; pair <= pairs; pair++ )); do
  if (( pair % 2 )); then cold A "$binary_a"; cold B "$binary_b"; else cold B "$binary_b"; cold A "$binary_a"; fi
done | tee "$work/lines"

# The summary: medians and ranges of own CPU and wall per binary, and of the paired differences
# B − A (each pair was built back to back, so their difference is steadier than either number).
awk '
  function median(list, n,    sorted, i, j, t) {
    for (i = 1; i <= n; i++) sorted[i] = list[i]
    for (i = 2; i <= n; i++) for (j = i; j > 1 && sorted[j - 1] > sorted[j]; j--) { t = sorted[j]; sorted[j] = sorted[j - 1]; sorted[j - 1] = t }
    return n % 2 ? sorted[(n + 1) / 2] : (sorted[n / 2] + sorted[n / 2 + 1]) / 2
  }
  function span(list, n,    i, lo, hi) {
    lo = hi = list[1]
    for (i = 2; i <= n; i++) { if (list[i] < lo) lo = list[i]; if (list[i] > hi) hi = list[i] }
    return sprintf("%.2f to %.2f", lo, hi)
  }
  { own[$1, ++count[$1]] = $9; wall[$1, count[$1]] = $18 }
  END {
    pairs = count["A"] < count["B"] ? count["A"] : count["B"]
    for (side = 1; side <= 2; side++) {
      label = side == 1 ? "A" : "B"
      for (i = 1; i <= count[label]; i++) { o[i] = own[label, i]; w[i] = wall[label, i] }
      printf "%s   own CPU median %.2f s (%s), wall median %.2f s (%s)\n", label, median(o, count[label]), span(o, count[label]), median(w, count[label]), span(w, count[label])
    }
    for (i = 1; i <= pairs; i++) { d[i] = own["B", i] - own["A", i]; e[i] = wall["B", i] - wall["A", i] }
    printf "B-A own CPU median %+.2f s (%s), wall median %+.2f s (%s), %d pairs\n", median(d, pairs), span(d, pairs), median(e, pairs), span(e, pairs), pairs
  }' "$work/lines"

#!/usr/bin/env bash
# Build benchmarks: times the release lossbook on synthetic courses of N pages, and the bare cost
# of its two big dependencies (the cmark-gfm command, one node KaTeX process) on the same input.
#
#   Benchmarks/build/run.sh [--no-plot]       # N = 100, 1000, 2000
#   SIZES="100 500" Benchmarks/build/run.sh   # other sizes
#   RUNS=5 Benchmarks/build/run.sh            # more runs per measurement (default 3)
#   REPEATS="0 50 90" Benchmarks/build/run.sh # shares of repeated formulas, in % (default "0 50 90")
#   LAYOUT=flat Benchmarks/build/run.sh       # every page in one folder (default: parts of 50)
#   LOSSBOOK=/path/to/lossbook Benchmarks/build/run.sh  # time that binary instead of building one
#
# For each N, in one run: the cold build (no cache, no site), a rebuild with nothing changed, a
# rebuild after editing one page (a sentence and one new formula), then cmark-gfm over all the
# notes in one call and KaTeX over all the formulas in one process (every occurrence: the bare
# run does not deduplicate). Each size is built once per share of repeated formulas, and each
# row gives the share of distinct formulas it had. Then the ratios: cold build
# over the bare dependency cost, no-change rebuild over cold build, and the growth per page.
# Every page has a `plot` directive; --no-plot leaves them out.
#
# Each measurement is taken RUNS times and the median is used; every run is printed. On a small
# machine one run can be a fifth off the next (page-cache writeback, other processes), so a single
# run says little. Before each cold build the previous site/ and cache are moved aside, not
# deleted: on an ext4 file system without a journal (this machine's), inodes freed in the last
# minute are skipped when files are created, which makes writing a site just after deleting one
# slower for reasons that are not the builder's. The moved folders are deleted at the end.
set -euo pipefail

# The bare-cost baseline runs Debian's cmark-gfm command, which lossbook itself does not need (it
# links the library): installed here the first time, as bench-engine installs JAX.
if ! command -v cmark-gfm >/dev/null; then
    sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
    echo "installing Debian's cmark-gfm for the baseline" >&2
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends cmark-gfm >/dev/null
fi

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
sizes="${SIZES:-100 1000 2000}"
repeats="${REPEATS:-0 50 90}"
layout="${LAYOUT:-parts}"
plot_flag=""
[[ "${1:-}" == "--no-plot" ]] && plot_flag="--no-plot"
runs="${RUNS:-3}"
work="${BENCH_DIR:-$(mktemp -d /tmp/lossbook-bench.XXXXXX)}"
aside="$work/moved-aside"
mkdir -p "$aside"

if [[ -n "${LOSSBOOK:-}" ]]; then
  lossbook="$LOSSBOOK"   # a lossbook already built (another checkout's, to compare)
else
  echo "Building lossbook (release)…" >&2
  (cd "$repo" && swift build -c release --product lossbook >&2)
  lossbook="$(cd "$repo" && swift build -c release --show-bin-path)/lossbook"
fi

now() { date +%s%N; }
# Runs a command quietly and prints its wall time in milliseconds; aborts on failure.
time_ms() {
  local start end
  start=$(now)
  if ! "$@" > "$work/last.out" 2> "$work/last.err"; then
    echo "failed: $*" >&2; tail -20 "$work/last.err" >&2; exit 1
  fi
  end=$(now)
  echo $(( (end - start) / 1000000 ))
}
# The median of its arguments (the upper one of the middle two for an even count).
median() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { print v[int(NR / 2) + 1] }'; }
# Moves the course's site/ and cache out of the way (see the note at the top).
set_aside() {
  local target="$aside/$RANDOM$RANDOM"
  mkdir -p "$target"
  for folder in site .lossbook-cache; do
    [[ -e "$folder" ]] && mv "$folder" "$target/"
  done
  return 0
}

declare -A cold nochange edit cmark katexms pages distinct
for repeat in $repeats; do
for n in $sizes; do
  id="$n-$repeat"
  course="$work/course-$n-$repeat-$layout"
  rm -rf "$course"
  python3 "$here/generate_course.py" "$n" "$course" $plot_flag --repeat="$repeat" --layout="$layout" >&2
  cp -r "$repo/templates" "$course/templates"
  mapfile -t notes < <(cd "$course" && find content -name '*.md' | sort)
  pages[$id]=${#notes[@]}
  cd "$course"
  sync
  if [[ "$layout" == flat ]]; then middle="content/page-$(( n / 2 )).md"
  else middle="content/1-part/page-$(( n < 50 ? n / 2 : 25 )).md"; fi
  declare -a c=() z=() e=() m=() k=()
  for (( r = 1; r <= runs; r++ )); do
    set_aside
    sync
    c+=("$(time_ms "$lossbook" build)")
    z+=("$(time_ms "$lossbook" build)")
    printf '\nAn edit made while writing: the loss $\\ell_{edit} = %s$ changes.\n' "$r$RANDOM" >> "$middle"
    e+=("$(time_ms "$lossbook" build)")
  done
  for (( r = 1; r <= runs; r++ )); do
    m+=("$(time_ms cmark-gfm -e table -e strikethrough -e autolink --unsafe "${notes[@]}")")
    # With the V8 flag lossbook gives node (2% faster here), so the ratio does not credit lossbook for it.
    k+=("$(time_ms sh -c "node --single-threaded-gc '$here/katex_bare.js' content/macros.tex < formulas.jsonl")")
  done
  cold[$id]=$(median "${c[@]}"); nochange[$id]=$(median "${z[@]}"); edit[$id]=$(median "${e[@]}")
  cmark[$id]=$(median "${m[@]}"); katexms[$id]=$(median "${k[@]}")
  formulas=$(wc -l < formulas.jsonl)
  distinct[$id]=$(awk -v d="$(sort -u formulas.jsonl | wc -l)" -v f="$formulas" 'BEGIN { printf "%.0f", (f > 0 ? 100 * d / f : 0) }')
  echo "N=$n, $repeat % repeats: ${pages[$id]} pages, $formulas formulas (${distinct[$id]} % distinct), $runs runs each (ms):" \
       "cold ${c[*]}; no change ${z[*]}; one edit ${e[*]}; cmark-gfm ${m[*]}; KaTeX ${k[*]}" >&2
  cd "$repo"
done
done

rm -rf "$aside"
echo
echo "Medians of $runs runs ($layout layout):"
printf '%6s %6s %9s %9s %10s %9s %10s %8s %11s %12s\n' N pages distinct "cold ms" "no-chg ms" "edit ms" "cmark ms" "katex ms" "cold/bare" "no-chg/cold"
for repeat in $repeats; do
for n in $sizes; do
  id="$n-$repeat"
  bare=$(( cmark[$id] + katexms[$id] ))
  awk -v n="$n" -v p="${pages[$id]}" -v d="${distinct[$id]}" -v c="${cold[$id]}" -v z="${nochange[$id]}" -v e="${edit[$id]}" -v m="${cmark[$id]}" \
      -v k="${katexms[$id]}" -v b="$bare" \
      'BEGIN { printf "%6d %6d %8d%% %9d %10d %9d %10d %8d %10.2fx %11.0f%%\n", n, p, d, c, z, e, m, k, (b > 0 ? c / b : 0), (c > 0 ? 100 * z / c : 0) }'
done
done
# Growth per added page between consecutive sizes: constant for a linear builder.
for repeat in $repeats; do
previous=""
for n in $sizes; do
  if [[ -n "$previous" ]]; then
    p=$previous-$repeat; q=$n-$repeat
    awk -v a="$previous" -v b="$n" -v r="$repeat" -v p1="${pages[$p]}" -v p2="${pages[$q]}" -v c1="${cold[$p]}" -v c2="${cold[$q]}" \
        -v z1="${nochange[$p]}" -v z2="${nochange[$q]}" -v e1="${edit[$p]}" -v e2="${edit[$q]}" \
        -v m1="${cmark[$p]}" -v m2="${cmark[$q]}" -v k1="${katexms[$p]}" -v k2="${katexms[$q]}" \
        'BEGIN { d = p2 - p1; printf "Growth per page, N=%d to N=%d, %d %% repeats: cold %.1f ms, no change %.1f ms, one edit %.1f ms; cmark-gfm %.3f ms, KaTeX %.2f ms\n",
                 a, b, r, (c2 - c1) / d, (z2 - z1) / d, (e2 - e1) / d, (m2 - m1) / d, (k2 - k1) / d }'
  fi
  previous=$n
done
done
echo "(courses left in $work)"

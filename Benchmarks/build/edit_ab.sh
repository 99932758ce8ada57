#!/usr/bin/env bash
# One-page edits of an already built course, timed for two lossbook binaries back to back
# (A B A B …), each on its own copy of the course: a binary's caches are keyed by the program, so
# sharing one course would make every build of the other binary a full one.
#
#   Benchmarks/build/edit_ab.sh COURSE_A COURSE_B BINARY_A BINARY_B [ROUNDS]
#
# COURSE_A and COURSE_B are copies of one course (from generate_course.py, with `print: false` in
# lossbook.yml for the 10,000-page figures of the README), each built once with its binary; the
# edit appends a sentence with one new formula to a page in the middle, as run.sh does. Each
# build is timed by /usr/bin/time: CPU (user + sys, the number to compare on a shared machine),
# wall and peak RSS; the load average is printed with each round. Also a no-change build of each
# after its last edit.
set -euo pipefail
course_a="$(cd "$1" && pwd)"; course_b="$(cd "$2" && pwd)"
binary_a="$(realpath "$3")"; binary_b="$(realpath "$4")"
rounds="${5:-3}"

middle() {
  if [[ -d "$1/content/1-part" ]]; then echo "content/1-part/page-25.md"
  else
    local count; count=$(find "$1/content" -maxdepth 1 -name 'page-*.md' | wc -l)
    echo "content/page-$(( count / 2 )).md"
  fi
}

# Prints "label cpu_s wall_s rss_mb" for one build of binary $2 in course $3.
measure() {
  local label="$1" binary="$2" course="$3" out
  out=$(cd "$course" && /usr/bin/time -f "%U %S %e %M" "$binary" build 2>&1 >/dev/null | tail -1)
  read -r user sys wall rss <<< "$out"
  awk -v l="$label" -v u="$user" -v s="$sys" -v w="$wall" -v r="$rss" \
      'BEGIN { printf "%-10s cpu %6.2f s (user %.2f, sys %.2f)  wall %6.2f s  rss %5.0f MB\n", l, u + s, u, s, w, r / 1024 }'
}

for (( round = 1; round <= rounds; round++ )); do
  echo "round $round, load $(cut -d' ' -f1-3 /proc/loadavg)"
  for side in a b; do
    if [[ $side == a ]]; then course="$course_a"; binary="$binary_a"; else course="$course_b"; binary="$binary_b"; fi
    printf '\nAn edit to time: the loss $\\ell_{edit} = %s$ changes.\n' "$round$RANDOM" >> "$course/$(middle "$course")"
    measure "edit $side" "$binary" "$course"
  done
done
measure "no-chg a" "$binary_a" "$course_a"
measure "no-chg b" "$binary_b" "$course_b"

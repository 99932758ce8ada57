#!/usr/bin/env bash
# Screenshots of a built site at phone (390 px) and desktop (1280 px) widths, light and dark, into
# screenshots/course/ (git-ignored), plus a report of every page's problems (console errors,
# failed requests, raw TeX, skipped heading levels, sideways scrolling at 360 px).
#
#   scripts/screenshots.sh [SITE_DIR]        (default: site)
#
# Uses the browser tests' driver (Tests/LossbookCLITests/Browser/driver.mjs) and headless Chromium,
# which it stops by its process id when done.
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
site="$(cd "${1:-site}" && pwd)"
out="$repo/screenshots/course"
driver="$repo/Tests/LossbookCLITests/Browser/driver.mjs"
mkdir -p "$out"

profile="$(mktemp -d /tmp/lossbook-chromium-XXXXXX)"
chromium --headless=new --no-sandbox --disable-gpu --no-first-run --no-default-browser-check \
  --hide-scrollbars --force-color-profile=srgb --remote-debugging-port=0 --remote-debugging-address=127.0.0.1 \
  --user-data-dir="$profile" about:blank >/dev/null 2>&1 &
browser=$!
cleanup() {
  kill "$browser" 2>/dev/null || true
  for _ in $(seq 50); do kill -0 "$browser" 2>/dev/null || break; sleep 0.1; done
  kill -9 "$browser" 2>/dev/null || true
  rm -rf "$profile"
}
trap cleanup EXIT

for _ in $(seq 200); do [ -s "$profile/DevToolsActivePort" ] && break; sleep 0.05; done
ws="ws://127.0.0.1:$(sed -n 1p "$profile/DevToolsActivePort")$(sed -n 2p "$profile/DevToolsActivePort")"

pages=$(cd "$site" && find . -name '*.html' | sort | sed 's|^\./||')
urls=$(for p in $pages; do printf 'file://%s/%s\n' "$site" "$p"; done | python3 -c 'import sys, json; print(json.dumps([l.strip() for l in sys.stdin]))')

node --experimental-websocket --no-warnings "$driver" "$ws" pages "{\"urls\":$urls,\"width\":360,\"height\":800,\"timeout\":300000}" |
python3 -c '
import json, sys
site = sys.argv[1]
answer = json.load(sys.stdin)
if "error" in answer: sys.exit(answer["error"])
bad = 0
for page in answer["pages"]:
    issues = []
    if page["problems"]: issues.append("problems: " + "; ".join(page["problems"]))
    if page["h1"] != 1: issues.append("%d h1" % page["h1"])
    if page["headingSkips"]: issues.append("heading levels skipped: " + ", ".join(page["headingSkips"]))
    if page["rawTeX"]: issues.append("raw TeX: " + ", ".join(page["rawTeX"]))
    if page["horizontalOverflow"]: issues.append("scrolls sideways by %d px at 360 px: %s" % (page["horizontalOverflow"], page["overflowers"]))
    if page["plotsWithTitleAndDesc"] != page["plotSVGs"]: issues.append("a plot lacks title/desc")
    bad += bool(issues)
    print(("✗ " if issues else "✓ ") + page["url"][len("file://" + site) + 1:] + ("\n    " + "\n    ".join(issues) if issues else ""))
print("%d of %d pages with problems" % (bad, len(answer["pages"])))
' "$site"

shots=$(for p in $pages; do for w in 390 1280; do for t in light dark; do
  h=$([ $w = 390 ] && echo 844 || echo 900)
  printf '{"url":"file://%s/%s","width":%s,"height":%s,"theme":"%s","path":"%s/%s-%s-%s.png"},' \
    "$site" "$p" "$w" "$h" "$t" "$out" "$(echo "${p%.html}" | tr / -)" "$w" "$t"
done; done; done)
node --experimental-websocket --no-warnings "$driver" "$ws" screenshots "{\"shots\":[${shots%,}],\"timeout\":600000}" >/dev/null
echo "screenshots in ${out#"$repo"/}/"

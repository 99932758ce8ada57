#!/usr/bin/env bash
# Installs the Debian packages lossbook needs that are not installed yet. Idempotent and quiet
# when nothing is missing; uses sudo only when not already root.
set -euo pipefail

packages=(
  libcmark-gfm-dev libcmark-gfm-extensions-dev  # Markdown parsing (linked by the Swift package)
  pkg-config                                    # lets SwiftPM find cmark-gfm
  nodejs libjs-katex                            # math rendered at build time
  node-highlight.js                             # code highlighted at build time
  chromium                                      # lossbook pdf, browser tests and screenshots
  poppler-utils                                 # the PDF test reads pages, fonts and text of course.pdf
  python3-pip                                   # installs axe-core's bundle (below)
)

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$package")
  fi
done

# axe-core for the browser tests' accessibility audit: PyPI's axe-playwright-python bundles
# axe.min.js (4.12.1 in 0.1.8); only that file is used, so Playwright itself is not installed.
# The tests find it with Python's import machinery (Tests/LossbookCLITests/BrowserTests.swift).
install_axe() {
  if python3 -c "import importlib.util, sys; sys.exit(importlib.util.find_spec('axe_playwright_python') is None)" 2>/dev/null; then
    return
  fi
  echo "install-deps: installing axe-playwright-python (axe-core for the accessibility audit)"
  python3 -m pip install --quiet --no-deps "axe-playwright-python==0.1.8" \
    || python3 -m pip install --quiet --no-deps --break-system-packages "axe-playwright-python==0.1.8"
}

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all Debian packages present"
  if command -v python3 >/dev/null; then install_axe; fi
  exit 0
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
echo "install-deps: installing ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
install_axe
echo "install-deps: done"

#!/usr/bin/env bash
# Installs the Debian packages lossbook needs that are not installed yet. Idempotent and quiet
# when nothing is missing; uses sudo only when not already root.
set -euo pipefail

packages=(
  libcmark-gfm-dev libcmark-gfm-extensions-dev  # Markdown parsing (linked by the Swift package)
  pkg-config                                    # lets SwiftPM find cmark-gfm
  nodejs libjs-katex                            # math rendered at build time
  node-highlight.js                             # code highlighted at build time
  chromium                                      # browser tests and screenshots
)

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$package")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all Debian packages present"
  exit 0
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
echo "install-deps: installing ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "install-deps: done"

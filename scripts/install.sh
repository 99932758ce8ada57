#!/usr/bin/env bash
# Installs the lossbook built in .build/release under $DESTDIR$PREFIX (see `make install`):
#   bin/lossbook                                   the program
#   lib/lossbook/LossEngine.swiftmodule,           the engine it was linked with, for runnable
#     libLossEngine.a, engine-identity             Swift blocks (engine-identity ties them to bin/lossbook)
#   share/lossbook/renderer.js                     the KaTeX/highlight.js bridge node runs
#   share/lossbook/theme/                          the default theme (this checkout's templates/)
#   share/man/man1/lossbook.1                      the manual page (swift-argument-parser's generate-manual)
#   share/{bash-completion,zsh,fish}/…             shell completions (lossbook --generate-completion-script)
# Every file it writes is listed in $DESTDIR$PREFIX/lib/lossbook/installed-files, which
# scripts/uninstall.sh removes.
set -euo pipefail

PREFIX=${PREFIX:-/usr/local}
DESTDIR=${DESTDIR:-}
BUILD=${BUILD:-.build/release}
MANUAL=${MANUAL:-}
root="$DESTDIR$PREFIX"

for needed in "$BUILD/lossbook" "$BUILD/LossEngine.build" "$BUILD/lossbook_LossbookSite.resources/renderer.js" templates/page.mustache; do
  [ -e "$needed" ] || { echo "install: $needed is missing; run 'swift build -c release --product lossbook' first" >&2; exit 1; }
done
module="$BUILD/Modules/LossEngine.swiftmodule"
[ -e "$module" ] || module="$BUILD/LossEngine.swiftmodule"
[ -e "$module" ] || { echo "install: no LossEngine.swiftmodule in $BUILD" >&2; exit 1; }

listed=()
put() { # put MODE SOURCE DESTINATION (relative to $root)
  install -D -m "$1" "$2" "$root/$3"
  listed+=("$3")
}

put 755 "$BUILD/lossbook" bin/lossbook
put 644 "$module" lib/lossbook/LossEngine.swiftmodule
staging=$(mktemp -d)
trap 'rm -rf "$staging"' EXIT
# The engine's current objects, as SwiftPM's output file map lists them: a source file moved out
# of the engine leaves a stale object in LossEngine.build that must not go into the archive.
mapfile -t objects < <("$root/bin/lossbook" engine-identity --objects "$BUILD/LossEngine.build")
[ "${#objects[@]}" -gt 0 ] || { echo "install: no LossEngine objects in $BUILD/LossEngine.build" >&2; exit 1; }
ar rcs "$staging/libLossEngine.a" "${objects[@]}"
put 644 "$staging/libLossEngine.a" lib/lossbook/libLossEngine.a
"$root/bin/lossbook" engine-identity > "$staging/engine-identity"
put 644 "$staging/engine-identity" lib/lossbook/engine-identity
put 644 "$BUILD/lossbook_LossbookSite.resources/renderer.js" share/lossbook/renderer.js
while IFS= read -r -d '' file; do
  put 644 "$file" "share/lossbook/theme/${file#templates/}"
done < <(find templates -type f -print0 | sort -z)

"$root/bin/lossbook" --generate-completion-script bash > "$staging/lossbook.bash"
"$root/bin/lossbook" --generate-completion-script zsh > "$staging/_lossbook"
"$root/bin/lossbook" --generate-completion-script fish > "$staging/lossbook.fish"
put 644 "$staging/lossbook.bash" share/bash-completion/completions/lossbook
put 644 "$staging/_lossbook" share/zsh/site-functions/_lossbook
put 644 "$staging/lossbook.fish" share/fish/vendor_completions.d/lossbook.fish
if [ -n "$MANUAL" ]; then
  put 644 "$MANUAL" share/man/man1/lossbook.1
fi

listed+=(lib/lossbook/installed-files)
printf '%s\n' "${listed[@]}" > "$root/lib/lossbook/installed-files"
echo "install: lossbook installed in $root (${#listed[@]} files)"

#!/usr/bin/env bash
# Removes what scripts/install.sh installed under $DESTDIR$PREFIX, by its list of files, then
# lossbook's own folders (lib/lossbook, share/lossbook) when they are empty. Standard folders
# such as bin/ and share/man/man1/ are left in place.
set -euo pipefail

PREFIX=${PREFIX:-/usr/local}
DESTDIR=${DESTDIR:-}
root="$DESTDIR$PREFIX"
list="$root/lib/lossbook/installed-files"

if [ ! -f "$list" ]; then
  echo "uninstall: nothing to do ($list does not exist)"
  exit 0
fi
count=0
while IFS= read -r file; do
  case "$file" in ''|/*|*..*) echo "uninstall: skipping suspicious entry '$file'" >&2; continue ;; esac
  if [ -e "$root/$file" ] || [ -L "$root/$file" ]; then rm -f "$root/$file"; count=$((count + 1)); fi
done < "$list"
# lossbook's own folders: remove the empty ones, deepest first.
for top in lib/lossbook share/lossbook; do
  [ -d "$root/$top" ] && find "$root/$top" -depth -type d -empty -delete
done
echo "uninstall: removed $count files from $root"

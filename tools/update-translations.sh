#!/usr/bin/env bash
# Updates the .ts files with the strings currently in the sources (lupdate keeps existing
# translations and marks removed strings obsolete):
#   translations/oauth4qt_<lang>.ts     the library and the QML module (src/, include/, qml/)
#   examples/<app>/<app>_<lang>.ts      each example's own strings
# Then translate the new (unfinished) entries with Qt Linguist or an editor.
#   tools/update-translations.sh [--no-obsolete]
set -euo pipefail
cd "$(dirname "$0")/.."

lupdate=${LUPDATE:-}
if [ -z "$lupdate" ]; then
  for c in lupdate /usr/lib/qt6/bin/lupdate lupdate-qt6; do
    if command -v "$c" >/dev/null 2>&1; then lupdate=$c; break; fi
  done
fi
[ -n "$lupdate" ] || { echo "update-translations: lupdate not found (package qt6-l10n-tools)" >&2; exit 1; }

languages=(de fr es ja zh_CN)
extra=(-locations relative -extensions cpp,h,qml,js)
[ "${1:-}" = "--no-obsolete" ] && extra+=(-no-obsolete)

ts=()
for l in "${languages[@]}"; do ts+=("translations/oauth4qt_$l.ts"); done
"$lupdate" "${extra[@]}" -I include src include qml -ts "${ts[@]}"

for app in quick desktop; do
  dir=examples/$app
  [ -d "$dir" ] || continue
  ts=()
  for l in "${languages[@]}"; do ts+=("$dir/${app}_$l.ts"); done
  # Only the example's own sources (not its build trees).
  srcs=$(find "$dir" -maxdepth 2 \( -name '*.cpp' -o -name '*.h' -o -name '*.qml' \) -not -path '*/build*' | sort)
  # shellcheck disable=SC2086
  "$lupdate" "${extra[@]}" $srcs -ts "${ts[@]}"
done

#!/bin/sh
# A "system browser" for oauth4qt-cli --browser in the end-to-end tests: the real headless Chromium
# with a fresh profile, in its own session (process group) so that the test can kill it and
# every helper it spawned. The group id goes to $OAUTH4QT_BROWSER_PGID_FILE, the profile
# directory to the same file with ".dir" appended (the test removes it).
# Usage: chromium-browser.sh URL   (OAUTH4QT_CHROMIUM: the Chromium binary, default /usr/bin/chromium)
pgid_file=${OAUTH4QT_BROWSER_PGID_FILE:?OAUTH4QT_BROWSER_PGID_FILE is not set}
profile=$(mktemp -d) || exit 1
printf '%s\n' "$profile" > "$pgid_file.dir"
exec setsid sh -c 'echo $$ > "$1"; shift; exec "$@"' sh "$pgid_file" \
    "${OAUTH4QT_CHROMIUM:-/usr/bin/chromium}" --headless --no-sandbox --disable-gpu \
    --disable-background-networking --disable-component-update --disable-sync --no-first-run \
    --disable-quic --user-data-dir="$profile" "$@" >/dev/null 2>&1

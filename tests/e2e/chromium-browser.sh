#!/bin/sh
# A "system browser" for oauth4qt-cli --browser in the end-to-end tests: the real headless Chromium
# with a fresh profile, in its own session (process group) so that the test can kill it and
# every helper it spawned. The group id goes to $OAUTH4QT_BROWSER_PGID_FILE, the profile
# directory to the same file with ".dir" appended (the test removes it), Chromium's stderr to
# the same file with ".log" appended (the test shows it when a sign-in fails).
# Usage: chromium-browser.sh URL   (OAUTH4QT_CHROMIUM: the Chromium binary, default /usr/bin/chromium)
# The flags are those of tests/e2e/tst_e2e_authorizationcodeflow.cpp.
pgid_file=${OAUTH4QT_BROWSER_PGID_FILE:?OAUTH4QT_BROWSER_PGID_FILE is not set}
# The profile lives in memory where it can (tmpfs): a fresh profile is written with fsync.
if [ -d /dev/shm ] && [ -w /dev/shm ]; then
    profile=$(mktemp -d /dev/shm/oauth4qt-e2e-XXXXXX) || exit 1
else
    profile=$(mktemp -d) || exit 1
fi
printf '%s\n' "$profile" > "$pgid_file.dir"
exec setsid sh -c 'echo $$ > "$1"; shift; exec "$@"' sh "$pgid_file" \
    "${OAUTH4QT_CHROMIUM:-/usr/bin/chromium}" --headless --no-sandbox --disable-gpu \
    --disable-dev-shm-usage --disable-extensions \
    --disable-background-networking --disable-component-update --disable-sync --disable-breakpad \
    --no-first-run --no-default-browser-check --password-store=basic --use-mock-keychain \
    --disable-quic --user-data-dir="$profile" "$@" >/dev/null 2>"$pgid_file.log"

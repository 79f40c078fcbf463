#!/bin/sh
# Takes a screenshot of an example application under a virtual X server (run by xvfb-run):
#   screenshot.sh OUT.png WAIT_FOR_LINE [--peer INFO_FILE CLIENT_ID] -- APP [ARGS...]
# Starts APP, waits (at most 240 s: CI machines can be slow) until it prints WAIT_FOR_LINE (e.g.
# "oauth4qt-example: ready" or "oauth4qt-example: signed in"), then saves the whole screen:
#   xwd -root -silent | xwdtopnm | pnmtopng > OUT.png
# --peer: signs in against the local oidc-provider fixture: --issuer from INFO_FILE,
# --client-id CLIENT_ID, --auto-sign-in, and headless Chromium as the browser
# (OAUTH4QT_EXAMPLE_BROWSER).
set -eu
out=$1; wait_for=$2; shift 2
peer_args=""
if [ "${1:-}" = "--peer" ]; then
  info=$2; client_id=$3; shift 3
  issuer=$(tr -d '\n' < "$info" | sed -n 's/.*"issuer"[[:space:]]*:[[:space:]]*"\([^"]*\)".*/\1/p')
  [ -n "$issuer" ] || { echo "screenshot: no issuer in $info" >&2; exit 1; }
  chromium=$(command -v chromium || command -v chromium-browser || true)
  [ -n "$chromium" ] || { echo "screenshot: chromium not found (package chromium)" >&2; exit 1; }
  profile=$(mktemp -d)
  export OAUTH4QT_EXAMPLE_BROWSER="$chromium --headless --no-sandbox --disable-gpu --disable-dev-shm-usage --disable-extensions --disable-background-networking --disable-component-update --disable-sync --disable-breakpad --no-first-run --no-default-browser-check --password-store=basic --use-mock-keychain --disable-quic --user-data-dir=$profile --dump-dom"
  peer_args="--issuer $issuer --client-id $client_id --auto-sign-in"
fi
[ "${1:-}" = "--" ] && shift

mkdir -p "$(dirname "$out")"
log=$(mktemp)
# shellcheck disable=SC2086
"$@" $peer_args > "$log" 2>&1 &
app=$!
cleanup() {
  kill "$app" 2>/dev/null || true
  wait "$app" 2>/dev/null || true
  [ -n "${profile:-}" ] && rm -rf "$profile"
  rm -f "$log"
}
trap cleanup EXIT

i=0
until grep -q "$wait_for" "$log"; do
  if ! kill -0 "$app" 2>/dev/null; then
    echo "screenshot: the application exited before \"$wait_for\":" >&2; cat "$log" >&2; exit 1
  fi
  i=$((i + 1))
  if [ $i -gt 1200 ]; then
    echo "screenshot: no \"$wait_for\" within 240 s:" >&2; cat "$log" >&2; exit 1
  fi
  sleep 0.2
done
sleep 1 # let the last frame reach the screen
xwd -root -silent | xwdtopnm 2>/dev/null | pnmtopng > "$out"
[ -s "$out" ] || { echo "screenshot: empty $out" >&2; exit 1; }
echo "screenshot: $out"
cat "$log"

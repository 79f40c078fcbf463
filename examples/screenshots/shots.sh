#!/bin/sh
# Takes the screenshots of one example application in several states and languages under one
# virtual X server (run by xvfb-run), and checks each one with screenshotcheck:
#   shots.sh OUT_DIR NAME CHECKER "STATES" "LANGUAGES" [--peer INFO_FILE CLIENT_ID] [--keychain]
#            -- APP [ARGS...]
# writes OUT_DIR/NAME-STATE-LANGUAGE.png for each state and language.
#
# States (each one reached by the application's own options, deterministically):
#   start      the start screen (offline)
#   error      sign-in against an unreachable issuer (http://127.0.0.1:9): the error message
#   waiting    sign-in started against the local oidc-provider fixture, the "browser" does
#              nothing: waiting for the browser
#   device     the device flow against the fixture: the code and its countdown
#   signed-in  signed in against the fixture, headless Chromium as the browser
#   restored   the next start after signed-in: the session restored from the keychain, and
#              the API (the provider's UserInfo endpoint) called through it: HTTP 200
# waiting, device and signed-in need --peer (the fixture's info file and a public client).
# Every state keeps the session in memory only (--memory-store), except with --keychain (a
# Secret Service is running, e.g. gnome-keyring in a private D-Bus session): then signed-in
# saves the session in the keychain and restored (which needs it) finds it there.
#
# Languages: en, de, ja, ... (the LANGUAGE variable; LC_ALL stays C.UTF-8, so that no system
# locale needs to be generated). Japanese also checks that a CJK font renders (no tofu) and
# every language other than en that its screenshot differs from the English one.
#
# For each state the application is started, the script waits (at most 120 s: CI machines can
# be slow) until it prints the state's line (e.g. "oauth4qt-example: device code"), then saves
# the whole screen: xwd -root -silent | xwdtopnm | pnmtopng.
set -eu
out_dir=$1; name=$2; checker=$3; states=$4; languages=$5; shift 5
info=""; client_id=""
if [ "${1:-}" = "--peer" ]; then
  info=$2; client_id=$3; shift 3
fi
keychain=no
if [ "${1:-}" = "--keychain" ]; then
  keychain=yes; shift
fi
[ "${1:-}" = "--" ] && shift

issuer=""
if [ -n "$info" ]; then
  issuer=$(tr -d '\n' < "$info" | sed -n 's/.*"issuer"[[:space:]]*:[[:space:]]*"\([^"]*\)".*/\1/p')
  [ -n "$issuer" ] || { echo "shots: no issuer in $info" >&2; exit 1; }
fi
mkdir -p "$out_dir"
log=$(mktemp)
profile=""
app=""
cleanup() {
  if [ -n "$app" ]; then
    kill "$app" 2>/dev/null || true
    wait "$app" 2>/dev/null || true
  fi
  app=""
  [ -n "$profile" ] && rm -rf "$profile"
  profile=""
}
trap 'cleanup; rm -f "$log"' EXIT

chromium_command() {
  chromium=$(command -v chromium || command -v chromium-browser || true)
  [ -n "$chromium" ] || { echo "shots: chromium not found (package chromium)" >&2; exit 1; }
  profile=$(mktemp -d)
  echo "$chromium --headless --no-sandbox --disable-gpu --disable-dev-shm-usage --disable-extensions --disable-background-networking --disable-component-update --disable-sync --disable-breakpad --no-first-run --no-default-browser-check --password-store=basic --use-mock-keychain --disable-quic --user-data-dir=$profile --dump-dom"
}

# shot STATE LANGUAGE APP [ARGS...]
shot() {
  state=$1; language=$2; shift 2
  browser=""
  case $state in
    start) wait_for="oauth4qt-example: ready"; set -- "$@" --issuer https://id.example.com ;;
    error) wait_for="oauth4qt-example: sign-in failed"; set -- "$@" --issuer http://127.0.0.1:9 --auto-sign-in ;;
    waiting) wait_for="oauth4qt-example: waiting for the browser"; browser=true
             set -- "$@" --issuer "$issuer" --client-id "$client_id" --auto-sign-in ;;
    device) wait_for="oauth4qt-example: device code"
            set -- "$@" --issuer "$issuer" --client-id "$client_id" --auto-sign-in --device-flow ;;
    signed-in) wait_for="oauth4qt-example: signed in"; browser=$(chromium_command)
               set -- "$@" --issuer "$issuer" --client-id "$client_id" --auto-sign-in ;;
    restored) wait_for="oauth4qt-example: API answered 200"
              set -- "$@" --issuer "$issuer" --client-id "$client_id" --call-api ;;
    *) echo "shots: unknown state $state" >&2; exit 1 ;;
  esac
  case $state in
    waiting|device|signed-in|restored) [ -n "$issuer" ] || { echo "shots: state $state needs --peer" >&2; exit 1; } ;;
  esac
  store=--memory-store
  case $state in
    signed-in) [ $keychain = yes ] && store="" ;;
    restored) [ $keychain = yes ] || { echo "shots: state restored needs --keychain" >&2; exit 1; }
              store="" ;;
  esac
  file="$out_dir/$name-$state-$language.png"
  rm -f "$file"
  : > "$log"
  # shellcheck disable=SC2086
  LANGUAGE=$language OAUTH4QT_EXAMPLE_BROWSER=$browser "$@" $store > "$log" 2>&1 &
  app=$!
  i=0
  until grep -q "$wait_for" "$log"; do
    # A failure where none is expected ends the wait at once.
    if [ "$state" != error ] && grep -q "oauth4qt-example: .*failed\|^qrc:.*Error" "$log"; then
      echo "shots: $name ($state, $language) failed:" >&2; cat "$log" >&2; exit 1
    fi
    if ! kill -0 "$app" 2>/dev/null; then
      echo "shots: $name ($state, $language) exited before \"$wait_for\":" >&2; cat "$log" >&2; exit 1
    fi
    i=$((i + 1))
    if [ $i -gt 600 ]; then
      echo "shots: $name ($state, $language): no \"$wait_for\" within 120 s:" >&2; cat "$log" >&2; exit 1
    fi
    sleep 0.2
  done
  sleep 0.8 # let the last frame reach the screen
  xwd -root -silent | xwdtopnm 2>/dev/null | pnmtopng > "$file"
  cleanup
  [ -s "$file" ] || { echo "shots: empty $file" >&2; exit 1; }
  set -- "$file"
  [ "$language" = ja ] && set -- "$@" --cjk
  if [ "$language" != en ] && [ -e "$out_dir/$name-$state-en.png" ]; then
    set -- "$@" --differs-from "$out_dir/$name-$state-en.png"
  fi
  "$checker" "$@" || { echo "shots: $file failed the check; the application said:" >&2; cat "$log" >&2; exit 1; }
}

export LC_ALL=C.UTF-8 LANG=C.UTF-8
for state in $states; do
  for language in $languages; do
    shot "$state" "$language" "$@"
  done
done

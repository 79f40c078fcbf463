#!/bin/sh
# oauth4qt-cli authorization-code end to end: the real headless Chromium (through --browser)
# against the oidc-provider fixture. Usage: cli_authorization_code_test.sh CLI INFO_FILE
set -u
cli=$1
info=$2
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d) || exit 1
export OAUTH4QT_BROWSER_PGID_FILE="$work/pgid"
failures=0

stop_browser() {
    [ -s "$OAUTH4QT_BROWSER_PGID_FILE" ] || return 0
    pgid=$(cat "$OAUTH4QT_BROWSER_PGID_FILE")
    kill -TERM -"$pgid" 2>/dev/null
    i=0
    while kill -0 -"$pgid" 2>/dev/null && [ $i -lt 100 ]; do
        [ $i -eq 30 ] && kill -KILL -"$pgid" 2>/dev/null
        sleep 0.1
        i=$((i + 1))
    done
    if kill -0 -"$pgid" 2>/dev/null; then
        echo "FAIL: Chromium process group $pgid is still alive"
        kill -KILL -"$pgid" 2>/dev/null
        failures=$((failures + 1))
    fi
    [ -s "$OAUTH4QT_BROWSER_PGID_FILE.dir" ] && rm -rf "$(cat "$OAUTH4QT_BROWSER_PGID_FILE.dir")"
    rm -f "$OAUTH4QT_BROWSER_PGID_FILE" "$OAUTH4QT_BROWSER_PGID_FILE.dir" "$OAUTH4QT_BROWSER_PGID_FILE.log"
}
cleanup() { stop_browser; rm -rf "$work"; }
trap cleanup EXIT INT TERM

issuer=$(grep -o '"issuer": *"[^"]*"' "$info" | head -n 1 | sed 's/.*"\([^"]*\)"$/\1/')
[ -n "$issuer" ] || { echo "FAIL: no issuer in $info"; exit 1; }
public_id=oauth4qt-native

# run NAME EXPECTED_STATUS PATTERN... -- CLI ARGS...
run() {
    name=$1; expected=$2; shift 2
    patterns=""
    while [ "$1" != "--" ]; do patterns="$patterns
$1"; shift; done
    shift
    # A sign-in takes a second or two here; the deadlines are for slow, shared CI machines.
    rm -f "$OAUTH4QT_BROWSER_PGID_FILE.log"
    started=$(date +%s)
    timeout 240 "$cli" authorization-code --issuer "$issuer" --allow-insecure-http --client-id "${client_id:-$public_id}" \
        --browser "sh '$here/chromium-browser.sh'" --flow-timeout 180 "$@" > "$work/out" 2> "$work/err"
    status=$?
    seconds=$(( $(date +%s) - started ))
    browser_log=""
    [ -s "$OAUTH4QT_BROWSER_PGID_FILE.log" ] && browser_log=$(tail -c 4000 "$OAUTH4QT_BROWSER_PGID_FILE.log")
    stop_browser
    ok=1
    [ "$status" -eq "$expected" ] || { echo "FAIL: $name: exit status $status, expected $expected"; ok=0; }
    lines=$(wc -l < "$work/out")
    [ "$lines" -eq 1 ] || { echo "FAIL: $name: $lines lines on stdout, expected one JSON object"; ok=0; }
    printf '%s\n' "$patterns" | while IFS= read -r p; do
        [ -z "$p" ] && continue
        grep -q -- "$p" "$work/out" || { echo "FAIL: $name: stdout lacks $p"; exit 1; }
    done || ok=0
    if [ $ok -eq 1 ]; then
        echo "ok: $name (${seconds} s)"
    else
        failures=$((failures + 1))
        echo "--- after ${seconds} s"
        echo "--- stdout"; cat "$work/out"; echo "--- stderr"; cat "$work/err"
        echo "--- Chromium's stderr (end)"; printf '%s\n' "$browser_log"
    fi
}

run "plain" 0 '"access_token":"' '"id_token_claims":{' '"sub":"alice"' -- --scope "openid profile"
run "PAR" 0 '"access_token":"' '"id_token_claims":{' -- --scope "openid profile" --par
run "redirect path, prompt, max_age" 0 '"access_token":"' '"auth_time":' -- --scope "openid profile" \
    --redirect-path /callback --prompt login --max-age 300
# The hybrid response type: the provider form-posts code, state, iss and an EdDSA ID Token to the
# loopback listener (Chromium runs the provider's auto-submitting form); the CLI checks c_hash (and
# s_hash) before redeeming the code. The secrets are the fixture's (tests/peer/provider.mjs).
client_id=oauth4qt-hybrid
run "hybrid: code id_token, form_post" 0 '"access_token":"' '"id_token_claims":{' '"sub":"alice"' -- \
    --client-secret hybrid-client-secret-0123456789 --scope "openid profile" --response-type "code id_token"
run "hybrid with PAR" 0 '"access_token":"' '"id_token_claims":{' -- \
    --client-secret hybrid-client-secret-0123456789 --scope "openid profile" --response-type "code id_token" --par
run "hybrid: denied login is form-posted" 4 '"code":"authorization_denied"' '"oauth_error":"access_denied"' -- \
    --client-secret hybrid-client-secret-0123456789 --scope "openid profile" --response-type "code id_token" \
    --param login_hint=deny
# An encrypted ID Token (RSA-OAEP-256, A256GCM), decrypted with --decryption-key alone (no alg given).
client_id=oauth4qt-encrypted-native
run "encrypted ID Token, --decryption-key alone" 0 '"access_token":"' '"id_token_claims":{' '"sub":"alice"' -- \
    --client-secret encrypted-client-secret-0123456789 --scope "openid profile" \
    --decryption-key "$here/../peer/keys/client-enc-rsa-2048.pem" --decryption-key "$here/../peer/keys/client-enc-ec-p256.pem"
client_id=
run "denied login" 4 '"kind":"server_error"' '"code":"authorization_denied"' '"oauth_error":"access_denied"' -- \
    --scope "openid profile" --param login_hint=deny

if [ $failures -ne 0 ]; then
    echo "$failures failure(s)"
    exit 1
fi
echo "all passed"

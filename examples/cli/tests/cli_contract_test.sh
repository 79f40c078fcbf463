#!/bin/sh
# SPDX-License-Identifier: BSD-3-Clause
# The oauth4qt-cli contract (docs/cli-contract.md) against the oidc-provider fixture (tests/peer).
#   cli_contract_test.sh CLI PEER_INFO_FILE
# Needs node (NODE=/path/to/node, default: node on PATH) to read JSON; no jq, no python.
# Every run is bounded by `timeout`; every stdout must be exactly one JSON object.
set -u

CLI=${1:?usage: cli_contract_test.sh CLI PEER_INFO_FILE}
INFO=${2:?usage: cli_contract_test.sh CLI PEER_INFO_FILE}
NODE=${NODE:-node}
[ -n "$NODE" ] || NODE=node

if ! "$NODE" -e 'process.exit(0)' 2>/dev/null; then
    echo "not ok - node is needed to read JSON (set NODE)"; exit 1
fi
if [ ! -x "$CLI" ]; then echo "not ok - no executable $CLI"; exit 1; fi
if [ ! -r "$INFO" ]; then echo "not ok - no peer info file $INFO (is the oidc_provider fixture running?)"; exit 1; fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/cli_contract.XXXXXX") || exit 1
OUT="$WORK/stdout"; ERR="$WORK/stderr"
HANG_PID=
cleanup() {
    [ -n "$HANG_PID" ] && kill "$HANG_PID" 2>/dev/null
    rm -rf "$WORK"
}
trap cleanup EXIT

FAILURES=0; COUNT=0
pass() { COUNT=$((COUNT + 1)); echo "ok $COUNT - $1"; }
fail() { COUNT=$((COUNT + 1)); FAILURES=$((FAILURES + 1)); echo "not ok $COUNT - $1"; [ -s "$OUT" ] && sed 's/^/#   stdout: /' "$OUT"; [ -s "$ERR" ] && sed 's/^/#   stderr: /' "$ERR" | head -20; return 0; }

# fresh_output: empties stdout/stderr files before a background run. The redirections of a
# background job happen in the forked child, so without this a wait_for in the parent could still
# read the previous run's output.
fresh_output() { : >"$OUT"; : >"$ERR"; }
# info EXPR: a value of the peer info file (`i` is the parsed object).
info() { "$NODE" -e 'const i = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")); const v = ('"$1"'); process.stdout.write(v === undefined || v === null ? "" : String(v));' "$INFO"; }
# out EXPR: a value of the last stdout (`j` is the parsed object).
out() { "$NODE" -e 'const j = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")); const v = ('"$1"'); process.stdout.write(v === undefined || v === null ? "" : typeof v === "object" ? JSON.stringify(v) : String(v));' "$OUT" 2>/dev/null; }
# one_object: stdout is exactly one JSON object (and nothing else).
one_object() { "$NODE" -e 'const t = require("fs").readFileSync(process.argv[1], "utf8"); const j = JSON.parse(t); if (typeof j !== "object" || j === null || Array.isArray(j)) process.exit(1);' "$OUT" 2>/dev/null; }

# cli ARGS...: runs the CLI (bounded), sets STATUS; checks the output shape and that no secret leaked.
cli() {
    timeout -k 5 60 "$CLI" "$@" >"$OUT" 2>"$ERR" </dev/null
    STATUS=$?
    if [ "$STATUS" -ge 124 ]; then
        fail "oauth4qt-cli $1: ended by timeout or a signal (status $STATUS)"
    elif ! one_object; then
        fail "oauth4qt-cli $1: stdout is not exactly one JSON object"
    fi
    for s in "$SECRET_BASIC" "$SECRET_POST" "$SECRET_JWT"; do
        if grep -qF -- "$s" "$ERR" "$OUT"; then fail "oauth4qt-cli $1: a client secret appears in the output"; fi
    done
}

# expect NAME STATUS [EXPR VALUE]...: exit status and members of stdout.
expect() {
    name=$1; want=$2; shift 2
    if [ "$STATUS" != "$want" ]; then fail "$name: exit status $STATUS, expected $want"; return; fi
    while [ $# -ge 2 ]; do
        got=$(out "$1")
        if [ "$got" != "$2" ]; then fail "$name: $1 is \"$got\", expected \"$2\""; return; fi
        shift 2
    done
    pass "$name"
}
# expect_present NAME STATUS EXPR...: exit status, and each EXPR a non-empty value.
expect_present() {
    name=$1; want=$2; shift 2
    if [ "$STATUS" != "$want" ]; then fail "$name: exit status $STATUS, expected $want"; return; fi
    for e in "$@"; do
        if [ -z "$(out "$e")" ]; then fail "$name: $e is missing"; return; fi
    done
    pass "$name"
}

ISSUER=$(info 'i.issuer')
RESOURCE=$(info 'i.resource')
BASIC_ID=$(info 'i.clients.basic.client_id');          SECRET_BASIC=$(info 'i.clients.basic.client_secret')
POST_ID=$(info 'i.clients.post.client_id');            SECRET_POST=$(info 'i.clients.post.client_secret')
JWT_ID=$(info 'i.clients.secret_jwt.client_id');       SECRET_JWT=$(info 'i.clients.secret_jwt.client_secret')
PKJ_ID=$(info 'i.clients.private_key_jwt.client_id')
KEY_COUNT=$(info 'i.clients.private_key_jwt.private_keys.length')
[ -n "$ISSUER" ] && [ -n "$SECRET_BASIC" ] || { echo "not ok - the peer info file lacks issuer/clients"; exit 1; }
S="--issuer $ISSUER --allow-insecure-http"   # the fixture listens on http://127.0.0.1 (split on purpose)
TT_ACCESS=urn:ietf:params:oauth:token-type:access_token
GT_TOKEN_EXCHANGE=urn:ietf:params:oauth:grant-type:token-exchange

# --- discovery -----------------------------------------------------------------------------
cli discover $S
expect "discover prints the metadata with the issuer" 0 'j.issuer' "$ISSUER"
cli $S discover
expect_present "global options before the command" 0 'j.token_endpoint'

# --- client authentication methods ----------------------------------------------------------
cli client-credentials $S --client-id "$BASIC_ID" --client-secret "$SECRET_BASIC"
expect_present "client-credentials client_secret_basic (default with a secret)" 0 'j.access_token' 'j.token_type'
cli client-credentials $S --client-id "$BASIC_ID" --client-secret "$SECRET_BASIC" --auth-method client_secret_basic --scope api:read
expect_present "client-credentials client_secret_basic with a scope" 0 'j.access_token'
cli client-credentials $S --client-id "$POST_ID" --client-secret "$SECRET_POST" --auth-method client_secret_post
expect_present "client-credentials client_secret_post" 0 'j.access_token'
cli client-credentials $S --client-id "$JWT_ID" --client-secret "$SECRET_JWT" --auth-method client_secret_jwt
expect_present "client-credentials client_secret_jwt" 0 'j.access_token'
k=0
while [ "$k" -lt "${KEY_COUNT:-0}" ]; do
    KEY_FILE=$(info "i.clients.private_key_jwt.private_keys[$k].pem_file")
    KEY_ALG=$(info "i.clients.private_key_jwt.private_keys[$k].alg")
    cli client-credentials $S --client-id "$PKJ_ID" --auth-method private_key_jwt --private-key "$KEY_FILE"
    expect_present "client-credentials private_key_jwt, $KEY_ALG key (alg from the key)" 0 'j.access_token'
    cli client-credentials $S --client-id "$PKJ_ID" --auth-method private_key_jwt --private-key "$KEY_FILE" --signing-alg "$KEY_ALG"
    expect_present "client-credentials private_key_jwt, --signing-alg $KEY_ALG" 0 'j.access_token'
    k=$((k + 1))
done
[ "${KEY_COUNT:-0}" -gt 0 ] || fail "the peer info file lists no private_key_jwt keys"
cli client-credentials $S --client-id "$BASIC_ID" --client-secret "$SECRET_BASIC" --scope api:read --resource "$RESOURCE"
expect_present "client-credentials with --resource" 0 'j.access_token'

# --- server errors (exit 4) -----------------------------------------------------------------
cli client-credentials $S --client-id "$BASIC_ID" --client-secret "wrong-secret"
expect "a wrong secret is a server_error invalid_client" 4 'j.error.kind' server_error 'j.error.oauth_error' invalid_client 'j.error.status' 401
cli refresh $S --client-id "$BASIC_ID" --client-secret "$SECRET_BASIC" --refresh-token not-a-refresh-token
expect "refresh with a bad token is a server_error invalid_grant" 4 'j.error.kind' server_error 'j.error.oauth_error' invalid_grant

# --- any grant: token exchange (RFC 8693) through --param -------------------------------------
cli client-credentials $S --client-id "$BASIC_ID" --client-secret "$SECRET_BASIC" --scope api:read
SUBJECT=$(out 'j.access_token')
cli grant --grant-type "$GT_TOKEN_EXCHANGE" $S --client-id "$BASIC_ID" --client-secret "$SECRET_BASIC" \
    --param "subject_token=$SUBJECT" --param "subject_token_type=$TT_ACCESS" --scope api:read
expect "grant: token exchange with --param" 0 'j.issued_token_type' "$TT_ACCESS" 'typeof j.access_token' string
cli grant --grant-type "$GT_TOKEN_EXCHANGE" $S --client-id "$BASIC_ID" --client-secret "$SECRET_BASIC" \
    --param "subject_token=invalid" --param "subject_token_type=$TT_ACCESS"
expect "grant: token exchange with an unknown subject token is invalid_grant" 4 'j.error.oauth_error' invalid_grant

# --- userinfo, introspection, revocation ------------------------------------------------------
ALICE_EMAIL=$(info 'i.accounts.alice.email')
# A user's access token (opaque, for the userinfo endpoint) through the device flow of the public
# client and the fixture's /__test/device/approve (the CLI's own device command is not needed).
USER_AT=$("$NODE" -e '
const i = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
const form = (o) => ({ method: "POST", body: new URLSearchParams(o), signal: AbortSignal.timeout(20000) });
(async () => {
  const md = await (await fetch(i.discovery_url, { signal: AbortSignal.timeout(20000) })).json();
  const client_id = i.clients.public.client_id;
  const da = await (await fetch(md.device_authorization_endpoint, form({ client_id, scope: "openid email" }))).json();
  await fetch(`${i.test_base_url}/device/approve?user_code=${encodeURIComponent(da.user_code)}`, { method: "POST", signal: AbortSignal.timeout(20000) });
  const t = await (await fetch(md.token_endpoint, form({ client_id, device_code: da.device_code,
    grant_type: "urn:ietf:params:oauth:grant-type:device_code" }))).json();
  process.stdout.write(t.access_token || "");
})().catch(() => process.exit(1));' "$INFO")
[ -n "$USER_AT" ] || fail "could not get a user access token through the device flow"
cli userinfo $S --access-token "$USER_AT"
expect "userinfo prints the claims (no client needed)" 0 'j.sub' alice 'j.email' "$ALICE_EMAIL"
cli userinfo $S --access-token "$USER_AT" --expected-subject alice
expect "userinfo --expected-subject that matches" 0 'j.sub' alice
cli userinfo $S --access-token "$USER_AT" --expected-subject bob
expect "userinfo --expected-subject that differs is subject_mismatch" 5 'j.error.kind' invalid_response 'j.error.code' subject_mismatch
cli userinfo $S --access-token not-an-access-token
expect "userinfo with a bad token is the 401 challenge" 4 'j.error.kind' server_error 'j.error.code' authentication_challenge 'j.error.oauth_error' invalid_token
cli userinfo $S
expect "userinfo without --access-token" 2 'j.error.code' missing_option

cli client-credentials $S --client-id "$BASIC_ID" --client-secret "$SECRET_BASIC"
OPAQUE_AT=$(out 'j.access_token')
cli introspect $S --client-id "$BASIC_ID" --client-secret "$SECRET_BASIC" --token "$OPAQUE_AT"
expect "introspect an active token" 0 'j.active' true 'j.client_id' "$BASIC_ID"
cli introspect $S --client-id "$BASIC_ID" --client-secret "$SECRET_BASIC" --token "$OPAQUE_AT" --token-type-hint access_token
expect "introspect with --token-type-hint" 0 'j.active' true
cli introspect $S --client-id "$BASIC_ID" --client-secret "$SECRET_BASIC" --token not-a-token
expect "introspect an unknown token: exactly {active:false}" 0 'JSON.stringify(j)' '{"active":false}'
cli introspect $S --client-id "$BASIC_ID" --client-secret wrong-secret --token "$OPAQUE_AT"
expect "introspect with a wrong secret is invalid_client" 4 'j.error.oauth_error' invalid_client
cli introspect $S --client-id "$BASIC_ID" --client-secret "$SECRET_BASIC"
expect "introspect without --token" 2 'j.error.code' missing_option
cli revoke $S --client-id "$BASIC_ID" --client-secret "$SECRET_BASIC" --token "$OPAQUE_AT" --token-type-hint access_token
expect "revoke prints {revoked:true}" 0 'JSON.stringify(j)' '{"revoked":true}'
cli introspect $S --client-id "$BASIC_ID" --client-secret "$SECRET_BASIC" --token "$OPAQUE_AT"
expect "a revoked token introspects as inactive" 0 'j.active' false
cli revoke $S --client-id "$BASIC_ID" --client-secret "$SECRET_BASIC" --token not-a-token
expect "revoke an unknown token succeeds (RFC 7009 2.2)" 0 'j.revoked' true
cli revoke $S --client-id "$BASIC_ID" --client-secret wrong-secret --token "$OPAQUE_AT"
expect "revoke with a wrong secret is invalid_client" 4 'j.error.oauth_error' invalid_client
cli revoke $S --client-id "$BASIC_ID" --client-secret "$SECRET_BASIC"
expect "revoke without --token" 2 'j.error.code' missing_option

# --- usage errors (exit 2, before any request) ------------------------------------------------
cli client-credentials --client-id "$BASIC_ID" --client-secret "$SECRET_BASIC"
expect "missing --issuer" 2 'j.error.kind' usage 'j.error.code' missing_option
cli discover --issuer "$ISSUER"
expect "http issuer without --allow-insecure-http" 2 'j.error.kind' usage 'j.error.code' insecure_url
cli frobnicate $S
expect "unknown command" 2 'j.error.kind' usage 'j.error.code' unknown_command
cli discover $S --frobnicate
expect "unknown option" 2 'j.error.code' unknown_option
cli discover $S --refresh-token x
expect "an option of another command" 2 'j.error.code' unknown_option
cli $S
expect "no command" 2 'j.error.code' missing_command
cli client-credentials $S --client-id "$BASIC_ID" --client-secret "$SECRET_BASIC" --auth-method client_secret_magic
expect "bad --auth-method" 2 'j.error.code' invalid_argument
cli client-credentials $S --client-id "$POST_ID" --auth-method client_secret_post
expect "secret method without --client-secret" 2 'j.error.code' missing_option
cli client-credentials $S --client-id "$PKJ_ID" --auth-method private_key_jwt
expect "private_key_jwt without --private-key" 2 'j.error.code' missing_option
cli client-credentials $S --client-id "$PKJ_ID" --auth-method private_key_jwt --private-key "$WORK/no-such-key.pem"
expect "unreadable --private-key" 2 'j.error.code' invalid_key
printf 'not a key\n' >"$WORK/garbage.pem"
cli client-credentials $S --client-id "$PKJ_ID" --auth-method private_key_jwt --private-key "$WORK/garbage.pem"
expect "--private-key that is not a PEM key" 2 'j.error.code' invalid_key
cli client-credentials $S --client-id "$BASIC_ID" --client-secret "$SECRET_BASIC" --timeout soon
expect "bad --timeout" 2 'j.error.code' invalid_argument
cli client-credentials $S --client-id "$BASIC_ID" --client-secret "$SECRET_BASIC" --timeout -1
expect "negative --timeout" 2 'j.error.code' invalid_argument
cli client-credentials $S --client-id "$BASIC_ID" --client-secret "$SECRET_BASIC" --clock-tolerance 1.5
expect "bad --clock-tolerance" 2 'j.error.code' invalid_argument
cli grant --grant-type "$GT_TOKEN_EXCHANGE" $S --client-id "$BASIC_ID" --client-secret "$SECRET_BASIC" --param subject_token
expect "--param without '='" 2 'j.error.code' invalid_argument
cli refresh $S --client-id "$BASIC_ID" --client-secret "$SECRET_BASIC"
expect "refresh without --refresh-token" 2 'j.error.code' missing_option
cli grant $S --client-id "$BASIC_ID" --client-secret "$SECRET_BASIC"
expect "grant without --grant-type" 2 'j.error.code' missing_option
cli discover $S --discovery openid
expect "bad --discovery" 2 'j.error.code' invalid_argument
cli discover --issuer "ftp://127.0.0.1/" --allow-insecure-http
expect "non-http(s) issuer" 2 'j.error.code' unsupported_url_scheme

# --- transport errors (exit 3) ------------------------------------------------------------------
CLOSED_PORT=$("$NODE" -e 'const s = require("net").createServer(); s.listen(0, "127.0.0.1", () => { const p = s.address().port; s.close(() => console.log(p)); });')
cli discover --issuer "http://127.0.0.1:$CLOSED_PORT" --allow-insecure-http
expect "a closed port is a transport error" 3 'j.error.kind' transport

# A server that accepts and never answers: the per-request deadline, and signals.
HANG_PORT_FILE="$WORK/hang-port"
"$NODE" -e '
const fs = require("fs");
const s = require("net").createServer((c) => { c.on("error", () => {}); fs.appendFileSync(process.argv[1] + ".conns", "c\n"); });
s.listen(0, "127.0.0.1", () => fs.writeFileSync(process.argv[1], String(s.address().port)));
setTimeout(() => process.exit(0), 120000).unref(); setInterval(() => {}, 1000);
' "$HANG_PORT_FILE" &
HANG_PID=$!
n=0; while [ ! -s "$HANG_PORT_FILE" ] && [ "$n" -lt 100 ]; do sleep 0.1; n=$((n + 1)); done
HANG="http://127.0.0.1:$(cat "$HANG_PORT_FILE" 2>/dev/null)"

cli discover --issuer "$HANG" --allow-insecure-http --timeout 1
expect "--timeout: a silent server is a transport timeout" 3 'j.error.kind' transport 'j.error.code' timeout

for sig in TERM INT HUP; do
    fresh_output
    timeout -k 5 60 "$CLI" discover --issuer "$HANG" --allow-insecure-http >"$OUT" 2>"$ERR" </dev/null &
    pid=$!
    # The signal goes once the request is on the wire (the CLI is then surely up and waiting),
    # not after a fixed sleep that a slow machine may outrun.
    before=$(cat "$HANG_PORT_FILE.conns" 2>/dev/null | wc -l)
    n=0
    while [ "$(cat "$HANG_PORT_FILE.conns" 2>/dev/null | wc -l)" -le "$before" ] && [ "$n" -lt 300 ]; do
        sleep 0.1; n=$((n + 1))
    done
    # To the CLI itself, not to timeout: a background job of a non-interactive shell starts with
    # SIGINT ignored, and newer coreutils' timeout (9.10) then does not pass SIGINT on.
    cli_pid=$(cat "/proc/$pid/task/$pid/children" 2>/dev/null)
    kill -s "$sig" "${cli_pid:-$pid}"
    wait "$pid"; STATUS=$?
    if [ "$STATUS" -ge 124 ]; then fail "SIG$sig: ended by a signal or the timeout (status $STATUS)"
    elif ! one_object; then fail "SIG$sig: stdout is not exactly one JSON object"
    else expect "SIG$sig ends the run with a cancelled transport error" 3 'j.error.kind' transport 'j.error.code' cancelled
    fi
done

# --- DPoP (RFC 9449): a fresh key per run, tokens bound to it ---------------------------------
cli client-credentials $S --client-id "$BASIC_ID" --client-secret "$SECRET_BASIC" --scope api:read --dpop
expect "client-credentials --dpop gives a DPoP-bound token" 0 'j.token_type' DPoP
cli client-credentials $S --client-id "$BASIC_ID" --client-secret "$SECRET_BASIC" --scope api:read --dpop --dpop-alg EdDSA
expect "--dpop --dpop-alg EdDSA" 0 'j.token_type' DPoP
cli client-credentials $S --client-id "$BASIC_ID" --client-secret "$SECRET_BASIC" --dpop --dpop-alg HS256
expect "--dpop-alg HS256 is a usage error" 2 'j.error.kind' usage

# post PATH: a POST to the fixture's test-control endpoint PATH (relative to test_base_url).
post() { "$NODE" -e 'const i = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  fetch(i.test_base_url + process.argv[2], { method: "POST", signal: AbortSignal.timeout(20000) })
    .then((r) => process.exit(r.ok ? 0 : 1)).catch(() => process.exit(1));' "$INFO" "$1"; }
# wait_for FILE PATTERN: waits (bounded) until FILE contains PATTERN.
wait_for() { n=0; while ! grep -q "$2" "$1" 2>/dev/null && [ "$n" -lt 600 ]; do sleep 0.1; n=$((n + 1)); done; grep -q "$2" "$1"; }

# --- device authorization grant (RFC 8628): the user code on stderr, then polling --------------
PUBLIC_ID=$(info 'i.clients.public.client_id')
for outcome in approve deny wrong-alg; do
    fresh_output
    alg_option=""
    # --id-token-alg: the client expects ES256 ID Tokens; the fixture signs with RS256.
    [ "$outcome" = wrong-alg ] && alg_option="--id-token-alg ES256"
    # shellcheck disable=SC2086
    timeout -k 5 90 "$CLI" device $S --client-id "$PUBLIC_ID" --scope "openid email" $alg_option >"$OUT" 2>"$ERR" </dev/null &
    pid=$!
    if wait_for "$ERR" "enter the code"; then
        grep -q "visit http[^ ]* and enter the code" "$ERR" || fail "device: the prompt lacks the verification URI"
        code=$(sed -n 's/.*enter the code \([^ ]*\).*/\1/p' "$ERR" | head -n 1)
        action=$outcome; [ "$outcome" = wrong-alg ] && action=approve
        post "/device/$action?user_code=$(printf %s "$code" | sed 's/ /%20/g')" || fail "device: the fixture did not $action $code"
    else
        fail "device: no user code on stderr"
    fi
    wait "$pid"; STATUS=$?
    one_object || fail "device ($outcome): stdout is not exactly one JSON object"
    if [ "$outcome" = approve ]; then
        expect_present "device: approved -> tokens with validated ID Token claims" 0 'j.access_token' 'j.id_token_claims.sub'
    elif [ "$outcome" = deny ]; then
        expect "device: denied -> server_error access_denied" 4 'j.error.kind' server_error 'j.error.oauth_error' access_denied
    else
        expect "device: an RS256 ID Token with --id-token-alg ES256 is refused" 5 \
            'j.error.kind' invalid_response 'j.error.code' algorithm_not_allowed
    fi
done

# --- CIBA, poll mode: approved and denied through the fixture ---------------------------------
if [ "$(info 'i.ciba_enabled')" = "true" ]; then
    for outcome in approve deny; do
        fresh_output
        timeout -k 5 90 "$CLI" ciba $S --client-id "$BASIC_ID" --client-secret "$SECRET_BASIC" --scope openid \
            --login-hint alice --binding-message "W4SCT" >"$OUT" 2>"$ERR" </dev/null &
        pid=$!
        wait_for "$ERR" "Waiting for the user" || true
        # The request reaches the fixture after discovery; under load that can take a while.
        n=0; until post "/ciba/$outcome?login_hint=alice" || [ "$n" -ge 150 ]; do sleep 0.2; n=$((n + 1)); done
        [ "$n" -lt 150 ] || fail "ciba: the fixture never saw the request to $outcome"
        wait "$pid"; STATUS=$?
        one_object || fail "ciba ($outcome): stdout is not exactly one JSON object"
        if [ "$outcome" = approve ]; then
            expect_present "ciba: approved -> tokens with ID Token claims" 0 'j.access_token' 'j.id_token_claims.sub'
        else
            expect "ciba: denied -> server_error access_denied" 4 'j.error.kind' server_error 'j.error.oauth_error' access_denied
        fi
    done
else
    fail "ciba: the fixture runs without CIBA"
fi
cli ciba $S --client-id "$BASIC_ID" --client-secret "$SECRET_BASIC"
expect "ciba without --login-hint is a usage error" 2 'j.error.kind' usage
cli discover $S --id-token-alg none
expect "--id-token-alg none is a usage error" 2 'j.error.code' unsupported_algorithm
cli discover $S --client-id "$PUBLIC_ID" --id-token-alg HS256
expect "--id-token-alg HS256 without a secret is a usage error" 2 'j.error.code' unsupported_algorithm
cli authorization-code $S --client-id "$PUBLIC_ID" --jarm-alg ES256
expect "--jarm-alg without --response-mode jwt is a usage error" 2 'j.error.code' invalid_argument

# --- stdout is closed early (SIGPIPE must not kill the process) ---------------------------------
( "$CLI" discover $S 2>/dev/null; echo "$?" >"$WORK/pipe-status" ) | true
PIPE_STATUS=$(cat "$WORK/pipe-status" 2>/dev/null)
if [ -n "$PIPE_STATUS" ] && [ "$PIPE_STATUS" -lt 128 ]; then pass "a closed stdout does not kill the process (status $PIPE_STATUS)"
else fail "a closed stdout killed the process (status ${PIPE_STATUS:-none})"; fi

echo "1..$COUNT"
[ "$FAILURES" -eq 0 ] || { echo "# $FAILURES of $COUNT failed"; exit 1; }
exit 0

#!/bin/sh
# SPDX-License-Identifier: BSD-3-Clause
# The oauth4qt-cli contract (docs/cli-contract.md) against the oidc-provider fixture (tests/peer).
#   cli_contract_test.sh CLI PEER_INFO_FILE
# Needs node (NODE=/path/to/node, default: node on PATH) to read JSON; no jq, no python.
# Every run is bounded by `timeout`; every stdout must be exactly one JSON object.
set -u

CLI=${1:?usage: cli_contract_test.sh CLI PEER_INFO_FILE}
INFO=${2:?usage: cli_contract_test.sh CLI PEER_INFO_FILE}
. "$(dirname "$0")/cli_test_lib.sh"

ISSUER=$(info 'i.issuer')
RESOURCE=$(info 'i.resource')
BASIC_ID=$(info 'i.clients.basic.client_id');          SECRET_BASIC=$(info 'i.clients.basic.client_secret')
POST_ID=$(info 'i.clients.post.client_id');            SECRET_POST=$(info 'i.clients.post.client_secret')
JWT_ID=$(info 'i.clients.secret_jwt.client_id');       SECRET_JWT=$(info 'i.clients.secret_jwt.client_secret')
PKJ_ID=$(info 'i.clients.private_key_jwt.client_id')
PUBLIC_ID=$(info 'i.clients.public.client_id')
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
cli discover --issuer "http://192.0.2.1:9/" --allow-insecure-http --timeout 5
expect "--allow-insecure-http permits loopback only: another http host is refused before any request" 2 \
    'j.error.kind' usage 'j.error.code' insecure_url
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
    # The signal goes once the request is on the wire (the CLI is then surely up and waiting),
    # not after a fixed sleep that a slow machine may outrun. The count is taken before the CLI
    # starts: a fast CLI may connect before the next line runs.
    before=$(cat "$HANG_PORT_FILE.conns" 2>/dev/null | wc -l)
    timeout -k 5 60 "$CLI" discover --issuer "$HANG" --allow-insecure-http >"$OUT" 2>"$ERR" </dev/null &
    pid=$!
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

# --- configuration errors: exit 2 before any request, discovery included ------------------------
# The issuer is the silent listener above, which records every connection; a run that connected
# would also end in a transport timeout (exit 3) instead of a usage error.
conns() { cat "$HANG_PORT_FILE.conns" 2>/dev/null | wc -l; }
# usage_first NAME CODE ARGS...: exit 2, kind usage, error code CODE, and no connection made.
usage_first() {
    name=$1; code=$2; shift 2
    before=$(conns)
    cli "$@" --issuer "$HANG" --allow-insecure-http --timeout 2
    after=$(conns)
    if [ "$after" != "$before" ]; then fail "$name: a connection was made before the usage error"; return; fi
    expect "$name (no request)" 2 'j.error.kind' usage 'j.error.code' "$code"
}
KEYS="$WORK/keys"; mkdir -p "$KEYS"
EC_KEY=$(info "i.clients.private_key_jwt.private_keys.find((k) => k.alg === 'ES256') ? i.clients.private_key_jwt.private_keys.find((k) => k.alg === 'ES256').pem_file : i.clients.private_key_jwt.private_keys[0].pem_file")
printf 'two\nlines\n' >"$KEYS/two-lines"; : >"$KEYS/empty"; printf '\n' >"$KEYS/newline-only"
printf 'a-secret\n' >"$KEYS/secret"
usage_first "--jar without --private-key" missing_option authorization-code --client-id "$PUBLIC_ID" --jar
usage_first "--jarm-alg without --response-mode jwt" invalid_argument authorization-code --client-id "$PUBLIC_ID" --jarm-alg ES256
usage_first "--response-mode other than jwt" invalid_argument authorization-code --client-id "$PUBLIC_ID" --response-mode query
usage_first "--jar with an HMAC --signing-alg" unsupported_algorithm authorization-code --client-id "$JWT_ID" \
    --client-secret "$SECRET_JWT" --auth-method client_secret_jwt --signing-alg HS256 --private-key "$EC_KEY" --jar
usage_first "client_secret_jwt with a non-HMAC --signing-alg" unsupported_algorithm client-credentials --client-id "$JWT_ID" \
    --client-secret "$SECRET_JWT" --auth-method client_secret_jwt --signing-alg ES256 --private-key "$EC_KEY"
usage_first "--param that the authorization-code flow sets" invalid_argument authorization-code --client-id "$PUBLIC_ID" --param state=mine
usage_first "--param prompt together with --prompt" invalid_argument authorization-code --client-id "$PUBLIC_ID" --prompt login --param prompt=none
usage_first "--redirect-path with a space" invalid_argument authorization-code --client-id "$PUBLIC_ID" --redirect-path "/a b"
usage_first "a --redirect-port that is taken" invalid_argument authorization-code --client-id "$PUBLIC_ID" --redirect-port "$(cat "$HANG_PORT_FILE")"
usage_first "--param that the refresh command sets" invalid_argument refresh --client-id "$BASIC_ID" --client-secret "$SECRET_BASIC" --refresh-token r --param refresh_token=s
usage_first "--param binding_message with --binding-message" invalid_argument ciba --client-id "$BASIC_ID" --client-secret "$SECRET_BASIC" --login-hint alice --binding-message a --param binding_message=b
usage_first "--redirect-port out of range" invalid_argument authorization-code --client-id "$PUBLIC_ID" --redirect-port 70000
usage_first "an empty --browser" invalid_argument authorization-code --client-id "$PUBLIC_ID" --browser ""
usage_first "--flow-timeout 0" invalid_argument authorization-code --client-id "$PUBLIC_ID" --flow-timeout 0
usage_first "an unreadable --private-key" invalid_key client-credentials --client-id "$PKJ_ID" --auth-method private_key_jwt --private-key "$KEYS/none.pem"
usage_first "a --private-key that is not a key" invalid_key client-credentials --client-id "$PKJ_ID" --auth-method private_key_jwt --private-key "$KEYS/secret"
usage_first "--signing-alg that does not fit the key" unsupported_algorithm client-credentials --client-id "$PKJ_ID" --auth-method private_key_jwt --private-key "$EC_KEY" --signing-alg RS256
usage_first "private_key_jwt without --private-key" missing_option client-credentials --client-id "$PKJ_ID" --auth-method private_key_jwt
# ML-DSA keys (PKCS#8 written by Node 24 / OpenSSL 3.5, tests/auto/jose/data): usable where the
# OpenSSL in use has ML-DSA (3.5 and later), else refused as unsupported_algorithm before any request.
MLDSA_VECTORS="$(dirname "$0")/../../../tests/auto/jose/data/mldsa-vectors.json"
"$NODE" -e 'const v = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).vectors.find((x) => x.alg === "ML-DSA-65"); process.stdout.write(v.pkcs8);' \
    "$MLDSA_VECTORS" >"$KEYS/mldsa65.pem" || fail "cannot read the ML-DSA vectors"
if ! command -v openssl >/dev/null 2>&1; then
    fail "ML-DSA rows: no openssl command to tell whether OpenSSL has ML-DSA"
elif openssl list -signature-algorithms 2>/dev/null | grep -qi 'ML-DSA-65'; then
    usage_first "--signing-alg ES256 with an ML-DSA-65 key" unsupported_algorithm client-credentials --client-id "$PKJ_ID" --auth-method private_key_jwt --private-key "$KEYS/mldsa65.pem" --signing-alg ES256
    # The assertion is signed ML-DSA-65 and sent; the fixture's client has no such key registered.
    cli client-credentials $S --client-id "$PKJ_ID" --auth-method private_key_jwt --private-key "$KEYS/mldsa65.pem"
    expect "an ML-DSA-65 --private-key signs the client assertion (the server does not know the key)" 4 'j.error.kind' server_error 'j.error.oauth_error' invalid_client
else
    usage_first "an ML-DSA-65 --private-key where OpenSSL has no ML-DSA" unsupported_algorithm client-credentials --client-id "$PKJ_ID" --auth-method private_key_jwt --private-key "$KEYS/mldsa65.pem"
    usage_first "--signing-alg ML-DSA-65 where OpenSSL has no ML-DSA" unsupported_algorithm client-credentials --client-id "$PKJ_ID" --auth-method private_key_jwt --private-key "$EC_KEY" --signing-alg ML-DSA-65
fi
usage_first "a secret method without a secret" missing_option client-credentials --client-id "$POST_ID" --auth-method client_secret_post
usage_first "--client-secret with --auth-method none" invalid_argument client-credentials --client-id "$BASIC_ID" --client-secret "$SECRET_BASIC" --auth-method none
usage_first "--id-token-alg none" unsupported_algorithm client-credentials --client-id "$BASIC_ID" --client-secret "$SECRET_BASIC" --id-token-alg none
usage_first "--dpop-alg HS256" unsupported_algorithm client-credentials --client-id "$BASIC_ID" --client-secret "$SECRET_BASIC" --dpop --dpop-alg HS256
usage_first "--dpop-alg without --dpop" invalid_argument client-credentials --client-id "$BASIC_ID" --client-secret "$SECRET_BASIC" --dpop-alg ES256
# --profile fapi2: what the FAPI 2.0 Security Profile forbids fails before any request.
RSA_KEY=$(info "i.clients.private_key_jwt.private_keys.find((k) => k.kty === 'RSA').pem_file")
usage_first "--profile other than fapi2" invalid_argument client-credentials --client-id "$PKJ_ID" --auth-method private_key_jwt --private-key "$EC_KEY" --profile fapi1
usage_first "--profile fapi2 with a client secret" profile_violation client-credentials --client-id "$BASIC_ID" --client-secret "$SECRET_BASIC" --profile fapi2
usage_first "--profile fapi2 with client_secret_jwt" profile_violation client-credentials --client-id "$JWT_ID" --client-secret "$SECRET_JWT" --auth-method client_secret_jwt --profile fapi2
usage_first "--profile fapi2 with a public client" profile_violation authorization-code --client-id "$PUBLIC_ID" --profile fapi2
usage_first "--profile fapi2 with --signing-alg RS256" profile_violation client-credentials --client-id "$PKJ_ID" --auth-method private_key_jwt --private-key "$RSA_KEY" --signing-alg RS256 --profile fapi2
usage_first "--profile fapi2 with --id-token-alg RS256" profile_violation authorization-code --client-id "$PKJ_ID" --auth-method private_key_jwt --private-key "$EC_KEY" --id-token-alg RS256 --profile fapi2
usage_first "--profile fapi2 with --dpop-alg RS256" profile_violation client-credentials --client-id "$PKJ_ID" --auth-method private_key_jwt --private-key "$EC_KEY" --dpop-alg RS256 --profile fapi2
usage_first "--resource with a fragment" invalid_argument client-credentials --client-id "$BASIC_ID" --client-secret "$SECRET_BASIC" --resource "https://r.example/#x"
usage_first "--param client_secret" invalid_argument client-credentials --client-id "$BASIC_ID" --param client_secret=x
usage_first "--param scope with --scope" invalid_argument client-credentials --client-id "$BASIC_ID" --client-secret "$SECRET_BASIC" --scope a --param scope=b
usage_first "an empty --token-type-hint" invalid_argument revoke --client-id "$BASIC_ID" --client-secret "$SECRET_BASIC" --token t --token-type-hint ""
usage_first "an empty --expected-subject" invalid_argument userinfo --access-token abc --expected-subject ""
usage_first "an --access-token that is not a b64token" invalid_argument userinfo --access-token "abc def"
usage_first "--client-id missing" missing_option client-credentials --client-secret "$SECRET_BASIC"
# secrets from files: every problem with them is a usage error before any request
usage_first "an unreadable --client-secret-file" invalid_argument client-credentials --client-id "$BASIC_ID" --client-secret-file "$KEYS/none"
usage_first "a directory as --token-file" invalid_argument revoke --client-id "$BASIC_ID" --client-secret "$SECRET_BASIC" --token-file "$KEYS"
usage_first "an empty --client-secret-file" invalid_argument client-credentials --client-id "$BASIC_ID" --client-secret-file "$KEYS/empty"
usage_first "a --refresh-token-file holding only a newline" invalid_argument refresh --client-id "$BASIC_ID" --client-secret "$SECRET_BASIC" --refresh-token-file "$KEYS/newline-only"
usage_first "a --client-secret-file of two lines (a control character)" invalid_argument client-credentials --client-id "$BASIC_ID" --client-secret-file "$KEYS/two-lines"
usage_first "a --token-file of two lines (a control character)" invalid_argument introspect --client-id "$BASIC_ID" --client-secret "$SECRET_BASIC" --token-file "$KEYS/two-lines"
usage_first "--client-secret and --client-secret-file together" invalid_argument client-credentials --client-id "$BASIC_ID" --client-secret "$SECRET_BASIC" --client-secret-file "$KEYS/secret"
usage_first "--refresh-token and --refresh-token-file together" invalid_argument refresh --client-id "$BASIC_ID" --client-secret "$SECRET_BASIC" --refresh-token r --refresh-token-file "$KEYS/secret"
usage_first "--access-token and --access-token-file together" invalid_argument userinfo --access-token a --access-token-file "$KEYS/secret"
usage_first "--token and --token-file together" invalid_argument introspect --client-id "$BASIC_ID" --client-secret "$SECRET_BASIC" --token t --token-file "$KEYS/secret"
usage_first "two options reading standard input" invalid_argument refresh --client-id "$BASIC_ID" --client-secret-file - --refresh-token-file -
usage_first "a file twin of another command's option" unknown_option refresh --client-id "$BASIC_ID" --client-secret "$SECRET_BASIC" --token-file "$KEYS/secret"
usage_first "--private-key - (standard input is for secrets only)" invalid_argument client-credentials --client-id "$PKJ_ID" --auth-method private_key_jwt --private-key -

# --- secrets from files, standard input and the environment ---------------------------------------
# cli_stdin FILE ARGS...: as cli, with standard input from FILE.
cli_stdin() {
    in=$1; shift
    timeout -k 5 60 "$CLI" "$@" >"$OUT" 2>"$ERR" <"$in"
    STATUS=$?
    one_object || fail "oauth4qt-cli $1: stdout is not exactly one JSON object"
}
# no_leak NAME VALUE: VALUE appears neither on stdout nor on stderr of the last run.
no_leak() { if grep -qF -- "$2" "$OUT" "$ERR"; then fail "$1: the secret appears in the output"; else pass "$1"; fi; }
printf '%s\n' "$SECRET_BASIC" >"$KEYS/basic-lf"
printf '%s\r\n' "$SECRET_BASIC" >"$KEYS/basic-crlf"
printf '%s' "$SECRET_BASIC" >"$KEYS/basic-bare"
cli client-credentials $S --client-id "$BASIC_ID" --client-secret-file "$KEYS/basic-lf"
expect_present "--client-secret-file (a trailing LF is dropped)" 0 'j.access_token'
cli client-credentials $S --client-id "$BASIC_ID" --client-secret-file "$KEYS/basic-crlf"
expect_present "--client-secret-file (a trailing CRLF is dropped)" 0 'j.access_token'
cli client-credentials $S --client-id "$POST_ID" --client-secret-file "$KEYS/basic-bare" --auth-method client_secret_post
expect "--client-secret-file is the secret (another client's secret is refused)" 4 'j.error.oauth_error' invalid_client
cli_stdin "$KEYS/basic-lf" client-credentials $S --client-id "$BASIC_ID" --client-secret-file -
expect_present "--client-secret-file - reads standard input" 0 'j.access_token'
export OAUTH4QT_CLIENT_SECRET="$SECRET_BASIC"
cli client-credentials $S --client-id "$BASIC_ID"
expect_present "OAUTH4QT_CLIENT_SECRET when no secret option is given" 0 'j.access_token'
OAUTH4QT_CLIENT_SECRET=wrong-secret-from-the-environment
cli client-credentials $S --client-id "$BASIC_ID" --client-secret-file "$KEYS/basic-lf"
expect_present "--client-secret-file wins over OAUTH4QT_CLIENT_SECRET" 0 'j.access_token'
cli client-credentials $S --client-id "$BASIC_ID" --client-secret "$SECRET_BASIC"
expect_present "--client-secret wins over OAUTH4QT_CLIENT_SECRET" 0 'j.access_token'
cli userinfo $S --access-token "$USER_AT" --auth-method none
expect "--auth-method none ignores OAUTH4QT_CLIENT_SECRET" 0 'j.sub' alice
cli client-credentials $S --client-id "$BASIC_ID"
expect "a wrong OAUTH4QT_CLIENT_SECRET is used (and refused by the server)" 4 'j.error.oauth_error' invalid_client
no_leak "the secret of OAUTH4QT_CLIENT_SECRET is not in the output" wrong-secret-from-the-environment
unset OAUTH4QT_CLIENT_SECRET
printf '%s\n' "$USER_AT" >"$KEYS/user-at"
cli userinfo $S --access-token-file "$KEYS/user-at"
expect "userinfo --access-token-file" 0 'j.sub' alice
cli_stdin "$KEYS/user-at" userinfo $S --access-token-file -
expect "userinfo --access-token-file - (standard input)" 0 'j.sub' alice
cli client-credentials $S --client-id "$BASIC_ID" --client-secret "$SECRET_BASIC"
printf '%s\r\n' "$(out 'j.access_token')" >"$KEYS/opaque-at"
cli introspect $S --client-id "$BASIC_ID" --client-secret "$SECRET_BASIC" --token-file "$KEYS/opaque-at"
expect "introspect --token-file" 0 'j.active' true
cli_stdin "$KEYS/opaque-at" revoke $S --client-id "$BASIC_ID" --client-secret "$SECRET_BASIC" --token-file -
expect "revoke --token-file -" 0 'j.revoked' true
cli introspect $S --client-id "$BASIC_ID" --client-secret "$SECRET_BASIC" --token-file "$KEYS/opaque-at"
expect "the token revoked through --token-file - is inactive" 0 'j.active' false
printf 'refresh-token-that-is-secret-4711\n' >"$KEYS/refresh"
cli refresh $S --client-id "$BASIC_ID" --client-secret "$SECRET_BASIC" --refresh-token-file "$KEYS/refresh"
expect "refresh --refresh-token-file (an unknown token is invalid_grant)" 4 'j.error.oauth_error' invalid_grant
no_leak "the refresh token of a failing run is not in the output" refresh-token-that-is-secret-4711

# --- messages never repeat a secret ---------------------------------------------------------------
PARAM_SECRET=param-secret-value-0815
cli grant --grant-type "$GT_TOKEN_EXCHANGE" $S --client-id "$BASIC_ID" --client-secret "$SECRET_BASIC" \
    --param "subject_token=$PARAM_SECRET" --param "subject_token_type=$TT_ACCESS"
expect "a server error with a --param secret" 4 'j.error.kind' server_error
no_leak "a --param value of a failing run is not in the output" "$PARAM_SECRET"
cli grant --grant-type "$GT_TOKEN_EXCHANGE" $S --client-id "$BASIC_ID" --client-secret "$SECRET_BASIC" --param "$PARAM_SECRET"
expect "--param without '=' is a usage error" 2 'j.error.code' invalid_argument
no_leak "a --param without '=' is not repeated" "$PARAM_SECRET"
cli client-credentials $S --client-id "$BASIC_ID" --client-secret "client-secret-value-0815" --auth-method none
expect "--client-secret with --auth-method none" 2 'j.error.kind' usage
no_leak "--client-secret is not repeated in a usage error" client-secret-value-0815
cli refresh $S --client-id "$BASIC_ID" --client-secret "$SECRET_BASIC" --refresh-token= "positional-secret-0815"
expect "an extra argument (a misplaced secret) is a usage error" 2 'j.error.code' invalid_argument
no_leak "an extra argument is not repeated" positional-secret-0815
cli "positional-secret-0816" $S
expect "an unknown command" 2 'j.error.code' unknown_command
no_leak "an unknown command is not repeated" positional-secret-0816
cli userinfo $S --access-token "bad token-0817"
expect "an invalid --access-token" 2 'j.error.code' invalid_argument
no_leak "an invalid --access-token is not repeated" "bad token-0817"

# --- DPoP (RFC 9449): a fresh key per run, tokens bound to it ---------------------------------
cli client-credentials $S --client-id "$BASIC_ID" --client-secret "$SECRET_BASIC" --scope api:read --dpop
expect "client-credentials --dpop gives a DPoP-bound token" 0 'j.token_type' DPoP
cli client-credentials $S --client-id "$BASIC_ID" --client-secret "$SECRET_BASIC" --scope api:read --dpop --dpop-alg EdDSA
expect "--dpop --dpop-alg EdDSA" 0 'j.token_type' DPoP
cli client-credentials $S --client-id "$BASIC_ID" --client-secret "$SECRET_BASIC" --dpop --dpop-alg HS256
expect "--dpop-alg HS256 is a usage error" 2 'j.error.kind' usage

# --- --profile fapi2 against the fixture's FAPI 2.0 client: DPoP without --dpop, PS256 for RSA --
FAPI2_ID=$(info 'i.clients.fapi2.client_id')
cli client-credentials $S --client-id "$FAPI2_ID" --auth-method private_key_jwt --private-key "$EC_KEY" --scope api:read --profile fapi2
expect "client-credentials --profile fapi2 (ES256 key) gives a DPoP-bound token" 0 'j.token_type' DPoP
cli client-credentials $S --client-id "$FAPI2_ID" --auth-method private_key_jwt --private-key "$RSA_KEY" --scope api:read --profile fapi2
expect "client-credentials --profile fapi2 (RSA key: PS256) gives a DPoP-bound token" 0 'j.token_type' DPoP
cli client-credentials $S --client-id "$FAPI2_ID" --auth-method private_key_jwt --private-key "$RSA_KEY" --signing-alg PS256 --scope api:read
expect "the FAPI 2.0 client without --profile (no DPoP) is refused by the server" 4 'j.error.kind' server_error

# --- device authorization grant (RFC 8628): the user code on stderr, then polling --------------
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
        ciba_run "$outcome" --client-id "$BASIC_ID" --client-secret "$SECRET_BASIC" --scope openid --binding-message "W4SCT"
        if [ "$outcome" = approve ]; then
            expect_present "ciba: approved -> tokens with ID Token claims" 0 'j.access_token' 'j.id_token_claims.sub'
        else
            expect "ciba: denied -> server_error access_denied" 4 'j.error.kind' server_error 'j.error.oauth_error' access_denied
        fi
    done
else
    fail "ciba: the fixture runs without CIBA"
fi

# --- signing algorithms: no option needed for ES256 and EdDSA providers ------------------------
# The "signed" client gets ES256 ID Tokens, the "eddsa" client EdDSA ones; the fixture advertises
# both in id_token_signing_alg_values_supported, so no --id-token-alg is needed.
if [ "$(info 'i.ciba_enabled')" = "true" ]; then
    for role in signed eddsa; do
        ciba_run approve --client-id "$(info "i.clients.$role.client_id")" --client-secret "$(info "i.clients.$role.client_secret")" \
            --scope openid
        ID_TOKEN=$(out 'j.id_token')
        ALG=$("$NODE" -e 'process.stdout.write(JSON.parse(Buffer.from(process.argv[1].split(".")[0], "base64url")).alg || "")' "$ID_TOKEN" 2>/dev/null)
        expect "ciba: $role client's $(info "i.clients.$role.id_token_signed_response_alg") ID Token without --id-token-alg" 0 \
            'j.id_token_claims.sub' alice
        [ "$ALG" = "$(info "i.clients.$role.id_token_signed_response_alg")" ] || fail "ciba: $role ID Token alg is $ALG"
    done
fi

# --- DPoP with a kept key: a token bound in one run is used in the next (--dpop-key) --------------
EC_KEY=$(info 'i.clients.private_key_jwt.private_keys.find((k) => k.alg === "ES256").pem_file')
ED_KEY=$(info 'i.clients.private_key_jwt.private_keys.find((k) => k.alg === "EdDSA").pem_file')
RSA_KEY=$(info 'i.clients.private_key_jwt.private_keys.find((k) => k.kty === "RSA").pem_file')
if [ "$(info 'i.ciba_enabled')" = "true" ]; then
    for key in "$EC_KEY" "$ED_KEY"; do
        ciba_run approve --client-id "$BASIC_ID" --client-secret "$SECRET_BASIC" --scope "openid email" --dpop-key "$key"
        expect "ciba --dpop-key $(basename "$key") gives a DPoP-bound token" 0 'j.token_type' DPoP
        BOUND_AT=$(out 'j.access_token')
        cli userinfo $S --access-token "$BOUND_AT" --dpop-key "$key" --expected-subject alice
        expect "userinfo --dpop-key with the key of the earlier run" 0 'j.sub' alice 'j.email' "$ALICE_EMAIL"
        cli userinfo $S --access-token "$BOUND_AT"
        expect "userinfo: the DPoP-bound token sent as Bearer is refused" 4 'j.error.kind' server_error 'j.error.code' authentication_challenge
        cli userinfo $S --access-token "$BOUND_AT" --dpop
        expect "userinfo --dpop with a fresh key: the proof does not match the binding" 4 'j.error.kind' server_error
    done
fi
# --- a real refresh token from a file and from standard input ---------------------------------
# CIBA with offline_access gives alice a refresh token; each refresh rotates it.
if [ "$(info 'i.ciba_enabled')" = "true" ]; then
    ciba_run approve --client-id "$BASIC_ID" --client-secret "$SECRET_BASIC" --scope "openid offline_access"
    expect_present "ciba with offline_access gives a refresh token" 0 'j.refresh_token'
    printf '%s\n' "$(out 'j.refresh_token')" >"$KEYS/rt-real"
    cli refresh $S --client-id "$BASIC_ID" --client-secret "$SECRET_BASIC" --refresh-token-file "$KEYS/rt-real"
    expect_present "refresh --refresh-token-file with a real refresh token" 0 'j.access_token' 'j.refresh_token'
    [ "$(out 'j.refresh_token')" != "$(head -n 1 "$KEYS/rt-real")" ] || fail "refresh --refresh-token-file: the refresh token was not rotated"
    printf '%s\r\n' "$(out 'j.refresh_token')" >"$KEYS/rt-rotated"
    cli_stdin "$KEYS/rt-rotated" refresh $S --client-id "$BASIC_ID" --client-secret "$SECRET_BASIC" --refresh-token-file -
    expect_present "refresh --refresh-token-file - (standard input, CRLF) with the rotated token" 0 'j.access_token'
    cli refresh $S --client-id "$BASIC_ID" --client-secret "$SECRET_BASIC" --refresh-token-file "$KEYS/rt-real"
    expect "refresh --refresh-token-file with the token the rotation replaced" 4 'j.error.oauth_error' invalid_grant
fi
cli client-credentials $S --client-id "$BASIC_ID" --client-secret "$SECRET_BASIC" --scope api:read --dpop-key "$EC_KEY"
expect "client-credentials --dpop-key (P-256: ES256)" 0 'j.token_type' DPoP
cli client-credentials $S --client-id "$BASIC_ID" --client-secret "$SECRET_BASIC" --scope api:read --dpop-key "$ED_KEY" --dpop-alg ES256
expect "--dpop-alg that does not fit the --dpop-key is a usage error" 2 'j.error.kind' usage 'j.error.code' unsupported_algorithm
cli client-credentials $S --client-id "$BASIC_ID" --client-secret "$SECRET_BASIC" --scope api:read --dpop-key "$RSA_KEY"
# The RSA key signs PS256 proofs; the fixture's dpop_signing_alg_values_supported lacks PS256:
# refused before any token request, as a usage error.
expect "--dpop-key RSA (PS256) against a server without PS256 DPoP" 2 'j.error.kind' usage 'j.error.code' unsupported_algorithm
cli client-credentials $S --client-id "$BASIC_ID" --client-secret "$SECRET_BASIC" --dpop-key "$WORK/no-such-key.pem"
expect "unreadable --dpop-key" 2 'j.error.code' invalid_key

# --- encrypted responses: the decryption options are checked before any request ------------------
cli client-credentials $S --client-id "$BASIC_ID" --client-secret "$SECRET_BASIC" --scope api:read --decryption-key "$EC_KEY"
expect_present "--decryption-key alone: decrypt what comes encrypted, accept the rest" 0 'j.access_token'
cli client-credentials $S --client-id "$BASIC_ID" --client-secret "$SECRET_BASIC" --decryption-enc A256GCM
expect "--decryption-enc without a key or --decryption-alg is a usage error" 2 'j.error.kind' usage 'j.error.code' missing_option
cli client-credentials $S --client-id "$BASIC_ID" --client-secret "$SECRET_BASIC" --decryption-enc A512GCM --decryption-key "$EC_KEY"
expect "unknown --decryption-enc with a key alone" 2 'j.error.kind' usage 'j.error.code' unsupported_algorithm
cli client-credentials $S --client-id "$BASIC_ID" --client-secret "$SECRET_BASIC" --decryption-alg RSA1_5 --decryption-key "$RSA_KEY"
expect "--decryption-alg RSA1_5 is refused" 2 'j.error.kind' usage 'j.error.code' unsupported_algorithm
cli client-credentials $S --client-id "$BASIC_ID" --client-secret "$SECRET_BASIC" --decryption-alg RSA-OAEP-256 --decryption-key "$EC_KEY"
expect "--decryption-key that does not fit --decryption-alg" 2 'j.error.kind' usage 'j.error.code' invalid_key
cli client-credentials $S --client-id "$BASIC_ID" --client-secret "$SECRET_BASIC" --decryption-alg ECDH-ES --decryption-enc A512GCM --decryption-key "$EC_KEY"
expect "unknown --decryption-enc" 2 'j.error.kind' usage 'j.error.code' unsupported_algorithm
cli client-credentials $S --client-id "$BASIC_ID" --decryption-alg dir --decryption-enc A128GCM
expect "--decryption-alg dir without a client secret" 2 'j.error.kind' usage 'j.error.code' missing_option
cli client-credentials $S --client-id "$BASIC_ID" --client-secret "$SECRET_BASIC" --scope api:read --decryption-alg ECDH-ES --decryption-key "$EC_KEY"
expect_present "client-credentials with decryption configured (no JWT in the response)" 0 'j.access_token'

# --- an authorization response with both error and code: the error wins (exit 4) ---------------
# A "browser" that answers the redirect itself, with an error beside a code.
cat >"$WORK/browser.js" <<'JS'
const [issuer, url] = process.argv.slice(2);
const u = new URL(url);
const cb = new URL(u.searchParams.get('redirect_uri'));
cb.searchParams.set('code', 'a-code-beside-the-error');
cb.searchParams.set('error', 'access_denied');
cb.searchParams.set('error_description', 'the user said no');
cb.searchParams.set('state', u.searchParams.get('state'));
cb.searchParams.set('iss', issuer);
fetch(cb, { signal: AbortSignal.timeout(20000) }).catch(() => {});
JS
cli authorization-code $S --client-id "$PUBLIC_ID" --scope openid --browser "$NODE $WORK/browser.js $ISSUER" --flow-timeout 30
expect "authorization-code: an error beside a code is server_error" 4 'j.error.kind' server_error \
    'j.error.oauth_error' access_denied 'j.error.oauth_error_description' 'the user said no'

# --- the hybrid response type: usage errors, and a form POST without the ID Token --------------
cli authorization-code $S --client-id "$PUBLIC_ID" --scope openid --response-type token
expect "--response-type token is a usage error" 2 'j.error.kind' usage 'j.error.code' invalid_argument
cli authorization-code $S --client-id "$PUBLIC_ID" --scope openid --response-type "code id_token" --response-mode jwt
expect "--response-type code id_token with --response-mode jwt" 2 'j.error.kind' usage 'j.error.code' invalid_argument
cli authorization-code $S --client-id "$PUBLIC_ID" --scope profile --response-type "code id_token"
expect "--response-type code id_token without openid" 2 'j.error.kind' usage 'j.error.code' invalid_argument
cli authorization-code $S --client-id "$PUBLIC_ID" --scope openid --response-type "code id_token" --profile fapi2
expect "--response-type code id_token under --profile fapi2" 2 'j.error.kind' usage 'j.error.code' profile_violation
cat >"$WORK/formpost.js" <<'JS'
// A "browser" that form-posts a hybrid response without its ID Token to the loopback listener.
const [issuer, url] = process.argv.slice(2);
const u = new URL(url);
if (u.searchParams.get('response_mode') !== 'form_post' || u.searchParams.get('response_type') !== 'code id_token') {
  console.error('unexpected authorization request', url);
  process.exit(1);
}
const body = new URLSearchParams({ code: 'a-code', state: u.searchParams.get('state'), iss: issuer });
fetch(u.searchParams.get('redirect_uri'), { method: 'POST', body, signal: AbortSignal.timeout(20000) }).catch(() => {});
JS
cli authorization-code $S --client-id "$PUBLIC_ID" --scope openid --response-type "code id_token" \
    --browser "$NODE $WORK/formpost.js $ISSUER" --flow-timeout 30
expect "authorization-code: a hybrid response without id_token is invalid" 5 'j.error.kind' invalid_response \
    'j.error.code' missing_member

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

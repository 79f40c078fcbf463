#!/bin/sh
# SPDX-License-Identifier: BSD-3-Clause
# oauth4qt-cli against the oidc-provider fixture started with --dpop-nonce: the server demands a
# DPoP nonce (RFC 9449 section 8) at the token endpoint and at UserInfo, so every DPoP request
# first meets `use_dpop_nonce` and must be retried once with the server's nonce. Covers the
# grants and the UserInfo request of the CLI contract that carry DPoP proofs.
#   cli_dpop_nonce_test.sh CLI PEER_INFO_FILE   (the info file of the --dpop-nonce fixture)
# Needs node (NODE=/path/to/node, default: node on PATH) to read JSON.
set -u

CLI=${1:?usage: cli_dpop_nonce_test.sh CLI PEER_INFO_FILE}
INFO=${2:?usage: cli_dpop_nonce_test.sh CLI PEER_INFO_FILE}
. "$(dirname "$0")/cli_test_lib.sh"

ISSUER=$(info 'i.issuer')
BASIC_ID=$(info 'i.clients.basic.client_id'); SECRET_BASIC=$(info 'i.clients.basic.client_secret')
PUBLIC_ID=$(info 'i.clients.public.client_id')
EC_KEY=$(info 'i.clients.private_key_jwt.private_keys.find((k) => k.alg === "ES256").pem_file')
ED_KEY=$(info 'i.clients.private_key_jwt.private_keys.find((k) => k.alg === "EdDSA").pem_file')
[ -n "$ISSUER" ] && [ -n "$SECRET_BASIC" ] && [ -r "$EC_KEY" ] && [ -r "$ED_KEY" ] \
    || { echo "not ok - the peer info file lacks issuer, clients or keys"; exit 1; }
S="--issuer $ISSUER --allow-insecure-http"
# A test that passes without the nonce demand proves nothing: the fixture must require it.
if [ "$(info 'i.dpop_nonce_required')" = "true" ]; then pass "the fixture requires DPoP nonces"
else fail "the fixture does not require DPoP nonces (start it with --dpop-nonce)"; fi

# nonce_demanded ENDPOINT [ACCESS_TOKEN KEY_FILE]: exit 0 when the fixture answers a DPoP proof
# without a nonce the way RFC 9449 section 8 says: `use_dpop_nonce` (400 JSON at the token
# endpoint; 401 WWW-Authenticate at UserInfo) with a DPoP-Nonce header. The token endpoint gets a
# client credentials grant with a fresh key; UserInfo gets ACCESS_TOKEN with a proof by KEY_FILE.
cat >"$WORK/nonce-demanded.mjs" <<'JS'
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createHash, createPrivateKey, createPublicKey, randomUUID } from 'node:crypto';
const [infoFile, which, accessToken, keyFile] = process.argv.slice(2);
const i = JSON.parse(readFileSync(infoFile, 'utf8'));
const jose = await import(createRequire(i.keys_dir + '/../package.json').resolve('jose'));
const m = await (await fetch(i.issuer + '/.well-known/openid-configuration')).json();
let key, alg;
if (keyFile) {
  key = createPrivateKey(readFileSync(keyFile));
  alg = key.asymmetricKeyType === 'ed25519' ? 'EdDSA' : 'ES256';
} else {
  ({ privateKey: key } = await jose.generateKeyPair('ES256', { extractable: true }));
  alg = 'ES256';
}
const jwk = await jose.exportJWK(keyFile ? createPublicKey(key) : key);
for (const p of ['d', 'p', 'q', 'dp', 'dq', 'qi']) delete jwk[p];
const url = which === 'userinfo' ? m.userinfo_endpoint : m.token_endpoint;
const method = which === 'userinfo' ? 'GET' : 'POST';
const claims = { htm: method, htu: url, jti: randomUUID() };
if (accessToken) claims.ath = createHash('sha256').update(accessToken).digest('base64url');
const proof = await new jose.SignJWT(claims).setProtectedHeader({ alg, typ: 'dpop+jwt', jwk }).setIssuedAt().sign(key);
const headers = { dpop: proof };
let body;
if (which === 'userinfo') {
  headers.authorization = `DPoP ${accessToken}`;
} else {
  const c = i.clients.basic;
  headers.authorization = 'Basic ' + Buffer.from(`${encodeURIComponent(c.client_id)}:${encodeURIComponent(c.client_secret)}`).toString('base64');
  headers['content-type'] = 'application/x-www-form-urlencoded';
  body = 'grant_type=client_credentials';
}
const r = await fetch(url, { method, headers, body, signal: AbortSignal.timeout(20000) });
const nonce = r.headers.get('dpop-nonce');
const ok = which === 'userinfo'
  ? r.status === 401 && /^DPoP .*error="use_dpop_nonce"/.test(r.headers.get('www-authenticate') || '')
  : r.status === 400 && (await r.json()).error === 'use_dpop_nonce';
process.exit(ok && nonce ? 0 : 1);
JS
nonce_demanded() { timeout -k 5 30 "$NODE" "$WORK/nonce-demanded.mjs" "$INFO" "$@" >/dev/null 2>"$WORK/nonce-demanded.err"; }
if nonce_demanded token; then pass "token endpoint: a proof without a nonce is refused with use_dpop_nonce and a DPoP-Nonce header"
else fail "token endpoint: the fixture did not refuse a proof without a nonce as RFC 9449 says: $(head -c 300 "$WORK/nonce-demanded.err")"; fi

# --- token endpoint: client credentials with a fresh key and with a kept key ---------------------
cli client-credentials $S --client-id "$BASIC_ID" --client-secret "$SECRET_BASIC" --scope api:read --dpop
expect "client-credentials --dpop: the nonce is fetched and the grant retried once" 0 'j.token_type' DPoP
cli client-credentials $S --client-id "$BASIC_ID" --client-secret "$SECRET_BASIC" --scope api:read --dpop --dpop-alg EdDSA
expect "client-credentials --dpop --dpop-alg EdDSA" 0 'j.token_type' DPoP
cli client-credentials $S --client-id "$BASIC_ID" --client-secret "$SECRET_BASIC" --scope api:read --dpop-key "$EC_KEY"
expect "client-credentials --dpop-key (P-256)" 0 'j.token_type' DPoP

# --- device grant with DPoP: the nonce at the device token polls --------------------------------
fresh_output
timeout -k 5 90 "$CLI" device $S --client-id "$PUBLIC_ID" --scope "openid email" --dpop >"$OUT" 2>"$ERR" </dev/null &
pid=$!
if wait_for "$ERR" "enter the code"; then
    code=$(sed -n 's/.*enter the code \([^ ]*\).*/\1/p' "$ERR" | head -n 1)
    post "/device/approve?user_code=$(printf %s "$code" | sed 's/ /%20/g')" || fail "device: the fixture did not approve $code"
else
    fail "device --dpop: no user code on stderr"
fi
wait "$pid"; STATUS=$?
one_object || fail "device --dpop: stdout is not exactly one JSON object"
expect "device --dpop: approved -> a DPoP-bound token and validated ID Token claims" 0 'j.token_type' DPoP 'j.id_token_claims.sub' alice

# --- CIBA, then UserInfo and refresh with the same kept key: the nonce at UserInfo too ------------
if [ "$(info 'i.ciba_enabled')" = "true" ]; then
    for key in "$EC_KEY" "$ED_KEY"; do
        kn=$(basename "$key")
        ciba_run approve --client-id "$BASIC_ID" --client-secret "$SECRET_BASIC" --scope "openid email offline_access" --dpop-key "$key"
        expect_present "ciba --dpop-key $kn: tokens" 0 'j.access_token' 'j.refresh_token'
        expect "ciba --dpop-key $kn: the access token is DPoP-bound" 0 'j.token_type' DPoP
        BOUND_AT=$(out 'j.access_token')
        RT=$(out 'j.refresh_token')
        if nonce_demanded userinfo "$BOUND_AT" "$key"; then pass "UserInfo: a proof by $kn without a nonce is refused with use_dpop_nonce and a DPoP-Nonce header"
        else fail "UserInfo: the fixture did not demand a nonce: $(head -c 300 "$WORK/nonce-demanded.err")"; fi
        cli userinfo $S --access-token "$BOUND_AT" --dpop-key "$key" --expected-subject alice
        expect "userinfo --dpop-key $kn: the resource server's nonce is fetched and the request retried once" 0 'j.sub' alice
        cli userinfo $S --access-token "$BOUND_AT"
        expect "userinfo: the DPoP-bound token sent as Bearer is refused" 4 'j.error.kind' server_error 'j.error.code' authentication_challenge
        cli userinfo $S --access-token "$BOUND_AT" --dpop
        expect "userinfo --dpop with another key: refused after the nonce retry" 4 'j.error.kind' server_error
        cli refresh $S --client-id "$BASIC_ID" --client-secret "$SECRET_BASIC" --refresh-token "$RT" --dpop-key "$key"
        expect "refresh --dpop-key $kn: a new DPoP-bound access token" 0 'j.token_type' DPoP
        for t in "$BOUND_AT" "$RT"; do
            if grep -qF -- "$t" "$ERR"; then fail "a token appears on stderr"; fi
        done
    done
else
    fail "ciba: the fixture runs without CIBA"
fi

echo "1..$COUNT"
[ "$FAILURES" -eq 0 ] || { echo "# $FAILURES of $COUNT failed"; exit 1; }
exit 0

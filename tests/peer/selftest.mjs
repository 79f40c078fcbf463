#!/usr/bin/env node
// Proves the oidc-provider fixture with an independent client (oauth4webapi).
//   node selftest.mjs --info peer-info.json
// Prints one "OK ..." line per check; exits non-zero on the first failure.

import * as fs from 'node:fs';
import * as crypto from 'node:crypto';
import * as oauth from 'oauth4webapi';
import * as jose from 'jose';

const args = process.argv.slice(2);
const infoIdx = args.indexOf('--info');
const infoFile = infoIdx >= 0 ? args[infoIdx + 1] : process.env.OAUTH4QT_PEER_INFO_FILE;
if (!infoFile) {
  console.error('usage: selftest.mjs --info FILE (or OAUTH4QT_PEER_INFO_FILE)');
  process.exit(2);
}
const info = JSON.parse(fs.readFileSync(infoFile, 'utf8'));
const insecure = { [oauth.allowInsecureRequests]: true };
const issuer = new URL(info.issuer);
const C = info.clients;

// Every request has a deadline.
const deadlineFetch = (url, init = {}) => fetch(url, { ...init, signal: AbortSignal.timeout(15000) });
const opt = (o = {}) => ({ ...insecure, [oauth.customFetch]: deadlineFetch, ...o });

function check(cond, what) {
  if (!cond) throw new Error(`check failed: ${what}`);
}
let count = 0;
function ok(what) {
  count += 1;
  console.log(`OK ${what}`);
}

async function testPost(path, params) {
  const u = new URL(`${info.test_base_url}${path}`);
  for (const [k, v] of Object.entries(params)) u.searchParams.set(k, v);
  const r = await deadlineFetch(u, { method: 'POST' });
  const body = await r.json();
  check(r.ok, `${path} -> ${r.status} ${JSON.stringify(body)}`);
  return body;
}

async function pemKey(file, alg) {
  const key = await jose.importPKCS8(fs.readFileSync(file, 'utf8'), alg);
  return key;
}

// Follows the authorization redirects (interactions auto-complete) with a tiny cookie jar
// until the redirect to the client's callback; returns that URL.
async function runAuthorization(authUrl, redirectPrefix, jar = new Map()) {
  let url = authUrl;
  for (let i = 0; i < 12; i += 1) {
    const cookie = [...jar.entries()].map(([k, v]) => `${k}=${v}`).join('; ');
    const r = await deadlineFetch(url, { redirect: 'manual', headers: cookie ? { cookie } : {} });
    for (const sc of r.headers.getSetCookie()) {
      const [pair, ...attrs] = sc.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attrs.some((a) => /^\s*expires=Thu, 01 Jan 1970/i.test(a) || /^\s*max-age=0\s*$/i.test(a));
      if (expired || value === '') jar.delete(name); else jar.set(name, value);
    }
    await r.arrayBuffer();
    const loc = r.headers.get('location');
    check(r.status >= 300 && r.status < 400 && loc, `redirect expected at ${url} (got ${r.status})`);
    const next = new URL(loc, url);
    if (next.href.startsWith(redirectPrefix)) return next;
    url = next;
  }
  throw new Error('too many redirects');
}

async function main() {
  // ---- discovery
  const as = await oauth.processDiscoveryResponse(issuer, await oauth.discoveryRequest(issuer, opt({ algorithm: 'oidc' })));
  check(as.issuer === info.issuer, 'issuer');
  for (const m of ['client_secret_basic', 'client_secret_post', 'client_secret_jwt', 'private_key_jwt', 'none']) {
    check(as.token_endpoint_auth_methods_supported.includes(m), `auth method ${m}`);
  }
  ok(`discovery ${as.issuer}`);

  const ecKey = info.clients.private_key_jwt.private_keys.find((k) => k.kty === 'EC');
  const rsaKey = info.clients.private_key_jwt.private_keys.find((k) => k.kty === 'RSA');
  const auths = {
    basic: oauth.ClientSecretBasic(C.basic.client_secret),
    post: oauth.ClientSecretPost(C.post.client_secret),
    secret_jwt: oauth.ClientSecretJwt(C.secret_jwt.client_secret),
    private_key_jwt_es256: oauth.PrivateKeyJwt({ key: await pemKey(ecKey.pem_file, 'ES256'), kid: ecKey.kid }),
    private_key_jwt_rs256: oauth.PrivateKeyJwt({ key: await pemKey(rsaKey.pem_file, 'RS256'), kid: rsaKey.kid }),
  };
  const clientFor = (name) => ({ client_id: C[name.startsWith('private_key_jwt') ? 'private_key_jwt' : name].client_id });

  // ---- client_credentials with each auth method (JWT access token for the API resource)
  for (const [name, auth] of Object.entries(auths)) {
    const client = clientFor(name);
    const res = await oauth.processClientCredentialsResponse(as, client,
      await oauth.clientCredentialsGrantRequest(as, client, auth, { scope: 'api:read', resource: info.resource }, opt()));
    check(res.token_type.toLowerCase() === 'bearer' && res.access_token, 'access token');
    const claims = jose.decodeJwt(res.access_token);
    check(claims.aud === info.resource && claims.scope === 'api:read', `jwt at claims ${JSON.stringify(claims)}`);
    ok(`client_credentials ${name}`);
  }

  // ---- opaque client_credentials token, introspection (JSON and JWT), revocation
  {
    const client = clientFor('basic');
    const cc = await oauth.processClientCredentialsResponse(as, client,
      await oauth.clientCredentialsGrantRequest(as, client, auths.basic, {}, opt()));
    const intro = await oauth.processIntrospectionResponse(as, client,
      await oauth.introspectionRequest(as, client, auths.basic, cc.access_token, opt()));
    check(intro.active === true && intro.client_id === C.basic.client_id, 'introspection active');
    ok('introspection (JSON)');

    const signed = { client_id: C.signed.client_id, introspection_signed_response_alg: 'ES256' };
    const signedAuth = oauth.ClientSecretBasic(C.signed.client_secret);
    const cc2 = await oauth.processClientCredentialsResponse(as, signed,
      await oauth.clientCredentialsGrantRequest(as, signed, signedAuth, {}, opt()));
    const intro2 = await oauth.processIntrospectionResponse(as, signed,
      await oauth.introspectionRequest(as, signed, signedAuth, cc2.access_token, opt({ requestJwtResponse: true })));
    check(intro2.active === true, 'jwt introspection active');
    ok('introspection (JWT response)');

    await oauth.processRevocationResponse(await oauth.revocationRequest(as, client, auths.basic, cc.access_token, opt()));
    const intro3 = await oauth.processIntrospectionResponse(as, client,
      await oauth.introspectionRequest(as, client, auths.basic, cc.access_token, opt()));
    check(intro3.active === false, 'revoked token inactive');
    ok('revocation');
  }

  // ---- token exchange and JWT bearer
  {
    const client = clientFor('basic');
    const subject = await oauth.processClientCredentialsResponse(as, client,
      await oauth.clientCredentialsGrantRequest(as, client, auths.basic, {}, opt()));
    const tx = await oauth.processGenericTokenEndpointResponse(as, client,
      await oauth.genericTokenEndpointRequest(as, client, auths.basic, 'urn:ietf:params:oauth:grant-type:token-exchange', {
        subject_token: subject.access_token,
        subject_token_type: 'urn:ietf:params:oauth:token-type:access_token',
        resource: info.resource,
        scope: 'api:read',
      }, opt()));
    check(tx.issued_token_type === 'urn:ietf:params:oauth:token-type:access_token' && tx.access_token, 'token exchange');
    ok('token exchange');

    let rejected = false;
    try {
      await oauth.processGenericTokenEndpointResponse(as, client,
        await oauth.genericTokenEndpointRequest(as, client, auths.basic, 'urn:ietf:params:oauth:grant-type:token-exchange', {
          subject_token: 'not-a-token-we-issued',
          subject_token_type: 'urn:ietf:params:oauth:token-type:access_token',
        }, opt()));
    } catch (e) {
      rejected = e instanceof oauth.ResponseBodyError && e.error === 'invalid_grant';
    }
    check(rejected, 'token exchange with a foreign token is rejected');
    ok('token exchange rejects unknown subject_token');

    const pk = await pemKey(ecKey.pem_file, 'ES256');
    const assertion = await new jose.SignJWT({})
      .setProtectedHeader({ alg: 'ES256', kid: ecKey.kid })
      .setIssuer(C.private_key_jwt.client_id).setSubject('alice').setAudience(info.issuer)
      .setIssuedAt().setExpirationTime('2m').setJti(crypto.randomUUID())
      .sign(pk);
    const jb = await oauth.processGenericTokenEndpointResponse(as, client,
      await oauth.genericTokenEndpointRequest(as, client, auths.basic, 'urn:ietf:params:oauth:grant-type:jwt-bearer', {
        assertion,
        scope: 'api:read',
      }, opt()));
    check(jb.access_token, 'jwt bearer');
    ok('jwt-bearer grant');
  }

  // ---- authorization code + PKCE (public native client, any loopback port), refresh, userinfo
  {
    const client = { client_id: C.public.client_id };
    const redirectUri = 'http://127.0.0.1:54321/callback';
    const verifier = oauth.generateRandomCodeVerifier();
    const state = oauth.generateRandomState();
    const nonce = oauth.generateRandomNonce();
    const authUrl = new URL(as.authorization_endpoint);
    authUrl.search = new URLSearchParams({
      client_id: client.client_id,
      redirect_uri: redirectUri,
      response_type: 'code',
      scope: 'openid profile email offline_access',
      prompt: 'consent',
      state,
      nonce,
      code_challenge: await oauth.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
    }).toString();
    const cb = await runAuthorization(authUrl, 'http://127.0.0.1:54321/callback');
    const params = oauth.validateAuthResponse(as, client, cb, state);
    const tokens = await oauth.processAuthorizationCodeResponse(as, client,
      await oauth.authorizationCodeGrantRequest(as, client, oauth.None(), params, redirectUri, verifier, opt()),
      { expectedNonce: nonce, requireIdToken: true });
    const idc = oauth.getValidatedIdTokenClaims(tokens);
    check(idc.sub === 'alice' && tokens.refresh_token, 'id token sub + refresh token');
    ok('authorization_code + PKCE (native, loopback any port)');

    const ui = await oauth.processUserInfoResponse(as, client, 'alice',
      await oauth.userInfoRequest(as, client, tokens.access_token, opt()));
    check(ui.email === info.accounts.alice.email, 'userinfo email');
    ok('userinfo');

    const refreshed = await oauth.processRefreshTokenResponse(as, client,
      await oauth.refreshTokenGrantRequest(as, client, oauth.None(), tokens.refresh_token, opt()));
    check(refreshed.access_token && refreshed.refresh_token && refreshed.refresh_token !== tokens.refresh_token,
      'rotated refresh token');
    ok('refresh_token (rotation)');

    // Denied login.
    authUrl.searchParams.set('login_hint', 'deny');
    authUrl.searchParams.set('state', 'deny-state');
    const denied = await runAuthorization(authUrl, 'http://127.0.0.1:54321/callback');
    check(denied.searchParams.get('error') === 'access_denied', 'access_denied');
    ok('login_hint=deny -> access_denied');
  }

  // ---- confidential web client, ES256 ID token, JARM
  {
    const client = { client_id: C.signed.client_id, id_token_signed_response_alg: 'ES256', authorization_signed_response_alg: 'ES256' };
    const auth = oauth.ClientSecretBasic(C.signed.client_secret);
    const state = oauth.generateRandomState();
    const verifier = oauth.generateRandomCodeVerifier();
    const authUrl = new URL(as.authorization_endpoint);
    authUrl.search = new URLSearchParams({
      client_id: client.client_id,
      redirect_uri: 'http://127.0.0.1/callback',
      response_type: 'code',
      response_mode: 'jwt',
      scope: 'openid email',
      state,
      code_challenge: await oauth.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
    }).toString();
    const cb = await runAuthorization(authUrl, 'http://127.0.0.1/callback');
    const params = await oauth.validateJwtAuthResponse(as, client, cb, state, opt());
    const tokens = await oauth.processAuthorizationCodeResponse(as, client,
      await oauth.authorizationCodeGrantRequest(as, client, auth, params, 'http://127.0.0.1/callback', verifier, opt()));
    const header = jose.decodeProtectedHeader(tokens.id_token);
    check(header.alg === 'ES256', 'ES256 id token');
    ok('authorization_code (JARM, ES256 ID token)');
  }

  // ---- PAR carrying a signed request object (JAR), private_key_jwt client, [::1] redirect rejected for web
  {
    const client = { client_id: C.private_key_jwt.client_id };
    const auth = auths.private_key_jwt_es256;
    const state = oauth.generateRandomState();
    const verifier = oauth.generateRandomCodeVerifier();
    const params = new URLSearchParams({
      client_id: client.client_id,
      redirect_uri: 'http://127.0.0.1/callback',
      response_type: 'code',
      scope: 'openid profile api:read',
      resource: info.resource,
      state,
      code_challenge: await oauth.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
    });
    const request = await oauth.issueRequestObject(as, client, params,
      { key: await pemKey(ecKey.pem_file, 'ES256'), kid: ecKey.kid });
    const par = await oauth.processPushedAuthorizationResponse(as, client,
      await oauth.pushedAuthorizationRequest(as, client, auth, new URLSearchParams({ client_id: client.client_id, request }), opt()));
    const authUrl = new URL(as.authorization_endpoint);
    authUrl.searchParams.set('client_id', client.client_id);
    authUrl.searchParams.set('request_uri', par.request_uri);
    const cb = await runAuthorization(authUrl, 'http://127.0.0.1/callback');
    const got = oauth.validateAuthResponse(as, client, cb, state);
    const tokens = await oauth.processAuthorizationCodeResponse(as, client,
      await oauth.authorizationCodeGrantRequest(as, client, auth, got, 'http://127.0.0.1/callback', verifier,
        opt({ additionalParameters: { resource: info.resource } })));
    const at = jose.decodeJwt(tokens.access_token);
    check(at.aud === info.resource && at.sub === 'alice' && at.scope === 'api:read', `resource-bound JWT access token ${JSON.stringify(at)}`);
    ok('PAR + signed request object (JAR) + resource indicator, private_key_jwt');
  }

  // ---- device flow approved through the test endpoint
  {
    const client = { client_id: C.public.client_id };
    const da = await oauth.processDeviceAuthorizationResponse(as, client,
      await oauth.deviceAuthorizationRequest(as, client, oauth.None(), { scope: 'openid offline_access' }, opt()));
    let pending = false;
    try {
      await oauth.processDeviceCodeResponse(as, client,
        await oauth.deviceCodeGrantRequest(as, client, oauth.None(), da.device_code, opt()));
    } catch (e) {
      pending = e instanceof oauth.ResponseBodyError && e.error === 'authorization_pending';
    }
    check(pending, 'authorization_pending before approval');
    await testPost('/device/approve', { user_code: da.user_code });
    const tokens = await oauth.processDeviceCodeResponse(as, client,
      await oauth.deviceCodeGrantRequest(as, client, oauth.None(), da.device_code, opt()));
    check(oauth.getValidatedIdTokenClaims(tokens).sub === 'alice' && tokens.refresh_token, 'device tokens');
    ok('device flow (approved)');

    const da2 = await oauth.processDeviceAuthorizationResponse(as, client,
      await oauth.deviceAuthorizationRequest(as, client, oauth.None(), { scope: 'openid' }, opt()));
    await testPost('/device/deny', { user_code: da2.user_code });
    let denied = false;
    try {
      await oauth.processDeviceCodeResponse(as, client,
        await oauth.deviceCodeGrantRequest(as, client, oauth.None(), da2.device_code, opt()));
    } catch (e) {
      denied = e instanceof oauth.ResponseBodyError && e.error === 'access_denied';
    }
    check(denied, 'device denied');
    ok('device flow (denied)');
  }

  // ---- CIBA
  if (info.ciba_enabled) {
    const client = clientFor('basic');
    const br = await oauth.processBackchannelAuthenticationResponse(as, client,
      await oauth.backchannelAuthenticationRequest(as, client, auths.basic,
        { scope: 'openid email', login_hint: 'bob', binding_message: 'W4SCT' }, opt()));
    await testPost('/ciba/approve', { auth_req_id: br.auth_req_id });
    const tokens = await oauth.processBackchannelAuthenticationGrantResponse(as, client,
      await oauth.backchannelAuthenticationGrantRequest(as, client, auths.basic, br.auth_req_id, opt()));
    check(oauth.getValidatedIdTokenClaims(tokens).sub === 'bob', 'ciba sub');
    ok('CIBA poll (approved)');

    const br2 = await oauth.processBackchannelAuthenticationResponse(as, client,
      await oauth.backchannelAuthenticationRequest(as, client, auths.basic, { scope: 'openid', login_hint: 'alice' }, opt()));
    await testPost('/ciba/deny', { login_hint: 'alice' });
    let denied = false;
    try {
      await oauth.processBackchannelAuthenticationGrantResponse(as, client,
        await oauth.backchannelAuthenticationGrantRequest(as, client, auths.basic, br2.auth_req_id, opt()));
    } catch (e) {
      denied = e instanceof oauth.ResponseBodyError && e.error === 'access_denied';
    }
    check(denied, 'ciba denied');
    ok('CIBA poll (denied)');
  }

  // ---- DPoP-bound client_credentials (handles the nonce challenge when required)
  {
    const client = clientFor('basic');
    const dpop = oauth.DPoP(client, await oauth.generateKeyPair('ES256'));
    const req = () => oauth.clientCredentialsGrantRequest(as, client, auths.basic, {}, opt({ DPoP: dpop }));
    let res;
    let challenged = false;
    try {
      res = await oauth.processClientCredentialsResponse(as, client, await req());
    } catch (e) {
      check(oauth.isDPoPNonceError(e), `DPoP error ${e}`);
      challenged = true;
      res = await oauth.processClientCredentialsResponse(as, client, await req());
    }
    check(challenged === info.dpop_nonce_required, 'use_dpop_nonce challenge iff the fixture requires nonces');
    check(res.token_type.toLowerCase() === 'dpop', 'DPoP token type');
    ok(`DPoP client_credentials (nonce ${info.dpop_nonce_required ? 'required' : 'not required'})`);
  }

  // ---- dynamic registration with the initial access token
  {
    const reg = await oauth.processDynamicClientRegistrationResponse(
      await oauth.dynamicClientRegistrationRequest(as, {
        redirect_uris: ['http://127.0.0.1/callback'],
        grant_types: ['client_credentials'],
        response_types: [],
        token_endpoint_auth_method: 'client_secret_basic',
      }, opt({ initialAccessToken: info.initial_access_token })));
    check(reg.client_id && reg.client_secret, 'registered client');
    const client = { client_id: reg.client_id };
    await oauth.processClientCredentialsResponse(as, client,
      await oauth.clientCredentialsGrantRequest(as, client, oauth.ClientSecretBasic(reg.client_secret), {}, opt()));
    ok('dynamic client registration');
  }

  // ---- key rotation: new kid at jwks_uri and on new ID tokens
  {
    const before = await (await deadlineFetch(`${info.test_base_url}/stats`)).json();
    const rotated = await testPost('/rotate-keys', {});
    const jwks = await (await deadlineFetch(as.jwks_uri)).json();
    for (const kid of rotated.kids) check(jwks.keys.some((k) => k.kid === kid), `kid ${kid} served`);
    const after = await (await deadlineFetch(`${info.test_base_url}/stats`)).json();
    check(after.jwks_requests === before.jwks_requests + 1, 'jwks request counted');

    const client = { client_id: C.public.client_id };
    const da = await oauth.processDeviceAuthorizationResponse(as, client,
      await oauth.deviceAuthorizationRequest(as, client, oauth.None(), { scope: 'openid' }, opt()));
    await testPost('/device/approve', { user_code: da.user_code });
    const tokens = await oauth.processDeviceCodeResponse(as, client,
      await oauth.deviceCodeGrantRequest(as, client, oauth.None(), da.device_code, opt()));
    const { kid } = jose.decodeProtectedHeader(tokens.id_token);
    check(rotated.kids.includes(kid), `new ID token signed with a rotated key (${kid})`);
    ok('key rotation (jwks + new ID tokens), jwks fetch counter');
  }

  console.log(`selftest: ${count} checks passed`);
}

main().catch((err) => {
  console.error('FAIL', err?.stack || err);
  if (err?.cause) console.error('cause', JSON.stringify(err.cause));
  process.exit(1);
});

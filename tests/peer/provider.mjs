#!/usr/bin/env node
// oauth4qt integration-test authorization server: oidc-provider 9 on loopback, plain HTTP.
//
//   node_modules/.bin/node provider.mjs --info FILE [--port N] [--pid FILE] [--dpop-nonce] [--no-ciba]
//
// Runs with Node 22 (tests/peer/node_modules/.bin/node); start.sh / stop.sh wrap it.
// Once listening it writes the info file (see README.md in this folder for its schema).
// Interactions complete without any HTML: logging in as `alice` (or the account named by
// login_hint) and granting everything requested; login_hint=deny ends with access_denied.
// Test-control endpoints live under /__test/ (see README.md).

import * as http from 'node:http';
import * as https from 'node:https';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

import Provider, { errors } from 'oidc-provider';
// oidc-provider's default in-memory adapter gives each Provider instance its own store of at most
// about 2,000 records (lib/helpers/initialize_adapter.js: createMemoryAdapter), whatever
// setStorage() says. Suites that share one fixture (the session soak alone refreshes thousands of
// times) evicted each other's device codes, CIBA requests and grants, which then failed as
// invalid_grant; and /__test/rotate-keys, which makes a new Provider, lost every record. One store,
// large enough for a whole test run, shared by every Provider instance this process makes (as a
// real deployment's database outlives a key rotation). Records still expire by their TTL.
import LRU from 'oidc-provider/lib/helpers/lru.js';
import MemoryAdapter from 'oidc-provider/lib/adapters/memory_adapter.js';

const STORE = new LRU({ maxSize: 1000000 });
const adapterFactory = (model) => new MemoryAdapter(model, STORE);
import * as jose from 'jose';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const KEYS_DIR = path.join(HERE, 'keys');
// Mutual TLS (RFC 8705): a second, https listener for the mtls_endpoint_aliases, with the test
// server certificate (127.0.0.1, self-signed) and the test client certificate of tests/common/data.
const TLS_DIR = path.join(HERE, '..', 'common', 'data');
const TLS_SERVER_KEY = fs.readFileSync(path.join(TLS_DIR, 'testserver.key'));
const TLS_SERVER_CERT = fs.readFileSync(path.join(TLS_DIR, 'testserver.crt'));
const TLS_CLIENT_CERT = new crypto.X509Certificate(fs.readFileSync(path.join(TLS_DIR, 'testclient.crt')));

// ---------------------------------------------------------------- options
function parseArgs(argv) {
  const opts = {
    port: 0, info: undefined, pid: undefined, dpopNonce: false, ciba: true, quiet: false, maxLifetime: 0,
    mountPath: '',
  };
  for (let i = 0; i < argv.length; i += 1) {
    const a = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) throw new Error(`${a} needs a value`);
      i += 1;
      return argv[i];
    };
    switch (a) {
      case '--port': opts.port = Number.parseInt(value(), 10); break;
      case '--info': opts.info = path.resolve(value()); break;
      case '--pid': opts.pid = path.resolve(value()); break;
      case '--dpop-nonce': opts.dpopNonce = true; break;
      case '--ciba': opts.ciba = true; break;
      case '--no-ciba': opts.ciba = false; break;
      case '--quiet': opts.quiet = true; break;
      // Exit by itself after N seconds (0: never), so an aborted test run leaves no server behind.
      case '--max-lifetime': opts.maxLifetime = Number.parseInt(value(), 10); break;
      // Serve under a path (a Keycloak-like issuer such as http://127.0.0.1:PORT/realms/oauth4qt):
      // the issuer, every endpoint and the test-control endpoints are below it; nothing else is served.
      case '--mount-path': opts.mountPath = value(); break;
      case '-h': case '--help':
        console.log('usage: provider.mjs --info FILE [--port N] [--pid FILE] [--dpop-nonce] [--no-ciba] [--quiet] [--max-lifetime S] [--mount-path /P]');
        process.exit(0);
        break;
      default: throw new Error(`unknown argument: ${a}`);
    }
  }
  if (!Number.isInteger(opts.port) || opts.port < 0 || opts.port > 65535) throw new Error('bad --port');
  if (!Number.isInteger(opts.maxLifetime) || opts.maxLifetime < 0) throw new Error('bad --max-lifetime');
  if (opts.mountPath !== '' && !/^(\/[A-Za-z0-9._~-]+)+$/.test(opts.mountPath)) throw new Error('bad --mount-path');
  return opts;
}

const opts = parseArgs(process.argv.slice(2));
const log = (...args) => { if (!opts.quiet) console.log(new Date().toISOString(), ...args); };

// ---------------------------------------------------------------- constants
const RESOURCE_JWT = 'https://api.example.test';
const RESOURCE_OPAQUE = 'https://opaque.example.test';
// JWT access tokens for this resource carry a padding claim that makes the token response about
// 96 % of oauth4qt's default 1 MiB response cap (P10: large tokens near the caps).
const RESOURCE_LARGE = 'https://large.example.test';
const LARGE_PADDING = 740 * 1024;
const API_SCOPES = 'api:read api:write';
const SCOPES = ['openid', 'profile', 'email', 'offline_access', 'api:read', 'api:write'];
const CLIENT_SCOPE = SCOPES.join(' ');
const INITIAL_ACCESS_TOKEN = 'oauth4qt-initial-access-token-6c1f0e0a';
const GT_TOKEN_EXCHANGE = 'urn:ietf:params:oauth:grant-type:token-exchange';
const GT_JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
const GT_DEVICE = 'urn:ietf:params:oauth:grant-type:device_code';
const GT_CIBA = 'urn:openid:params:grant-type:ciba';
const TT_ACCESS = 'urn:ietf:params:oauth:token-type:access_token';
const TT_REFRESH = 'urn:ietf:params:oauth:token-type:refresh_token';
const TT_ID = 'urn:ietf:params:oauth:token-type:id_token';
const TT_JWT = 'urn:ietf:params:oauth:token-type:jwt';

// Secrets are VSCHAR (%x20-7E, RFC 6749 Appendix A): oidc-provider rejects anything else, so
// the Appendix B form-encoding test uses the reserved characters ':' '%' '+' ' ' '&' '=' '/'.
const SECRET_BASIC = 'basic:s3cr%et+ &=/~!';
const SECRET_POST = 'post-s3cret+%:= &';
const SECRET_JWT = 'client-secret-jwt-0123456789abcdefghijklmnopqrstuvwxyz-HS256-key!';
const SECRET_SIGNED = 'signed-client-secret-0123456789';
const SECRET_EDDSA = 'eddsa-client-secret-0123456789';
const SECRET_SOAK = 'soak-client-secret-0123456789';
const SECRET_ENCRYPTED = 'encrypted-client-secret-0123456789';
const SECRET_ENCRYPTED_SYMMETRIC = 'encrypted-symmetric-client-secret-0123456789';
const SECRET_HYBRID = 'hybrid-client-secret-0123456789';
// Clients whose access tokens have a fixed lifetime (seconds): the token session soak (30 s and
// 120 s short-lived; 3600 s as real providers commonly issue, for the week-long rows).
const SHORT_ACCESS_TOKEN_TTL = { 'oauth4qt-soak-30': 30, 'oauth4qt-soak-120': 120, 'oauth4qt-soak-3600': 3600 };

// Constant across key rotations (the Provider instance is re-created).
const COOKIE_KEYS = [crypto.randomBytes(32).toString('base64url')];
const DPOP_NONCE_SECRET = crypto.randomBytes(32);

const ACCOUNTS = {
  alice: {
    sub: 'alice',
    name: 'Alice Example',
    given_name: 'Alice',
    family_name: 'Example',
    preferred_username: 'alice',
    email: 'alice@example.test',
    email_verified: true,
    updated_at: 1700000000,
  },
  bob: {
    sub: 'bob',
    name: 'Bob Example',
    given_name: 'Bob',
    family_name: 'Example',
    preferred_username: 'bob',
    email: 'bob@example.test',
    email_verified: false,
    updated_at: 1700000000,
  },
};

// ---------------------------------------------------------------- keys
function loadClientKeys() {
  const jwks = JSON.parse(fs.readFileSync(path.join(KEYS_DIR, 'client-jwks.json'), 'utf8'));
  const files = { EC: 'client-ec-p256.pem', RSA: 'client-rsa-2048.pem', OKP: 'client-ed25519.pem' };
  const algs = { EC: 'ES256', RSA: 'RS256', OKP: 'EdDSA' };
  const privateKeys = jwks.keys.map((k) => ({
    kid: k.kid,
    kty: k.kty,
    alg: algs[k.kty],
    pem_file: path.join(KEYS_DIR, files[k.kty]),
  }));
  return { jwks, privateKeys };
}
const CLIENT_KEYS = loadClientKeys();
const CLIENT_JWKSET = jose.createLocalJWKSet(CLIENT_KEYS.jwks);

// The encrypted client's decryption keys (the provider encrypts to their public parts; the
// tests decrypt with the PEM files).
const ENCRYPTION_KEY_FILES = { 'enc-rsa': 'client-enc-rsa-2048.pem', 'enc-ec': 'client-enc-ec-p256.pem' };
const ENCRYPTION_JWKS = {
  keys: Object.entries(ENCRYPTION_KEY_FILES).map(([kid, file]) => ({
    ...crypto.createPublicKey(fs.readFileSync(path.join(KEYS_DIR, file), 'utf8')).export({ format: 'jwk' }),
    kid,
    use: 'enc',
  })),
};

let keyGeneration = 0;
function generateSigningKeys() {
  keyGeneration += 1;
  const tag = `${Date.now().toString(36)}-${keyGeneration}`;
  const mk = (type, options, alg) => {
    const { privateKey } = crypto.generateKeyPairSync(type, options);
    const jwk = privateKey.export({ format: 'jwk' });
    return { ...jwk, kid: `${alg.toLowerCase()}-${tag}`, use: 'sig' };
  };
  return [
    mk('rsa', { modulusLength: 2048 }, 'RS256'),
    mk('ec', { namedCurve: 'P-256' }, 'ES256'),
    mk('ed25519', {}, 'EdDSA'),
  ];
}

let signingKeys = generateSigningKeys(); // first key of each type signs

// ---------------------------------------------------------------- clients
const REDIRECT = 'http://127.0.0.1/callback';
const CONFIDENTIAL_GRANTS = [
  'authorization_code', 'refresh_token', 'client_credentials', GT_DEVICE, GT_CIBA,
  GT_TOKEN_EXCHANGE, GT_JWT_BEARER,
];

function confidential(id, method, extra = {}) {
  return {
    client_id: id,
    client_name: id,
    token_endpoint_auth_method: method,
    redirect_uris: [REDIRECT],
    post_logout_redirect_uris: ['http://127.0.0.1/logged-out'],
    response_types: ['code'],
    grant_types: CONFIDENTIAL_GRANTS,
    scope: CLIENT_SCOPE,
    backchannel_token_delivery_mode: 'poll',
    ...extra,
  };
}

// A confidential native app (client_secret_basic; loopback redirects with any port).
function nativeConfidential(id, secret, extra = {}) {
  return {
    client_id: id,
    client_name: id,
    client_secret: secret,
    token_endpoint_auth_method: 'client_secret_basic',
    application_type: 'native',
    redirect_uris: ['http://127.0.0.1/callback', 'http://[::1]/callback'],
    response_types: ['code'],
    grant_types: ['authorization_code', 'refresh_token'],
    scope: CLIENT_SCOPE,
    ...extra,
  };
}

const CLIENTS = {
  basic: confidential('oauth4qt-basic', 'client_secret_basic', { client_secret: SECRET_BASIC }),
  post: confidential('oauth4qt-post', 'client_secret_post', { client_secret: SECRET_POST }),
  secret_jwt: confidential('oauth4qt-secret-jwt', 'client_secret_jwt', {
    client_secret: SECRET_JWT,
    token_endpoint_auth_signing_alg: 'HS256',
  }),
  private_key_jwt: confidential('oauth4qt-private-key-jwt', 'private_key_jwt', {
    jwks: CLIENT_KEYS.jwks,
  }),
  // JWT everywhere: ES256 ID tokens, JWT userinfo, JWT introspection responses, JARM.
  signed: confidential('oauth4qt-signed', 'client_secret_basic', {
    client_secret: SECRET_SIGNED,
    id_token_signed_response_alg: 'ES256',
    userinfo_signed_response_alg: 'ES256',
    introspection_signed_response_alg: 'ES256',
    authorization_signed_response_alg: 'ES256',
  }),
  eddsa: confidential('oauth4qt-eddsa', 'client_secret_basic', {
    client_secret: SECRET_EDDSA,
    id_token_signed_response_alg: 'EdDSA',
  }),
  // Signed, then encrypted: ID Token (RSA-OAEP-256, A256GCM), UserInfo (ECDH-ES,
  // A128CBC-HS256), JARM (ECDH-ES, A256GCM), JWT introspection (RSA-OAEP, A128CBC-HS256).
  encrypted: confidential('oauth4qt-encrypted', 'client_secret_basic', {
    client_secret: SECRET_ENCRYPTED,
    jwks: ENCRYPTION_JWKS,
    id_token_encrypted_response_alg: 'RSA-OAEP-256',
    id_token_encrypted_response_enc: 'A256GCM',
    userinfo_signed_response_alg: 'RS256',
    userinfo_encrypted_response_alg: 'ECDH-ES',
    userinfo_encrypted_response_enc: 'A128CBC-HS256',
    authorization_signed_response_alg: 'RS256',
    authorization_encrypted_response_alg: 'ECDH-ES',
    authorization_encrypted_response_enc: 'A256GCM',
    introspection_signed_response_alg: 'RS256',
    introspection_encrypted_response_alg: 'RSA-OAEP',
    introspection_encrypted_response_enc: 'A128CBC-HS256',
  }),
  // Encrypted with keys derived from the client secret (OpenID Connect Core 10.2): ID Token
  // A128KW, UserInfo (RS256, then dir).
  encrypted_symmetric: confidential('oauth4qt-encrypted-symmetric', 'client_secret_basic', {
    client_secret: SECRET_ENCRYPTED_SYMMETRIC,
    id_token_encrypted_response_alg: 'A128KW',
    id_token_encrypted_response_enc: 'A128CBC-HS256',
    userinfo_signed_response_alg: 'RS256',
    userinfo_encrypted_response_alg: 'dir',
    userinfo_encrypted_response_enc: 'A128GCM',
  }),
  // The hybrid flow (OpenID Connect Core 3.3, response_type "code id_token", answered with
  // response_mode=form_post to the loopback listener): native (a loopback redirect with any port;
  // oidc-provider allows implicit-capable web clients only https redirects), EdDSA ID Tokens (their
  // c_hash and s_hash are SHA-512 based).
  hybrid: nativeConfidential('oauth4qt-hybrid', SECRET_HYBRID, {
    response_types: ['code', 'code id_token'],
    grant_types: ['authorization_code', 'implicit', 'refresh_token'],
    id_token_signed_response_alg: 'EdDSA',
  }),
  // FAPI 1.0 Final (per-client profile): the hybrid response's ID Token carries s_hash as well,
  // the detached signature over code and state. ES256 ID Tokens.
  fapi1_hybrid: nativeConfidential('oauth4qt-fapi1-hybrid', SECRET_HYBRID, {
    response_types: ['code id_token'],
    grant_types: ['authorization_code', 'implicit'],
    id_token_signed_response_alg: 'ES256',
  }),
  // The same encrypted ID Tokens for a native app (a loopback redirect with any port): the CLI's
  // end-to-end sign-in through Chromium with --decryption-key alone.
  encrypted_native: nativeConfidential('oauth4qt-encrypted-native', SECRET_ENCRYPTED, {
    jwks: ENCRYPTION_JWKS,
    id_token_encrypted_response_alg: 'RSA-OAEP-256',
    id_token_encrypted_response_enc: 'A256GCM',
  }),
  soak30: confidential('oauth4qt-soak-30', 'client_secret_basic', { client_secret: SECRET_SOAK }),
  soak120: confidential('oauth4qt-soak-120', 'client_secret_basic', { client_secret: SECRET_SOAK }),
  soak3600: confidential('oauth4qt-soak-3600', 'client_secret_basic', { client_secret: SECRET_SOAK }),
  public: {
    client_id: 'oauth4qt-native',
    client_name: 'oauth4qt-native',
    application_type: 'native',
    token_endpoint_auth_method: 'none',
    redirect_uris: ['http://127.0.0.1/callback', 'http://[::1]/callback'],
    post_logout_redirect_uris: ['http://127.0.0.1/logged-out'],
    response_types: ['code'],
    grant_types: ['authorization_code', 'refresh_token', GT_DEVICE],
    scope: CLIENT_SCOPE,
  },
  // A mobile app: the authorization response comes back through the system, to a private-use
  // URI scheme (RFC 8252 7.1) or a claimed https link (7.2). The browser cannot follow either;
  // the end-to-end tests capture the redirect and hand it to the app as the system would.
  mobile: {
    client_id: 'oauth4qt-mobile',
    client_name: 'oauth4qt-mobile',
    application_type: 'native',
    token_endpoint_auth_method: 'none',
    redirect_uris: ['com.example.app:/callback', 'https://app.example.test/callback'],
    response_types: ['code'],
    grant_types: ['authorization_code', 'refresh_token'],
    scope: CLIENT_SCOPE,
  },
};

// FAPI 2.0 Security Profile clients (features.fapi with a per-client profile: only these
// clients follow it): private_key_jwt with the committed client keys, PAR required, DPoP-bound
// access tokens, ES256 ID Tokens; native (loopback redirect, any port). The existing clients are
// unchanged. `fapi2` also accepts the hybrid response type (OpenID Connect Core 3.3).
function fapi2Client(id, extra = {}) {
  return {
    client_id: id,
    client_name: id,
    application_type: 'native',
    token_endpoint_auth_method: 'private_key_jwt',
    jwks: CLIENT_KEYS.jwks,
    redirect_uris: ['http://127.0.0.1/callback', 'http://[::1]/callback'],
    post_logout_redirect_uris: ['http://127.0.0.1/logged-out'],
    response_types: ['code'],
    grant_types: ['authorization_code', 'refresh_token', 'client_credentials'],
    scope: CLIENT_SCOPE,
    id_token_signed_response_alg: 'ES256',
    require_pushed_authorization_requests: true,
    dpop_bound_access_tokens: true,
    ...extra,
  };
}
CLIENTS.fapi2 = fapi2Client('oauth4qt-fapi2');
// FAPI 2.0 with mutual TLS instead of DPoP and private_key_jwt: self_signed_tls_client_auth with
// the test client certificate (registered as x5c), certificate-bound access tokens; the token and
// PAR requests go to the mtls_endpoint_aliases (https).
CLIENTS.fapi2_mtls = fapi2Client('oauth4qt-fapi2-mtls', {
  token_endpoint_auth_method: 'self_signed_tls_client_auth',
  jwks: { keys: [{ ...TLS_CLIENT_CERT.publicKey.export({ format: 'jwk' }), x5c: [TLS_CLIENT_CERT.raw.toString('base64')] }] },
  dpop_bound_access_tokens: false,
  tls_client_certificate_bound_access_tokens: true,
});
const FAPI2_CLIENT_IDS = new Set([CLIENTS.fapi2.client_id, CLIENTS.fapi2_mtls.client_id]);

// ---------------------------------------------------------------- state for test control
const stats = { jwks_requests: 0, rotations: 0, slow_downs: 0 };
// device_code -> how many of its next authorization_pending answers become slow_down
// (POST /__test/device/slow_down): oidc-provider itself never sends slow_down.
const slowDowns = new Map();
const cibaRequests = new Map(); // auth_req_id -> { auth_req_id, account, client_id, login_hint, binding_message, scope, status }

// ---------------------------------------------------------------- helpers
async function findAccount(ctx, id) {
  const claimsOf = ACCOUNTS[id];
  if (!claimsOf) return undefined;
  return {
    accountId: id,
    async claims() { return { ...claimsOf }; },
  };
}

function asList(v) {
  if (v === undefined || v === null || v === '') return [];
  return Array.isArray(v) ? v : [v];
}

function resourceServerInfo(resource) {
  if (resource === RESOURCE_JWT) {
    return { scope: API_SCOPES, audience: RESOURCE_JWT, accessTokenTTL: 600, accessTokenFormat: 'jwt' };
  }
  if (resource === RESOURCE_OPAQUE) {
    return { scope: API_SCOPES, audience: RESOURCE_OPAQUE, accessTokenTTL: 600, accessTokenFormat: 'opaque' };
  }
  if (resource === RESOURCE_LARGE) {
    return { scope: API_SCOPES, audience: RESOURCE_LARGE, accessTokenTTL: 600, accessTokenFormat: 'jwt' };
  }
  return undefined;
}

// Grant all OIDC scopes/claims and resource scopes that the given request asks for.
function grantEverything(grant, { scope, claims, resources }) {
  const requested = new Set(String(scope || '').split(' ').filter(Boolean));
  const oidc = [...requested].filter((s) => ['openid', 'profile', 'email', 'offline_access'].includes(s));
  if (oidc.length) grant.addOIDCScope(oidc.join(' '));
  if (claims) {
    const c = typeof claims === 'string' ? JSON.parse(claims) : claims;
    const names = new Set([...Object.keys(c.id_token || {}), ...Object.keys(c.userinfo || {})]);
    if (names.size) grant.addOIDCClaims([...names]);
  }
  for (const r of resources) {
    const info = resourceServerInfo(r);
    if (!info) continue;
    const s = info.scope.split(' ').filter((x) => requested.has(x));
    if (s.length) grant.addResourceScope(r, s.join(' '));
  }
}

function ensureTokenExchangeTypes(type) {
  if (![TT_ACCESS, TT_REFRESH, TT_ID, TT_JWT].includes(type)) {
    throw new errors.InvalidRequest('unsupported subject_token_type');
  }
}

// ---------------------------------------------------------------- provider
let provider; // current instance (re-created on key rotation)
let mtlsOrigin; // https://127.0.0.1:PORT of the mutual-TLS listener, once it listens
let providerHandler;
let issuer;

function makeProvider() {
  const configuration = {
    adapter: adapterFactory,
    clients: Object.values(CLIENTS),
    jwks: { keys: signingKeys },
    cookies: { keys: COOKIE_KEYS },
    scopes: SCOPES,
    claims: {
      acr: null,
      sid: null,
      auth_time: null,
      iss: null,
      openid: ['sub'],
      profile: ['name', 'given_name', 'family_name', 'preferred_username', 'updated_at'],
      email: ['email', 'email_verified'],
    },
    conformIdTokenClaims: true,
    clientAuthMethods: ['client_secret_basic', 'client_secret_jwt', 'client_secret_post', 'private_key_jwt', 'none',
      'self_signed_tls_client_auth'],
    async extraTokenClaims(ctx, token) {
      if (token.resourceServer?.audience === RESOURCE_LARGE) return { padding: 'x'.repeat(LARGE_PADDING) };
      return undefined;
    },
    findAccount,
    interactions: {
      url(ctx, interaction) { return `${opts.mountPath}/interaction/${interaction.uid}`; },
    },
    pkce: {
      required(ctx, client) { return client.clientAuthMethod === 'none'; },
    },
    rotateRefreshToken: true,
    issueRefreshToken(ctx, client, code) {
      return client.grantTypeAllowed('refresh_token') && code.scopes.has('offline_access');
    },
    ttl: {
      AccessToken(ctx, token, client) {
        return SHORT_ACCESS_TOKEN_TTL[client?.clientId] ?? 600;
      },
      AuthorizationCode: 60,
      ClientCredentials: 600,
      DeviceCode: 600,
      BackchannelAuthenticationRequest: 600,
      IdToken: 600,
      RefreshToken: 24 * 3600,
      Interaction: 3600,
      Session: 3600,
      Grant: 24 * 3600,
    },
    renderError(ctx, out) {
      ctx.type = 'json';
      ctx.body = out;
    },
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      claimsParameter: { enabled: true },
      introspection: {
        enabled: true,
        allowedPolicy(ctx, client, token) {
          return !(client.clientAuthMethod === 'none' && token.clientId !== client.clientId);
        },
      },
      jwtIntrospection: { enabled: true },
      revocation: {
        enabled: true,
        allowedPolicy(ctx, client, token) {
          if (token.clientId !== client.clientId) {
            if (client.clientAuthMethod === 'none') return false;
            throw new errors.InvalidRequest('client is not authorized to revoke the presented token');
          }
          return true;
        },
      },
      registration: { enabled: true, initialAccessToken: INITIAL_ACCESS_TOKEN },
      registrationManagement: { enabled: true },
      deviceFlow: { enabled: true },
      ciba: {
        enabled: opts.ciba,
        deliveryModes: ['poll'],
        async processLoginHint(ctx, loginHint) {
          if (ACCOUNTS[loginHint]) return loginHint;
          throw new errors.UnknownUserId('unknown login_hint');
        },
        async processLoginHintToken() {
          throw new errors.InvalidRequest('login_hint_token is not supported by this test provider');
        },
        async verifyUserCode() {},
        async validateRequestContext() {},
        async validateBindingMessage(ctx, bindingMessage) {
          if (bindingMessage !== undefined && !/^[a-zA-Z0-9-._+/!?# ]{1,20}$/.test(bindingMessage)) {
            throw new errors.InvalidBindingMessage('binding_message must be 1-20 basic characters');
          }
        },
        async triggerAuthenticationDevice(ctx, request, account, client) {
          const params = ctx.oidc.params;
          cibaRequests.set(request.jti, {
            auth_req_id: request.jti,
            account: account.accountId,
            client_id: client.clientId,
            login_hint: params.login_hint,
            binding_message: params.binding_message,
            scope: request.scope,
            status: 'pending',
          });
          log('ciba request pending for', account.accountId);
        },
      },
      dPoP: {
        enabled: true,
        nonceSecret: DPOP_NONCE_SECRET,
        requireNonce() { return opts.dpopNonce; },
      },
      pushedAuthorizationRequests: { enabled: true },
      mTLS: {
        enabled: true,
        certificateBoundAccessTokens: true,
        selfSignedTlsClientAuth: true,
        // The certificate the client presented on the https listener (not verified by TLS: a
        // self-signed client certificate is matched against the client's registered x5c).
        getCertificate(ctx) {
          const socket = ctx.req.socket;
          if (typeof socket.getPeerCertificate !== 'function') return undefined;
          const peer = socket.getPeerCertificate();
          return peer && peer.raw ? new crypto.X509Certificate(peer.raw) : undefined;
        },
      },
      fapi: {
        enabled: true,
        profile(ctx, client) {
          if (client && FAPI2_CLIENT_IDS.has(client.clientId)) return '2.0';
          if (client?.clientId === CLIENTS.fapi1_hybrid.client_id) return '1.0 Final';
          return undefined;
        },
      },
      requestObjects: { enabled: true, requireSignedRequestObject: false },
      jwtResponseModes: { enabled: true },
      jwtUserinfo: { enabled: true },
      encryption: { enabled: true },
      resourceIndicators: {
        enabled: true,
        async defaultResource(ctx, client, oneOf) {
          if (oneOf) return oneOf;
          // client_credentials asking for API scopes without a resource gets the JWT API.
          if (ctx.oidc.params?.grant_type === 'client_credentials') {
            const s = String(ctx.oidc.params.scope || '').split(' ');
            if (s.includes('api:read') || s.includes('api:write')) return RESOURCE_JWT;
          }
          return undefined;
        },
        async useGrantedResource() { return false; },
        async getResourceServerInfo(ctx, resource) {
          const info = resourceServerInfo(resource);
          if (!info) throw new errors.InvalidTarget('unknown resource indicator');
          return info;
        },
      },
      rpInitiatedLogout: {
        enabled: true,
        // Auto-submitting page (a browser signs out without a click; a plain HTTP client
        // can POST the form fields it contains, which include logout=yes).
        async logoutSource(ctx, form) {
          const withYes = form.replace('</form>', '<input type="hidden" name="logout" value="yes"/></form>');
          ctx.body = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>Logout</title></head>`
            + `<body>${withYes}<script>document.forms[0].submit()</script></body></html>`;
        },
        async postLogoutSuccessSource(ctx) {
          ctx.body = '<!DOCTYPE html><html><head><meta charset="utf-8"><title>Signed out</title></head><body>Signed out</body></html>';
        },
      },
    },
  };

  if (mtlsOrigin) {
    configuration.discovery = {
      mtls_endpoint_aliases: {
        token_endpoint: `${mtlsOrigin}${opts.mountPath}/token`,
        pushed_authorization_request_endpoint: `${mtlsOrigin}${opts.mountPath}/request`,
        userinfo_endpoint: `${mtlsOrigin}${opts.mountPath}/me`,
        introspection_endpoint: `${mtlsOrigin}${opts.mountPath}/token/introspection`,
        revocation_endpoint: `${mtlsOrigin}${opts.mountPath}/token/revocation`,
      },
    };
  }
  const p = new Provider(issuer, configuration);

  p.on('server_error', (ctx, err) => console.error('server_error', err));
  p.on('grant.error', (ctx, err) => log('grant.error', err.error, err.error_description ?? '', err.error_detail ?? ''));

  p.use(async (ctx, next) => {
    await next();
    if (ctx.path !== '/token' || ctx.status !== 400 || ctx.body?.error !== 'authorization_pending') return;
    const deviceCode = ctx.oidc?.params?.device_code;
    const left = slowDowns.get(deviceCode) || 0;
    if (left <= 0) return;
    slowDowns.set(deviceCode, left - 1);
    stats.slow_downs += 1;
    ctx.body = { error: 'slow_down', error_description: 'you are polling too quickly and should back off at a reasonable rate' };
  });
  registerTokenExchange(p);
  registerJwtBearer(p);
  return p;
}

function tokenResponseFor(token, value, issuedTokenType) {
  const body = {
    access_token: value,
    token_type: token.tokenType || 'Bearer',
    expires_in: token.expiration,
  };
  if (issuedTokenType) body.issued_token_type = issuedTokenType;
  if (token.scope) body.scope = token.scope;
  return body;
}

// Issues an access token for the authenticated client (optionally for a resource server).
async function issueClientToken(p, ctx, { scope, resource }) {
  const { client } = ctx.oidc;
  const requested = String(scope || '').split(' ').filter(Boolean);
  for (const s of requested) {
    if (!client.scope || !client.scope.split(' ').includes(s)) {
      throw new errors.InvalidScope('requested scope is not allowed', s);
    }
  }
  const resources = asList(resource);
  if (resources.length > 1) throw new errors.InvalidTarget('only one resource is supported');
  let r = resources[0];
  if (!r && (requested.includes('api:read') || requested.includes('api:write'))) r = RESOURCE_JWT;

  const token = new p.ClientCredentials({ client, scope: requested.join(' ') || undefined });
  if (r) {
    const info = resourceServerInfo(r);
    if (!info) throw new errors.InvalidTarget('unknown resource indicator');
    token.resourceServer = new p.ResourceServer(r, info);
    token.scope = requested.filter((s) => info.scope.split(' ').includes(s)).join(' ') || undefined;
  } else {
    token.scope = requested.filter((s) => API_SCOPES.split(' ').includes(s)).join(' ') || undefined;
  }
  ctx.oidc.entity('ClientCredentials', token);
  const value = await token.save();
  return { token, value };
}

async function verifyOwnJwt(p, jwt) {
  const keys = { keys: signingKeys.map(({ d, p: _p, q, dp, dq, qi, ...pub }) => pub) };
  const { payload } = await jose.jwtVerify(jwt, jose.createLocalJWKSet(keys), { issuer });
  return payload;
}

function registerTokenExchange(p) {
  p.registerGrantType(GT_TOKEN_EXCHANGE, async (ctx) => {
    const { params } = ctx.oidc;
    if (!params.subject_token) throw new errors.InvalidRequest("missing required parameter 'subject_token'");
    if (!params.subject_token_type) throw new errors.InvalidRequest("missing required parameter 'subject_token_type'");
    ensureTokenExchangeTypes(params.subject_token_type);
    if (params.requested_token_type && params.requested_token_type !== TT_ACCESS) {
      throw new errors.InvalidRequest('only access tokens can be requested');
    }
    if (params.actor_token && !params.actor_token_type) {
      throw new errors.InvalidRequest("missing required parameter 'actor_token_type'");
    }

    // The subject token must be something this provider issued.
    let valid = false;
    if (params.subject_token_type === TT_REFRESH) {
      const rt = await p.RefreshToken.find(params.subject_token);
      valid = !!rt && !rt.isExpired;
    } else if (params.subject_token.split('.').length === 3) {
      try { await verifyOwnJwt(p, params.subject_token); valid = true; } catch { valid = false; }
    } else {
      const at = (await p.AccessToken.find(params.subject_token))
        || (await p.ClientCredentials.find(params.subject_token));
      valid = !!at && !at.isExpired;
    }
    if (!valid) throw new errors.InvalidGrant('subject_token is invalid, expired or not issued by this server');

    const { token, value } = await issueClientToken(p, ctx, {
      scope: params.scope,
      resource: params.resource ?? params.audience,
    });
    ctx.body = tokenResponseFor(token, value, TT_ACCESS);
  }, ['subject_token', 'subject_token_type', 'actor_token', 'actor_token_type',
    'requested_token_type', 'audience', 'resource', 'scope'], ['audience', 'resource']);
}

function registerJwtBearer(p) {
  p.registerGrantType(GT_JWT_BEARER, async (ctx) => {
    const { params } = ctx.oidc;
    if (!params.assertion) throw new errors.InvalidRequest("missing required parameter 'assertion'");
    try {
      await jose.jwtVerify(params.assertion, CLIENT_JWKSET, {
        audience: [issuer, `${issuer}/token`],
        requiredClaims: ['iss', 'sub', 'aud', 'exp'],
        clockTolerance: 15,
        maxTokenAge: '1h',
      });
    } catch (e) {
      throw new errors.InvalidGrant(`invalid assertion (${e.code || 'error'})`);
    }
    const { token, value } = await issueClientToken(p, ctx, { scope: params.scope, resource: params.resource });
    ctx.body = tokenResponseFor(token, value);
  }, ['assertion', 'scope', 'resource'], ['resource']);
}

// ---------------------------------------------------------------- interactions (auto-complete)
async function handleInteraction(req, res) {
  const p = provider;
  const details = await p.interactionDetails(req, res);
  const { prompt, params, session, grantId } = details;
  log('interaction', prompt.name, params.client_id);

  const hint = params.login_hint;
  if (hint === 'deny') {
    await p.interactionFinished(req, res, {
      error: 'access_denied',
      error_description: 'End-User denied the request',
    }, { mergeWithLastSubmission: false });
    return;
  }

  let result;
  if (prompt.name === 'login') {
    const accountId = ACCOUNTS[hint] ? hint : 'alice';
    result = { login: { accountId, amr: ['pwd'], remember: true } };
  } else if (prompt.name === 'consent') {
    const grant = grantId
      ? await p.Grant.find(grantId)
      : new p.Grant({ accountId: session.accountId, clientId: params.client_id });
    const d = prompt.details;
    if (d.missingOIDCScope) grant.addOIDCScope(d.missingOIDCScope.join(' '));
    if (d.missingOIDCClaims) grant.addOIDCClaims(d.missingOIDCClaims);
    if (d.missingResourceScopes) {
      for (const [indicator, scopes] of Object.entries(d.missingResourceScopes)) {
        grant.addResourceScope(indicator, scopes.join(' '));
      }
    }
    result = { consent: { grantId: await grant.save() } };
  } else {
    throw new Error(`unexpected prompt ${prompt.name}`);
  }
  await p.interactionFinished(req, res, result, { mergeWithLastSubmission: true });
}

// ---------------------------------------------------------------- test control
function sendJson(res, status, body) {
  const data = Buffer.from(JSON.stringify(body));
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': data.length, 'Cache-Control': 'no-store' });
  res.end(data);
}

async function slowDownDevice(userCode, count) {
  const normalized = String(userCode || '').toUpperCase().replace(/\W/g, '');
  const code = await provider.DeviceCode.findByUserCode(normalized, { ignoreExpiration: true });
  if (!code) return [404, { error: 'unknown user_code' }];
  const n = Number.parseInt(count || '1', 10);
  if (!Number.isInteger(n) || n < 1 || n > 100) return [400, { error: 'bad count' }];
  slowDowns.set(code.jti, n);
  return [200, { status: 'slow_down armed', count: n }];
}

async function approveDevice(userCode, accountId, deny) {
  const p = provider;
  const normalized = String(userCode || '').toUpperCase().replace(/\W/g, '');
  const code = await p.DeviceCode.findByUserCode(normalized, { ignoreExpiration: true });
  if (!code) return [404, { error: 'unknown user_code' }];
  if (code.isExpired) return [410, { error: 'user_code expired' }];
  if (code.accountId || code.error) return [409, { error: 'user_code already used' }];
  if (deny) {
    Object.assign(code, { error: 'access_denied', errorDescription: 'End-User aborted interaction' });
    await code.save();
    return [200, { status: 'denied' }];
  }
  const resources = asList(code.params.resource);
  const grant = new p.Grant({ accountId, clientId: code.clientId });
  grantEverything(grant, { scope: code.params.scope, claims: code.params.claims, resources });
  const grantIdValue = await grant.save();
  const scopes = String(code.params.scope || '').split(' ').filter((s) => SCOPES.includes(s));
  Object.assign(code, {
    accountId,
    authTime: Math.floor(Date.now() / 1000),
    amr: ['pwd'],
    grantId: grantIdValue,
    scope: scopes.join(' '),
  });
  if (resources.length === 1) [code.resource] = resources;
  else if (resources.length > 1) code.resource = resources;
  if (code.params.claims) code.claims = JSON.parse(code.params.claims);
  await code.save();
  return [200, { status: 'approved', account: accountId }];
}

async function approveCiba(authReqId, loginHint, deny) {
  let entry;
  if (authReqId) entry = cibaRequests.get(authReqId);
  else {
    entry = [...cibaRequests.values()].reverse()
      .find((e) => e.status === 'pending' && (!loginHint || e.login_hint === loginHint));
  }
  if (!entry) return [404, { error: 'unknown auth_req_id' }];
  if (entry.status !== 'pending') return [409, { error: `already ${entry.status}` }];
  const p = provider;
  const request = await p.BackchannelAuthenticationRequest.find(entry.auth_req_id, { ignoreExpiration: true });
  if (!request) return [404, { error: 'auth_req_id not found' }];
  if (deny) {
    await p.backchannelResult(entry.auth_req_id, new errors.AccessDenied('End-User denied the request'));
    entry.status = 'denied';
    return [200, { status: 'denied', auth_req_id: entry.auth_req_id }];
  }
  const grant = new p.Grant({ accountId: request.accountId, clientId: request.clientId });
  grantEverything(grant, { scope: request.scope, claims: request.claims, resources: asList(request.resource) });
  await grant.save();
  await p.backchannelResult(entry.auth_req_id, grant.jti, {
    authTime: Math.floor(Date.now() / 1000),
    amr: ['pwd'],
  });
  entry.status = 'approved';
  return [200, { status: 'approved', auth_req_id: entry.auth_req_id }];
}

function rotateKeys(keepOld) {
  const fresh = generateSigningKeys();
  signingKeys = keepOld ? [...fresh, ...signingKeys] : fresh;
  provider = makeProvider();
  providerHandler = provider.callback();
  stats.rotations += 1;
  const kids = fresh.map((k) => k.kid);
  log('rotated signing keys ->', kids.join(' '));
  return [200, { status: 'rotated', kids, served_kids: signingKeys.map((k) => k.kid) }];
}

async function handleTest(req, res, url) {
  const q = url.searchParams;
  const route = url.pathname.replace(/^\/__test/, '');
  const post = req.method === 'POST';
  let out;
  if (route === '/stats' && req.method === 'GET') out = [200, { ...stats }];
  else if (route === '/stats/reset' && post) {
    stats.jwks_requests = 0;
    stats.slow_downs = 0;
    out = [200, { ...stats }];
  } else if ((route === '/device/approve' || route === '/device/deny') && post) {
    out = await approveDevice(q.get('user_code'), q.get('account') || 'alice', route.endsWith('deny'));
  } else if (route === '/device/slow_down' && post) {
    out = await slowDownDevice(q.get('user_code'), q.get('count'));
  } else if ((route === '/ciba/approve' || route === '/ciba/deny') && post) {
    out = await approveCiba(q.get('auth_req_id'), q.get('login_hint'), route.endsWith('deny'));
  } else if (route === '/ciba/pending' && req.method === 'GET') {
    out = [200, { requests: [...cibaRequests.values()] }];
  } else if (route === '/rotate-keys' && post) {
    out = rotateKeys(q.get('keep_old') !== '0');
  } else if (route === '/info' && req.method === 'GET') {
    out = [200, infoObject()];
  } else {
    out = [404, { error: 'unknown test endpoint' }];
  }
  sendJson(res, out[0], out[1]);
}

function isLoopback(addr) {
  return addr === '127.0.0.1' || addr === '::1' || addr === '::ffff:127.0.0.1';
}

// ---------------------------------------------------------------- HTTP server
let requestSeq = 0;
const handleRequest = async (req, res) => {
  if (process.env.OAUTH4QT_PEER_TRACE) {
    // Request trace (method, path, the client's port, status, ms): shows requests that a client
    // sent twice or connections that closed before the answer.
    const n = ++requestSeq; const t0 = Date.now(); const port = req.socket.remotePort;
    res.on('finish', () => log('trace', n, req.method, req.url.split('?')[0], 'port', port, '->', res.statusCode, `${Date.now() - t0}ms`));
    res.on('close', () => { if (!res.writableFinished) log('trace', n, req.method, req.url.split('?')[0], 'port', port, 'closed before the answer'); });
  }
  try {
    if (!provider) {
      sendJson(res, 503, { error: 'starting' });
      return;
    }
    if (opts.mountPath) {
      // Mounted (as under express's app.use(path, ...)): the provider sees the path below the
      // mount point and finds the mount point in originalUrl.
      const inside = req.url === opts.mountPath || req.url.startsWith(`${opts.mountPath}/`)
        || req.url.startsWith(`${opts.mountPath}?`);
      if (!inside) {
        sendJson(res, 404, { error: 'not found', error_description: `everything is below ${opts.mountPath}` });
        return;
      }
      req.originalUrl = req.url;
      req.url = req.url.slice(opts.mountPath.length) || '/';
      if (req.url.startsWith('?')) req.url = `/${req.url}`;
    }
    const url = new URL(req.url, 'http://127.0.0.1');
    if (url.pathname.startsWith('/__test/')) {
      if (!isLoopback(req.socket.remoteAddress)) {
        sendJson(res, 403, { error: 'loopback only' });
        return;
      }
      await handleTest(req, res, url);
      return;
    }
    if (url.pathname.startsWith('/interaction/')) {
      await handleInteraction(req, res);
      return;
    }
    if (url.pathname === '/jwks' && req.method === 'GET') stats.jwks_requests += 1;
    providerHandler(req, res);
  } catch (err) {
    console.error('handler error', err);
    if (!res.headersSent) {
      sendJson(res, err.statusCode || 500, { error: err.error || 'server_error', error_description: err.error_description || String(err.message) });
    } else {
      res.end();
    }
  }
};
const server = http.createServer(handleRequest);
// The mutual-TLS listener: asks for a client certificate, accepts any (self-signed ones are
// matched against the client's registration; a missing one fails the client authentication).
const mtlsServer = https.createServer({
  key: TLS_SERVER_KEY, cert: TLS_SERVER_CERT, requestCert: true, rejectUnauthorized: false,
}, handleRequest);

function infoObject() {
  const pub = (c) => {
    const o = {
      client_id: c.client_id,
      token_endpoint_auth_method: c.token_endpoint_auth_method,
      redirect_uris: c.redirect_uris,
      grant_types: c.grant_types,
      scope: c.scope,
    };
    if (c.client_secret) o.client_secret = c.client_secret;
    if (c.application_type) o.application_type = c.application_type;
    for (const k of ['id_token_signed_response_alg', 'userinfo_signed_response_alg',
      'introspection_signed_response_alg', 'authorization_signed_response_alg', 'token_endpoint_auth_signing_alg']) {
      if (c[k]) o[k] = c[k];
    }
    for (const what of ['id_token', 'userinfo', 'authorization', 'introspection']) {
      for (const k of [`${what}_encrypted_response_alg`, `${what}_encrypted_response_enc`]) {
        if (c[k]) o[k] = c[k];
      }
    }
    return o;
  };
  const clients = Object.fromEntries(Object.entries(CLIENTS).map(([k, c]) => [k, pub(c)]));
  clients.private_key_jwt.private_keys = CLIENT_KEYS.privateKeys;
  clients.encrypted.decryption_keys = Object.entries(ENCRYPTION_KEY_FILES)
    .map(([kid, file]) => ({ kid, pem_file: path.join(KEYS_DIR, file) }));
  clients.fapi2.private_keys = CLIENT_KEYS.privateKeys;
  clients.fapi2.fapi_profile = '2.0';
  clients.fapi2_mtls.fapi_profile = '2.0';
  clients.fapi1_hybrid.fapi_profile = '1.0 Final';
  clients.fapi2_mtls.certificate_file = path.join(TLS_DIR, 'testclient.crt');
  clients.fapi2_mtls.private_key_file = path.join(TLS_DIR, 'testclient.key');
  return {
    issuer,
    mtls_origin: mtlsOrigin,
    mtls_ca_file: path.join(TLS_DIR, 'testserver.crt'),
    port: server.address()?.port,
    pid: process.pid,
    discovery_url: `${issuer}/.well-known/openid-configuration`,
    jwks_uri: `${issuer}/jwks`,
    dpop_nonce_required: opts.dpopNonce,
    ciba_enabled: opts.ciba,
    resource: RESOURCE_JWT,
    opaque_resource: RESOURCE_OPAQUE,
    large_resource: RESOURCE_LARGE,
    scopes: SCOPES,
    initial_access_token: INITIAL_ACCESS_TOKEN,
    accounts: ACCOUNTS,
    deny_login_hint: 'deny',
    keys_dir: KEYS_DIR,
    client_jwks_file: path.join(KEYS_DIR, 'client-jwks.json'),
    test_base_url: `${issuer}/__test`,
    clients,
  };
}

function writeFileAtomic(file, data) {
  const tmp = `${file}.tmp-${process.pid}`;
  fs.writeFileSync(tmp, data);
  fs.renameSync(tmp, file);
}

// Node closes an idle keep-alive connection after 5 s, exactly the default device/CIBA polling
// interval: a poll sent at that instant can be processed while the socket closes, and Qt then
// re-sends it on a new connection (the second one finds the grant consumed: invalid_grant).
// Servers in front of real providers keep connections longer (nginx: 75 s); so does the fixture.
// The client-side problem is tracked for the library itself (a token request must not be re-sent).
server.keepAliveTimeout = 75000;
server.headersTimeout = 80000;
mtlsServer.keepAliveTimeout = 75000;
mtlsServer.headersTimeout = 80000;
server.listen(opts.port, '127.0.0.1', () => mtlsServer.listen(0, '127.0.0.1', () => {
  const { port } = server.address();
  issuer = `http://127.0.0.1:${port}${opts.mountPath}`;
  mtlsOrigin = `https://127.0.0.1:${mtlsServer.address().port}`;
  provider = makeProvider();
  providerHandler = provider.callback();
  if (opts.pid) writeFileAtomic(opts.pid, `${process.pid}\n`);
  if (opts.info) writeFileAtomic(opts.info, `${JSON.stringify(infoObject(), null, 2)}\n`);
  log(`oidc-provider listening on ${issuer}, mutual TLS on ${mtlsOrigin} (node ${process.version}, dpop nonce ${opts.dpopNonce ? 'required' : 'off'})`);
}));

function shutdown(sig) {
  log(`${sig}: shutting down`);
  server.close();
  server.closeAllConnections?.();
  mtlsServer.close();
  mtlsServer.closeAllConnections?.();
  for (const f of [opts.info, opts.pid]) {
    try { if (f) fs.unlinkSync(f); } catch { /* already gone */ }
  }
  process.exit(0);
}
process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));
if (opts.maxLifetime > 0) {
  setTimeout(() => shutdown(`max lifetime ${opts.maxLifetime}s reached`), opts.maxLifetime * 1000).unref();
}

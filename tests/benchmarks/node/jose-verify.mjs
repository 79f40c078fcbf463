#!/usr/bin/env node
// jose jwtVerify of the same JWT, repeatedly (no network).
//   run.sh jose-verify.mjs --jwt TOKEN --jwk FILE [--count 10000] [--issuer ISS] [--audience AUD] [--at-iat]
// FILE holds a public JWK or a JWK Set. --at-iat verifies "as of" the token's iat, so an
// expired test token still measures the full path. Prints one JSON line.
import * as fs from 'node:fs';
import { loadPeer, parseOptions, measure, fail } from './peer-modules.mjs';

try {
  const o = parseOptions(process.argv.slice(2), {
    jwt: '', jwk: '', count: 10000, issuer: '', audience: '', atIat: false,
  });
  if (!o.jwt || !o.jwk) throw new Error('--jwt and --jwk are required');
  const jose = await loadPeer('jose');
  const data = JSON.parse(fs.readFileSync(o.jwk, 'utf8'));
  const { alg, kid } = jose.decodeProtectedHeader(o.jwt);
  let jwk = data;
  if (Array.isArray(data.keys)) {
    jwk = data.keys.find((k) => (!kid || k.kid === kid)) ?? data.keys[0];
  }
  const key = await jose.importJWK(jwk, alg);
  const options = { algorithms: [alg] };
  if (o.issuer) options.issuer = o.issuer;
  if (o.audience) options.audience = o.audience;
  if (o.atIat) {
    const { iat } = jose.decodeJwt(o.jwt);
    if (typeof iat === 'number') options.currentDate = new Date(iat * 1000);
  }
  const verify = async () => { await jose.jwtVerify(o.jwt, key, options); };
  await verify(); // fails fast on a wrong key / claims; also warms up
  console.log(JSON.stringify({ bench: 'jose-verify', alg, ...(await measure(o.count, 1, verify)) }));
} catch (e) { fail(e); }

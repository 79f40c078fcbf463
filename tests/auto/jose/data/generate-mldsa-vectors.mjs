// SPDX-License-Identifier: BSD-3-Clause
//
// Writes mldsa-vectors.json: ML-DSA-44/65/87 keys and JWS made by `jose` 6 (panva/jose) on a Node
// whose OpenSSL has ML-DSA (Node 24 with OpenSSL 3.5). tst_jsonwebkey and tst_jws read the file:
// with OpenSSL 3.5 or later they import the keys and verify the tokens; with an older OpenSSL
// they assert that the same input is refused with UnsupportedAlgorithm.
//
// Regenerate (any directory; Node 24 from npm's `node` package, jose 6):
//   d=$(mktemp -d) && cd "$d" && echo '{"private":true,"allowScripts":{"node":true}}' > package.json \
//     && npm i node@24 jose@6 && node_modules/.bin/node /path/to/generate-mldsa-vectors.mjs > /path/to/mldsa-vectors.json
// (run from that directory, so that `jose` resolves there; `allowScripts` lets the `node` package
// install its binary, as in tests/peer/package.json). Each run makes new keys and signatures.
import { createRequire } from 'node:module';
import * as crypto from 'node:crypto';
import { pathToFileURL } from 'node:url';

const require = createRequire(pathToFileURL(process.cwd() + '/'));
const jose = await import(pathToFileURL(require.resolve('jose')).href);

const algs = ['ML-DSA-44', 'ML-DSA-65', 'ML-DSA-87'];
const out = {
  generator: `jose ${require('jose/package.json').version} on Node ${process.version} (OpenSSL ${process.versions.openssl})`,
  vectors: [],
};
const claims = { iss: 'https://op.example', sub: 'alice', aud: 'client', iat: 1767225600, exp: 4102444800 };

for (const alg of algs) {
  const { publicKey, privateKey } = await jose.generateKeyPair(alg, { extractable: true });
  const jwk = await jose.exportJWK(privateKey);
  const publicJwk = await jose.exportJWK(publicKey);
  const kid = await jose.calculateJwkThumbprint(publicJwk);
  // The same key as PKCS#8 / SubjectPublicKeyInfo PEM, through Node's KeyObject (OpenSSL).
  const keyObject = crypto.createPrivateKey({ key: jwk, format: 'jwk' });
  const pkcs8 = keyObject.export({ type: 'pkcs8', format: 'pem' });
  const spki = crypto.createPublicKey(keyObject).export({ type: 'spki', format: 'pem' });
  const jwt = await new jose.SignJWT(claims).setProtectedHeader({ alg, typ: 'JWT', kid }).sign(privateKey);
  const jws = await new jose.CompactSign(new TextEncoder().encode('ML-DSA payload'))
    .setProtectedHeader({ alg }).sign(privateKey);
  // Self-check: jose verifies what it made.
  await jose.jwtVerify(jwt, publicKey, { algorithms: [alg] });
  await jose.compactVerify(jws, publicKey, { algorithms: [alg] });
  out.vectors.push({ alg, jwk, publicJwk, thumbprint: kid, pkcs8, spki, jwt, jws });
}
process.stdout.write(JSON.stringify(out, null, 1) + '\n');

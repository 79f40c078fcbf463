// Regenerates keys/client-jwks.json (public JWKs of the committed private_key_jwt test keys).
// Run: node tests/peer/make-client-jwks.mjs   (only needed when the PEM files change)
import { createPrivateKey, createPublicKey, createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const dir = join(dirname(fileURLToPath(import.meta.url)), 'keys');
const thumbprint = (jwk) => {
  const req = { EC: ['crv', 'kty', 'x', 'y'], RSA: ['e', 'kty', 'n'], OKP: ['crv', 'kty', 'x'] }[jwk.kty];
  const canon = JSON.stringify(Object.fromEntries(req.map((k) => [k, jwk[k]])));
  return createHash('sha256').update(canon).digest('base64url');
};
const keys = [
  ['client-ec-p256.pem'],
  ['client-rsa-2048.pem'],
  ['client-ed25519.pem'],
].map(([file]) => {
  const jwk = createPublicKey(createPrivateKey(readFileSync(join(dir, file)))).export({ format: 'jwk' });
  return { ...jwk, kid: thumbprint(jwk), use: 'sig' };
});
writeFileSync(join(dir, 'client-jwks.json'), `${JSON.stringify({ keys }, null, 2)}\n`);
console.log(keys.map((k) => `${k.kty} ${k.kid}`).join('\n'));

#!/usr/bin/env node
// jose compactDecrypt of the same JWE, repeatedly (no network).
//   run.sh jose-decrypt.mjs --jwe JWE --jwk FILE [--count 10000]
// FILE holds the private JWK. Prints one JSON line.
import * as fs from 'node:fs';
import { loadPeer, parseOptions, measure, fail } from './peer-modules.mjs';

try {
  const o = parseOptions(process.argv.slice(2), { jwe: '', jwk: '', count: 10000 });
  if (!o.jwe || !o.jwk) throw new Error('--jwe and --jwk are required');
  const jose = await loadPeer('jose');
  const jwk = JSON.parse(fs.readFileSync(o.jwk, 'utf8'));
  const { alg, enc } = jose.decodeProtectedHeader(o.jwe);
  const key = await jose.importJWK(jwk, alg);
  const options = { keyManagementAlgorithms: [alg], contentEncryptionAlgorithms: [enc] };
  const decrypt = async () => { await jose.compactDecrypt(o.jwe, key, options); };
  await decrypt(); // fails fast on a wrong key; also warms up
  console.log(JSON.stringify({ bench: 'jose-decrypt', alg, enc, ...(await measure(o.count, 1, decrypt)) }));
} catch (e) { fail(e); }

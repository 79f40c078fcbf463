#!/usr/bin/env node
// oauth4webapi DPoP proof generation (the proofs the library attaches to requests), no network.
//   run.sh o4w-dpop.mjs [--count 10000] [--alg ES256|EdDSA] [--with-ath]
// Prints one JSON line.
import { loadPeer, parseOptions, measure, fail } from './peer-modules.mjs';

try {
  const o = parseOptions(process.argv.slice(2), { count: 10000, alg: 'ES256', withAth: false });
  const oauth = await loadPeer('oauth4webapi');
  const dpop = oauth.DPoP({}, await oauth.generateKeyPair(o.alg, { extractable: true }));
  // addProof() is the DPoPHandle method the library calls for every request (not in its .d.ts).
  if (typeof dpop.addProof !== 'function') throw new Error('this oauth4webapi has no DPoPHandle.addProof');
  const url = new URL('https://as.example.test/token');
  const at = o.withAth ? 'x'.repeat(43) : undefined;
  let last;
  const proof = async () => {
    const headers = new Headers();
    await dpop.addProof(url, headers, 'POST', at);
    last = headers.get('dpop');
  };
  await proof();
  if (!last || last.split('.').length !== 3) throw new Error('no DPoP proof produced');
  console.log(JSON.stringify({ bench: 'o4w-dpop', alg: o.alg, ...(await measure(o.count, 1, proof)) }));
} catch (e) { fail(e); }

#!/usr/bin/env node
// oauth4webapi client_credentials grants (client_secret_basic) against a live server.
//   run.sh o4w-client-credentials.mjs --issuer URL --client-id ID --client-secret S
//          [--count 2000] [--concurrency 8] [--scope S] [--resource URI] [--stdin-rounds]
//          [--token-endpoint URL]
// Prints one JSON line: {"ops","wall_s","cpu_user_s","cpu_sys_s","ops_per_s"} (client process CPU).
// With --stdin-rounds it stays up: every line read from standard input is a count, answered by
// one such JSON line after that many grants (so a caller can interleave rounds with other
// implementations against a warm process); it ends at the end of its input.
// --token-endpoint replaces the discovered one (the fixture's https alias; Node trusts its CA
// through NODE_EXTRA_CA_CERTS).
import { createInterface } from 'node:readline';
import { loadPeer, parseOptions, measure, fail } from './peer-modules.mjs';

try {
  const o = parseOptions(process.argv.slice(2), {
    issuer: '', clientId: '', clientSecret: '', count: 2000, concurrency: 8, scope: '', resource: '', stdinRounds: false, tokenEndpoint: '',
  });
  if (!o.issuer || !o.clientId || !o.clientSecret) throw new Error('--issuer, --client-id and --client-secret are required');
  const oauth = await loadPeer('oauth4webapi');
  const issuer = new URL(o.issuer);
  const opts = { [oauth.allowInsecureRequests]: issuer.protocol === 'http:' };
  const discovered = await oauth.processDiscoveryResponse(issuer, await oauth.discoveryRequest(issuer, opts));
  const as = o.tokenEndpoint ? { ...discovered, token_endpoint: o.tokenEndpoint } : discovered;
  const client = { client_id: o.clientId };
  const auth = oauth.ClientSecretBasic(o.clientSecret);
  const params = {};
  if (o.scope) params.scope = o.scope;
  if (o.resource) params.resource = o.resource;
  const grant = async () => {
    const res = await oauth.processClientCredentialsResponse(as, client,
      await oauth.clientCredentialsGrantRequest(as, client, auth, params, opts));
    if (!res.access_token) throw new Error('no access_token');
  };
  await grant(); // warm-up (connection, JIT), not counted
  if (o.stdinRounds) {
    for await (const line of createInterface({ input: process.stdin })) {
      const count = Number.parseInt(line, 10);
      if (!(count > 0)) continue;
      console.log(JSON.stringify({ bench: 'o4w-client-credentials', concurrency: o.concurrency, ...(await measure(count, o.concurrency, grant)) }));
    }
  } else {
    console.log(JSON.stringify({ bench: 'o4w-client-credentials', concurrency: o.concurrency, ...(await measure(o.count, o.concurrency, grant)) }));
  }
} catch (e) { fail(e); }

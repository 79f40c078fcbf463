// JWE round trips with `jose` (panva/jose) for tst_peer_jwe.
// stdin: {"keys": {name: private JWK}, "plaintext": "...", "ours": [{"alg","enc","key","jwe"}]}
// stdout: {"theirs": [{"alg","enc","key","jwe"}], "decrypted": [{"index","ok","plaintext"|"error"}]}
// "theirs" holds one JWE made by jose for every alg/enc pair and every key that fits the alg;
// "decrypted" is what jose made of each JWE in "ours".
import { CompactEncrypt, compactDecrypt, importJWK } from 'jose';

const ALGS = ['RSA-OAEP', 'RSA-OAEP-256', 'ECDH-ES', 'ECDH-ES+A128KW', 'ECDH-ES+A192KW', 'ECDH-ES+A256KW',
              'A128KW', 'A192KW', 'A256KW', 'dir'];
const ENCS = ['A128GCM', 'A192GCM', 'A256GCM', 'A128CBC-HS256', 'A192CBC-HS384', 'A256CBC-HS512'];
const CEK_BYTES = { A128GCM: 16, A192GCM: 24, A256GCM: 32, 'A128CBC-HS256': 32, 'A192CBC-HS384': 48, 'A256CBC-HS512': 64 };
const KW_BYTES = { A128KW: 16, A192KW: 24, A256KW: 32 };

function fits(alg, enc, jwk) {
    if (alg.startsWith('RSA-OAEP')) return jwk.kty === 'RSA';
    if (alg.startsWith('ECDH-ES')) return jwk.kty === 'EC' || (jwk.kty === 'OKP' && jwk.crv === 'X25519');
    const bytes = Buffer.from(jwk.k ?? '', 'base64url').length;
    if (alg === 'dir') return jwk.kty === 'oct' && bytes === CEK_BYTES[enc];
    return jwk.kty === 'oct' && bytes === KW_BYTES[alg];
}

function publicPart(jwk) {
    const { d, p, q, dp, dq, qi, ...pub } = jwk;
    return pub;
}

const input = JSON.parse(await new Promise((resolve) => {
    let data = '';
    process.stdin.setEncoding('utf8');
    process.stdin.on('data', (c) => { data += c; });
    process.stdin.on('end', () => resolve(data));
}));
const plaintext = new TextEncoder().encode(input.plaintext);
const theirs = [];
for (const alg of ALGS) {
    for (const enc of ENCS) {
        for (const [name, jwk] of Object.entries(input.keys)) {
            if (!fits(alg, enc, jwk)) continue;
            const key = await importJWK(jwk.kty === 'oct' ? jwk : publicPart(jwk), alg);
            const jwe = await new CompactEncrypt(plaintext).setProtectedHeader({ alg, enc, cty: 'JWT' }).encrypt(key);
            theirs.push({ alg, enc, key: name, jwe });
        }
    }
}
const decrypted = [];
for (const [index, o] of (input.ours ?? []).entries()) {
    try {
        const key = await importJWK(input.keys[o.key], o.alg);
        const { plaintext: out } = await compactDecrypt(o.jwe, key, {
            keyManagementAlgorithms: [o.alg], contentEncryptionAlgorithms: [o.enc] });
        decrypted.push({ index, ok: true, plaintext: new TextDecoder().decode(out) });
    } catch (e) {
        decrypted.push({ index, ok: false, error: String(e?.code ?? e) });
    }
}
process.stdout.write(JSON.stringify({ theirs, decrypted }));

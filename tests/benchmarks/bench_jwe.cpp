// SPDX-License-Identifier: BSD-3-Clause
// JWE decryption throughput per alg/enc pair: Jwe::decrypt (strict parsing of the compact
// serialization and the header, key selection, key management, content decryption) beside raw
// OpenSSL doing only the cryptography on segments split and decoded beforehand, and beside
// jose's compactDecrypt on Node (tests/benchmarks/node/jose-decrypt.mjs, same JWE, same key).
// Prints a table; no assertions. Each row decrypts the same JWE over and over, as an app does with
// a provider that repeats its protected header (the library keeps the last header it parsed);
// the row "oct-256,hdr" cycles through 64 JWEs whose headers all differ, the cost without that.
//
//   bench_jwe [--seconds S] [--jose-count N] [--no-jose] [--info FILE]
//
// Throughput is ops per CPU second of the measuring process; the library and the raw baseline
// run interleaved, in rounds. jose reports its own CPU time (user + system). --info (the
// oidc-provider info file run-benchmarks.sh passes) is accepted and not needed.
#include <oauth4qt/json.h>
#include <oauth4qt/jsonwebkey.h>
#include <oauth4qt/jws.h>

#include "jose/jwe_p.h"

#include "benchutil.h"

#include <QtCore/QCommandLineParser>
#include <QtCore/QCoreApplication>
#include <QtCore/QFile>
#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>
#include <QtCore/QRandomGenerator>
#include <QtCore/QTemporaryDir>
#include <QtCore/QTextStream>

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/params.h>
#include <openssl/rsa.h>

#include <cstring>
#include <ctime>

using namespace OAuth4Qt;
using namespace OAuth4QtBench;

namespace {

struct Case
{
    QString alg, enc, keyName;
    JsonWebKey key;       // the client's private key (or the oct secret)
    QByteArray jwe;
    // Raw baseline inputs, decoded once.
    QByteArray aad, encryptedKey, iv, ciphertext, tag;
    QByteArray epkGroup, epkPoint; // "P-256" and 04||x||y, or "X25519" and x
    QByteArray secret;
};

const uchar *u(const QByteArray &b) { return reinterpret_cast<const uchar *>(b.constData()); }

int cekBytes(const QString &enc)
{
    if (enc == QLatin1String("A128GCM")) return 16;
    if (enc == QLatin1String("A192GCM")) return 24;
    if (enc == QLatin1String("A256GCM")) return 32;
    if (enc == QLatin1String("A128CBC-HS256")) return 32;
    if (enc == QLatin1String("A192CBC-HS384")) return 48;
    return 64;
}

const EVP_CIPHER *gcm(int bytes) { return bytes == 16 ? EVP_aes_128_gcm() : bytes == 24 ? EVP_aes_192_gcm() : EVP_aes_256_gcm(); }
const EVP_CIPHER *cbc(int bytes) { return bytes == 16 ? EVP_aes_128_cbc() : bytes == 24 ? EVP_aes_192_cbc() : EVP_aes_256_cbc(); }
const EVP_CIPHER *wrap(int bytes) { return bytes == 16 ? EVP_aes_128_wrap() : bytes == 24 ? EVP_aes_192_wrap() : EVP_aes_256_wrap(); }
const EVP_MD *sha(int bytes) { return bytes == 32 ? EVP_sha256() : bytes == 48 ? EVP_sha384() : EVP_sha512(); }

bool unwrapKey(const unsigned char *kek, int kekBytes, const QByteArray &in, unsigned char *out, int *outLen)
{
    EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();
    EVP_CIPHER_CTX_set_flags(ctx, EVP_CIPHER_CTX_FLAG_WRAP_ALLOW);
    int len = 0, fin = 0;
    const bool ok = EVP_DecryptInit_ex(ctx, wrap(kekBytes), nullptr, kek, nullptr) == 1
        && EVP_DecryptUpdate(ctx, out, &len, u(in), int(in.size())) == 1
        && EVP_DecryptFinal_ex(ctx, out + len, &fin) == 1;
    EVP_CIPHER_CTX_free(ctx);
    *outLen = len + fin;
    return ok;
}

// The cryptography of one decryption with OpenSSL alone: no parsing, no base64, no JSON.
bool rawDecrypt(const Case &c)
{
    unsigned char cek[512]; // RSA decryption wants room for the modulus
    int cekLen = 0;
    const int want = cekBytes(c.enc);
    if (c.alg.startsWith(QLatin1String("RSA-OAEP"))) {
        EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new(static_cast<EVP_PKEY *>(c.key.nativeHandle()), nullptr);
        const EVP_MD *md = c.alg == QLatin1String("RSA-OAEP") ? EVP_sha1() : EVP_sha256();
        size_t len = sizeof cek;
        const bool ok = EVP_PKEY_decrypt_init(ctx) == 1 && EVP_PKEY_CTX_set_rsa_padding(ctx, RSA_PKCS1_OAEP_PADDING) == 1
            && EVP_PKEY_CTX_set_rsa_oaep_md(ctx, md) == 1 && EVP_PKEY_CTX_set_rsa_mgf1_md(ctx, md) == 1
            && EVP_PKEY_decrypt(ctx, cek, &len, u(c.encryptedKey), size_t(c.encryptedKey.size())) == 1;
        EVP_PKEY_CTX_free(ctx);
        if (!ok)
            return false;
        cekLen = int(len);
    } else if (c.alg.startsWith(QLatin1String("ECDH-ES"))) {
        // The ephemeral public key from its coordinates, checked on the curve (cofactor 1: the
        // quick check is the whole validation), then the key agreement.
        EVP_PKEY *peer = nullptr;
        if (c.epkGroup == "X25519") {
            peer = EVP_PKEY_new_raw_public_key_ex(nullptr, "X25519", nullptr, u(c.epkPoint), size_t(c.epkPoint.size()));
        } else {
            OSSL_PARAM params[] = {
                OSSL_PARAM_construct_utf8_string(OSSL_PKEY_PARAM_GROUP_NAME, const_cast<char *>(c.epkGroup.constData()), 0),
                OSSL_PARAM_construct_octet_string(OSSL_PKEY_PARAM_PUB_KEY, const_cast<char *>(c.epkPoint.constData()), size_t(c.epkPoint.size())),
                OSSL_PARAM_construct_end(),
            };
            EVP_PKEY_CTX *fctx = EVP_PKEY_CTX_new_from_name(nullptr, "EC", nullptr);
            if (EVP_PKEY_fromdata_init(fctx) != 1 || EVP_PKEY_fromdata(fctx, &peer, EVP_PKEY_PUBLIC_KEY, params) != 1)
                peer = nullptr;
            EVP_PKEY_CTX_free(fctx);
            EVP_PKEY_CTX *check = peer ? EVP_PKEY_CTX_new_from_pkey(nullptr, peer, nullptr) : nullptr;
            const bool onCurve = check && EVP_PKEY_public_check_quick(check) == 1;
            EVP_PKEY_CTX_free(check);
            if (!onCurve) {
                EVP_PKEY_free(peer);
                return false;
            }
        }
        if (!peer)
            return false;
        EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new(static_cast<EVP_PKEY *>(c.key.nativeHandle()), nullptr);
        unsigned char z[80];
        size_t zLen = sizeof z;
        const bool ok = EVP_PKEY_derive_init(ctx) == 1 && EVP_PKEY_derive_set_peer_ex(ctx, peer, 0) == 1
            && EVP_PKEY_derive(ctx, z, &zLen) == 1;
        EVP_PKEY_CTX_free(ctx);
        EVP_PKEY_free(peer);
        if (!ok)
            return false;
        const bool direct = c.alg == QLatin1String("ECDH-ES");
        const QByteArray algId = (direct ? c.enc : c.alg).toLatin1();
        const int keyBytes = direct ? want : c.alg.mid(9, 3).toInt() / 8;
        // Concat KDF, SHA-256: counter || Z || len(alg) alg || 0 || 0 || keydatalen.
        unsigned char buf[4 + 80 + 4 + 32 + 4 + 4 + 4];
        size_t n = 0;
        auto be32 = [&](quint32 v) { buf[n++] = uchar(v >> 24); buf[n++] = uchar(v >> 16); buf[n++] = uchar(v >> 8); buf[n++] = uchar(v); };
        unsigned char derived[64];
        for (quint32 counter = 1; int((counter - 1) * 32) < keyBytes; ++counter) {
            n = 0;
            be32(counter);
            memcpy(buf + n, z, zLen);
            n += zLen;
            be32(quint32(algId.size()));
            memcpy(buf + n, algId.constData(), size_t(algId.size()));
            n += size_t(algId.size());
            be32(0);
            be32(0);
            be32(quint32(keyBytes) * 8);
            unsigned int mdLen = 0;
            EVP_Digest(buf, n, derived + (counter - 1) * 32, &mdLen, EVP_sha256(), nullptr);
        }
        if (direct) {
            memcpy(cek, derived, size_t(keyBytes));
            cekLen = keyBytes;
        } else if (!unwrapKey(derived, keyBytes, c.encryptedKey, cek, &cekLen)) {
            return false;
        }
    } else if (c.alg == QLatin1String("dir")) {
        memcpy(cek, c.secret.constData(), size_t(c.secret.size()));
        cekLen = int(c.secret.size());
    } else if (!unwrapKey(u(c.secret), int(c.secret.size()), c.encryptedKey, cek, &cekLen)) {
        return false;
    }
    if (cekLen != want)
        return false;

    QByteArray plain(c.ciphertext.size() + 16, Qt::Uninitialized);
    unsigned char *out = reinterpret_cast<unsigned char *>(plain.data());
    int len = 0, fin = 0;
    EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();
    bool ok;
    if (c.enc.endsWith(QLatin1String("GCM"))) {
        ok = EVP_DecryptInit_ex(ctx, gcm(want), nullptr, cek, u(c.iv)) == 1
            && EVP_DecryptUpdate(ctx, nullptr, &len, u(c.aad), int(c.aad.size())) == 1
            && EVP_DecryptUpdate(ctx, out, &len, u(c.ciphertext), int(c.ciphertext.size())) == 1
            && EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_SET_TAG, 16, const_cast<char *>(c.tag.constData())) == 1
            && EVP_DecryptFinal_ex(ctx, out + len, &fin) == 1;
    } else {
        const int half = want / 2;
        QByteArray macInput = c.aad + c.iv + c.ciphertext;
        const quint64 al = quint64(c.aad.size()) * 8;
        for (int i = 0; i < 8; ++i)
            macInput += char(al >> (56 - 8 * i));
        unsigned char mac[64];
        unsigned int macLen = 0;
        HMAC(sha(want), cek, half, u(macInput), size_t(macInput.size()), mac, &macLen);
        ok = CRYPTO_memcmp(mac, c.tag.constData(), size_t(half)) == 0
            && EVP_DecryptInit_ex(ctx, cbc(half), nullptr, cek + half, u(c.iv)) == 1
            && EVP_DecryptUpdate(ctx, out, &len, u(c.ciphertext), int(c.ciphertext.size())) == 1
            && EVP_DecryptFinal_ex(ctx, out + len, &fin) == 1;
    }
    EVP_CIPHER_CTX_free(ctx);
    OPENSSL_cleanse(cek, sizeof cek);
    return ok;
}

// jose's compactDecrypt of the same JWE on Node: ops per CPU second, or -1 (and \a why).
double joseOpsPerSecond(const Case &c, const QString &jwkFile, int count, QString *why)
{
    return opsPerCpuSecond(runNodePeer(QStringLiteral(OAUTH4QT_BENCH_NODE_DIR), QStringLiteral("jose-decrypt.mjs"),
                                       { QStringLiteral("--jwe"), QString::fromLatin1(c.jwe),
                                         QStringLiteral("--jwk"), jwkFile,
                                         QStringLiteral("--count"), QString::number(count) }, why));
}

JsonWebKey octKey(int bytes)
{
    QByteArray k(bytes, Qt::Uninitialized);
    for (int i = 0; i < bytes; ++i)
        k[i] = char(QRandomGenerator::global()->bounded(256));
    return JsonWebKey::fromSecret(k);
}

JsonWebKey x25519Key()
{
    EVP_PKEY *pkey = EVP_PKEY_Q_keygen(nullptr, nullptr, "X25519");
    unsigned char priv[32], pub[32];
    size_t privLen = 32, pubLen = 32;
    EVP_PKEY_get_raw_private_key(pkey, priv, &privLen);
    EVP_PKEY_get_raw_public_key(pkey, pub, &pubLen);
    EVP_PKEY_free(pkey);
    const QJsonObject jwk{ { QStringLiteral("kty"), QStringLiteral("OKP") }, { QStringLiteral("crv"), QStringLiteral("X25519") },
                           { QStringLiteral("x"), QString::fromLatin1(Base64Url::encode(QByteArray(reinterpret_cast<char *>(pub), 32))) },
                           { QStringLiteral("d"), QString::fromLatin1(Base64Url::encode(QByteArray(reinterpret_cast<char *>(priv), 32))) } };
    return JsonWebKey::fromJson(jwk, JsonWebKey::PrivatePart::KeepPrivate);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("JWE decryption throughput"));
    parser.addHelpOption();
    QCommandLineOption secondsOpt(QStringLiteral("seconds"), QStringLiteral("Measuring time per row."), QStringLiteral("S"), QStringLiteral("1"));
    QCommandLineOption joseCountOpt(QStringLiteral("jose-count"), QStringLiteral("Decryptions jose runs per row."), QStringLiteral("N"), QStringLiteral("5000"));
    QCommandLineOption noJoseOpt(QStringLiteral("no-jose"), QStringLiteral("Skip the jose (Node) column."));
    QCommandLineOption infoOpt(QStringLiteral("info"), QStringLiteral("oidc-provider info file (accepted, not needed)."), QStringLiteral("FILE"));
    parser.addOptions({ secondsOpt, joseCountOpt, noJoseOpt, infoOpt });
    parser.process(app);
    const double seconds = qMax(0.1, parser.value(secondsOpt).toDouble());

    const JsonWebKey rsa = JsonWebKey::generate(QStringLiteral("RS256"));
    const JsonWebKey p256 = JsonWebKey::generate(QStringLiteral("ES256"));
    const JsonWebKey p384 = JsonWebKey::generate(QStringLiteral("ES384"));
    const JsonWebKey x25519 = x25519Key();
    struct Row
    {
        const char *alg, *enc, *keyName;
        JsonWebKey key;
        //! Cycle through JWEs whose protected headers all differ (a "jti" each), so the library
        //! parses every header: a provider's responses for one alg/enc/key repeat one header
        //! (the library keeps the last one parsed), this row shows the cost without that.
        bool distinctHeaders = false;
    };
    const QList<Row> rows = {
        { "RSA-OAEP", "A128CBC-HS256", "RSA-2048", rsa },
        { "RSA-OAEP-256", "A256GCM", "RSA-2048", rsa },
        { "ECDH-ES", "A128GCM", "P-256", p256 },
        { "ECDH-ES", "A256CBC-HS512", "X25519", x25519 },
        { "ECDH-ES+A128KW", "A128CBC-HS256", "P-256", p256 },
        { "ECDH-ES+A256KW", "A256GCM", "P-384", p384 },
        { "ECDH-ES+A192KW", "A192GCM", "X25519", x25519 },
        { "A128KW", "A128GCM", "oct-128", octKey(16) },
        { "A256KW", "A256CBC-HS512", "oct-256", octKey(32) },
        { "dir", "A256GCM", "oct-256", octKey(32) },
        { "dir", "A128CBC-HS256", "oct-256", octKey(32) },
        { "dir", "A256GCM", "oct-256,hdr", octKey(32), true },
    };
    // A typical nested ID Token (a signed JWT of about 800 bytes) as the plaintext.
    const QByteArray plaintext = QByteArray("eyJhbGciOiJSUzI1NiIsImtpZCI6ImsxIn0.") + QByteArray(600, 'x') + QByteArray(".") + QByteArray(342, 'y');

    QTemporaryDir tmp;
    QTextStream out(stdout);
    out << QStringLiteral("ops per CPU second (higher is better); lib = Jwe::decrypt of the compact JWE, raw = OpenSSL on pre-decoded segments\n");
    out << QStringLiteral("%1  %2  %3  %4  %5  %6  %7  %8\n").arg(QStringLiteral("alg"), -15).arg(QStringLiteral("enc"), -14)
               .arg(QStringLiteral("key"), -9).arg(QStringLiteral("lib"), 9).arg(QStringLiteral("raw"), 9)
               .arg(QStringLiteral("jose"), 9).arg(QStringLiteral("lib/raw"), 7).arg(QStringLiteral("lib/jose"), 8);
    out.flush();
    QStringList notes;
    for (const Row &row : rows) {
        QList<Case> cases;
        const bool oct = row.key.keyType() == JsonWebKey::KeyType::Oct;
        QString failure;
        for (int n = 0; n < (row.distinctHeaders ? 64 : 1) && failure.isEmpty(); ++n) {
            Case c;
            c.alg = QLatin1String(row.alg);
            c.enc = QLatin1String(row.enc);
            c.keyName = QLatin1String(row.keyName);
            c.key = row.key;
            QJsonObject extra{ { QStringLiteral("cty"), QStringLiteral("JWT") } };
            if (row.distinctHeaders)
                extra.insert(QStringLiteral("jti"), QString::number(QRandomGenerator::global()->generate64(), 36));
            Error error;
            c.jwe = Jwe::encrypt(plaintext, oct ? c.key : c.key.publicKey(), c.alg, c.enc, extra, &error);
            if (c.jwe.isEmpty()) {
                failure = c.alg + QLatin1Char(' ') + c.enc + QStringLiteral(": cannot encrypt: ") + error.detail();
                break;
            }
            const QList<QByteArray> parts = c.jwe.split('.');
            bool ok = false;
            c.aad = parts.at(0);
            c.encryptedKey = Base64Url::decode(parts.at(1), &ok);
            c.iv = Base64Url::decode(parts.at(2), &ok);
            c.ciphertext = Base64Url::decode(parts.at(3), &ok);
            c.tag = Base64Url::decode(parts.at(4), &ok);
            const QJsonObject header = Json::parseObject(Base64Url::decode(parts.at(0), &ok));
            if (header.contains(QLatin1String("epk"))) {
                const QJsonObject epk = header.value(QLatin1String("epk")).toObject();
                c.epkGroup = epk.value(QLatin1String("crv")).toString().toLatin1();
                const QByteArray x = Base64Url::decode(epk.value(QLatin1String("x")).toString().toLatin1(), &ok);
                const QByteArray y = Base64Url::decode(epk.value(QLatin1String("y")).toString().toLatin1(), &ok);
                c.epkPoint = c.epkGroup == "X25519" ? x : QByteArray(1, '\x04') + x + y;
            }
            if (oct)
                c.secret = c.key.symmetricSecret();
            cases.append(c);
        }
        if (!failure.isEmpty()) {
            notes.append(failure);
            continue;
        }
        const Case &c = cases.constFirst();
        const Jwe::DecryptOptions options = Jwe::optionsFor({ c.key }, c.alg, c.enc, {});

        qint64 failures = 0;
        Tally lib, raw;
        qsizetype nextLib = 0, nextRaw = 0;
        auto libOp = [&] {
            Error e;
            Jwe::decrypt(cases.at(nextLib++ % cases.size()).jwe, options, nullptr, &e);
            return !e;
        };
        auto rawOp = [&] { return rawDecrypt(cases.at(nextRaw++ % cases.size())); };
        libOp();
        rawOp();
        constexpr int rounds = 8;
        for (int r = 0; r < rounds; ++r) {
            measure(seconds / rounds, libOp, &lib, &failures);
            measure(seconds / rounds, rawOp, &raw, &failures);
        }

        double jose = -1;
        if (!parser.isSet(noJoseOpt)) {
            const QString jwkFile = tmp.filePath(QStringLiteral("key.json"));
            QFile kf(jwkFile);
            if (kf.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
                kf.write(QJsonDocument(c.key.toJson(true)).toJson());
                kf.close();
            }
            QString why;
            jose = joseOpsPerSecond(c, jwkFile, qMax(100, parser.value(joseCountOpt).toInt()), &why);
            if (jose < 0)
                notes.append(c.alg + QLatin1Char(' ') + c.enc + QStringLiteral(": ") + why);
        }
        const QString joseText = jose > 0 ? QString::number(jose, 'f', 0) : QStringLiteral("n/a");
        const QString joseRatio = jose > 0 ? QString::number(lib.opsPerSecond() / jose, 'f', 2) : QStringLiteral("n/a");
        out << QStringLiteral("%1  %2  %3  %4  %5  %6  %7  %8%9\n").arg(c.alg, -15).arg(c.enc, -14).arg(c.keyName, -9)
                   .arg(lib.opsPerSecond(), 9, 'f', 0).arg(raw.opsPerSecond(), 9, 'f', 0).arg(joseText, 9)
                   .arg(lib.opsPerSecond() / raw.opsPerSecond(), 7, 'f', 3).arg(joseRatio, 8)
                   .arg(failures ? QStringLiteral("  (%1 failures!)").arg(failures) : QString());
        out.flush();
    }
    for (const QString &note : std::as_const(notes))
        out << QStringLiteral("note: ") << note << QLatin1Char('\n');
    return 0;
}

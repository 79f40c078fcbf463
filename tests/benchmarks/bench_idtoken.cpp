// SPDX-License-Identifier: BSD-3-Clause
// ID Token validation throughput with a cached JWKS: IdTokenValidator (full section D checks)
// beside raw OpenSSL EVP_DigestVerify of the same signing input, RS256 and ES256, in one run.
// Prints a table; no assertions.
//
//   bench_idtoken [--seconds S] [--token-file F --jwk-file F [--file-alg RS256|ES256]]
//
// --token-file / --jwk-file write the benchmarked token and its public JWK (as a JWK Set) so
// tests/benchmarks/node/jose-verify.mjs can verify the same token:
//   run.sh jose-verify.mjs --jwt "$(cat F)" --jwk JWKFILE --issuer https://op.example.test --audience bench-client --at-iat
#include <oauth4qt/idtokenvalidator.h>
#include <oauth4qt/jws.h>

#include <QtCore/QCommandLineParser>
#include <QtCore/QCoreApplication>
#include <QtCore/QElapsedTimer>
#include <QtCore/QFile>
#include <QtCore/QJsonDocument>
#include <QtCore/QTextStream>

#include <openssl/ecdsa.h>
#include <openssl/evp.h>

#include <cstdio>

using namespace OAuth4Qt;

namespace {
const QString kIssuer = QStringLiteral("https://op.example.test");
const QString kClient = QStringLiteral("bench-client");

struct Case
{
    QString alg;
    JsonWebKey key;
    QByteArray token;
};

QByteArray makeToken(const QString &alg, const JsonWebKey &key, qint64 now)
{
    QJsonObject claims{ { QStringLiteral("iss"), kIssuer },       { QStringLiteral("aud"), kClient },
                        { QStringLiteral("sub"), QStringLiteral("alice") }, { QStringLiteral("iat"), double(now) },
                        { QStringLiteral("exp"), double(now + 3600) },      { QStringLiteral("nonce"), QStringLiteral("n-1") } };
    QJsonObject header{ { QStringLiteral("kid"), key.keyId() }, { QStringLiteral("typ"), QStringLiteral("JWT") } };
    return Jws::sign(alg, header, QJsonDocument(claims).toJson(QJsonDocument::Compact), key);
}

// Raw OpenSSL: verify the same signature over the same signing input (no parsing, no claims).
bool rawVerify(EVP_PKEY *pkey, const QString &alg, const QByteArray &input, const QByteArray &jwsSignature)
{
    QByteArray sig = jwsSignature;
    if (alg.startsWith(QLatin1String("ES"))) {
        const int half = int(sig.size() / 2);
        ECDSA_SIG *es = ECDSA_SIG_new();
        BIGNUM *r = BN_bin2bn(reinterpret_cast<const unsigned char *>(sig.constData()), half, nullptr);
        BIGNUM *s = BN_bin2bn(reinterpret_cast<const unsigned char *>(sig.constData()) + half, half, nullptr);
        ECDSA_SIG_set0(es, r, s);
        unsigned char *der = nullptr;
        const int len = i2d_ECDSA_SIG(es, &der);
        sig = QByteArray(reinterpret_cast<const char *>(der), len);
        OPENSSL_free(der);
        ECDSA_SIG_free(es);
    }
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    bool ok = EVP_DigestVerifyInit(ctx, nullptr, EVP_sha256(), nullptr, pkey) == 1
        && EVP_DigestVerify(ctx, reinterpret_cast<const unsigned char *>(sig.constData()), size_t(sig.size()),
                            reinterpret_cast<const unsigned char *>(input.constData()), size_t(input.size())) == 1;
    EVP_MD_CTX_free(ctx);
    return ok;
}

template <typename F>
double opsPerSecond(double seconds, F &&op, qint64 *failures)
{
    QElapsedTimer timer;
    timer.start();
    qint64 count = 0;
    while (timer.nsecsElapsed() < qint64(seconds * 1e9)) {
        for (int i = 0; i < 16; ++i) {
            if (!op())
                ++*failures;
        }
        count += 16;
    }
    return double(count) / (double(timer.nsecsElapsed()) / 1e9);
}
} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("ID Token validation throughput"));
    parser.addHelpOption();
    QCommandLineOption secondsOpt(QStringLiteral("seconds"), QStringLiteral("Measuring time per row."), QStringLiteral("S"), QStringLiteral("2"));
    QCommandLineOption tokenFileOpt(QStringLiteral("token-file"), QStringLiteral("Write the token here."), QStringLiteral("FILE"));
    QCommandLineOption jwkFileOpt(QStringLiteral("jwk-file"), QStringLiteral("Write the public JWK Set here."), QStringLiteral("FILE"));
    QCommandLineOption fileAlgOpt(QStringLiteral("file-alg"), QStringLiteral("Which token to write (RS256 or ES256)."), QStringLiteral("ALG"), QStringLiteral("RS256"));
    // run-benchmarks.sh passes every program the peer's info file; this one does not need it.
    QCommandLineOption infoOpt(QStringLiteral("info"), QStringLiteral("Peer info file (ignored)."), QStringLiteral("FILE"));
    parser.addOptions({ secondsOpt, tokenFileOpt, jwkFileOpt, fileAlgOpt, infoOpt });
    parser.process(app);
    const double seconds = qMax(0.1, parser.value(secondsOpt).toDouble());

    const qint64 now = QDateTime::currentSecsSinceEpoch();
    QList<Case> cases;
    for (const QString &alg : { QStringLiteral("RS256"), QStringLiteral("ES256") }) {
        Case c;
        c.alg = alg;
        c.key = JsonWebKey::generate(alg);
        c.key.setKeyId(alg.toLower() + QStringLiteral("-bench"));
        c.token = makeToken(alg, c.key, now);
        cases.append(c);
    }

    if (parser.isSet(tokenFileOpt) || parser.isSet(jwkFileOpt)) {
        for (const Case &c : std::as_const(cases)) {
            if (c.alg != parser.value(fileAlgOpt))
                continue;
            QFile tf(parser.value(tokenFileOpt));
            if (parser.isSet(tokenFileOpt) && tf.open(QIODevice::WriteOnly))
                tf.write(c.token);
            QFile kf(parser.value(jwkFileOpt));
            if (parser.isSet(jwkFileOpt) && kf.open(QIODevice::WriteOnly))
                kf.write(QJsonDocument(JsonWebKeySet({ c.key.publicKey() }).toJson()).toJson());
        }
    }

    QTextStream out(stdout);
    out << QStringLiteral("%1  %2  %3  %4\n").arg(QStringLiteral("alg"), -6).arg(QStringLiteral("IdTokenValidator ops/s"), 24)
               .arg(QStringLiteral("raw EVP_DigestVerify ops/s"), 28).arg(QStringLiteral("ratio"), 7);
    for (const Case &c : std::as_const(cases)) {
        // A JWKS as it would be cached: the key among a few others.
        QList<JsonWebKey> jwks{ c.key.publicKey() };
        for (int i = 0; i < 3; ++i) {
            JsonWebKey other = JsonWebKey::generate(c.alg);
            other.setKeyId(QStringLiteral("other-%1").arg(i));
            jwks.append(other.publicKey());
        }
        IdTokenValidator v;
        v.setIssuer(kIssuer);
        v.setClientId(kClient);
        v.setAlgorithm(c.alg);
        v.setKeys(JsonWebKeySet(jwks));
        v.setNonce(QStringLiteral("n-1"));
        const JsonWebKey publicKey = c.key.publicKey();
        const int dot = c.token.lastIndexOf('.');
        const QByteArray input = c.token.left(dot);
        const QByteArray signature = Base64Url::decode(c.token.mid(dot + 1), nullptr);
        auto *pkey = static_cast<EVP_PKEY *>(publicKey.nativeHandle());

        qint64 failures = 0;
        const double lib = opsPerSecond(seconds, [&] { Error e; v.validate(c.token, &e); return !e; }, &failures);
        const double raw = opsPerSecond(seconds, [&] { return rawVerify(pkey, c.alg, input, signature); }, &failures);
        out << QStringLiteral("%1  %2  %3  %4%5\n").arg(c.alg, -6).arg(lib, 24, 'f', 0).arg(raw, 28, 'f', 0)
                   .arg(lib / raw, 7, 'f', 3).arg(failures ? QStringLiteral("  (%1 failures!)").arg(failures) : QString());
        out.flush();
    }
    return 0;
}

// SPDX-License-Identifier: BSD-3-Clause
// ID Token validation throughput with a cached JWKS: IdTokenValidator (full section D checks)
// beside raw OpenSSL EVP_DigestVerify of the same signing input and beside jose's jwtVerify on
// Node (tests/benchmarks/node/jose-verify.mjs, same token, same key, issuer and audience
// checks), RS256 and ES256, in one run. Prints a table; no assertions.
//
//   bench_idtoken [--seconds S] [--jose-count N] [--no-jose] [--info FILE]
//                 [--token-file F --jwk-file F [--file-alg RS256|ES256]]
//
// Throughput is ops per CPU second of the measuring process (the machine may be shared: wall
// time would count other processes). The library and the raw baseline run interleaved, in
// rounds, so a change of load hits both alike. jose reports its own CPU time (user + system).
// --info (the oidc-provider info file run-benchmarks.sh passes) is accepted and not needed.
// --token-file / --jwk-file also write the benchmarked token and its public JWK Set.
#include <oauth4qt/idtokenvalidator.h>
#include <oauth4qt/jws.h>

#include "benchutil.h"

#include <QtCore/QCommandLineParser>
#include <QtCore/QCoreApplication>
#include <QtCore/QElapsedTimer>
#include <QtCore/QFile>
#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>
#include <QtCore/QTemporaryDir>
#include <QtCore/QTextStream>

#include <openssl/ecdsa.h>
#include <openssl/evp.h>

#include <cstdio>
#include <ctime>

using namespace OAuth4Qt;
using namespace OAuth4QtBench;

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

// jose's jwtVerify of the same token on Node: ops per CPU second, or -1 (and \a why).
double joseOpsPerSecond(const QByteArray &token, const QString &jwksFile, int count, QString *why)
{
    return opsPerCpuSecond(runNodePeer(QStringLiteral(OAUTH4QT_BENCH_NODE_DIR), QStringLiteral("jose-verify.mjs"),
                                       { QStringLiteral("--jwt"), QString::fromLatin1(token),
                                         QStringLiteral("--jwk"), jwksFile,
                                         QStringLiteral("--issuer"), kIssuer,
                                         QStringLiteral("--audience"), kClient,
                                         QStringLiteral("--count"), QString::number(count) }, why));
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
    QCommandLineOption joseCountOpt(QStringLiteral("jose-count"), QStringLiteral("Verifications jose runs per row."), QStringLiteral("N"), QStringLiteral("20000"));
    QCommandLineOption noJoseOpt(QStringLiteral("no-jose"), QStringLiteral("Skip the jose (Node) column."));
    QCommandLineOption infoOpt(QStringLiteral("info"), QStringLiteral("oidc-provider info file (accepted, not needed)."), QStringLiteral("FILE"));
    parser.addOptions({ secondsOpt, tokenFileOpt, jwkFileOpt, fileAlgOpt, joseCountOpt, noJoseOpt, infoOpt });
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

    QTemporaryDir tmp;
    QTextStream out(stdout);
    out << QStringLiteral("ops per CPU second (higher is better); lib = IdTokenValidator::validate, raw = EVP_DigestVerify alone\n");
    out << QStringLiteral("%1  %2  %3  %4  %5  %6\n").arg(QStringLiteral("alg"), -6).arg(QStringLiteral("lib"), 10)
               .arg(QStringLiteral("raw"), 10).arg(QStringLiteral("jose"), 10).arg(QStringLiteral("lib/raw"), 8)
               .arg(QStringLiteral("lib/jose"), 8);
    out.flush();
    QStringList notes;
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
        Tally lib, raw;
        auto libOp = [&] { Error e; v.validate(c.token, &e); return !e; };
        auto rawOp = [&] { return rawVerify(pkey, c.alg, input, signature); };
        libOp(); // warm-up (first use of the key)
        rawOp();
        constexpr int rounds = 8;
        for (int r = 0; r < rounds; ++r) {
            measure(seconds / rounds, libOp, &lib, &failures, 16);
            measure(seconds / rounds, rawOp, &raw, &failures, 16);
        }

        double jose = -1;
        if (!parser.isSet(noJoseOpt)) {
            const QString jwksFile = tmp.filePath(c.alg + QStringLiteral(".jwks.json"));
            QFile kf(jwksFile);
            if (kf.open(QIODevice::WriteOnly)) {
                kf.write(QJsonDocument(JsonWebKeySet({ publicKey }).toJson()).toJson());
                kf.close();
            }
            QString why;
            jose = joseOpsPerSecond(c.token, jwksFile, qMax(100, parser.value(joseCountOpt).toInt()), &why);
            if (jose < 0)
                notes.append(c.alg + QStringLiteral(": ") + why);
        }
        const QString joseText = jose > 0 ? QString::number(jose, 'f', 0) : QStringLiteral("n/a");
        const QString joseRatio = jose > 0 ? QString::number(lib.opsPerSecond() / jose, 'f', 3) : QStringLiteral("n/a");
        out << QStringLiteral("%1  %2  %3  %4  %5  %6%7\n").arg(c.alg, -6)
                   .arg(lib.opsPerSecond(), 10, 'f', 0).arg(raw.opsPerSecond(), 10, 'f', 0).arg(joseText, 10)
                   .arg(lib.opsPerSecond() / raw.opsPerSecond(), 8, 'f', 3).arg(joseRatio, 8)
                   .arg(failures ? QStringLiteral("  (%1 failures!)").arg(failures) : QString());
        out.flush();
    }
    for (const QString &note : std::as_const(notes))
        out << QStringLiteral("note: ") << note << QLatin1Char('\n');
    return 0;
}

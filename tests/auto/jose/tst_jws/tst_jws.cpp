// SPDX-License-Identifier: BSD-3-Clause
#include <oauth4qt/json.h>
#include <oauth4qt/jsonwebkey.h>
#include <oauth4qt/jws.h>

#include <QtCore/QJsonArray>
#include <QtCore/QJsonDocument>
#include <QtTest/QtTest>

#include "../josevectors.h"
#include "../mldsavectors.h"

using namespace OAuth4Qt;
using namespace JoseVectors;

namespace {

QJsonObject obj(const char *json)
{
    Error error;
    const QJsonObject o = Json::parseObject(QByteArray(json), &error);
    if (error)
        qFatal("bad test JSON: %s", qPrintable(error.detail()));
    return o;
}

JsonWebKey key(const char *json, JsonWebKey::PrivatePart part = JsonWebKey::PrivatePart::KeepPrivate)
{
    Error error;
    const JsonWebKey k = JsonWebKey::fromJson(obj(json), part, &error);
    if (k.isNull())
        qFatal("test key refused: %s", qPrintable(error.detail()));
    return k;
}

QByteArray b64(const QByteArray &bytes)
{
    return Base64Url::encode(bytes);
}

// A compact JWS from raw header and payload text, signed with key (or an arbitrary
// signature when key is null).
QByteArray token(const QByteArray &header, const QByteArray &payload, const JsonWebKey &signer = {},
                 const QString &alg = {})
{
    const QByteArray input = b64(header) + '.' + b64(payload);
    const QByteArray sig = signer.isNull() ? QByteArray("sig") : signer.sign(alg, input);
    return input + '.' + b64(sig);
}

QByteArray segment(const QByteArray &compact, int i)
{
    return compact.split('.').at(i);
}

} // namespace

class tst_Jws : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void publishedVectorsVerify_data();
    void publishedVectorsVerify();
    void deterministicSignaturesReproduced_data();
    void deterministicSignaturesReproduced();
    void signCompactReproduced_data();
    void signCompactReproduced();
    void signRoundTrip_data();
    void signRoundTrip();
    void signKeepsHeaderMembers();
    void signRefuses_data();
    void signRefuses();
    void verifyRejects_data();
    void verifyRejects();
    void parseRejects_data();
    void parseRejects();
    void parseJwt();
    void parseJwtRejects_data();
    void parseJwtRejects();
    void algorithms();
    void mlDsaJoseVectors_data();
    void mlDsaJoseVectors();
    void mlDsaSignWithJoseKey_data();
    void mlDsaSignWithJoseKey();
};

void tst_Jws::publishedVectorsVerify_data()
{
    QTest::addColumn<QByteArray>("compact");
    QTest::addColumn<QByteArray>("jwk");
    QTest::addColumn<QString>("alg");
    QTest::newRow("RFC 7515 A.1 HS256") << QByteArray(rfc7515A1Jws) << QByteArray(rfc7515A1Jwk) << QStringLiteral("HS256");
    QTest::newRow("RFC 7515 A.2 RS256") << QByteArray(rfc7515A2Jws) << QByteArray(rfc7515A2Jwk) << QStringLiteral("RS256");
    QTest::newRow("RFC 7515 A.3 ES256") << QByteArray(rfc7515A3Jws) << QByteArray(rfc7515A3Jwk) << QStringLiteral("ES256");
    QTest::newRow("RFC 7515 A.4 ES512") << QByteArray(rfc7515A4Jws) << QByteArray(rfc7515A4Jwk) << QStringLiteral("ES512");
    QTest::newRow("RFC 7520 4.1 RS256") << QByteArray(rfc7520Rs256) << QByteArray(rfc7520RsaJwk) << QStringLiteral("RS256");
    QTest::newRow("RFC 7520 4.2 PS384") << QByteArray(rfc7520Ps384) << QByteArray(rfc7520RsaJwk) << QStringLiteral("PS384");
    QTest::newRow("RFC 7520 4.3 ES512") << QByteArray(rfc7520Es512) << QByteArray(rfc7520EcJwk) << QStringLiteral("ES512");
    QTest::newRow("RFC 7520 4.4 HS256") << QByteArray(rfc7520Hs256) << QByteArray(rfc7520OctJwk) << QStringLiteral("HS256");
    QTest::newRow("RFC 8037 A.4 EdDSA") << QByteArray(rfc8037Jws) << QByteArray(rfc8037PublicJwk) << QStringLiteral("EdDSA");
}

void tst_Jws::publishedVectorsVerify()
{
    QFETCH(QByteArray, compact);
    QFETCH(QByteArray, jwk);
    QFETCH(QString, alg);
    Error error;
    const JwsCompact jws = Jws::parse(compact, &error);
    QVERIFY2(!error, qPrintable(error.detail()));
    QCOMPARE(jws.algorithm(), alg);
    QCOMPARE(jws.signingInput, compact.left(compact.lastIndexOf('.')));
    bool ok = false;
    QCOMPARE(jws.payload, Base64Url::decode(segment(compact, 1), &ok));
    QVERIFY(Jws::verify(jws, key(jwk.constData()), &error));
    QVERIFY(!error);
    // The public part alone verifies the asymmetric ones.
    if (Jws::isAsymmetric(alg))
        QVERIFY(Jws::verify(jws, key(jwk.constData(), JsonWebKey::PrivatePart::DropPrivate)));
    // Tampered payload: one character of the payload segment changed.
    QByteArray tampered = compact;
    const int payloadAt = int(compact.indexOf('.')) + 3;
    tampered[payloadAt] = tampered.at(payloadAt) == 'A' ? 'B' : 'A';
    const JwsCompact tamperedJws = Jws::parse(tampered);
    QVERIFY(!tamperedJws.signingInput.isEmpty());
    QVERIFY(!Jws::verify(tamperedJws, key(jwk.constData()), &error));
    QCOMPARE(error.code(), ErrorCode::InvalidSignature);
    // Tampered signature: first signature byte flipped.
    JwsCompact badSig = jws;
    badSig.signature[0] = char(badSig.signature.at(0) ^ 0x01);
    QVERIFY(!Jws::verify(badSig, key(jwk.constData()), &error));
    QCOMPARE(error.code(), ErrorCode::InvalidSignature);
}

void tst_Jws::deterministicSignaturesReproduced_data()
{
    QTest::addColumn<QByteArray>("compact");
    QTest::addColumn<QByteArray>("jwk");
    // RFC 7515 A.1 and A.2: the headers contain CR LF, so re-sign the published signing input.
    QTest::newRow("RFC 7515 A.1 HS256") << QByteArray(rfc7515A1Jws) << QByteArray(rfc7515A1Jwk);
    QTest::newRow("RFC 7515 A.2 RS256") << QByteArray(rfc7515A2Jws) << QByteArray(rfc7515A2Jwk);
    QTest::newRow("RFC 7520 4.1 RS256") << QByteArray(rfc7520Rs256) << QByteArray(rfc7520RsaJwk);
    QTest::newRow("RFC 7520 4.4 HS256") << QByteArray(rfc7520Hs256) << QByteArray(rfc7520OctJwk);
    QTest::newRow("RFC 8037 A.4 EdDSA") << QByteArray(rfc8037Jws) << QByteArray(rfc8037PrivateJwk);
}

void tst_Jws::deterministicSignaturesReproduced()
{
    QFETCH(QByteArray, compact);
    QFETCH(QByteArray, jwk);
    const JwsCompact jws = Jws::parse(compact);
    Error error;
    const QByteArray sig = key(jwk.constData()).sign(jws.algorithm(), jws.signingInput, &error);
    QVERIFY2(!error, qPrintable(error.detail()));
    QCOMPARE(b64(sig), segment(compact, 2));
}

void tst_Jws::signCompactReproduced_data()
{
    QTest::addColumn<QByteArray>("compact");
    QTest::addColumn<QByteArray>("jwk");
    // The whole compact serialization: header {"alg":..,"kid":..} serializes identically.
    QTest::newRow("RFC 7520 4.1 RS256") << QByteArray(rfc7520Rs256) << QByteArray(rfc7520RsaJwk);
    QTest::newRow("RFC 7520 4.4 HS256") << QByteArray(rfc7520Hs256) << QByteArray(rfc7520OctJwk);
    QTest::newRow("RFC 8037 A.4 EdDSA") << QByteArray(rfc8037Jws) << QByteArray(rfc8037PrivateJwk);
}

void tst_Jws::signCompactReproduced()
{
    QFETCH(QByteArray, compact);
    QFETCH(QByteArray, jwk);
    const JwsCompact parsed = Jws::parse(compact);
    QJsonObject header = parsed.header;
    header.remove(QLatin1String("alg"));
    Error error;
    const QByteArray signedCompact = Jws::sign(parsed.algorithm(), header, parsed.payload, key(jwk.constData()), &error);
    QVERIFY2(!error, qPrintable(error.detail()));
    QCOMPARE(signedCompact, compact);
}

void tst_Jws::signRoundTrip_data()
{
    QTest::addColumn<QString>("alg");
    for (const QString &alg : Jws::supportedAlgorithms())
        QTest::newRow(qPrintable(alg)) << alg;
}

void tst_Jws::signRoundTrip()
{
    QFETCH(QString, alg);
    const JsonWebKey signer = JsonWebKey::generate(alg);
    QVERIFY(!signer.isNull());
    const QByteArray claims = R"({"iss":"https://as.example","sub":"u","aud":"c"})";
    Error error;
    const QByteArray compact = Jws::sign(alg, { { QStringLiteral("typ"), QStringLiteral("JWT") } }, claims, signer, &error);
    QVERIFY2(!compact.isEmpty(), qPrintable(error.detail()));
    QJsonObject parsedClaims;
    const JwsCompact jws = Jws::parseJwt(compact, &parsedClaims, &error);
    QVERIFY2(!error, qPrintable(error.detail()));
    QCOMPARE(parsedClaims.value(QLatin1String("iss")).toString(), QStringLiteral("https://as.example"));
    QCOMPARE(jws.type(), QStringLiteral("JWT"));
    const JsonWebKey verifier = Jws::isAsymmetric(alg) ? signer.publicKey() : signer;
    QVERIFY(Jws::verify(jws, verifier, &error));
    // A different key of the same kind fails.
    QVERIFY(!Jws::verify(jws, JsonWebKey::generate(alg), &error));
    QCOMPARE(error.code(), ErrorCode::InvalidSignature);
    // Wrong-length signatures fail (EC: r||s must be exactly 2 x field size).
    for (int delta : { -1, 1 }) {
        JwsCompact bad = jws;
        if (delta < 0)
            bad.signature.chop(1);
        else
            bad.signature.append('\0');
        QVERIFY(!Jws::verify(bad, verifier, &error));
        QCOMPARE(error.code(), ErrorCode::InvalidSignature);
    }
    JwsCompact empty = jws;
    empty.signature.clear();
    QVERIFY(!Jws::verify(empty, verifier, &error));
    QCOMPARE(error.code(), ErrorCode::InvalidSignature);
}

void tst_Jws::signKeepsHeaderMembers()
{
    const JsonWebKey signer = key(rfc7515A3Jwk);
    const QJsonObject header{ { QStringLiteral("typ"), QStringLiteral("dpop+jwt") },
                              { QStringLiteral("kid"), QStringLiteral("k1") },
                              { QStringLiteral("jwk"), signer.publicKey().toJson() },
                              { QStringLiteral("alg"), QStringLiteral("HS256") } }; // replaced
    Error error;
    const QByteArray compact = Jws::sign(QStringLiteral("ES256"), header, "{}", signer, &error);
    QVERIFY2(!error, qPrintable(error.detail()));
    const JwsCompact jws = Jws::parse(compact);
    QCOMPARE(jws.algorithm(), QStringLiteral("ES256"));
    QCOMPARE(jws.type(), QStringLiteral("dpop+jwt"));
    QCOMPARE(jws.keyId(), QStringLiteral("k1"));
    QCOMPARE(jws.header.value(QLatin1String("jwk")).toObject(), signer.publicKey().toJson());
    QVERIFY(!jws.header.value(QLatin1String("jwk")).toObject().contains(QLatin1String("d")));
    QCOMPARE(jws.payload, QByteArray("{}"));
    QCOMPARE(jws.signature.size(), 64);
    QVERIFY(Jws::verify(jws, signer.publicKey()));
}

void tst_Jws::signRefuses_data()
{
    QTest::addColumn<QString>("alg");
    QTest::addColumn<QByteArray>("jwk");
    QTest::addColumn<bool>("keepPrivate");
    QTest::addColumn<ErrorCode>("code");
    QTest::newRow("none") << QStringLiteral("none") << QByteArray(rfc7520OctJwk) << true << ErrorCode::UnsupportedAlgorithm;
    QTest::newRow("unknown alg") << QStringLiteral("HS1") << QByteArray(rfc7520OctJwk) << true << ErrorCode::UnsupportedAlgorithm;
    QTest::newRow("RS256 with EC key") << QStringLiteral("RS256") << QByteArray(rfc7515A3Jwk) << true << ErrorCode::UnsupportedAlgorithm;
    QTest::newRow("ES256 with P-521 key") << QStringLiteral("ES256") << QByteArray(rfc7520EcJwk) << true << ErrorCode::UnsupportedAlgorithm;
    QTest::newRow("HS256 with RSA key") << QStringLiteral("HS256") << QByteArray(rfc7520RsaJwk) << true << ErrorCode::UnsupportedAlgorithm;
    QTest::newRow("public key only") << QStringLiteral("RS256") << QByteArray(rfc7520RsaJwk) << false << ErrorCode::InvalidKey;
}

void tst_Jws::signRefuses()
{
    QFETCH(QString, alg);
    QFETCH(QByteArray, jwk);
    QFETCH(bool, keepPrivate);
    QFETCH(ErrorCode, code);
    Error error;
    const QByteArray compact = Jws::sign(alg, {}, "{}",
                                         key(jwk.constData(), keepPrivate ? JsonWebKey::PrivatePart::KeepPrivate
                                                                          : JsonWebKey::PrivatePart::DropPrivate),
                                         &error);
    QVERIFY(compact.isEmpty());
    QCOMPARE(error.code(), code);
    QVERIFY(Jws::sign(alg, {}, "{}", JsonWebKey()).isEmpty());
}

void tst_Jws::verifyRejects_data()
{
    QTest::addColumn<QByteArray>("compact");
    QTest::addColumn<QByteArray>("jwk");
    QTest::addColumn<ErrorCode>("code");
    const JsonWebKey rsa = key(rfc7520RsaJwk);
    const JsonWebKey ec = key(rfc7515A3Jwk);

    QTest::newRow("alg none, empty signature")
            << QByteArray(b64(R"({"alg":"none"})") + '.' + b64(R"({"sub":"x"})") + '.')
            << QByteArray(rfc7520RsaJwk) << ErrorCode::AlgorithmNotAllowed;
    QTest::newRow("alg none with HS key")
            << QByteArray(b64(R"({"alg":"none"})") + '.' + b64(R"({"sub":"x"})") + '.')
            << QByteArray(rfc7520OctJwk) << ErrorCode::AlgorithmNotAllowed;
    QTest::newRow("alg None") << token(R"({"alg":"None"})", "{}") << QByteArray(rfc7520RsaJwk) << ErrorCode::UnsupportedAlgorithm;
    QTest::newRow("alg unknown") << token(R"({"alg":"RS1"})", "{}") << QByteArray(rfc7520RsaJwk) << ErrorCode::UnsupportedAlgorithm;
    QTest::newRow("alg RSA-OAEP") << token(R"({"alg":"RSA-OAEP"})", "{}") << QByteArray(rfc7520RsaJwk) << ErrorCode::UnsupportedAlgorithm;

    // Algorithm confusion: HS256 "signed" with the RSA public key's bytes as the secret,
    // verified with the RSA key.
    const JsonWebKey rsaAsSecret = JsonWebKey::fromSecret(rsa.toPem(false));
    QTest::newRow("HS256 over RSA public key (confusion)")
            << token(R"({"alg":"HS256"})", "{}", rsaAsSecret, QStringLiteral("HS256"))
            << QByteArray(rfc7520RsaJwk) << ErrorCode::UnsupportedAlgorithm;
    QTest::newRow("RFC 7520 HS256 token with RSA key") << QByteArray(rfc7520Hs256) << QByteArray(rfc7520RsaJwk) << ErrorCode::UnsupportedAlgorithm;
    QTest::newRow("RS256 token with EC key") << QByteArray(rfc7520Rs256) << QByteArray(rfc7515A3Jwk) << ErrorCode::UnsupportedAlgorithm;
    QTest::newRow("RS256 token with oct key") << QByteArray(rfc7520Rs256) << QByteArray(rfc7520OctJwk) << ErrorCode::UnsupportedAlgorithm;
    QTest::newRow("ES512 token with RSA key") << QByteArray(rfc7520Es512) << QByteArray(rfc7520RsaJwk) << ErrorCode::UnsupportedAlgorithm;
    QTest::newRow("ES256 token with P-521 key") << QByteArray(rfc7515A3Jws) << QByteArray(rfc7520EcJwk) << ErrorCode::UnsupportedAlgorithm;
    QTest::newRow("ES512 token with P-256 key") << QByteArray(rfc7520Es512) << QByteArray(rfc7515A3Jwk) << ErrorCode::UnsupportedAlgorithm;
    QTest::newRow("EdDSA token with EC key") << QByteArray(rfc8037Jws) << QByteArray(rfc7515A3Jwk) << ErrorCode::UnsupportedAlgorithm;
    // A PS384 signature presented as RS384 and the reverse.
    QTest::newRow("PS384 signature as RS384")
            << QByteArray(b64(R"({"alg":"RS384"})") + '.' + segment(rfc7520Ps384, 1) + '.' + segment(rfc7520Ps384, 2))
            << QByteArray(rfc7520RsaJwk) << ErrorCode::InvalidSignature;
    // Wrong key of the right type.
    QTest::newRow("RS256 wrong RSA key") << QByteArray(rfc7520Rs256) << QByteArray(rfc7515A2Jwk) << ErrorCode::InvalidSignature;
    QTest::newRow("HS256 wrong secret") << QByteArray(rfc7520Hs256) << QByteArray(rfc7515A1Jwk) << ErrorCode::InvalidSignature;
    // EC signatures: DER instead of r||s, wrong lengths.
    const QByteArray es256Input = b64(R"({"alg":"ES256"})") + '.' + b64("{}");
    const QByteArray rawSig = ec.sign(QStringLiteral("ES256"), es256Input);
    QTest::newRow("ES256 63-byte signature") << QByteArray(es256Input + '.' + b64(rawSig.left(63))) << QByteArray(rfc7515A3Jwk) << ErrorCode::InvalidSignature;
    QTest::newRow("ES256 65-byte signature") << QByteArray(es256Input + '.' + b64(rawSig + '\0')) << QByteArray(rfc7515A3Jwk) << ErrorCode::InvalidSignature;
    QTest::newRow("ES256 all-zero signature") << QByteArray(es256Input + '.' + b64(QByteArray(64, '\0'))) << QByteArray(rfc7515A3Jwk) << ErrorCode::InvalidSignature;
    QTest::newRow("ES256 swapped r and s") << QByteArray(es256Input + '.' + b64(rawSig.mid(32) + rawSig.left(32))) << QByteArray(rfc7515A3Jwk) << ErrorCode::InvalidSignature;
    QTest::newRow("ES512 signature truncated") << QByteArray(segment(rfc7520Es512, 0) + '.' + segment(rfc7520Es512, 1) + '.' + b64(Jws::parse(rfc7520Es512).signature.left(130)))
                                               << QByteArray(rfc7520EcJwk) << ErrorCode::InvalidSignature;
    QTest::newRow("RS256 signature shortened") << QByteArray(segment(rfc7520Rs256, 0) + '.' + segment(rfc7520Rs256, 1) + '.' + b64(Jws::parse(rfc7520Rs256).signature.mid(1)))
                                               << QByteArray(rfc7520RsaJwk) << ErrorCode::InvalidSignature;
    QTest::newRow("HS256 truncated MAC") << QByteArray(segment(rfc7520Hs256, 0) + '.' + segment(rfc7520Hs256, 1) + '.' + b64(Jws::parse(rfc7520Hs256).signature.left(16)))
                                         << QByteArray(rfc7520OctJwk) << ErrorCode::InvalidSignature;
}

void tst_Jws::verifyRejects()
{
    QFETCH(QByteArray, compact);
    QFETCH(QByteArray, jwk);
    QFETCH(ErrorCode, code);
    Error error;
    const JwsCompact jws = Jws::parse(compact, &error);
    QVERIFY2(!error, qPrintable(error.detail()));
    QVERIFY(!Jws::verify(jws, key(jwk.constData()), &error));
    QCOMPARE(error.code(), code);
}

void tst_Jws::parseRejects_data()
{
    QTest::addColumn<QByteArray>("compact");
    QTest::addColumn<ErrorCode>("code");
    const QByteArray good = rfc8037Jws;
    const QByteArray h = segment(good, 0), p = segment(good, 1), s = segment(good, 2);
    QTest::newRow("empty") << QByteArray() << ErrorCode::MalformedJwt;
    QTest::newRow("1 segment") << h << ErrorCode::MalformedJwt;
    QTest::newRow("2 segments") << QByteArray(h + '.' + p) << ErrorCode::MalformedJwt;
    QTest::newRow("4 segments") << QByteArray(good + ".AAAA") << ErrorCode::MalformedJwt;
    QTest::newRow("5 segments (JWE)") << QByteArray(b64(R"({"alg":"RSA-OAEP","enc":"A256GCM"})") + ".a.b.c.d") << ErrorCode::EncryptedJwtUnsupported;
    QTest::newRow("6 segments") << QByteArray(good + ".a.b.c") << ErrorCode::MalformedJwt;
    QTest::newRow("only dots") << QByteArray("..") << ErrorCode::MalformedJwt;
    QTest::newRow("padded header") << QByteArray(b64(R"({"alg":"EdDSA"})") + "=." + p + '.' + s) << ErrorCode::MalformedJwt;
    QTest::newRow("padded payload") << QByteArray(h + '.' + QByteArray("e30=") + '.' + s) << ErrorCode::MalformedJwt;
    QTest::newRow("padded signature") << QByteArray(h + '.' + p + '.' + s + "==") << ErrorCode::MalformedJwt;
    QTest::newRow("standard base64 +") << QByteArray(h + '.' + p + '.' + QByteArray(s).replace('-', '+')) << ErrorCode::MalformedJwt;
    QTest::newRow("standard base64 /") << QByteArray(h + '.' + p + '.' + QByteArray(s).replace('_', '/')) << ErrorCode::MalformedJwt;
    QTest::newRow("space in payload") << QByteArray(h + '.' + p.left(4) + ' ' + p.mid(4) + '.' + s) << ErrorCode::MalformedJwt;
    QTest::newRow("newline in signature") << QByteArray(h + '.' + p + '.' + s.left(10) + '\n' + s.mid(10)) << ErrorCode::MalformedJwt;
    QTest::newRow("trailing newline") << QByteArray(good + '\n') << ErrorCode::MalformedJwt;
    QTest::newRow("leading space") << QByteArray(' ' + good) << ErrorCode::MalformedJwt;
    QTest::newRow("non-canonical trailing bits") << QByteArray(h + '.' + p + '.' + s.left(s.size() - 1) + 'h') << ErrorCode::MalformedJwt;
    QTest::newRow("empty header") << QByteArray('.' + p + '.' + s) << ErrorCode::MalformedJwt;
    QTest::newRow("header not JSON") << QByteArray(b64("alg") + '.' + p + '.' + s) << ErrorCode::MalformedJwt;
    QTest::newRow("header array") << QByteArray(b64(R"([{"alg":"EdDSA"}])") + '.' + p + '.' + s) << ErrorCode::MalformedJwt;
    QTest::newRow("header string") << QByteArray(b64(R"("EdDSA")") + '.' + p + '.' + s) << ErrorCode::MalformedJwt;
    QTest::newRow("header duplicate alg") << QByteArray(b64(R"({"alg":"none","alg":"EdDSA"})") + '.' + p + '.' + s) << ErrorCode::MalformedJwt;
    QTest::newRow("header duplicate kid") << QByteArray(b64(R"({"alg":"EdDSA","kid":"a","kid":"b"})") + '.' + p + '.' + s) << ErrorCode::MalformedJwt;
    QTest::newRow("header BOM") << QByteArray(b64("\xEF\xBB\xBF{\"alg\":\"EdDSA\"}") + '.' + p + '.' + s) << ErrorCode::MalformedJwt;
    QTest::newRow("header trailing garbage") << QByteArray(b64(R"({"alg":"EdDSA"}x)") + '.' + p + '.' + s) << ErrorCode::MalformedJwt;
    QTest::newRow("header invalid UTF-8") << QByteArray(b64("{\"alg\":\"EdDSA\",\"x\":\"\xff\"}") + '.' + p + '.' + s) << ErrorCode::MalformedJwt;
    QTest::newRow("header without alg") << QByteArray(b64(R"({"typ":"JWT"})") + '.' + p + '.' + s) << ErrorCode::MalformedJwt;
    QTest::newRow("header alg number") << QByteArray(b64(R"({"alg":256})") + '.' + p + '.' + s) << ErrorCode::MalformedJwt;
    QTest::newRow("header alg null") << QByteArray(b64(R"({"alg":null})") + '.' + p + '.' + s) << ErrorCode::MalformedJwt;
    QTest::newRow("header deep nesting") << QByteArray(b64("{\"alg\":\"EdDSA\",\"x\":" + QByteArray(100, '[') + QByteArray(100, ']') + '}') + '.' + p + '.' + s) << ErrorCode::MalformedJwt;
}

void tst_Jws::parseRejects()
{
    QFETCH(QByteArray, compact);
    QFETCH(ErrorCode, code);
    Error error;
    const JwsCompact jws = Jws::parse(compact, &error);
    QCOMPARE(error.code(), code);
    QVERIFY(jws.signingInput.isEmpty());
    QVERIFY(jws.header.isEmpty());
    // A default JwsCompact never verifies.
    QVERIFY(!Jws::verify(jws, JsonWebKey::fromSecret("k")));
}

void tst_Jws::parseJwt()
{
    const JsonWebKey signer = key(rfc7515A3Jwk);
    const QByteArray compact = Jws::sign(QStringLiteral("ES256"), {}, R"({"iss":"i","aud":["a","b"],"n":{"x":1}})", signer);
    QJsonObject claims;
    Error error;
    const JwsCompact jws = Jws::parseJwt(compact, &claims, &error);
    QVERIFY2(!error, qPrintable(error.detail()));
    QCOMPARE(claims.value(QLatin1String("aud")).toArray().size(), 2);
    QVERIFY(Jws::verify(jws, signer));
    // The RFC 7515 examples carry CR LF inside their JSON: still valid.
    QVERIFY(!Jws::parseJwt(rfc7515A1Jws, &claims, &error).signingInput.isEmpty());
    QVERIFY(!error);
    QCOMPARE(claims.value(QLatin1String("iss")).toString(), QStringLiteral("joe"));
    // Claims may be null.
    QVERIFY(!Jws::parseJwt(compact, nullptr, &error).signingInput.isEmpty());
}

void tst_Jws::parseJwtRejects_data()
{
    QTest::addColumn<QByteArray>("payload");
    QTest::newRow("text (RFC 7520 payload)") << QByteArray("It\xe2\x80\x99s a dangerous business");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("array") << QByteArray(R"([{"sub":"x"}])");
    QTest::newRow("string") << QByteArray(R"("sub")");
    QTest::newRow("null") << QByteArray("null");
    QTest::newRow("duplicate claim") << QByteArray(R"({"sub":"alice","sub":"admin"})");
    QTest::newRow("duplicate nested claim") << QByteArray(R"({"cnf":{"jkt":"a","jkt":"b"}})");
    QTest::newRow("duplicate via escape") << QByteArray(R"({"iss":"a","\u0069ss":"b"})");
    QTest::newRow("BOM") << QByteArray("\xEF\xBB\xBF{}");
    QTest::newRow("trailing garbage") << QByteArray("{}}");
    QTest::newRow("deep nesting") << QByteArray("{\"a\":" + QByteArray(64, '[') + QByteArray(64, ']') + '}');
}

void tst_Jws::parseJwtRejects()
{
    QFETCH(QByteArray, payload);
    const JsonWebKey signer = key(rfc7515A3Jwk);
    const QByteArray compact = Jws::sign(QStringLiteral("ES256"), {}, payload, signer);
    QVERIFY(!compact.isEmpty());
    // parse() accepts any payload...
    Error error;
    QVERIFY(!Jws::parse(compact, &error).signingInput.isEmpty());
    QVERIFY(!error);
    // ...parseJwt() needs a strict JSON object.
    QJsonObject claims{ { QStringLiteral("stale"), true } };
    const JwsCompact jws = Jws::parseJwt(compact, &claims, &error);
    QCOMPARE(error.code(), ErrorCode::MalformedJwt);
    QVERIFY(jws.signingInput.isEmpty());
}

void tst_Jws::algorithms()
{
    // ML-DSA-44/65/87 come with an OpenSSL that has ML-DSA (3.5 and later), and only then.
    const bool mlDsa = MlDsaVectors::openSslHasMlDsa();
    QCOMPARE(Jws::supportedAlgorithms().size(), mlDsa ? 16 : 13);
    for (const char *alg : { "ML-DSA-44", "ML-DSA-65", "ML-DSA-87" }) {
        QCOMPARE(Jws::supportedAlgorithms().contains(QLatin1String(alg)), mlDsa);
        QCOMPARE(Jws::isAsymmetric(QLatin1String(alg)), mlDsa);
    }
    QVERIFY(!Jws::supportedAlgorithms().contains(QStringLiteral("none")));
    for (const char *alg : { "RS256", "PS512", "ES384", "EdDSA" })
        QVERIFY(Jws::isAsymmetric(QLatin1String(alg)));
    for (const char *alg : { "HS256", "HS384", "HS512", "none", "", "RSA-OAEP" })
        QVERIFY(!Jws::isAsymmetric(QLatin1String(alg)));
}

// Tokens jose 6 made with ML-DSA on Node 24. With an OpenSSL that has ML-DSA they verify with
// the jose public key (and fail when altered); without, every step is refused UnsupportedAlgorithm.
void tst_Jws::mlDsaJoseVectors_data()
{
    QTest::addColumn<QJsonObject>("vector");
    QTest::addColumn<QString>("member");
    const QJsonArray vectors = MlDsaVectors::vectors();
    for (const QJsonValue &v : vectors) {
        const QJsonObject o = v.toObject();
        for (const char *member : { "jwt", "jws" }) {
            QTest::addRow("%s %s (OpenSSL %s ML-DSA)", qPrintable(o.value(QLatin1String("alg")).toString()), member,
                          MlDsaVectors::openSslHasMlDsa() ? "with" : "without")
                    << o << QString::fromLatin1(member);
        }
    }
}

void tst_Jws::mlDsaJoseVectors()
{
    QFETCH(QJsonObject, vector);
    QFETCH(QString, member);
    const QString alg = vector.value(QLatin1String("alg")).toString();
    const QByteArray compact = vector.value(member).toString().toLatin1();
    Error error;
    const JwsCompact jws = Jws::parse(compact, &error);
    QVERIFY2(!error, qPrintable(error.detail())); // parsing does not depend on the algorithm
    QCOMPARE(jws.algorithm(), alg);
    const JsonWebKey publicKey = JsonWebKey::fromJson(vector.value(QLatin1String("publicJwk")).toObject(),
                                                      JsonWebKey::PrivatePart::DropPrivate, &error);
    if (!MlDsaVectors::openSslHasMlDsa()) {
        QVERIFY(publicKey.isNull());
        QCOMPARE(error.code(), ErrorCode::UnsupportedAlgorithm);
        // Whatever the key, an ML-DSA JWS is refused as an unsupported algorithm.
        QVERIFY(!Jws::verify(jws, key(rfc7515A3Jwk), &error));
        QCOMPARE(error.code(), ErrorCode::UnsupportedAlgorithm);
        QVERIFY(!Jws::verify(jws, key(rfc7520OctJwk), &error));
        QCOMPARE(error.code(), ErrorCode::UnsupportedAlgorithm);
        return;
    }
    QVERIFY2(!publicKey.isNull(), qPrintable(error.detail()));
    QVERIFY2(Jws::verify(jws, publicKey, &error), qPrintable(error.detail()));
    // Altered payload, altered signature, truncated signature: InvalidSignature.
    JwsCompact altered = jws;
    altered.signingInput.append('A');
    QVERIFY(!Jws::verify(altered, publicKey, &error));
    QCOMPARE(error.code(), ErrorCode::InvalidSignature);
    altered = jws;
    altered.signature[100] = char(altered.signature.at(100) ^ 0x01);
    QVERIFY(!Jws::verify(altered, publicKey, &error));
    QCOMPARE(error.code(), ErrorCode::InvalidSignature);
    altered = jws;
    altered.signature.chop(1);
    QVERIFY(!Jws::verify(altered, publicKey, &error));
    QCOMPARE(error.code(), ErrorCode::InvalidSignature);
    // Another key of the same parameter set: InvalidSignature; a key of another one does not fit.
    QVERIFY(!Jws::verify(jws, JsonWebKey::generate(alg).publicKey(), &error));
    QCOMPARE(error.code(), ErrorCode::InvalidSignature);
    const QString other = alg == QLatin1String("ML-DSA-44") ? QStringLiteral("ML-DSA-65") : QStringLiteral("ML-DSA-44");
    QVERIFY(!Jws::verify(jws, JsonWebKey::generate(other).publicKey(), &error));
    QCOMPARE(error.code(), ErrorCode::UnsupportedAlgorithm);
    // An EC key does not fit either (no algorithm confusion).
    QVERIFY(!Jws::verify(jws, key(rfc7515A3Jwk), &error));
    QCOMPARE(error.code(), ErrorCode::UnsupportedAlgorithm);
}

// Signing with the jose private key (seed): jose's public key verifies the result, and so does
// the library; without ML-DSA in OpenSSL, signing and key generation are refused.
void tst_Jws::mlDsaSignWithJoseKey_data()
{
    QTest::addColumn<QJsonObject>("vector");
    const QJsonArray vectors = MlDsaVectors::vectors();
    for (const QJsonValue &v : vectors) {
        const QJsonObject o = v.toObject();
        QTest::newRow(qPrintable(o.value(QLatin1String("alg")).toString())) << o;
    }
}

void tst_Jws::mlDsaSignWithJoseKey()
{
    QFETCH(QJsonObject, vector);
    const QString alg = vector.value(QLatin1String("alg")).toString();
    Error error;
    const JsonWebKey signer = JsonWebKey::fromJson(vector.value(QLatin1String("jwk")).toObject(),
                                                   JsonWebKey::PrivatePart::KeepPrivate, &error);
    if (!MlDsaVectors::openSslHasMlDsa()) {
        QVERIFY(signer.isNull());
        QCOMPARE(error.code(), ErrorCode::UnsupportedAlgorithm);
        QVERIFY(Jws::sign(alg, {}, "{}", key(rfc7515A3Jwk), &error).isEmpty());
        QCOMPARE(error.code(), ErrorCode::UnsupportedAlgorithm);
        QVERIFY(JsonWebKey::generate(alg, &error).isNull());
        QCOMPARE(error.code(), ErrorCode::UnsupportedAlgorithm);
        return;
    }
    QVERIFY2(!signer.isNull(), qPrintable(error.detail()));
    const QByteArray compact = Jws::sign(alg, { { QStringLiteral("typ"), QStringLiteral("JWT") } },
                                         R"({"sub":"alice"})", signer, &error);
    QVERIFY2(!compact.isEmpty(), qPrintable(error.detail()));
    const JwsCompact jws = Jws::parse(compact);
    QCOMPARE(jws.algorithm(), alg);
    const JsonWebKey jose = JsonWebKey::fromJson(vector.value(QLatin1String("publicJwk")).toObject());
    QVERIFY2(Jws::verify(jws, jose, &error), qPrintable(error.detail()));
    // The public half of the imported private key is jose's public key.
    QCOMPARE(signer.publicKey(), jose);
    // An EC algorithm with the ML-DSA key: does not fit.
    QVERIFY(Jws::sign(QStringLiteral("ES256"), {}, "{}", signer, &error).isEmpty());
    QCOMPARE(error.code(), ErrorCode::UnsupportedAlgorithm);
}

QTEST_GUILESS_MAIN(tst_Jws)
#include "tst_jws.moc"

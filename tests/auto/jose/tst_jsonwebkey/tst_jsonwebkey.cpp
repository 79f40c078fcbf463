// SPDX-License-Identifier: BSD-3-Clause
#include <oauth4qt/json.h>
#include <oauth4qt/jsonwebkey.h>
#include <oauth4qt/jws.h>

#include <QtCore/QJsonArray>
#include <QtTest/QtTest>

#include <openssl/crypto.h>

#include "../josevectors.h"
#include "../mldsavectors.h"
#include "testkeys.h"

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

JsonWebKey privateKey(const char *json)
{
    Error error;
    const JsonWebKey key = JsonWebKey::fromJson(obj(json), JsonWebKey::PrivatePart::KeepPrivate, &error);
    if (key.isNull())
        qFatal("test key refused: %s", qPrintable(error.detail()));
    return key;
}

QString b64(const QByteArray &bytes)
{
    return QString::fromLatin1(Base64Url::encode(bytes));
}

QJsonObject with(QJsonObject o, const QString &name, const QJsonValue &value)
{
    o.insert(name, value);
    return o;
}

} // namespace

class tst_JsonWebKey : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void thumbprint_data();
    void thumbprint();
    void importPublishedKeys_data();
    void importPublishedKeys();
    void dropPrivate_data();
    void dropPrivate();
    void exportRoundTrip_data();
    void exportRoundTrip();
    void rejectsInvalidJwk_data();
    void rejectsInvalidJwk();
    void weakRsaRefused();
    void ecPointOffCurveRefused();
    void generate_data();
    void generate();
    void pem_data();
    void pem();
    void pemRefused_data();
    void pemRefused();
    void supportsAlgorithm_data();
    void supportsAlgorithm();
    void equality();
    void symmetricSecret();
    void setters();
    void jwksFromJson();
    void jwksRejects_data();
    void jwksRejects();
    void jwksCandidates_data();
    void jwksCandidates();
    void concurrentUse();
    void repeatedVerification_data();
    void repeatedVerification();
    void mlDsaJoseKeys_data();
    void mlDsaJoseKeys();
    void mlDsaRejectsInvalidJwk_data();
    void mlDsaRejectsInvalidJwk();
    void mlDsaInJwks();
};

void tst_JsonWebKey::thumbprint_data()
{
    QTest::addColumn<QByteArray>("jwk");
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("RFC 7638 3.1 RSA") << QByteArray(rfc7638Jwk) << QByteArray(rfc7638Thumbprint);
    QTest::newRow("RFC 8037 A.3 Ed25519 public") << QByteArray(rfc8037PublicJwk) << QByteArray(rfc8037Thumbprint);
    QTest::newRow("RFC 8037 A.1 Ed25519 private") << QByteArray(rfc8037PrivateJwk) << QByteArray(rfc8037Thumbprint);
}

void tst_JsonWebKey::thumbprint()
{
    QFETCH(QByteArray, jwk);
    QFETCH(QByteArray, expected);
    Error error;
    const JsonWebKey key = JsonWebKey::fromJson(obj(jwk.constData()), JsonWebKey::PrivatePart::KeepPrivate, &error);
    QVERIFY2(!key.isNull(), qPrintable(error.detail()));
    QCOMPARE(key.thumbprintBase64Url(), expected);
    QCOMPARE(key.thumbprint().size(), 32);
    // Same thumbprint for the public part and regardless of kid/alg.
    QCOMPARE(key.publicKey().thumbprintBase64Url(), expected);
    JsonWebKey renamed = key;
    renamed.setKeyId(QStringLiteral("other"));
    QCOMPARE(renamed.thumbprintBase64Url(), expected);
}

void tst_JsonWebKey::importPublishedKeys_data()
{
    QTest::addColumn<QByteArray>("jwk");
    QTest::addColumn<JsonWebKey::KeyType>("type");
    QTest::addColumn<QString>("curve");
    QTest::addColumn<int>("bits");
    QTest::addColumn<QString>("defaultAlg");
    QTest::newRow("RFC 7515 A.2 RSA") << QByteArray(rfc7515A2Jwk) << JsonWebKey::KeyType::RSA << QString() << 2048 << QStringLiteral("RS256");
    QTest::newRow("RFC 7515 A.3 P-256") << QByteArray(rfc7515A3Jwk) << JsonWebKey::KeyType::EC << QStringLiteral("P-256") << 256 << QStringLiteral("ES256");
    QTest::newRow("RFC 7515 A.4 P-521") << QByteArray(rfc7515A4Jwk) << JsonWebKey::KeyType::EC << QStringLiteral("P-521") << 521 << QStringLiteral("ES512");
    QTest::newRow("RFC 7520 RSA") << QByteArray(rfc7520RsaJwk) << JsonWebKey::KeyType::RSA << QString() << 2048 << QStringLiteral("RS256");
    QTest::newRow("RFC 7520 EC") << QByteArray(rfc7520EcJwk) << JsonWebKey::KeyType::EC << QStringLiteral("P-521") << 521 << QStringLiteral("ES512");
    QTest::newRow("RFC 7520 oct") << QByteArray(rfc7520OctJwk) << JsonWebKey::KeyType::Oct << QString() << 256 << QStringLiteral("HS256");
    QTest::newRow("RFC 8037 Ed25519") << QByteArray(rfc8037PrivateJwk) << JsonWebKey::KeyType::OKP << QStringLiteral("Ed25519") << 256 << QStringLiteral("EdDSA");
}

void tst_JsonWebKey::importPublishedKeys()
{
    QFETCH(QByteArray, jwk);
    QFETCH(JsonWebKey::KeyType, type);
    QFETCH(QString, curve);
    QFETCH(int, bits);
    QFETCH(QString, defaultAlg);
    Error error;
    const JsonWebKey key = JsonWebKey::fromJson(obj(jwk.constData()), JsonWebKey::PrivatePart::KeepPrivate, &error);
    QVERIFY2(!key.isNull(), qPrintable(error.detail()));
    QVERIFY(!error);
    QCOMPARE(key.keyType(), type);
    QCOMPARE(key.curve(), curve);
    QCOMPARE(key.keySizeBits(), bits);
    QVERIFY(key.hasPrivateKey());
    QCOMPARE(key.defaultAlgorithm(), defaultAlg);
    QVERIFY(key.supportsAlgorithm(defaultAlg));
    QCOMPARE(key.nativeHandle() != nullptr, type != JsonWebKey::KeyType::Oct);
    QCOMPARE(key.keyId(), obj(jwk.constData()).value(QLatin1String("kid")).toString());
}

void tst_JsonWebKey::dropPrivate_data()
{
    QTest::addColumn<QByteArray>("jwk");
    QTest::newRow("RSA") << QByteArray(rfc7520RsaJwk);
    QTest::newRow("EC") << QByteArray(rfc7520EcJwk);
    QTest::newRow("OKP") << QByteArray(rfc8037PrivateJwk);
}

void tst_JsonWebKey::dropPrivate()
{
    QFETCH(QByteArray, jwk);
    Error error;
    const JsonWebKey key = JsonWebKey::fromJson(obj(jwk.constData()), JsonWebKey::PrivatePart::DropPrivate, &error);
    QVERIFY2(!key.isNull(), qPrintable(error.detail()));
    QVERIFY(!key.hasPrivateKey());
    const QJsonObject exported = key.toJson(true);
    for (const char *member : { "d", "p", "q", "dp", "dq", "qi" })
        QVERIFY2(!exported.contains(QLatin1String(member)), member);
    QVERIFY(key.toPem(true).isEmpty());
    QVERIFY(!key.toPem(false).isEmpty());
    // It cannot sign.
    error = Error();
    QVERIFY(key.sign(key.defaultAlgorithm(), "data", &error).isEmpty());
    QCOMPARE(error.code(), ErrorCode::InvalidKey);
    // Default is DropPrivate.
    QVERIFY(!JsonWebKey::fromJson(obj(jwk.constData())).hasPrivateKey());
    // It is the same public key as the private one.
    QCOMPARE(key, privateKey(jwk.constData()));
    QCOMPARE(key, privateKey(jwk.constData()).publicKey());
}

void tst_JsonWebKey::exportRoundTrip_data()
{
    importPublishedKeys_data();
}

void tst_JsonWebKey::exportRoundTrip()
{
    QFETCH(QByteArray, jwk);
    const QJsonObject original = obj(jwk.constData());
    const JsonWebKey key = privateKey(jwk.constData());
    // With private members: exactly the published JWK.
    QCOMPARE(key.toJson(true), original);
    const QJsonObject pub = key.toJson(false);
    if (key.keyType() == JsonWebKey::KeyType::Oct) {
        QVERIFY(pub.isEmpty());
        QVERIFY(key.publicKey().isNull());
        return;
    }
    for (const QString &name : original.keys()) {
        const bool isPrivate = QStringList{ QStringLiteral("d"), QStringLiteral("p"), QStringLiteral("q"), QStringLiteral("dp"),
                                            QStringLiteral("dq"), QStringLiteral("qi") }.contains(name);
        QCOMPARE(pub.contains(name), !isPrivate);
        if (!isPrivate)
            QCOMPARE(pub.value(name), original.value(name));
    }
    const JsonWebKey reimported = JsonWebKey::fromJson(pub);
    QCOMPARE(reimported, key);
    QCOMPARE(reimported.thumbprint(), key.thumbprint());
}

void tst_JsonWebKey::rejectsInvalidJwk_data()
{
    QTest::addColumn<QJsonObject>("jwk");
    QTest::addColumn<JsonWebKey::PrivatePart>("privatePart");
    const auto keep = JsonWebKey::PrivatePart::KeepPrivate;
    const auto drop = JsonWebKey::PrivatePart::DropPrivate;
    const QJsonObject ec = obj(rfc7515A3Jwk);
    const QJsonObject rsa = obj(rfc7515A2Jwk);
    const QJsonObject okp = obj(rfc8037PrivateJwk);
    const QJsonObject oct = obj(rfc7520OctJwk);
    QTest::newRow("empty") << QJsonObject() << drop;
    QTest::newRow("kty missing") << [&] { QJsonObject o = ec; o.remove(QLatin1String("kty")); return o; }() << drop;
    QTest::newRow("kty number") << with(ec, QStringLiteral("kty"), 1) << drop;
    QTest::newRow("kty unknown") << with(ec, QStringLiteral("kty"), QStringLiteral("DSA")) << drop;
    QTest::newRow("kty lower case") << with(ec, QStringLiteral("kty"), QStringLiteral("ec")) << drop;
    QTest::newRow("kid number") << with(ec, QStringLiteral("kid"), 1) << drop;
    QTest::newRow("use array") << with(ec, QStringLiteral("use"), QJsonArray{ QStringLiteral("sig") }) << drop;
    QTest::newRow("key_ops string") << with(ec, QStringLiteral("key_ops"), QStringLiteral("verify")) << drop;
    QTest::newRow("key_ops duplicate") << with(ec, QStringLiteral("key_ops"), QJsonArray{ QStringLiteral("verify"), QStringLiteral("verify") }) << drop;
    QTest::newRow("EC crv missing") << [&] { QJsonObject o = ec; o.remove(QLatin1String("crv")); return o; }() << drop;
    QTest::newRow("EC crv secp256k1") << with(ec, QStringLiteral("crv"), QStringLiteral("secp256k1")) << drop;
    QTest::newRow("EC crv P-384 with P-256 point") << with(ec, QStringLiteral("crv"), QStringLiteral("P-384")) << drop;
    QTest::newRow("EC y missing") << [&] { QJsonObject o = ec; o.remove(QLatin1String("y")); return o; }() << drop;
    QTest::newRow("EC x short") << with(ec, QStringLiteral("x"), b64(QByteArray(31, '\x01'))) << drop;
    QTest::newRow("EC x padded") << with(ec, QStringLiteral("x"), QString(ec.value(QLatin1String("x")).toString() + QLatin1Char('='))) << drop;
    QTest::newRow("EC x standard base64") << with(ec, QStringLiteral("x"), QStringLiteral("f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU").replace(QLatin1Char('_'), QLatin1Char('/')) .replace(QLatin1Char('8'), QLatin1Char('+'))) << drop;
    QTest::newRow("EC x with whitespace") << with(ec, QStringLiteral("x"), QStringLiteral("f83OJ3D2xF1Bg8vub9tLe1gHMzV7 6e8Tus9uPHvRVEU")) << drop;
    QTest::newRow("EC x number") << with(ec, QStringLiteral("x"), 5) << drop;
    QTest::newRow("EC d does not match") << with(ec, QStringLiteral("d"), obj(rfc7515A4Jwk).value(QLatin1String("d")).toString().left(43)) << keep;
    QTest::newRow("EC d wrong length") << with(ec, QStringLiteral("d"), b64(QByteArray(31, '\x05'))) << keep;
    QTest::newRow("RSA n missing") << [&] { QJsonObject o = rsa; o.remove(QLatin1String("n")); return o; }() << drop;
    QTest::newRow("RSA e missing") << [&] { QJsonObject o = rsa; o.remove(QLatin1String("e")); return o; }() << drop;
    QTest::newRow("RSA e even") << with(rsa, QStringLiteral("e"), b64(QByteArray("\x01\x00\x00", 3))) << drop;
    QTest::newRow("RSA e one") << with(rsa, QStringLiteral("e"), b64(QByteArray("\x01"))) << drop;
    QTest::newRow("RSA n empty") << with(rsa, QStringLiteral("n"), QString()) << drop;
    QTest::newRow("RSA multi-prime") << with(rsa, QStringLiteral("oth"), QJsonArray{ QJsonObject() }) << keep;
    QTest::newRow("RSA p does not match n") << with(rsa, QStringLiteral("p"), obj(rfc7520RsaJwk).value(QLatin1String("p"))) << keep;
    QTest::newRow("RSA d does not match") << with(rsa, QStringLiteral("d"), obj(rfc7520RsaJwk).value(QLatin1String("d"))) << keep;
    QTest::newRow("RSA partial CRT") << [&] { QJsonObject o = rsa; o.remove(QLatin1String("qi")); return o; }() << keep;
    QTest::newRow("OKP X25519 x short") << with(with(okp, QStringLiteral("crv"), QStringLiteral("X25519")), QStringLiteral("x"), b64(QByteArray(31, '\x01'))) << drop;
    QTest::newRow("OKP X448") << with(okp, QStringLiteral("crv"), QStringLiteral("X448")) << drop;
    QTest::newRow("OKP Ed448") << with(okp, QStringLiteral("crv"), QStringLiteral("Ed448")) << drop;
    QTest::newRow("OKP x short") << with(okp, QStringLiteral("x"), b64(QByteArray(31, '\x01'))) << drop;
    QTest::newRow("OKP d does not match x") << with(okp, QStringLiteral("d"), b64(QByteArray(32, '\x07'))) << keep;
    QTest::newRow("oct without KeepPrivate") << oct << drop;
    QTest::newRow("oct k missing") << [&] { QJsonObject o = oct; o.remove(QLatin1String("k")); return o; }() << keep;
    QTest::newRow("oct k empty") << with(oct, QStringLiteral("k"), QString()) << keep;
}

void tst_JsonWebKey::rejectsInvalidJwk()
{
    QFETCH(QJsonObject, jwk);
    QFETCH(JsonWebKey::PrivatePart, privatePart);
    Error error;
    const JsonWebKey key = JsonWebKey::fromJson(jwk, privatePart, &error);
    QVERIFY(key.isNull());
    QCOMPARE(error.code(), ErrorCode::InvalidKey);
}

void tst_JsonWebKey::weakRsaRefused()
{
    // 1024-bit and 2047-bit moduli are refused on import, however well-formed.
    for (int bytes : { 128, 256 }) {
        QByteArray n(bytes, '\xC5');
        if (bytes == 256)
            n[0] = '\x7F'; // 2047 bits
        Error error;
        const JsonWebKey key = JsonWebKey::fromJson(QJsonObject{ { QStringLiteral("kty"), QStringLiteral("RSA") },
                                                                 { QStringLiteral("n"), b64(n) },
                                                                 { QStringLiteral("e"), QStringLiteral("AQAB") } },
                                                    JsonWebKey::PrivatePart::DropPrivate, &error);
        QVERIFY(key.isNull());
        QCOMPARE(error.code(), ErrorCode::InvalidKey);
    }
    // A real 1024-bit key in PEM.
    Error error;
    QVERIFY(JsonWebKey::fromPem(QByteArray(rsa1024Pkcs8Pem), &error).isNull());
    QCOMPARE(error.code(), ErrorCode::InvalidKey);
    // Generation refuses it too.
    error = Error();
    QVERIFY(JsonWebKey::generateRsa(1024, &error).isNull());
    QCOMPARE(error.code(), ErrorCode::InvalidKey);
    error = Error();
    QVERIFY(JsonWebKey::generateRsa(2047, &error).isNull());
    QCOMPARE(error.code(), ErrorCode::InvalidKey);
}

void tst_JsonWebKey::ecPointOffCurveRefused()
{
    for (const char *jwk : { rfc7515A3Jwk, rfc7515A4Jwk, rfc7520EcJwk }) {
        QJsonObject o = obj(jwk);
        o.remove(QLatin1String("d"));
        QVERIFY(!JsonWebKey::fromJson(o).isNull());
        // Flip a bit of y: the point leaves the curve.
        bool ok = false;
        QByteArray y = Base64Url::decode(o.value(QLatin1String("y")).toString().toLatin1(), &ok);
        QVERIFY(ok);
        y[y.size() - 1] = char(y.at(y.size() - 1) ^ 0x01);
        o.insert(QLatin1String("y"), b64(y));
        Error error;
        QVERIFY(JsonWebKey::fromJson(o, JsonWebKey::PrivatePart::DropPrivate, &error).isNull());
        QCOMPARE(error.code(), ErrorCode::InvalidKey);
        // The point at infinity / all zero coordinates.
        const int len = int(y.size());
        o.insert(QLatin1String("x"), b64(QByteArray(len, '\0')));
        o.insert(QLatin1String("y"), b64(QByteArray(len, '\0')));
        error = Error();
        QVERIFY(JsonWebKey::fromJson(o, JsonWebKey::PrivatePart::DropPrivate, &error).isNull());
        QCOMPARE(error.code(), ErrorCode::InvalidKey);
    }
}

void tst_JsonWebKey::generate_data()
{
    QTest::addColumn<QString>("alg");
    QTest::addColumn<JsonWebKey::KeyType>("type");
    QTest::addColumn<QString>("curve");
    QTest::newRow("RS256") << QStringLiteral("RS256") << JsonWebKey::KeyType::RSA << QString();
    QTest::newRow("PS384") << QStringLiteral("PS384") << JsonWebKey::KeyType::RSA << QString();
    QTest::newRow("ES256") << QStringLiteral("ES256") << JsonWebKey::KeyType::EC << QStringLiteral("P-256");
    QTest::newRow("ES384") << QStringLiteral("ES384") << JsonWebKey::KeyType::EC << QStringLiteral("P-384");
    QTest::newRow("ES512") << QStringLiteral("ES512") << JsonWebKey::KeyType::EC << QStringLiteral("P-521");
    QTest::newRow("EdDSA") << QStringLiteral("EdDSA") << JsonWebKey::KeyType::OKP << QStringLiteral("Ed25519");
    QTest::newRow("HS512") << QStringLiteral("HS512") << JsonWebKey::KeyType::Oct << QString();
}

void tst_JsonWebKey::generate()
{
    QFETCH(QString, alg);
    QFETCH(JsonWebKey::KeyType, type);
    QFETCH(QString, curve);
    Error error;
    const JsonWebKey key = JsonWebKey::generate(alg, &error);
    QVERIFY2(!key.isNull(), qPrintable(error.detail()));
    QCOMPARE(key.keyType(), type);
    QCOMPARE(key.curve(), curve);
    QVERIFY(key.hasPrivateKey());
    QVERIFY(key.supportsAlgorithm(alg));
    const QByteArray sig = key.sign(alg, "payload", &error);
    QVERIFY2(!sig.isEmpty(), qPrintable(error.detail()));
    QVERIFY(key.verify(alg, "payload", sig, &error));
    QVERIFY(!key.verify(alg, "payloaD", sig, &error));
    QCOMPARE(error.code(), ErrorCode::InvalidSignature);
    if (type != JsonWebKey::KeyType::Oct) {
        const JsonWebKey pub = key.publicKey();
        QVERIFY(!pub.hasPrivateKey());
        QVERIFY(pub.verify(alg, "payload", sig));
        QCOMPARE(pub, key);
        // Private JWK round trip.
        const JsonWebKey again = JsonWebKey::fromJson(key.toJson(true), JsonWebKey::PrivatePart::KeepPrivate, &error);
        QVERIFY2(!again.isNull(), qPrintable(error.detail()));
        QVERIFY(again.hasPrivateKey());
        QVERIFY(pub.verify(alg, "x", again.sign(alg, "x")));
    }
    // Two generations differ.
    QVERIFY(JsonWebKey::generate(alg) != key);
}

void tst_JsonWebKey::pem_data()
{
    QTest::addColumn<QByteArray>("pem");
    QTest::addColumn<JsonWebKey::KeyType>("type");
    QTest::addColumn<bool>("isPrivate");
    QTest::newRow("traditional RSA") << QByteArray(rsaTraditionalPem) << JsonWebKey::KeyType::RSA << true;
    QTest::newRow("traditional EC") << QByteArray(ecTraditionalPem) << JsonWebKey::KeyType::EC << true;
    const JsonWebKey ed = privateKey(rfc8037PrivateJwk);
    QTest::newRow("PKCS#8 Ed25519") << ed.toPem(true) << JsonWebKey::KeyType::OKP << true;
    QTest::newRow("SPKI Ed25519") << ed.toPem(false) << JsonWebKey::KeyType::OKP << false;
    const JsonWebKey rsa = privateKey(rfc7520RsaJwk);
    QTest::newRow("PKCS#8 RSA") << rsa.toPem(true) << JsonWebKey::KeyType::RSA << true;
    QTest::newRow("SPKI RSA") << rsa.toPem(false) << JsonWebKey::KeyType::RSA << false;
    const JsonWebKey ec = privateKey(rfc7520EcJwk);
    QTest::newRow("PKCS#8 EC") << ec.toPem(true) << JsonWebKey::KeyType::EC << true;
    QTest::newRow("SPKI EC") << ec.toPem(false) << JsonWebKey::KeyType::EC << false;
}

void tst_JsonWebKey::pem()
{
    QFETCH(QByteArray, pem);
    QFETCH(JsonWebKey::KeyType, type);
    QFETCH(bool, isPrivate);
    Error error;
    const JsonWebKey key = JsonWebKey::fromPem(pem, &error);
    QVERIFY2(!key.isNull(), qPrintable(error.detail()));
    QCOMPARE(key.keyType(), type);
    QCOMPARE(key.hasPrivateKey(), isPrivate);
    if (isPrivate) {
        QVERIFY(key.toPem(true).startsWith("-----BEGIN PRIVATE KEY-----"));
        const QString alg = key.defaultAlgorithm();
        QVERIFY(key.publicKey().verify(alg, "abc", key.sign(alg, "abc")));
        QCOMPARE(JsonWebKey::fromPem(key.toPem(true)), key);
    }
    QVERIFY(key.toPem(false).startsWith("-----BEGIN PUBLIC KEY-----"));
    const JsonWebKey pub = JsonWebKey::fromPem(key.toPem(false));
    QVERIFY(!pub.hasPrivateKey());
    QCOMPARE(pub, key);
}

void tst_JsonWebKey::pemRefused_data()
{
    QTest::addColumn<QByteArray>("pem");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("garbage") << QByteArray("-----BEGIN PRIVATE KEY-----\nabc\n-----END PRIVATE KEY-----\n");
    QTest::newRow("RSA 1024") << QByteArray(rsa1024Pkcs8Pem);
    QTest::newRow("secp256k1") << QByteArray(secp256k1Pem);
    QTest::newRow("Ed448") << QByteArray(ed448Pem);
    QTest::newRow("truncated") << QByteArray(rsaTraditionalPem).left(200);
}

void tst_JsonWebKey::pemRefused()
{
    QFETCH(QByteArray, pem);
    Error error;
    QVERIFY(JsonWebKey::fromPem(pem, &error).isNull());
    QCOMPARE(error.code(), ErrorCode::InvalidKey);
}

void tst_JsonWebKey::supportsAlgorithm_data()
{
    QTest::addColumn<QJsonObject>("jwk");
    QTest::addColumn<QString>("alg");
    QTest::addColumn<bool>("supported");
    const QJsonObject rsa = obj(rfc7520RsaJwk);
    const QJsonObject p256 = obj(rfc7515A3Jwk);
    const QJsonObject p521 = obj(rfc7520EcJwk);
    const QJsonObject ed = obj(rfc8037PrivateJwk);
    const QJsonObject oct = obj(rfc7520OctJwk);
    for (const char *alg : { "RS256", "RS384", "RS512", "PS256", "PS384", "PS512" }) {
        QTest::addRow("RSA %s", alg) << rsa << QString::fromLatin1(alg) << true;
        QTest::addRow("EC with %s", alg) << p256 << QString::fromLatin1(alg) << false;
        QTest::addRow("oct with %s", alg) << oct << QString::fromLatin1(alg) << false;
    }
    QTest::newRow("P-256 ES256") << p256 << QStringLiteral("ES256") << true;
    QTest::newRow("P-256 ES384") << p256 << QStringLiteral("ES384") << false;
    QTest::newRow("P-256 ES512") << p256 << QStringLiteral("ES512") << false;
    QTest::newRow("P-521 ES512") << p521 << QStringLiteral("ES512") << true;
    QTest::newRow("P-521 ES256") << p521 << QStringLiteral("ES256") << false;
    QTest::newRow("Ed25519 EdDSA") << ed << QStringLiteral("EdDSA") << true;
    QTest::newRow("Ed25519 ES256") << ed << QStringLiteral("ES256") << false;
    QTest::newRow("RSA EdDSA") << rsa << QStringLiteral("EdDSA") << false;
    QTest::newRow("oct HS256") << oct << QStringLiteral("HS256") << true;
    QTest::newRow("oct HS512") << oct << QStringLiteral("HS512") << true;
    QTest::newRow("RSA HS256") << rsa << QStringLiteral("HS256") << false;
    QTest::newRow("EC HS256") << p256 << QStringLiteral("HS256") << false;
    QTest::newRow("none") << rsa << QStringLiteral("none") << false;
    QTest::newRow("unknown") << rsa << QStringLiteral("RS1") << false;
    QTest::newRow("lower case") << rsa << QStringLiteral("rs256") << false;
    QTest::newRow("alg member equal") << with(rsa, QStringLiteral("alg"), QStringLiteral("PS256")) << QStringLiteral("PS256") << true;
    QTest::newRow("alg member differs") << with(rsa, QStringLiteral("alg"), QStringLiteral("PS256")) << QStringLiteral("RS256") << false;
    QTest::newRow("use enc") << with(p256, QStringLiteral("use"), QStringLiteral("enc")) << QStringLiteral("ES256") << false;
    QTest::newRow("key_ops encrypt") << with(p256, QStringLiteral("key_ops"), QJsonArray{ QStringLiteral("encrypt") }) << QStringLiteral("ES256") << false;
    QTest::newRow("key_ops verify") << with(p256, QStringLiteral("key_ops"), QJsonArray{ QStringLiteral("verify") }) << QStringLiteral("ES256") << true;
}

void tst_JsonWebKey::supportsAlgorithm()
{
    QFETCH(QJsonObject, jwk);
    QFETCH(QString, alg);
    QFETCH(bool, supported);
    const JsonWebKey key = JsonWebKey::fromJson(jwk, JsonWebKey::PrivatePart::KeepPrivate);
    QVERIFY(!key.isNull());
    QCOMPARE(key.supportsAlgorithm(alg), supported);
    // A key that does not fit never signs or verifies with the algorithm. (Signing also needs
    // key_ops to allow "sign": sign with the same key material without the JWK restrictions.)
    QJsonObject unrestricted = jwk;
    for (const char *member : { "alg", "use", "key_ops" })
        unrestricted.remove(QLatin1String(member));
    Error error;
    const bool opsAllowSign = !jwk.contains(QLatin1String("key_ops"));
    QCOMPARE(!key.sign(alg, "data", &error).isEmpty(), supported && opsAllowSign);
    const QByteArray sig = JsonWebKey::fromJson(unrestricted, JsonWebKey::PrivatePart::KeepPrivate).sign(alg, "data");
    if (!supported) {
        QVERIFY(error.code() == ErrorCode::UnsupportedAlgorithm || error.code() == ErrorCode::AlgorithmNotAllowed);
        error = Error();
        QVERIFY(!key.verify(alg, "data", QByteArray(64, 'x'), &error));
        QVERIFY(error.code() == ErrorCode::UnsupportedAlgorithm || error.code() == ErrorCode::AlgorithmNotAllowed);
    } else {
        QVERIFY(key.verify(alg, "data", sig));
    }
}

void tst_JsonWebKey::equality()
{
    const JsonWebKey a = privateKey(rfc7520RsaJwk);
    const JsonWebKey b = JsonWebKey::fromJson(obj(rfc7520RsaJwk));
    QVERIFY(a == b); // same public material
    QVERIFY(a != privateKey(rfc7515A2Jwk));
    QVERIFY(a != privateKey(rfc7520EcJwk));
    QVERIFY(JsonWebKey() == JsonWebKey());
    QVERIFY(a != JsonWebKey());
    QVERIFY(JsonWebKey::fromSecret("abc") == JsonWebKey::fromSecret("abc"));
    QVERIFY(JsonWebKey::fromSecret("abc") != JsonWebKey::fromSecret("abd"));
    QVERIFY(JsonWebKey::fromSecret(QByteArray()).isNull());
}

void tst_JsonWebKey::symmetricSecret()
{
    QCOMPARE(JsonWebKey::fromSecret("abc").symmetricSecret(), QByteArray("abc"));
    // From a JWK: the decoded "k".
    const QJsonObject oct{ { QStringLiteral("kty"), QStringLiteral("oct") }, { QStringLiteral("k"), QStringLiteral("AAEC_w") } };
    QCOMPARE(JsonWebKey::fromJson(oct, JsonWebKey::PrivatePart::KeepPrivate).symmetricSecret(), QByteArray("\x00\x01\x02\xff", 4));
    // Any other key, or none: empty.
    QVERIFY(privateKey(rfc7520RsaJwk).symmetricSecret().isEmpty());
    QVERIFY(privateKey(rfc7520EcJwk).symmetricSecret().isEmpty());
    QVERIFY(JsonWebKey().symmetricSecret().isEmpty());
}

void tst_JsonWebKey::setters()
{
    const JsonWebKey a = privateKey(rfc7515A3Jwk);
    JsonWebKey b = a;
    b.setKeyId(QStringLiteral("k1"));
    b.setAlgorithm(QStringLiteral("ES256"));
    QCOMPARE(a.keyId(), QString()); // implicitly shared: a is unchanged
    QCOMPARE(b.keyId(), QStringLiteral("k1"));
    QCOMPARE(b.toJson().value(QLatin1String("kid")).toString(), QStringLiteral("k1"));
    QCOMPARE(b.toJson().value(QLatin1String("alg")).toString(), QStringLiteral("ES256"));
    QVERIFY(b.hasPrivateKey());
    QCOMPARE(b.publicKey().keyId(), QStringLiteral("k1"));
}

void tst_JsonWebKey::jwksFromJson()
{
    QJsonObject rsaPrivate = obj(rfc7520RsaJwk);
    QJsonObject weak{ { QStringLiteral("kty"), QStringLiteral("RSA") },
                      { QStringLiteral("n"), b64(QByteArray(128, '\xC5')) },
                      { QStringLiteral("e"), QStringLiteral("AQAB") } };
    QJsonObject offCurve = obj(rfc7515A3Jwk);
    offCurve.insert(QLatin1String("y"), QStringLiteral("x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a4"));
    const QJsonObject jwks{ { QStringLiteral("keys"), QJsonArray{
        rsaPrivate, obj(rfc7520EcJwk), obj(rfc8037PublicJwk), obj(rfc7520OctJwk), weak, offCurve,
        QJsonObject{ { QStringLiteral("kty"), QStringLiteral("OKP") }, { QStringLiteral("crv"), QStringLiteral("X25519") },
                     { QStringLiteral("x"), QStringLiteral("3p7bfXt9wbTTW2HC7OQ1Nz-DQ8hbeGdNrfx-FG-IK08") } },
        QJsonObject{ { QStringLiteral("kty"), QStringLiteral("unknown") } } } } };
    Error error;
    const JsonWebKeySet set = JsonWebKeySet::fromJson(jwks, &error);
    QVERIFY2(!error, qPrintable(error.detail()));
    QCOMPARE(set.size(), 4); // RSA, EC, Ed25519, X25519 (an encryption key); oct, weak RSA, off-curve EC, unknown skipped
    for (const JsonWebKey &key : set.keys())
        QVERIFY(!key.hasPrivateKey()); // private members in a JWKS are ignored
    const QJsonObject exported = set.toJson(true);
    QCOMPARE(exported.value(QLatin1String("keys")).toArray().size(), 4);
    QVERIFY(!exported.value(QLatin1String("keys")).toArray().at(0).toObject().contains(QLatin1String("d")));
    QVERIFY(JsonWebKeySet::fromJson(QJsonObject{ { QStringLiteral("keys"), QJsonArray() } }, &error).isEmpty());
    QVERIFY(!error);
}

void tst_JsonWebKey::jwksRejects_data()
{
    QTest::addColumn<QJsonObject>("jwks");
    QTest::addColumn<ErrorCode>("code");
    QTest::newRow("no keys") << QJsonObject() << ErrorCode::MissingMember;
    QTest::newRow("keys object") << QJsonObject{ { QStringLiteral("keys"), QJsonObject() } } << ErrorCode::InvalidMember;
    QTest::newRow("keys string") << QJsonObject{ { QStringLiteral("keys"), QStringLiteral("x") } } << ErrorCode::InvalidMember;
    QTest::newRow("keys null") << QJsonObject{ { QStringLiteral("keys"), QJsonValue::Null } } << ErrorCode::InvalidMember;
    QTest::newRow("key not object") << QJsonObject{ { QStringLiteral("keys"), QJsonArray{ obj(rfc8037PublicJwk), 1 } } } << ErrorCode::InvalidMember;
    QTest::newRow("key array") << QJsonObject{ { QStringLiteral("keys"), QJsonArray{ QJsonArray() } } } << ErrorCode::InvalidMember;
}

void tst_JsonWebKey::jwksRejects()
{
    QFETCH(QJsonObject, jwks);
    QFETCH(ErrorCode, code);
    Error error;
    QVERIFY(JsonWebKeySet::fromJson(jwks, &error).isEmpty());
    QCOMPARE(error.code(), code);
}

void tst_JsonWebKey::jwksCandidates_data()
{
    QTest::addColumn<QString>("alg");
    QTest::addColumn<QString>("kid");
    QTest::addColumn<QStringList>("expected"); // kids of the candidates, in order
    QTest::newRow("RS256 no kid") << QStringLiteral("RS256") << QString() << QStringList{ QStringLiteral("rsa1"), QStringLiteral("rsa2"), QStringLiteral("rsa-ops") };
    QTest::newRow("RS256 kid") << QStringLiteral("RS256") << QStringLiteral("rsa2") << QStringList{ QStringLiteral("rsa2") };
    QTest::newRow("RS256 kid of EC key") << QStringLiteral("RS256") << QStringLiteral("p256") << QStringList();
    QTest::newRow("RS256 unknown kid") << QStringLiteral("RS256") << QStringLiteral("nope") << QStringList();
    QTest::newRow("PS256 alg member RS256 excluded") << QStringLiteral("PS256") << QString() << QStringList{ QStringLiteral("rsa1"), QStringLiteral("rsa-ops") };
    QTest::newRow("ES256") << QStringLiteral("ES256") << QString() << QStringList{ QStringLiteral("p256"), QStringLiteral("dup") };
    QTest::newRow("ES256 duplicate kid") << QStringLiteral("ES256") << QStringLiteral("dup") << QStringList{ QStringLiteral("dup") };
    QTest::newRow("ES384") << QStringLiteral("ES384") << QString() << QStringList();
    QTest::newRow("EdDSA") << QStringLiteral("EdDSA") << QString() << QStringList{ QStringLiteral("ed") };
    QTest::newRow("HS256") << QStringLiteral("HS256") << QString() << QStringList();
    QTest::newRow("none") << QStringLiteral("none") << QString() << QStringList();
}

void tst_JsonWebKey::jwksCandidates()
{
    QFETCH(QString, alg);
    QFETCH(QString, kid);
    QFETCH(QStringList, expected);
    auto key = [](const char *json, const char *kidValue, const QJsonObject &extra = {}) {
        QJsonObject o = obj(json);
        o.insert(QLatin1String("kid"), QLatin1String(kidValue));
        for (auto it = extra.begin(); it != extra.end(); ++it) {
            if (it.value().isNull())
                o.remove(it.key()); // null: drop the member
            else
                o.insert(it.key(), it.value());
        }
        return o;
    };
    QJsonObject p384 = obj(rfc7515A3Jwk);
    const JsonWebKey gen384 = JsonWebKey::generate(QStringLiteral("ES384"));
    QJsonObject gen384Json = gen384.toJson();
    gen384Json.insert(QLatin1String("use"), QStringLiteral("enc"));
    gen384Json.insert(QLatin1String("kid"), QStringLiteral("p384-enc"));
    const QJsonObject jwks{ { QStringLiteral("keys"), QJsonArray{
        key(rfc7520RsaJwk, "rsa1"),
        key(rfc7515A2Jwk, "rsa2", { { QStringLiteral("alg"), QStringLiteral("RS256") } }),
        key(rfc7638Jwk, "rsa-enc", { { QStringLiteral("use"), QStringLiteral("enc") }, { QStringLiteral("alg"), QStringLiteral("RSA-OAEP") } }),
        key(rfc7638Jwk, "rsa-ops", { { QStringLiteral("alg"), QJsonValue() }, { QStringLiteral("key_ops"), QJsonArray{ QStringLiteral("verify") } } }),
        key(rfc7638Jwk, "rsa-sign-only", { { QStringLiteral("alg"), QJsonValue() }, { QStringLiteral("key_ops"), QJsonArray{ QStringLiteral("sign") } } }),
        key(rfc7515A3Jwk, "p256"),
        key(rfc7515A3Jwk, "dup"),
        key(rfc7520EcJwk, "dup"),
        gen384Json,
        key(rfc8037PublicJwk, "ed"),
    } } };
    Q_UNUSED(p384);
    Error error;
    const JsonWebKeySet set = JsonWebKeySet::fromJson(jwks, &error);
    QVERIFY2(!error, qPrintable(error.detail()));
    QStringList kids;
    for (const JsonWebKey &k : set.candidates(alg, kid))
        kids << k.keyId();
    QCOMPARE(kids, expected);
}

void tst_JsonWebKey::concurrentUse()
{
    // One shared key used from several threads (OpenSSL 3 EVP_PKEY is safe for concurrent use).
    const JsonWebKey key = privateKey(rfc7515A3Jwk);
    QAtomicInt failures = 0;
    QList<QThread *> threads;
    for (int t = 0; t < 4; ++t) {
        threads << QThread::create([&key, &failures, t] {
            for (int i = 0; i < 50; ++i) {
                const QByteArray data = QByteArray::number(t * 1000 + i);
                JsonWebKey copy = key; // exercise the shared data refcount
                if (!copy.publicKey().verify(QStringLiteral("ES256"), data, copy.sign(QStringLiteral("ES256"), data)))
                    failures.ref();
            }
            OPENSSL_thread_stop(); // the thread's OpenSSL state (DRBG, error queue) freed now, not at exit
        });
        threads.last()->start();
    }
    for (QThread *thread : threads) {
        QVERIFY(thread->wait(60000));
        delete thread;
    }
    QCOMPARE(failures.loadRelaxed(), 0);
}

void tst_JsonWebKey::repeatedVerification_data()
{
    QTest::addColumn<QString>("alg");
    for (const char *alg : { "RS256", "RS512", "PS256", "PS384", "ES256", "ES384", "ES512", "EdDSA" })
        QTest::newRow(alg) << QString::fromLatin1(alg);
}

void tst_JsonWebKey::repeatedVerification()
{
    // The same key object verifies many times (verification contexts are cached per key and
    // algorithm): good signatures keep verifying after bad ones, from several threads at once,
    // and a context made for one algorithm is never used for another.
    QFETCH(QString, alg);
    const JsonWebKey key = alg.startsWith(QLatin1String("RS")) || alg.startsWith(QLatin1String("PS"))
            ? JsonWebKey::generateRsa(2048) : JsonWebKey::generate(alg);
    QVERIFY(!key.isNull());
    const JsonWebKey pub = key.publicKey();
    QList<std::pair<QByteArray, QByteArray>> signedData;
    for (int i = 0; i < 3; ++i) {
        const QByteArray data = QByteArrayLiteral("message ") + QByteArray::number(i);
        signedData.append({ data, key.sign(alg, data) });
        QVERIFY(!signedData.last().second.isEmpty());
    }
    for (int round = 0; round < 3; ++round) {
        for (const auto &[data, sig] : std::as_const(signedData)) {
            Error e;
            QVERIFY2(pub.verify(alg, data, sig, &e), qPrintable(e.errorString()));
            QVERIFY(!pub.verify(alg, data + 'x', sig, &e));
            QCOMPARE(e.code(), ErrorCode::InvalidSignature);
            QByteArray bad = sig;
            bad[bad.size() / 2] = char(bad.at(bad.size() / 2) ^ 0x01);
            QVERIFY(!pub.verify(alg, data, bad));
        }
    }
    if (alg == QLatin1String("RS256")) {
        // The RS256 context of this key must not verify a PS256 or RS512 signature.
        QVERIFY(!pub.verify(QStringLiteral("RS256"), signedData.first().first,
                            key.sign(QStringLiteral("PS256"), signedData.first().first)));
        QVERIFY(!pub.verify(QStringLiteral("RS256"), signedData.first().first,
                            key.sign(QStringLiteral("RS512"), signedData.first().first)));
        QVERIFY(pub.verify(QStringLiteral("PS256"), signedData.first().first,
                           key.sign(QStringLiteral("PS256"), signedData.first().first)));
    }
    QAtomicInt failures = 0;
    QList<QThread *> threads;
    for (int t = 0; t < 4; ++t) {
        threads << QThread::create([&pub, &alg, &signedData, &failures] {
            for (int i = 0; i < 30; ++i) {
                const auto &[data, sig] = signedData.at(i % signedData.size());
                if (!pub.verify(alg, data, sig) || pub.verify(alg, data + 'y', sig))
                    failures.ref();
            }
            OPENSSL_thread_stop(); // the thread's OpenSSL state (DRBG, error queue) freed now, not at exit
        });
        threads.last()->start();
    }
    for (QThread *thread : threads) {
        QVERIFY(thread->wait(60000));
        delete thread;
    }
    QCOMPARE(failures.loadRelaxed(), 0);
}

// AKP keys (ML-DSA-44/65/87) made by jose 6 on Node 24, as JWK and as PEM. With an OpenSSL that
// has ML-DSA: import, export, thumbprint and PEM agree with jose; without: refused with
// UnsupportedAlgorithm (JWK and PEM alike).
void tst_JsonWebKey::mlDsaJoseKeys_data()
{
    QTest::addColumn<QJsonObject>("vector");
    const QJsonArray vectors = MlDsaVectors::vectors();
    for (const QJsonValue &v : vectors) {
        const QJsonObject o = v.toObject();
        QTest::addRow("%s (OpenSSL %s ML-DSA)", qPrintable(o.value(QLatin1String("alg")).toString()),
                      MlDsaVectors::openSslHasMlDsa() ? "with" : "without")
                << o;
    }
}

void tst_JsonWebKey::mlDsaJoseKeys()
{
    QFETCH(QJsonObject, vector);
    const QString alg = vector.value(QLatin1String("alg")).toString();
    const QJsonObject jwk = vector.value(QLatin1String("jwk")).toObject();
    const QJsonObject publicJwk = vector.value(QLatin1String("publicJwk")).toObject();
    const QByteArray pkcs8 = vector.value(QLatin1String("pkcs8")).toString().toLatin1();
    const QByteArray spki = vector.value(QLatin1String("spki")).toString().toLatin1();
    Error error;
    const JsonWebKey key = JsonWebKey::fromJson(jwk, JsonWebKey::PrivatePart::KeepPrivate, &error);
    if (!MlDsaVectors::openSslHasMlDsa()) {
        qInfo("%s has no ML-DSA: asserting the refusal", MlDsaVectors::openSslVersion());
        QVERIFY(key.isNull());
        QCOMPARE(error.code(), ErrorCode::UnsupportedAlgorithm);
        QVERIFY(JsonWebKey::fromJson(publicJwk, JsonWebKey::PrivatePart::DropPrivate, &error).isNull());
        QCOMPARE(error.code(), ErrorCode::UnsupportedAlgorithm);
        QVERIFY(JsonWebKey::fromPem(pkcs8, &error).isNull());
        QCOMPARE(error.code(), ErrorCode::UnsupportedAlgorithm);
        QVERIFY(JsonWebKey::fromPem(spki, &error).isNull());
        QCOMPARE(error.code(), ErrorCode::UnsupportedAlgorithm);
        QVERIFY(JsonWebKey::generate(alg, &error).isNull());
        QCOMPARE(error.code(), ErrorCode::UnsupportedAlgorithm);
        return;
    }
    QVERIFY2(!key.isNull(), qPrintable(error.detail()));
    QCOMPARE(key.keyType(), JsonWebKey::KeyType::AKP);
    QCOMPARE(key.keyTypeName(), QStringLiteral("AKP"));
    QVERIFY(key.hasPrivateKey());
    QVERIFY(key.curve().isEmpty());
    QCOMPARE(key.defaultAlgorithm(), alg);
    QCOMPARE(key.algorithm(), alg);
    QVERIFY(key.supportsAlgorithm(alg));
    for (const char *otherAlg : { "ML-DSA-44", "ML-DSA-65", "ML-DSA-87", "EdDSA", "ES256", "RS256", "HS256" }) {
        if (alg != QLatin1String(otherAlg))
            QVERIFY2(!key.fitsAlgorithm(QLatin1String(otherAlg)), otherAlg);
    }
    // Export: jose's members exactly; the thumbprint is jose's (RFC 7638 members alg, kty, pub).
    QCOMPARE(key.toJson(true), jwk);
    QCOMPARE(key.toJson(false), publicJwk);
    QCOMPARE(key.thumbprintBase64Url(), vector.value(QLatin1String("thumbprint")).toString().toLatin1());
    const JsonWebKey publicKey = JsonWebKey::fromJson(publicJwk, JsonWebKey::PrivatePart::DropPrivate, &error);
    QVERIFY2(!publicKey.isNull(), qPrintable(error.detail()));
    QVERIFY(!publicKey.hasPrivateKey());
    QCOMPARE(publicKey, key.publicKey());
    QCOMPARE(publicKey, key);
    // The private key imported public-only (the default) keeps no private part.
    QVERIFY(!JsonWebKey::fromJson(jwk).hasPrivateKey());
    // PEM (PKCS#8 and SubjectPublicKeyInfo) written by Node's OpenSSL: the same key.
    const JsonWebKey fromPkcs8 = JsonWebKey::fromPem(pkcs8, &error);
    QVERIFY2(!fromPkcs8.isNull(), qPrintable(error.detail()));
    QVERIFY(fromPkcs8.hasPrivateKey());
    QCOMPARE(fromPkcs8, key);
    QCOMPARE(fromPkcs8.toJson(true), jwk);
    const JsonWebKey fromSpki = JsonWebKey::fromPem(spki, &error);
    QVERIFY2(!fromSpki.isNull(), qPrintable(error.detail()));
    QVERIFY(!fromSpki.hasPrivateKey());
    QCOMPARE(fromSpki.toJson(), publicJwk);
    QCOMPARE(JsonWebKey::fromPem(key.toPem(true)).toJson(true), jwk);
    QCOMPARE(JsonWebKey::fromPem(key.toPem(false)), publicKey);
    // Signing and verifying with the imported key.
    const QByteArray sig = key.sign(alg, "data", &error);
    QVERIFY2(!sig.isEmpty(), qPrintable(error.detail()));
    QVERIFY(publicKey.verify(alg, "data", sig, &error));
    QVERIFY(!publicKey.verify(alg, "Data", sig, &error));
    QCOMPARE(error.code(), ErrorCode::InvalidSignature);
    QVERIFY(publicKey.sign(alg, "data", &error).isEmpty());
    QCOMPARE(error.code(), ErrorCode::InvalidKey);
    // A generated key of the parameter set exports an AKP JWK with a 32-byte seed.
    const JsonWebKey generated = JsonWebKey::generate(alg, &error);
    QVERIFY2(!generated.isNull(), qPrintable(error.detail()));
    QCOMPARE(generated.keyType(), JsonWebKey::KeyType::AKP);
    const QJsonObject generatedJwk = generated.toJson(true);
    QCOMPARE(generatedJwk.value(QLatin1String("alg")).toString(), alg);
    bool ok = false;
    QCOMPARE(Base64Url::decode(generatedJwk.value(QLatin1String("priv")).toString().toLatin1(), &ok).size(), 32);
    QVERIFY(ok);
    QCOMPARE(JsonWebKey::fromJson(generatedJwk, JsonWebKey::PrivatePart::KeepPrivate), generated);
}

void tst_JsonWebKey::mlDsaRejectsInvalidJwk_data()
{
    QTest::addColumn<QJsonObject>("jwk");
    QTest::addColumn<ErrorCode>("code");
    const QJsonArray vectors = MlDsaVectors::vectors();
    const QJsonObject v44 = vectors.at(0).toObject().value(QLatin1String("jwk")).toObject();
    const QJsonObject v65 = vectors.at(1).toObject().value(QLatin1String("jwk")).toObject();
    const bool mlDsa = MlDsaVectors::openSslHasMlDsa();
    // Without ML-DSA in OpenSSL, every well-named ML-DSA key is refused as unsupported first.
    const ErrorCode invalid = mlDsa ? ErrorCode::InvalidKey : ErrorCode::UnsupportedAlgorithm;
    QJsonObject noAlg = v44;
    noAlg.remove(QLatin1String("alg"));
    QTest::newRow("alg missing") << noAlg << ErrorCode::InvalidKey;
    QTest::newRow("alg not a string") << with(v44, QStringLiteral("alg"), 44) << ErrorCode::InvalidKey;
    QTest::newRow("alg unknown") << with(v44, QStringLiteral("alg"), QStringLiteral("ML-DSA-99")) << ErrorCode::UnsupportedAlgorithm;
    QTest::newRow("alg EdDSA") << with(v44, QStringLiteral("alg"), QStringLiteral("EdDSA")) << ErrorCode::UnsupportedAlgorithm;
    QJsonObject noPub = v44;
    noPub.remove(QLatin1String("pub"));
    QTest::newRow("pub missing") << noPub << invalid;
    QTest::newRow("pub padded") << with(v44, QStringLiteral("pub"), QString(v44.value(QLatin1String("pub")).toString() + QLatin1Char('=')))
                                << invalid;
    QTest::newRow("pub of another parameter set") << with(v44, QStringLiteral("pub"), v65.value(QLatin1String("pub"))) << invalid;
    QTest::newRow("pub one byte short") << with(v44, QStringLiteral("pub"), b64(QByteArray(1311, 'x'))) << invalid;
    QTest::newRow("priv of another key") << with(v44, QStringLiteral("priv"), v65.value(QLatin1String("priv"))) << invalid;
    QTest::newRow("priv 31 bytes") << with(v44, QStringLiteral("priv"), b64(QByteArray(31, 'x'))) << invalid;
    QTest::newRow("priv 33 bytes") << with(v44, QStringLiteral("priv"), b64(QByteArray(33, 'x'))) << invalid;
    QTest::newRow("priv not base64url") << with(v44, QStringLiteral("priv"), QStringLiteral("a+b/")) << invalid;
}

void tst_JsonWebKey::mlDsaRejectsInvalidJwk()
{
    QFETCH(QJsonObject, jwk);
    QFETCH(ErrorCode, code);
    Error error;
    QVERIFY(JsonWebKey::fromJson(jwk, JsonWebKey::PrivatePart::KeepPrivate, &error).isNull());
    QCOMPARE(error.code(), code);
}

// A JWKS with an ML-DSA key beside an EC key: the EC key is always usable; the ML-DSA key only
// where OpenSSL has ML-DSA (elsewhere it is skipped like any key the library cannot use).
void tst_JsonWebKey::mlDsaInJwks()
{
    const QJsonObject v65 = MlDsaVectors::vectors().at(1).toObject();
    QJsonObject akp = v65.value(QLatin1String("publicJwk")).toObject();
    akp.insert(QLatin1String("kid"), QStringLiteral("pq"));
    QJsonObject ec = privateKey(rfc7515A3Jwk).publicKey().toJson();
    ec.insert(QLatin1String("kid"), QStringLiteral("ec"));
    Error error;
    const JsonWebKeySet set = JsonWebKeySet::fromJson({ { QStringLiteral("keys"), QJsonArray{ akp, ec } } }, &error);
    QVERIFY(!error);
    const bool mlDsa = MlDsaVectors::openSslHasMlDsa();
    QCOMPARE(set.size(), mlDsa ? 2 : 1);
    QCOMPARE(set.candidates(QStringLiteral("ES256")).size(), 1);
    QCOMPARE(set.candidates(QStringLiteral("ML-DSA-65")).size(), mlDsa ? 1 : 0);
    QCOMPARE(set.candidates(QStringLiteral("ML-DSA-65"), QStringLiteral("ec")).size(), 0);
    QCOMPARE(set.candidates(QStringLiteral("ML-DSA-44")).size(), 0);
}

QTEST_GUILESS_MAIN(tst_JsonWebKey)
#include "tst_jsonwebkey.moc"

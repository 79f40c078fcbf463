// SPDX-License-Identifier: BSD-3-Clause
#include <oauth4qt/json.h>
#include <oauth4qt/jsonwebkey.h>
#include <oauth4qt/jws.h>

#include "jose/jwe_p.h"

#include <QtCore/QJsonArray>
#include <QtCore/QJsonDocument>
#include <QtCore/QThread>
#include <QtTest/QtTest>

#include <openssl/crypto.h>

#include "jwevectors.h"

using namespace OAuth4Qt;

namespace {

QJsonObject obj(const char *json)
{
    Error error;
    const QJsonObject o = Json::parseObject(QByteArray(json), &error);
    if (error)
        qFatal("bad test JSON: %s", qPrintable(error.detail()));
    return o;
}

JsonWebKey key(const char *json)
{
    Error error;
    const JsonWebKey k = JsonWebKey::fromJson(obj(json), JsonWebKey::PrivatePart::KeepPrivate, &error);
    if (k.isNull())
        qFatal("test key refused: %s", qPrintable(error.detail()));
    return k;
}

JsonWebKey generated(const QString &alg)
{
    Error error;
    const JsonWebKey k = JsonWebKey::generate(alg, &error);
    if (k.isNull())
        qFatal("key generation failed: %s", qPrintable(error.detail()));
    return k;
}

JsonWebKey octKey(int bytes, char fill)
{
    return JsonWebKey::fromSecret(QByteArray(bytes, fill));
}

Jwe::DecryptOptions options(const QList<JsonWebKey> &keys, const QString &alg, const QString &enc,
                            const QByteArray &clientSecret = {})
{
    return Jwe::optionsFor(keys, alg, enc, clientSecret);
}

QList<QByteArray> segments(const QByteArray &compact)
{
    return compact.split('.');
}

QByteArray join(const QList<QByteArray> &parts)
{
    return parts.join('.');
}

QByteArray withSegment(const QByteArray &compact, int index, const QByteArray &value)
{
    QList<QByteArray> parts = segments(compact);
    parts[index] = value;
    return join(parts);
}

QJsonObject headerOf(const QByteArray &compact)
{
    bool ok = false;
    return Json::parseObject(Base64Url::decode(segments(compact).constFirst(), &ok));
}

QByteArray withHeader(const QByteArray &compact, const QJsonObject &header)
{
    return withSegment(compact, 0, Base64Url::encode(QJsonDocument(header).toJson(QJsonDocument::Compact)));
}

QByteArray flipLastByte(const QByteArray &b64)
{
    bool ok = false;
    QByteArray raw = Base64Url::decode(b64, &ok);
    if (!raw.isEmpty())
        raw[raw.size() - 1] = char(raw.at(raw.size() - 1) ^ 0x01);
    return Base64Url::encode(raw);
}

QByteArray truncated(const QByteArray &b64, int bytes)
{
    bool ok = false;
    return Base64Url::encode(Base64Url::decode(b64, &ok).chopped(bytes));
}

QByteArray encryptOrDie(const QByteArray &plaintext, const JsonWebKey &recipient, const QString &alg,
                        const QString &enc, const QJsonObject &extra = {})
{
    Error error;
    const QByteArray jwe = Jwe::encrypt(plaintext, recipient, alg, enc, extra, &error);
    if (jwe.isEmpty())
        qFatal("encryption failed: %s %s %s", qPrintable(alg), qPrintable(enc), qPrintable(error.detail()));
    return jwe;
}

} // namespace

class tst_Jwe : public QObject
{
    Q_OBJECT

private:
    JsonWebKey rsa, rsaOther, p256, p384, p521, x25519, x25519Other;

private slots:
    void initTestCase();

    void vectors_data();
    void vectors();
    void roundTrip_data();
    void roundTrip();
    void clientSecretKeys_data();
    void clientSecretKeys();
    void keySelection();
    void hostile_data();
    void hostile();
    void uniformFailure();
    void encryptRefusesUnfitKeys();
    void keysOnly();
    void repeatedHeaders();
};

void tst_Jwe::initTestCase()
{
    rsa = generated(QStringLiteral("RS256"));
    rsaOther = generated(QStringLiteral("RS256"));
    p256 = generated(QStringLiteral("ES256"));
    p384 = generated(QStringLiteral("ES384"));
    p521 = generated(QStringLiteral("ES512"));
    x25519 = key(x25519_jwk_1);
    x25519Other = key(x25519_jwk_2);
    QCOMPARE(x25519.curve(), QStringLiteral("X25519"));
    QVERIFY(!x25519.supportsAlgorithm(QStringLiteral("EdDSA"))); // never a signing key
}

void tst_Jwe::vectors_data()
{
    QTest::addColumn<QByteArray>("jwk");
    QTest::addColumn<QByteArray>("jwe");
    QTest::addColumn<QString>("alg");
    QTest::addColumn<QString>("enc");
    QTest::addColumn<QByteArray>("plaintext");

    QTest::newRow("RFC 7516 A.3 A128KW A128CBC-HS256") << QByteArray(rfc7516_a3_jwk) << QByteArray(rfc7516_a3_jwe)
                                                       << QStringLiteral("A128KW") << QStringLiteral("A128CBC-HS256") << QByteArray("Live long and prosper.");
    QTest::newRow("RFC 7520 5.2 RSA-OAEP A256GCM") << QByteArray(rfc7520_5_2_jwk) << QByteArray(rfc7520_5_2_jwe)
                                                   << QStringLiteral("RSA-OAEP") << QStringLiteral("A256GCM") << QByteArray(rfc7520_plaintext);
    QTest::newRow("RFC 7520 5.6 dir A128GCM") << QByteArray(rfc7520_5_6_jwk) << QByteArray(rfc7520_5_6_jwe)
                                              << QStringLiteral("dir") << QStringLiteral("A128GCM") << QByteArray(rfc7520_plaintext);
    QTest::newRow("RFC 7520 5.8 A128KW A128GCM") << QByteArray(rfc7520_5_8_jwk) << QByteArray(rfc7520_5_8_jwe)
                                                 << QStringLiteral("A128KW") << QStringLiteral("A128GCM") << QByteArray(rfc7520_plaintext);
}

void tst_Jwe::vectors()
{
    QFETCH(QByteArray, jwk);
    QFETCH(QByteArray, jwe);
    QFETCH(QString, alg);
    QFETCH(QString, enc);
    QFETCH(QByteArray, plaintext);

    const JsonWebKey k = key(jwk.constData());
    Error error;
    QJsonObject header;
    const QByteArray out = Jwe::decrypt(jwe, options({ k }, alg, enc), &header, &error);
    QVERIFY2(!error, qPrintable(error.technicalDetails()));
    QCOMPARE(out, plaintext);
    QCOMPARE(header.value(QLatin1String("alg")).toString(), alg);

    // Configured for another alg or enc: refused before any cryptography.
    const QString otherEnc = enc == QLatin1String("A128GCM") ? QStringLiteral("A256GCM") : QStringLiteral("A128GCM");
    QVERIFY(Jwe::decrypt(jwe, options({ k }, alg, otherEnc), nullptr, &error).isEmpty());
    QCOMPARE(error.code(), ErrorCode::AlgorithmNotAllowed);
}

void tst_Jwe::roundTrip_data()
{
    QTest::addColumn<JsonWebKey>("recipient");
    QTest::addColumn<QString>("alg");
    QTest::addColumn<QString>("enc");

    struct Mgmt
    {
        const char *alg;
        QList<std::pair<const char *, JsonWebKey>> keys;
    };
    const QList<Mgmt> mgmt = {
        { "RSA-OAEP", { { "RSA", rsa } } },
        { "RSA-OAEP-256", { { "RSA", rsa } } },
        { "ECDH-ES", { { "P-256", p256 }, { "P-384", p384 }, { "P-521", p521 }, { "X25519", x25519 } } },
        { "ECDH-ES+A128KW", { { "P-256", p256 }, { "P-384", p384 }, { "P-521", p521 }, { "X25519", x25519 } } },
        { "ECDH-ES+A192KW", { { "P-256", p256 }, { "X25519", x25519 } } },
        { "ECDH-ES+A256KW", { { "P-256", p256 }, { "P-521", p521 }, { "X25519", x25519 } } },
        { "A128KW", { { "oct", octKey(16, 'a') } } },
        { "A192KW", { { "oct", octKey(24, 'b') } } },
        { "A256KW", { { "oct", octKey(32, 'c') } } },
    };
    const QStringList encs = Jwe::supportedEncryptions();
    QCOMPARE(encs.size(), 6);
    for (const Mgmt &m : mgmt) {
        for (const auto &[name, k] : m.keys) {
            for (const QString &enc : encs)
                QTest::addRow("%s %s %s", m.alg, name, qPrintable(enc)) << k << QString::fromLatin1(m.alg) << enc;
        }
    }
    const int sizes[] = { 16, 24, 32, 32, 48, 64 };
    for (qsizetype i = 0; i < encs.size(); ++i)
        QTest::addRow("dir %s", qPrintable(encs.at(i))) << octKey(sizes[i], 'd') << QStringLiteral("dir") << encs.at(i);
}

void tst_Jwe::roundTrip()
{
    QFETCH(JsonWebKey, recipient);
    QFETCH(QString, alg);
    QFETCH(QString, enc);

    for (const QByteArray &plaintext : { QByteArray("{\"sub\":\"alice\"}"), QByteArray(1000, 'x'), QByteArray("") }) {
        const QByteArray jwe = encryptOrDie(plaintext, recipient.keyType() == JsonWebKey::KeyType::Oct ? recipient : recipient.publicKey(),
                                            alg, enc);
        Error error;
        const QByteArray out = Jwe::decrypt(jwe, options({ recipient }, alg, enc), nullptr, &error);
        QVERIFY2(!error, qPrintable(error.technicalDetails()));
        QCOMPARE(out, plaintext);

        // The same JWE with its tag changed never decrypts.
        const QByteArray badTag = withSegment(jwe, 4, flipLastByte(segments(jwe).at(4)));
        QVERIFY(Jwe::decrypt(badTag, options({ recipient }, alg, enc), nullptr, &error).isEmpty());
        QCOMPARE(error.code(), ErrorCode::JweDecryptionFailed);
    }
}

void tst_Jwe::clientSecretKeys_data()
{
    QTest::addColumn<QString>("alg");
    QTest::addColumn<QString>("enc");
    QTest::addColumn<int>("keyBytes");

    QTest::newRow("A128KW") << QStringLiteral("A128KW") << QStringLiteral("A128CBC-HS256") << 16;
    QTest::newRow("A192KW") << QStringLiteral("A192KW") << QStringLiteral("A192GCM") << 24;
    QTest::newRow("A256KW") << QStringLiteral("A256KW") << QStringLiteral("A256GCM") << 32;
    QTest::newRow("dir A128GCM") << QStringLiteral("dir") << QStringLiteral("A128GCM") << 16;
    QTest::newRow("dir A192GCM") << QStringLiteral("dir") << QStringLiteral("A192GCM") << 24;
    QTest::newRow("dir A128CBC-HS256") << QStringLiteral("dir") << QStringLiteral("A128CBC-HS256") << 32;
    QTest::newRow("dir A192CBC-HS384") << QStringLiteral("dir") << QStringLiteral("A192CBC-HS384") << 48;
    QTest::newRow("dir A256CBC-HS512") << QStringLiteral("dir") << QStringLiteral("A256CBC-HS512") << 64;
}

void tst_Jwe::clientSecretKeys()
{
    QFETCH(QString, alg);
    QFETCH(QString, enc);
    QFETCH(int, keyBytes);

    // OpenID Connect Core 10.2: the leftmost bits of SHA-256 (up to 256 bits), SHA-384 or SHA-512.
    const QByteArray secret("a client secret with enough entropy for this test");
    const QCryptographicHash::Algorithm hash = keyBytes <= 32 ? QCryptographicHash::Sha256
            : keyBytes == 48                                  ? QCryptographicHash::Sha384
                                                              : QCryptographicHash::Sha512;
    const QByteArray expected = QCryptographicHash::hash(secret, hash).left(keyBytes);
    QCOMPARE(Jwe::deriveSecretKey(secret, alg, enc), expected);

    const QByteArray jwe = encryptOrDie("{\"sub\":\"bob\"}", JsonWebKey::fromSecret(expected), alg, enc);
    Error error;
    QCOMPARE(Jwe::decrypt(jwe, options({}, alg, enc, secret), nullptr, &error), QByteArray("{\"sub\":\"bob\"}"));
    QVERIFY2(!error, qPrintable(error.technicalDetails()));
    // Another secret: the same failure as any other.
    QVERIFY(Jwe::decrypt(jwe, options({}, alg, enc, "another secret"), nullptr, &error).isEmpty());
    QCOMPARE(error.code(), ErrorCode::JweDecryptionFailed);
}

void tst_Jwe::keySelection()
{
    const QString alg = QStringLiteral("RSA-OAEP-256"), enc = QStringLiteral("A256GCM");
    JsonWebKey a = rsa, b = rsaOther;
    a.setKeyId(QStringLiteral("a"));
    b.setKeyId(QStringLiteral("b"));
    Error error;

    // Several keys at once: the one that decrypts wins (no kid), or the one the kid names.
    const QByteArray noKid = encryptOrDie("x", b.publicKey(), alg, enc);
    QCOMPARE(Jwe::decrypt(noKid, options({ a, b, p256, x25519 }, alg, enc), nullptr, &error), QByteArray("x"));
    const QByteArray kidB = encryptOrDie("y", b.publicKey(), alg, enc, QJsonObject{ { QStringLiteral("kid"), QStringLiteral("b") } });
    QCOMPARE(Jwe::decrypt(kidB, options({ a, b }, alg, enc), nullptr, &error), QByteArray("y"));
    // A kid no key has: only keys without a kid are left.
    const QByteArray kidC = encryptOrDie("z", b.publicKey(), alg, enc, QJsonObject{ { QStringLiteral("kid"), QStringLiteral("c") } });
    QVERIFY(Jwe::decrypt(kidC, options({ a, b }, alg, enc), nullptr, &error).isEmpty());
    QCOMPARE(error.code(), ErrorCode::KeyNotFound);
    QCOMPARE(Jwe::decrypt(kidC, options({ a, rsaOther }, alg, enc), nullptr, &error), QByteArray("z"));

    // A JWK restricted to signing ("use":"sig") or to another alg is never used.
    QJsonObject sig = rsaOther.toJson(true);
    sig.insert(QLatin1String("use"), QLatin1String("sig"));
    const JsonWebKey sigKey = JsonWebKey::fromJson(sig, JsonWebKey::PrivatePart::KeepPrivate);
    QVERIFY(Jwe::decrypt(noKid, options({ sigKey }, alg, enc), nullptr, &error).isEmpty());
    QCOMPARE(error.code(), ErrorCode::KeyNotFound);
    QJsonObject otherAlg = rsaOther.toJson(true);
    otherAlg.insert(QLatin1String("alg"), QLatin1String("RSA-OAEP"));
    QVERIFY(Jwe::decrypt(noKid, options({ JsonWebKey::fromJson(otherAlg, JsonWebKey::PrivatePart::KeepPrivate) }, alg, enc),
                         nullptr, &error).isEmpty());
    QCOMPARE(error.code(), ErrorCode::KeyNotFound);
    // A public key alone cannot decrypt.
    QVERIFY(Jwe::decrypt(noKid, options({ rsaOther.publicKey() }, alg, enc), nullptr, &error).isEmpty());
    QCOMPARE(error.code(), ErrorCode::KeyNotFound);
}

void tst_Jwe::hostile_data()
{
    QTest::addColumn<QByteArray>("jwe");
    QTest::addColumn<JsonWebKey>("key");
    QTest::addColumn<QString>("alg");
    QTest::addColumn<QString>("enc");
    QTest::addColumn<ErrorCode>("code");

    const QString oaep = QStringLiteral("RSA-OAEP-256"), gcm = QStringLiteral("A128GCM"), cbc = QStringLiteral("A128CBC-HS256");
    const QString ecdh = QStringLiteral("ECDH-ES"), ecdhKw = QStringLiteral("ECDH-ES+A128KW"), kw = QStringLiteral("A128KW");
    const QByteArray payload("{\"sub\":\"alice\"}");
    const QByteArray rsaGcm = encryptOrDie(payload, rsa.publicKey(), oaep, gcm);
    const QByteArray rsaCbc = encryptOrDie(payload, rsa.publicKey(), oaep, cbc);
    const QByteArray ecGcm = encryptOrDie(payload, p256.publicKey(), ecdh, gcm);
    const QByteArray ecKw = encryptOrDie(payload, p256.publicKey(), ecdhKw, cbc);
    const QByteArray xGcm = encryptOrDie(payload, x25519.publicKey(), ecdh, gcm);
    const JsonWebKey kek = octKey(16, 'k');
    const QByteArray kwCbc = encryptOrDie(payload, kek, kw, cbc);
    const JsonWebKey dirKey = octKey(16, 'd');
    const QByteArray dirGcm = encryptOrDie(payload, dirKey, QStringLiteral("dir"), gcm);
    const auto F = ErrorCode::JweDecryptionFailed;

    auto row = [](const char *name, const QByteArray &jwe, const JsonWebKey &key, const QString &alg, const QString &enc, ErrorCode code) {
        QTest::newRow(name) << jwe << key << alg << enc << code;
    };

    // Tags, ciphertexts, IVs, encrypted keys.
    row("GCM wrong tag", withSegment(rsaGcm, 4, flipLastByte(segments(rsaGcm).at(4))), rsa, oaep, gcm, F);
    row("CBC-HS wrong tag", withSegment(rsaCbc, 4, flipLastByte(segments(rsaCbc).at(4))), rsa, oaep, cbc, F);
    row("GCM truncated tag", withSegment(rsaGcm, 4, truncated(segments(rsaGcm).at(4), 1)), rsa, oaep, gcm, F);
    row("CBC-HS truncated tag", withSegment(rsaCbc, 4, truncated(segments(rsaCbc).at(4), 1)), rsa, oaep, cbc, F);
    row("GCM empty tag", withSegment(rsaGcm, 4, QByteArray()), rsa, oaep, gcm, F);
    row("GCM ciphertext changed", withSegment(rsaGcm, 3, flipLastByte(segments(rsaGcm).at(3))), rsa, oaep, gcm, F);
    row("GCM ciphertext truncated", withSegment(rsaGcm, 3, truncated(segments(rsaGcm).at(3), 1)), rsa, oaep, gcm, F);
    row("CBC-HS ciphertext truncated to a block", withSegment(rsaCbc, 3, truncated(segments(rsaCbc).at(3), 16)), rsa, oaep, cbc, F);
    row("CBC-HS ciphertext changed (padding)", withSegment(rsaCbc, 3, flipLastByte(segments(rsaCbc).at(3))), rsa, oaep, cbc, F);
    row("CBC-HS empty ciphertext", withSegment(rsaCbc, 3, QByteArray()), rsa, oaep, cbc, F);
    row("GCM IV too short", withSegment(rsaGcm, 2, truncated(segments(rsaGcm).at(2), 1)), rsa, oaep, gcm, F);
    row("CBC-HS IV changed", withSegment(rsaCbc, 2, flipLastByte(segments(rsaCbc).at(2))), rsa, oaep, cbc, F);
    row("RSA encrypted key changed", withSegment(rsaGcm, 1, flipLastByte(segments(rsaGcm).at(1))), rsa, oaep, gcm, F);
    row("RSA encrypted key truncated", withSegment(rsaGcm, 1, truncated(segments(rsaGcm).at(1), 1)), rsa, oaep, gcm, F);
    row("RSA encrypted key empty", withSegment(rsaGcm, 1, QByteArray()), rsa, oaep, gcm, F);
    row("RSA wrong private key", rsaGcm, rsaOther, oaep, gcm, F);
    row("RSA-OAEP-256 JWE as RSA-OAEP", withHeader(rsaGcm, obj(R"({"alg":"RSA-OAEP","enc":"A128GCM"})")), rsa,
        QStringLiteral("RSA-OAEP"), gcm, F);
    row("A128KW wrapped key changed", withSegment(kwCbc, 1, flipLastByte(segments(kwCbc).at(1))), kek, kw, cbc, F);
    row("A128KW wrapped key truncated", withSegment(kwCbc, 1, truncated(segments(kwCbc).at(1), 8)), kek, kw, cbc, F);
    row("A128KW wrong key", kwCbc, octKey(16, 'x'), kw, cbc, F);
    row("dir with an encrypted key", withSegment(dirGcm, 1, "AAAAAAAAAAAAAAAAAAAAAA"), dirKey, QStringLiteral("dir"), gcm, F);
    row("ECDH-ES with an encrypted key", withSegment(ecGcm, 1, "AAAAAAAAAAAAAAAAAAAAAA"), p256, ecdh, gcm, F);
    row("header changed (AAD)", withHeader(rsaGcm, [&] { QJsonObject h = headerOf(rsaGcm); h.insert(QLatin1String("kid"), QStringLiteral("x")); return h; }()),
        rsa, oaep, gcm, F);

    // epk: invalid points, wrong curve, missing, private members.
    auto withEpk = [&](const QByteArray &jwe, const QJsonValue &epk) {
        QJsonObject h = headerOf(jwe);
        if (epk.isUndefined())
            h.remove(QLatin1String("epk"));
        else
            h.insert(QLatin1String("epk"), epk);
        return withHeader(jwe, h);
    };
    QJsonObject offCurve = headerOf(ecGcm).value(QLatin1String("epk")).toObject();
    offCurve.insert(QLatin1String("y"), QString::fromLatin1(flipLastByte(offCurve.value(QLatin1String("y")).toString().toLatin1())));
    row("epk not on the curve", withEpk(ecGcm, offCurve), p256, ecdh, gcm, F);
    row("epk not on the curve (KW)", withEpk(ecKw, [&] {
            QJsonObject e = headerOf(ecKw).value(QLatin1String("epk")).toObject();
            e.insert(QLatin1String("x"), QString::fromLatin1(flipLastByte(e.value(QLatin1String("x")).toString().toLatin1())));
            return e;
        }()), p256, ecdhKw, cbc, F);
    row("epk on another curve", withEpk(ecGcm, p384.publicKey().toJson()), p256, ecdh, gcm, F);
    row("epk an X25519 key for a P-256 key", withEpk(ecGcm, x25519Other.publicKey().toJson()), p256, ecdh, gcm, F);
    row("epk missing", withEpk(ecGcm, QJsonValue()), p256, ecdh, gcm, F);
    row("epk not an object", withEpk(ecGcm, QJsonValue(QStringLiteral("epk"))), p256, ecdh, gcm, F);
    row("epk with a private key", withEpk(ecGcm, p256.toJson(true)), p256, ecdh, gcm, F);
    row("epk RSA", withEpk(ecGcm, rsa.publicKey().toJson()), p256, ecdh, gcm, F);
    row("epk X25519 zero point", withEpk(xGcm, obj(R"({"kty":"OKP","crv":"X25519","x":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"})")),
        x25519, ecdh, gcm, F);
    row("epk X25519 order-8 point", withEpk(xGcm, obj(R"({"kty":"OKP","crv":"X25519","x":"4Ot6fDtBuK4WVuP68Z_EatoJjeucMrH9hmIFFl9JuAA"})")),
        x25519, ecdh, gcm, F);
    row("epk X25519 another key", withEpk(xGcm, x25519Other.publicKey().toJson()), x25519, ecdh, gcm, F);
    row("apu not base64url", [&] { QJsonObject h = headerOf(ecGcm); h.insert(QLatin1String("apu"), QStringLiteral("a+b/")); return withHeader(ecGcm, h); }(),
        p256, ecdh, gcm, F);

    // Configuration: refused before any cryptography, each with its own code.
    row("not configured (no alg, no private key)", rsaGcm, octKey(16, 'k'), QString(), QString(), ErrorCode::EncryptedJwtUnsupported);
    row("not configured (no alg, a public key)", rsaGcm, rsa.publicKey(), QString(), QString(), ErrorCode::EncryptedJwtUnsupported);
    row("keys only: A128KW needs a registered alg", kwCbc, rsa, QString(), QString(), ErrorCode::AlgorithmNotAllowed);
    row("keys only: RSA1_5", withHeader(rsaGcm, obj(R"({"alg":"RSA1_5","enc":"A128GCM"})")), rsa, QString(), QString(),
        ErrorCode::AlgorithmNotAllowed);
    row("keys only: ECDH-ES for an RSA key", ecGcm, rsa, QString(), QString(), ErrorCode::AlgorithmNotAllowed);
    row("keys only: enc restricted", rsaGcm, rsa, QString(), QStringLiteral("A256GCM"), ErrorCode::AlgorithmNotAllowed);
    row("alg not configured", rsaGcm, rsa, QStringLiteral("RSA-OAEP"), gcm, ErrorCode::AlgorithmNotAllowed);
    row("enc not configured", rsaGcm, rsa, oaep, QStringLiteral("A256GCM"), ErrorCode::AlgorithmNotAllowed);
    row("RSA1_5 even when configured", withHeader(rsaGcm, obj(R"({"alg":"RSA1_5","enc":"A128GCM"})")), rsa,
        QStringLiteral("RSA1_5"), gcm, ErrorCode::AlgorithmNotAllowed);
    row("unknown alg", withHeader(rsaGcm, obj(R"({"alg":"PBES2-HS256+A128KW","enc":"A128GCM"})")), rsa, oaep, gcm,
        ErrorCode::AlgorithmNotAllowed);
    row("A128GCMKW (not supported)", withHeader(rsaGcm, obj(R"({"alg":"A128GCMKW","enc":"A128GCM"})")), kek,
        QStringLiteral("A128GCMKW"), gcm, ErrorCode::AlgorithmNotAllowed);
    row("zip (RFC 7516 A.3 compressed)", QByteArray(rfc7516_a3_zip_jwe), key(rfc7516_a3_jwk), kw, cbc, ErrorCode::AlgorithmNotAllowed);
    row("crit", [&] { QJsonObject h = headerOf(rsaGcm); h.insert(QLatin1String("crit"), QJsonArray{ QStringLiteral("exp") }); h.insert(QLatin1String("exp"), 1); return withHeader(rsaGcm, h); }(),
        rsa, oaep, gcm, ErrorCode::UnsupportedCriticalHeader);
    row("no key for the alg", rsaGcm, p256, oaep, gcm, ErrorCode::KeyNotFound);
    row("A128KW with a 256-bit key", kwCbc, octKey(32, 'k'), kw, cbc, ErrorCode::KeyNotFound);

    // Shape.
    row("four segments", segments(rsaGcm).mid(0, 4).join('.'), rsa, oaep, gcm, ErrorCode::MalformedJwt);
    row("six segments", rsaGcm + ".AAAA", rsa, oaep, gcm, ErrorCode::MalformedJwt);
    row("padded base64", withSegment(rsaGcm, 4, segments(rsaGcm).at(4) + "=="), rsa, oaep, gcm, ErrorCode::MalformedJwt);
    row("standard base64 alphabet", withSegment(rsaGcm, 2, "+/+/+/+/+/+/+/+/"), rsa, oaep, gcm, ErrorCode::MalformedJwt);
    row("empty header", withSegment(rsaGcm, 0, QByteArray()), rsa, oaep, gcm, ErrorCode::MalformedJwt);
    row("header not JSON", withSegment(rsaGcm, 0, Base64Url::encode("{\"alg\":")), rsa, oaep, gcm, ErrorCode::MalformedJwt);
    row("header an array", withSegment(rsaGcm, 0, Base64Url::encode("[]")), rsa, oaep, gcm, ErrorCode::MalformedJwt);
    row("header duplicate alg", withSegment(rsaGcm, 0, Base64Url::encode("{\"alg\":\"RSA-OAEP-256\",\"alg\":\"dir\",\"enc\":\"A128GCM\"}")),
        rsa, oaep, gcm, ErrorCode::MalformedJwt);
    row("enc missing", withHeader(rsaGcm, obj(R"({"alg":"RSA-OAEP-256"})")), rsa, oaep, gcm, ErrorCode::MalformedJwt);
    row("alg a number", withHeader(rsaGcm, obj(R"({"alg":1,"enc":"A128GCM"})")), rsa, oaep, gcm, ErrorCode::MalformedJwt);
    row("kid a number", withHeader(rsaGcm, obj(R"({"alg":"RSA-OAEP-256","enc":"A128GCM","kid":1})")), rsa, oaep, gcm, ErrorCode::MalformedJwt);
    row("oversized", withSegment(rsaGcm, 3, QByteArray(Jwe::MaxCompactSize, 'A')), rsa, oaep, gcm, ErrorCode::MalformedJwt);
}

void tst_Jwe::hostile()
{
    QFETCH(QByteArray, jwe);
    QFETCH(JsonWebKey, key);
    QFETCH(QString, alg);
    QFETCH(QString, enc);
    QFETCH(ErrorCode, code);

    Error error;
    const QByteArray out = Jwe::decrypt(jwe, options({ key }, alg, enc), nullptr, &error);
    QVERIFY(out.isEmpty());
    QCOMPARE(error.code(), code);
    QCOMPARE(error.category(), ErrorCategory::InvalidResponse);
}

void tst_Jwe::uniformFailure()
{
    // Every cryptographic failure is the same Error: code, detail and message, whatever step it was.
    const QString alg = QStringLiteral("RSA-OAEP-256"), enc = QStringLiteral("A128CBC-HS256");
    const QByteArray jwe = encryptOrDie("{}", rsa.publicKey(), alg, enc);
    const QByteArray variants[] = {
        withSegment(jwe, 1, flipLastByte(segments(jwe).at(1))), // key unwrap (OAEP padding)
        withSegment(jwe, 3, flipLastByte(segments(jwe).at(3))), // ciphertext (tag)
        withSegment(jwe, 4, flipLastByte(segments(jwe).at(4))), // tag
        withSegment(jwe, 2, truncated(segments(jwe).at(2), 1)), // IV length
    };
    QList<Error> errors;
    for (const QByteArray &v : variants) {
        Error error;
        QVERIFY(Jwe::decrypt(v, options({ rsa }, alg, enc), nullptr, &error).isEmpty());
        errors.append(error);
    }
    for (const Error &e : std::as_const(errors)) {
        QCOMPARE(e, errors.constFirst());
        QCOMPARE(e.technicalDetails(), errors.constFirst().technicalDetails());
        QCOMPARE(e.codeName(), QStringLiteral("jwe_decryption_failed"));
    }
}

void tst_Jwe::encryptRefusesUnfitKeys()
{
    Error error;
    QVERIFY(Jwe::encrypt("x", p256.publicKey(), QStringLiteral("RSA-OAEP"), QStringLiteral("A128GCM"), {}, &error).isEmpty());
    QCOMPARE(error.code(), ErrorCode::InvalidKey);
    QVERIFY(Jwe::encrypt("x", octKey(16, 'a'), QStringLiteral("RSA1_5"), QStringLiteral("A128GCM"), {}, &error).isEmpty());
    QCOMPARE(error.code(), ErrorCode::UnsupportedAlgorithm);
    QVERIFY(Jwe::encrypt("x", octKey(16, 'a'), QStringLiteral("dir"), QStringLiteral("A256GCM"), {}, &error).isEmpty());
    QCOMPARE(error.code(), ErrorCode::InvalidKey);
}

void tst_Jwe::keysOnly()
{
    // Decryption keys without a registered alg: the algs the keys can do, any enc, not required.
    const Jwe::DecryptOptions o = Jwe::optionsFor({ rsa, p256, x25519, octKey(16, 'k') }, QString(), QString(), "secret");
    QVERIFY(o.isConfigured());
    QVERIFY(!o.required);
    QCOMPARE(o.algorithms, (QStringList{ QStringLiteral("RSA-OAEP"), QStringLiteral("RSA-OAEP-256"), QStringLiteral("ECDH-ES"),
                                         QStringLiteral("ECDH-ES+A128KW"), QStringLiteral("ECDH-ES+A192KW"),
                                         QStringLiteral("ECDH-ES+A256KW") }));
    QCOMPARE(o.encryptions, Jwe::supportedEncryptions());
    QVERIFY(Jwe::optionsFor({ rsa }, QString(), QStringLiteral("A256GCM"), {}).encryptions == QStringList{ QStringLiteral("A256GCM") });
    QVERIFY(!Jwe::optionsFor({ rsa.publicKey(), octKey(32, 'k') }, QString(), QString(), "secret").isConfigured());
    // canDecrypt() answers what optionsFor() would configure, without building it.
    for (const QList<JsonWebKey> &keys : { QList<JsonWebKey>{ rsa }, QList<JsonWebKey>{ p256 }, QList<JsonWebKey>{ x25519 },
                                           QList<JsonWebKey>{ rsa.publicKey(), octKey(32, 'k') }, QList<JsonWebKey>{} }) {
        for (const QString &alg : { QString(), QStringLiteral("A128KW") })
            QCOMPARE(Jwe::canDecrypt(keys, alg), Jwe::optionsFor(keys, alg, QString(), {}).isConfigured());
    }
    QVERIFY(Jwe::optionsFor({ rsa }, QStringLiteral("RSA-OAEP"), QString(), {}).required); // a registered alg
    const QByteArray payload("{\"sub\":\"alice\"}");
    const struct
    {
        JsonWebKey key;
        const char *alg;
        const char *enc;
    } cases[] = { { rsa, "RSA-OAEP", "A256GCM" }, { rsa, "RSA-OAEP-256", "A128CBC-HS256" }, { p256, "ECDH-ES", "A128GCM" },
                  { p256, "ECDH-ES+A256KW", "A256CBC-HS512" }, { x25519, "ECDH-ES+A128KW", "A192GCM" } };
    for (const auto &c : cases) {
        const QByteArray jwe = encryptOrDie(payload, c.key.publicKey(), QLatin1String(c.alg), QLatin1String(c.enc));
        Error error;
        QCOMPARE(Jwe::decrypt(jwe, o, nullptr, &error), payload);
        QVERIFY2(!error, c.alg);
    }
}


// Headers are parsed once per distinct header on a thread (a provider repeats its header):
// every answer must still be the one a fresh parse gives, whatever came before.
void tst_Jwe::repeatedHeaders()
{
    const QString alg = QStringLiteral("dir"), enc = QStringLiteral("A256GCM");
    const JsonWebKey key = JsonWebKey::fromSecret(QByteArray(32, 'k'));
    const JsonWebKey other = JsonWebKey::fromSecret(QByteArray(32, 'o'));
    const QJsonObject cty{ { QStringLiteral("cty"), QStringLiteral("JWT") } };
    const QByteArray first = encryptOrDie("one", key, alg, enc, cty);
    const QByteArray second = encryptOrDie("two", key, alg, enc, cty);
    QCOMPARE(segments(first).at(0), segments(second).at(0)); // the same header bytes
    const QByteArray forOther = encryptOrDie("three", other, alg, enc, cty);
    const QByteArray crit = encryptOrDie("x", key, alg, enc, QJsonObject{ { QStringLiteral("crit"), QJsonArray{ QStringLiteral("exp") } } });
    // Longer than the cached size: parsed every time, with the same answers.
    const QByteArray large = encryptOrDie("large", key, alg, enc, QJsonObject{ { QStringLiteral("x"), QString(2000, QLatin1Char('a')) } });

    for (int round = 0; round < 3; ++round) {
        Error error;
        QJsonObject header;
        QCOMPARE(Jwe::decrypt(first, options({ key }, alg, enc), &header, &error), QByteArray("one"));
        QVERIFY(!error);
        QCOMPARE(header.value(QLatin1String("cty")).toString(), QStringLiteral("JWT"));
        QCOMPARE(Jwe::decrypt(second, options({ key }, alg, enc), &header, &error), QByteArray("two"));
        // The same header, a tampered tag: the failure a parse would give.
        QVERIFY(Jwe::decrypt(withSegment(second, 4, flipLastByte(segments(second).at(4))), options({ key }, alg, enc), nullptr, &error).isEmpty());
        QCOMPARE(error.code(), ErrorCode::JweDecryptionFailed);
        // The same header, another key configured.
        QVERIFY(Jwe::decrypt(first, options({ other }, alg, enc), nullptr, &error).isEmpty());
        QCOMPARE(error.code(), ErrorCode::JweDecryptionFailed);
        QCOMPARE(Jwe::decrypt(forOther, options({ other }, alg, enc), nullptr, &error), QByteArray("three"));
        // The same header, enc not configured.
        QVERIFY(Jwe::decrypt(first, options({ key }, alg, QStringLiteral("A128GCM")), nullptr, &error).isEmpty());
        QCOMPARE(error.code(), ErrorCode::AlgorithmNotAllowed);
        QVERIFY(Jwe::decrypt(crit, options({ key }, alg, enc), &header, &error).isEmpty());
        QCOMPARE(error.code(), ErrorCode::UnsupportedCriticalHeader);
        QVERIFY(header.contains(QLatin1String("crit")));
        QCOMPARE(Jwe::decrypt(large, options({ key }, alg, enc), &header, &error), QByteArray("large"));
        QCOMPARE(header.value(QLatin1String("x")).toString().size(), 2000);
    }
    // A header that differs by one byte from the cached one is parsed anew.
    QByteArray bad = first;
    bad[0] = '!';
    Error error;
    QVERIFY(Jwe::decrypt(bad, options({ key }, alg, enc), nullptr, &error).isEmpty());
    QCOMPARE(error.code(), ErrorCode::MalformedJwt);
    // And from another thread (its own cache), the same answers.
    QByteArray fromThread;
    QScopedPointer<QThread> thread(QThread::create([&] {
        Error e;
        fromThread = Jwe::decrypt(first, options({ key }, alg, enc), nullptr, &e);
        // The thread's OpenSSL state (its error queue) freed now: QThread::wait() returns before
        // the thread's exit handlers run, and LeakSanitizer's check at process exit could see
        // that state without its owner.
        OPENSSL_thread_stop();
    }));
    thread->start();
    QVERIFY(thread->wait(10000));
    QCOMPARE(fromThread, QByteArray("one"));
}
QTEST_GUILESS_MAIN(tst_Jwe)
#include "tst_jwe.moc"

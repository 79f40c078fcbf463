// SPDX-License-Identifier: BSD-3-Clause
// Encrypted responses (JWE) through the Client against the in-process server: ID Tokens from
// the token endpoint, UserInfo and JWT introspection, each signed then encrypted (nested) or,
// for UserInfo, encrypted only; responses that should be encrypted and are not; and the
// validators on their own (client-secret keys, JARM).
#include <oauth4qt/client.h>
#include <oauth4qt/idtokenvalidator.h>

#include "flows/authorizationrequest_p.h"
#include "jose/jwe_p.h"

#include "testhttpserver.h"

#include "../jwttestutil.h"

#include <QtTest/QtTest>

using namespace OAuth4Qt;
using namespace OAuth4Qt::Test;
using namespace JwtTest;

namespace {

QByteArray encrypt(const QByteArray &plaintext, const JsonWebKey &recipient, const QString &alg, const QString &enc,
                   bool nested = true)
{
    QJsonObject header;
    if (nested)
        header.insert(QStringLiteral("cty"), QStringLiteral("JWT"));
    Error error;
    const QByteArray jwe = Jwe::encrypt(plaintext, recipient, alg, enc, header, &error);
    if (jwe.isEmpty())
        qFatal("encryption failed: %s", qPrintable(error.detail()));
    return jwe;
}

} // namespace

class tst_EncryptedResponses : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void idToken_data();
    void idToken();
    void userInfo_data();
    void userInfo();
    void introspection_data();
    void introspection();
    void registrationMetadata();
    void clientSecretKey();
    void jarm_data();
    void jarm();

private:
    template <typename R>
    R *wait(R *reply)
    {
        QSignalSpy spy(reply, &Reply::finished);
        [&] { QTRY_COMPARE_WITH_TIMEOUT(spy.count(), 1, 10000); }();
        QTest::qWait(10);
        [&] { QCOMPARE(spy.count(), 1); }();
        return reply;
    }
    QString issuer() const { return m_server->url().toString(); }
    QByteArray signedIdToken() const;
    void configure(void (ClientConfig::*setAlg)(const QString &), void (ClientConfig::*setEnc)(const QString &),
                   const QString &alg, const QString &enc);

    JsonWebKey m_signing;  // the server's signing key (JWKS)
    JsonWebKey m_rsaEnc;   // the client's decryption keys
    JsonWebKey m_ecEnc;
    JsonWebKey m_otherRsa;
    std::unique_ptr<TestHttpServer> m_server;
    std::unique_ptr<Client> m_client;
};

void tst_EncryptedResponses::initTestCase()
{
    m_signing = JsonWebKey::generate(QStringLiteral("RS256"));
    m_signing.setKeyId(QStringLiteral("sig-1"));
    m_rsaEnc = JsonWebKey::generate(QStringLiteral("RS256"));
    m_rsaEnc.setKeyId(QStringLiteral("enc-rsa"));
    m_ecEnc = JsonWebKey::generate(QStringLiteral("ES256"));
    m_ecEnc.setKeyId(QStringLiteral("enc-ec"));
    m_otherRsa = JsonWebKey::generate(QStringLiteral("RS256"));
    QVERIFY(!m_signing.isNull() && !m_rsaEnc.isNull() && !m_ecEnc.isNull() && !m_otherRsa.isNull());
}

void tst_EncryptedResponses::init()
{
    m_client.reset();
    m_server = std::make_unique<TestHttpServer>();
    const QString base = issuer();
    const QJsonObject md = obj({ { "issuer", base },
                                 { "authorization_endpoint", QString(base + QStringLiteral("/authorize")) },
                                 { "token_endpoint", QString(base + QStringLiteral("/token")) },
                                 { "userinfo_endpoint", QString(base + QStringLiteral("/me")) },
                                 { "jwks_uri", QString(base + QStringLiteral("/jwks")) },
                                 { "introspection_endpoint", QString(base + QStringLiteral("/introspect")) },
                                 { "id_token_signing_alg_values_supported", A({ "RS256", "HS256" }) } });
    Error e;
    const ServerMetadata metadata = ServerMetadata::fromJson(md, QUrl(base), true, &e);
    QVERIFY2(!e, qPrintable(e.errorString()));
    m_client = std::make_unique<Client>();
    m_client->setAllowInsecureHttp(true);
    m_client->setMetadata(metadata);
    ClientConfig config(QStringLiteral("client-1"), QStringLiteral("secret-1"));
    config.setDecryptionKeys({ m_rsaEnc, m_ecEnc });
    m_client->setClientConfig(config);
    m_client->setClock([] { return QDateTime::fromSecsSinceEpoch(1700000000).toUTC(); });
    m_server->on(QStringLiteral("/jwks"), Response::json(200, JsonWebKeySet({ m_signing }).toJson()));
}

QByteArray tst_EncryptedResponses::signedIdToken() const
{
    const QJsonObject claims = obj({ { "iss", issuer() }, { "aud", "client-1" }, { "sub", "alice" },
                                     { "iat", qint64(1700000000) }, { "exp", qint64(1700000300) }, { "nonce", "n-1" } });
    return sign(QStringLiteral("RS256"), {}, claims, m_signing);
}

void tst_EncryptedResponses::configure(void (ClientConfig::*setAlg)(const QString &),
                                       void (ClientConfig::*setEnc)(const QString &), const QString &alg,
                                       const QString &enc)
{
    ClientConfig config = m_client->clientConfig();
    (config.*setAlg)(alg);
    (config.*setEnc)(enc);
    m_client->setClientConfig(config);
}

// How the server answers: 0 signed only, 1 signed then encrypted to the client's RSA key,
// 2 ... to the client's EC key, 3 ... to another key, 4 encrypted with another enc,
// 5 encrypted JSON (no signature inside), 6 RSA1_5 header.
void tst_EncryptedResponses::idToken_data()
{
    QTest::addColumn<QString>("alg");
    QTest::addColumn<QString>("enc");
    QTest::addColumn<int>("kind");
    QTest::addColumn<ErrorCode>("expected");
    QTest::addColumn<int>("jwksRequests");

    QTest::newRow("RSA-OAEP-256 A256GCM") << QStringLiteral("RSA-OAEP-256") << QStringLiteral("A256GCM") << 1 << ErrorCode::NoError << 1;
    QTest::newRow("RSA-OAEP default enc") << QStringLiteral("RSA-OAEP") << QString() << 1 << ErrorCode::NoError << 1;
    QTest::newRow("ECDH-ES+A256KW A128CBC-HS256") << QStringLiteral("ECDH-ES+A256KW") << QStringLiteral("A128CBC-HS256") << 2 << ErrorCode::NoError << 1;
    QTest::newRow("encrypted for another key") << QStringLiteral("RSA-OAEP-256") << QStringLiteral("A256GCM") << 3 << ErrorCode::JweDecryptionFailed << 0;
    QTest::newRow("another enc than registered") << QStringLiteral("RSA-OAEP-256") << QStringLiteral("A128GCM") << 4 << ErrorCode::AlgorithmNotAllowed << 0;
    QTest::newRow("not encrypted though registered") << QStringLiteral("RSA-OAEP-256") << QStringLiteral("A256GCM") << 0 << ErrorCode::EncryptionRequired << 1;
    QTest::newRow("encrypted claims without a signature") << QStringLiteral("RSA-OAEP-256") << QStringLiteral("A256GCM") << 5 << ErrorCode::MalformedJwt << 0;
    // Decryption keys without a registered alg: decrypted with an alg the keys can do, or plain.
    QTest::newRow("keys only: encrypted, decrypted") << QString() << QString() << 1 << ErrorCode::NoError << 1;
    QTest::newRow("keys only: not encrypted, accepted") << QString() << QString() << 0 << ErrorCode::NoError << 1;
    QTest::newRow("keys only: encrypted for another key") << QString() << QString() << 3 << ErrorCode::JweDecryptionFailed << 0;
    QTest::newRow("keys only: A128KW needs a registered alg") << QString() << QString() << 8 << ErrorCode::AlgorithmNotAllowed << 0;
    QTest::newRow("D16 encrypted without decryption keys") << QString() << QString() << 7 << ErrorCode::EncryptedJwtUnsupported << 0;
    QTest::newRow("D16 RSA1_5") << QStringLiteral("RSA-OAEP-256") << QStringLiteral("A256GCM") << 6 << ErrorCode::AlgorithmNotAllowed << 0;
}

void tst_EncryptedResponses::idToken()
{
    QFETCH(QString, alg);
    QFETCH(QString, enc);
    QFETCH(int, kind);
    QFETCH(ErrorCode, expected);
    QFETCH(int, jwksRequests);
    configure(&ClientConfig::setIdTokenEncryptedResponseAlg, &ClientConfig::setIdTokenEncryptedResponseEnc, alg, enc);
    if (kind == 7) {
        ClientConfig config = m_client->clientConfig();
        config.setDecryptionKeys({});
        m_client->setClientConfig(config);
    }
    const QString wireEnc = kind == 4 ? QStringLiteral("A256GCM") : enc.isEmpty() ? QStringLiteral("A128CBC-HS256") : enc;
    const QString wireAlg = alg.isEmpty() ? QStringLiteral("RSA-OAEP-256") : alg;
    QByteArray token;
    switch (kind) {
    case 0: token = signedIdToken(); break;
    case 1: token = encrypt(signedIdToken(), m_rsaEnc.publicKey(), wireAlg, wireEnc); break;
    case 2: token = encrypt(signedIdToken(), m_ecEnc.publicKey(), wireAlg, wireEnc); break;
    case 3: token = encrypt(signedIdToken(), m_otherRsa.publicKey(), wireAlg, wireEnc); break;
    case 4: token = encrypt(signedIdToken(), m_rsaEnc.publicKey(), wireAlg, QStringLiteral("A256GCM")); break;
    case 5: token = encrypt(R"({"iss":"x","sub":"alice"})", m_rsaEnc.publicKey(), wireAlg, wireEnc, false); break;
    case 7: token = encrypt(signedIdToken(), m_rsaEnc.publicKey(), wireAlg, wireEnc); break;
    case 8: { // A128KW with the key derived from the client secret (OpenID Connect Core 10.2)
        const JsonWebKey kek = JsonWebKey::fromSecret(Jwe::deriveSecretKey("secret-1", QStringLiteral("A128KW"), QString()));
        token = encrypt(signedIdToken(), kek, QStringLiteral("A128KW"), wireEnc);
        break;
    }
    case 6: {
        const QByteArray jwe = encrypt(signedIdToken(), m_rsaEnc.publicKey(), wireAlg, wireEnc);
        token = Base64Url::encode(R"({"alg":"RSA1_5","enc":"A256GCM"})") + jwe.mid(jwe.indexOf('.'));
        break;
    }
    }
    m_server->on(QStringLiteral("/token"), Response::json(200, obj({ { "access_token", "at-1" }, { "token_type", "Bearer" },
                                                                      { "id_token", QString::fromLatin1(token) } })));
    TokenReply *reply = wait(m_client->exchangeAuthorizationCode(QStringLiteral("code"), QUrl(QStringLiteral("http://127.0.0.1/cb")),
                                                                 QStringLiteral("verifier"), QStringLiteral("openid"), QStringLiteral("n-1")));
    QCOMPARE(reply->error().code(), expected);
    if (expected == ErrorCode::NoError) {
        QCOMPARE(reply->tokens().idTokenClaims().value(QLatin1String("sub")).toString(), QStringLiteral("alice"));
        QCOMPARE(reply->tokens().idToken(), QString::fromLatin1(token)); // kept as received
    }
    QCOMPARE(m_server->requestCount(QStringLiteral("/jwks")), jwksRequests);
}

void tst_EncryptedResponses::userInfo_data()
{
    QTest::addColumn<QString>("signedAlg");
    QTest::addColumn<QString>("alg");
    QTest::addColumn<int>("kind"); // 0 JSON, 1 signed JWT, 2 signed then encrypted, 3 encrypted JSON
    QTest::addColumn<ErrorCode>("expected");

    const QString oaep = QStringLiteral("RSA-OAEP-256");
    QTest::newRow("signed and encrypted") << QStringLiteral("RS256") << oaep << 2 << ErrorCode::NoError;
    QTest::newRow("encrypted only") << QString() << oaep << 3 << ErrorCode::NoError;
    QTest::newRow("encrypted only, but signed inside") << QString() << oaep << 2 << ErrorCode::NoError;
    QTest::newRow("signed registered, encrypted JSON inside") << QStringLiteral("RS256") << oaep << 3 << ErrorCode::MalformedJwt;
    QTest::newRow("JSON though encryption registered") << QString() << oaep << 0 << ErrorCode::EncryptionRequired;
    QTest::newRow("signed JWT though encryption registered") << QStringLiteral("RS256") << oaep << 1 << ErrorCode::EncryptionRequired;
    QTest::newRow("keys only: signed and encrypted") << QStringLiteral("RS256") << QString() << 2 << ErrorCode::NoError;
    QTest::newRow("keys only: encrypted JSON") << QString() << QString() << 3 << ErrorCode::NoError;
    QTest::newRow("keys only: JSON") << QString() << QString() << 0 << ErrorCode::NoError;
    QTest::newRow("keys only: signed, not encrypted, JSON registered") << QString() << QString() << 1 << ErrorCode::InvalidContentType;
    QTest::newRow("encrypted with another alg") << QString() << QStringLiteral("ECDH-ES") << 3 << ErrorCode::AlgorithmNotAllowed;
}

void tst_EncryptedResponses::userInfo()
{
    QFETCH(QString, signedAlg);
    QFETCH(QString, alg);
    QFETCH(int, kind);
    QFETCH(ErrorCode, expected);
    configure(&ClientConfig::setUserinfoEncryptedResponseAlg, &ClientConfig::setUserinfoEncryptedResponseEnc, alg, QString());
    ClientConfig config = m_client->clientConfig();
    config.setUserinfoSignedResponseAlg(signedAlg);
    m_client->setClientConfig(config);
    const QJsonObject claims = obj({ { "sub", "alice" }, { "iss", issuer() }, { "aud", "client-1" } });
    const QByteArray json = QJsonDocument(claims).toJson(QJsonDocument::Compact);
    const QByteArray signedJwt = sign(QStringLiteral("RS256"), {}, claims, m_signing);
    const QString cbc = QStringLiteral("A128CBC-HS256"), oaep = QStringLiteral("RSA-OAEP-256");
    switch (kind) {
    case 0: m_server->on(QStringLiteral("/me"), Response::json(200, claims)); break;
    case 1: m_server->on(QStringLiteral("/me"), Response::text(200, signedJwt, "application/jwt")); break;
    case 2: m_server->on(QStringLiteral("/me"), Response::text(200, encrypt(signedJwt, m_rsaEnc.publicKey(), oaep, cbc), "application/jwt")); break;
    case 3: m_server->on(QStringLiteral("/me"), Response::text(200, encrypt(json, m_rsaEnc.publicKey(), oaep, cbc, false), "application/jwt")); break;
    }
    JsonReply *reply = wait(m_client->userInfo(QStringLiteral("the-access-token"), QStringLiteral("alice")));
    QCOMPARE(reply->error().code(), expected);
    if (!reply->error())
        QCOMPARE(reply->result().value(QLatin1String("sub")).toString(), QStringLiteral("alice"));
}

void tst_EncryptedResponses::introspection_data()
{
    QTest::addColumn<QString>("signedAlg");
    QTest::addColumn<bool>("encrypted");
    QTest::addColumn<ErrorCode>("expected");
    QTest::newRow("signed and encrypted") << QStringLiteral("RS256") << true << ErrorCode::NoError;
    QTest::newRow("encryption registered, signed only") << QStringLiteral("RS256") << false << ErrorCode::EncryptionRequired;
    QTest::newRow("encryption registered without a signing alg") << QString() << true << ErrorCode::NoError;
}

void tst_EncryptedResponses::introspection()
{
    QFETCH(QString, signedAlg);
    QFETCH(bool, encrypted);
    QFETCH(ErrorCode, expected);
    configure(&ClientConfig::setIntrospectionEncryptedResponseAlg, &ClientConfig::setIntrospectionEncryptedResponseEnc,
              QStringLiteral("ECDH-ES"), QStringLiteral("A256GCM"));
    ClientConfig config = m_client->clientConfig();
    config.setIntrospectionSignedResponseAlg(signedAlg);
    m_client->setClientConfig(config);
    const QJsonObject claims = obj({ { "iss", issuer() }, { "aud", "client-1" }, { "iat", qint64(1700000000) },
                                     { "token_introspection", obj({ { "active", true }, { "scope", "a" } }) } });
    QByteArray body = sign(QStringLiteral("RS256"), obj({ { "typ", "token-introspection+jwt" } }), claims, m_signing);
    if (encrypted)
        body = encrypt(body, m_ecEnc.publicKey(), QStringLiteral("ECDH-ES"), QStringLiteral("A256GCM"));
    m_server->on(QStringLiteral("/introspect"), Response::text(200, body, "application/token-introspection+jwt"));
    JsonReply *reply = wait(m_client->introspect(QStringLiteral("tok"), QStringLiteral("access_token")));
    QCOMPARE(reply->error().code(), expected);
    if (expected == ErrorCode::NoError)
        QCOMPARE(reply->result(), obj({ { "active", true }, { "scope", "a" } }));
    QCOMPARE(m_server->requests(QStringLiteral("/introspect")).constLast().header("accept"), QByteArray("application/token-introspection+jwt"));
}

void tst_EncryptedResponses::registrationMetadata()
{
    // Dynamic registration: the *_encrypted_response_* members land in the ClientConfig.
    m_server->on(QStringLiteral("/reg"), Response::json(201, obj({ { "client_id", "c-2" },
                                                                    { "id_token_encrypted_response_alg", "ECDH-ES" },
                                                                    { "id_token_encrypted_response_enc", "A256GCM" },
                                                                    { "userinfo_encrypted_response_alg", "RSA-OAEP" },
                                                                    { "authorization_encrypted_response_alg", "A128KW" },
                                                                    { "introspection_encrypted_response_alg", "dir" },
                                                                    { "introspection_encrypted_response_enc", "A128GCM" } })));
    QJsonObject md = m_client->metadata().toJson();
    md.insert(QStringLiteral("registration_endpoint"), QString(issuer() + QStringLiteral("/reg")));
    Error e;
    m_client->setMetadata(ServerMetadata::fromJson(md, QUrl(issuer()), true, &e));
    QVERIFY(!e);
    RegistrationReply *reply = wait(m_client->registerClient(QJsonObject()));
    QVERIFY2(!reply->error(), qPrintable(reply->error().technicalDetails()));
    const ClientConfig config = reply->clientConfig();
    QCOMPARE(config.idTokenEncryptedResponseAlg(), QStringLiteral("ECDH-ES"));
    QCOMPARE(config.idTokenEncryptedResponseEnc(), QStringLiteral("A256GCM"));
    QCOMPARE(config.userinfoEncryptedResponseAlg(), QStringLiteral("RSA-OAEP"));
    QCOMPARE(config.userinfoEncryptedResponseEnc(), QString());
    QCOMPARE(config.authorizationEncryptedResponseAlg(), QStringLiteral("A128KW"));
    QCOMPARE(config.introspectionEncryptedResponseAlg(), QStringLiteral("dir"));
    QCOMPARE(config.introspectionEncryptedResponseEnc(), QStringLiteral("A128GCM"));
}

void tst_EncryptedResponses::clientSecretKey()
{
    // An HS256 ID Token encrypted with A128KW under the key derived from the client secret
    // (OpenID Connect Core 10.2): no JWKS needed at all.
    const QString secret = QStringLiteral("a-sufficiently-long-client-secret-for-hs256");
    const QJsonObject claims = obj({ { "iss", "https://op.example" }, { "aud", "client-1" }, { "sub", "alice" },
                                     { "iat", qint64(1700000000) }, { "exp", qint64(1700000300) } });
    const QByteArray jws = sign(QStringLiteral("HS256"), {}, claims, JsonWebKey::fromSecret(secret.toUtf8()));
    const JsonWebKey kek = JsonWebKey::fromSecret(Jwe::deriveSecretKey(secret.toUtf8(), QStringLiteral("A128KW"), QString()));
    const QByteArray jwe = encrypt(jws, kek, QStringLiteral("A128KW"), QStringLiteral("A128CBC-HS256"));

    IdTokenValidator v;
    v.setIssuer(QStringLiteral("https://op.example"));
    v.setClientId(QStringLiteral("client-1"));
    v.setClientSecret(secret);
    v.setAlgorithm(QStringLiteral("HS256"));
    v.setEncryptionAlgorithm(QStringLiteral("A128KW"));
    QCOMPARE(v.contentEncryptionAlgorithm(), QStringLiteral("A128CBC-HS256"));
    v.setClock([] { return QDateTime::fromSecsSinceEpoch(1700000000).toUTC(); });
    Error error;
    QCOMPARE(v.validate(jwe, &error).value(QLatin1String("sub")).toString(), QStringLiteral("alice"));
    QVERIFY2(!error, qPrintable(error.technicalDetails()));
    v.setClientSecret(QStringLiteral("another-client-secret-of-enough-length-x"));
    QVERIFY(v.validate(jwe, &error).isEmpty());
    QCOMPARE(error.code(), ErrorCode::JweDecryptionFailed);
}

void tst_EncryptedResponses::jarm_data()
{
    QTest::addColumn<bool>("encrypted");
    QTest::addColumn<QString>("alg");
    QTest::addColumn<ErrorCode>("expected");
    QTest::addColumn<bool>("keys");
    QTest::newRow("encrypted JARM") << true << QStringLiteral("ECDH-ES+A128KW") << ErrorCode::NoError << true;
    QTest::newRow("keys only: encrypted JARM") << true << QString() << ErrorCode::NoError << true;
    QTest::newRow("keys only: signed JARM") << false << QString() << ErrorCode::NoError << true;
    QTest::newRow("H8 encrypted, no decryption configured") << true << QString() << ErrorCode::EncryptedJwtUnsupported << false;
    QTest::newRow("registered, signed only") << false << QStringLiteral("ECDH-ES+A128KW") << ErrorCode::EncryptionRequired << true;
}

void tst_EncryptedResponses::jarm()
{
    QFETCH(bool, encrypted);
    QFETCH(QString, alg);
    QFETCH(ErrorCode, expected);
    QFETCH(bool, keys);
    const QJsonObject claims = obj({ { "iss", "https://op.example" }, { "aud", "client-1" }, { "exp", qint64(1700000300) },
                                     { "code", "c-1" }, { "state", "s-1" } });
    QByteArray jwt = sign(QStringLiteral("RS256"), {}, claims, m_signing);
    if (encrypted)
        jwt = encrypt(jwt, m_ecEnc.publicKey(), QStringLiteral("ECDH-ES+A128KW"), QStringLiteral("A128CBC-HS256"));
    JwtValidator v = jarmValidator(QStringLiteral("https://op.example"), QStringLiteral("client-1"), QString(), {}, { QStringLiteral("RS256") });
    v.setKeys(JsonWebKeySet({ m_signing.publicKey() }));
    if (keys)
        v.setDecryptionKeys({ m_rsaEnc, m_ecEnc });
    v.setEncryptionAlgorithm(alg);
    v.setClock([] { return QDateTime::fromSecsSinceEpoch(1700000000).toUTC(); });
    Error error;
    const QJsonObject out = v.validate(jwt, &error);
    QCOMPARE(error.code(), expected);
    if (!error)
        QCOMPARE(out.value(QLatin1String("code")).toString(), QStringLiteral("c-1"));
}

QTEST_MAIN(tst_EncryptedResponses)
#include "tst_encryptedresponses.moc"

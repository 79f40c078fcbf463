// SPDX-License-Identifier: BSD-3-Clause
// JWE interop. With `jose` (panva/jose) on Node: jose encrypts for every alg/enc pair and every
// key type (RSA, P-256, P-384, P-521, X25519, AES key wrap, dir) and the library decrypts; the
// library encrypts the same pairs (its test-only Jwe::encrypt) and jose decrypts. With the real
// oidc-provider (encryption feature on): sign-ins that receive an encrypted ID Token, encrypted
// UserInfo, an encrypted JARM response and an encrypted JWT introspection response.
#include <oauth4qt/client.h>
#include <oauth4qt/json.h>
#include <oauth4qt/jsonwebkey.h>
#include <oauth4qt/jws.h>

#include "flows/authorizationrequest_p.h"
#include "jose/jwe_p.h"

#include "peerinfo.h"

#include <QtCore/QFile>
#include <QtCore/QUrlQuery>
#include <QtNetwork/QNetworkAccessManager>
#include <QtNetwork/QNetworkReply>

#include <QtCore/QJsonArray>
#include <QtCore/QJsonDocument>
#include <QtCore/QProcess>
#include <QtTest/QtTest>

using namespace OAuth4Qt;
using namespace OAuth4Qt::Test;

class tst_PeerJwe : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void joseToLibrary_data();
    void joseToLibrary();
    void libraryToJose_data();
    void libraryToJose();
    void signIn_data();
    void signIn();
    void encryptedJarm();
    void unencryptedIdTokenRefused();

private:
    template <typename R>
    R *wait(R *reply)
    {
        QSignalSpy spy(reply, &Reply::finished);
        [&] { QTRY_COMPARE_WITH_TIMEOUT(spy.count(), 1, 20000); }();
        return reply;
    }
    //! A client for \a role with the fixture's registration, encryption included.
    std::unique_ptr<Client> makeClient(const QString &role);
    PeerInfo m_info;
    QMap<QString, JsonWebKey> m_keys;
    QJsonArray m_theirs;
    QJsonArray m_decrypted;
    QList<QJsonObject> m_ours;
    const QByteArray m_plaintext = QByteArrayLiteral("{\"sub\":\"alice\",\"name\":\"Ren\xc3\xa9\"}");
};

void tst_PeerJwe::initTestCase()
{
    struct Gen
    {
        const char *name;
        const char *alg;
    };
    for (const Gen &g : { Gen{ "rsa", "RS256" }, Gen{ "p256", "ES256" }, Gen{ "p384", "ES384" }, Gen{ "p521", "ES512" } }) {
        const JsonWebKey k = JsonWebKey::generate(QLatin1String(g.alg));
        QVERIFY(!k.isNull());
        m_keys.insert(QLatin1String(g.name), k);
    }
    const JsonWebKey x25519 = JsonWebKey::fromJson(
        Json::parseObject(R"({"kty":"OKP","crv":"X25519","x":"ck8-hcNM6ZpjGaCEWjyHPJEz2Ny3EGGkv2sLlqtdfho","d":"GL17fTi2Z60B3fvrKJdkEU6U5NJ3vaUFxUOHGQoeEWg"})"),
        JsonWebKey::PrivatePart::KeepPrivate);
    QVERIFY(!x25519.isNull());
    m_keys.insert(QStringLiteral("x25519"), x25519);
    for (int bytes : { 16, 24, 32, 48, 64 }) {
        QByteArray secret(bytes, Qt::Uninitialized);
        for (int i = 0; i < bytes; ++i)
            secret[i] = char(QRandomGenerator::global()->bounded(256));
        m_keys.insert(QStringLiteral("oct%1").arg(bytes * 8), JsonWebKey::fromSecret(secret));
    }

    // The library's JWEs for jose: every alg/enc pair with every key that fits.
    QJsonObject keys;
    for (auto it = m_keys.cbegin(); it != m_keys.cend(); ++it)
        keys.insert(it.key(), it.value().toJson(true));
    QJsonArray ours;
    for (const QString &alg : Jwe::supportedAlgorithms()) {
        for (const QString &enc : Jwe::supportedEncryptions()) {
            for (auto it = m_keys.cbegin(); it != m_keys.cend(); ++it) {
                const JsonWebKey &k = it.value();
                const JsonWebKey recipient = k.keyType() == JsonWebKey::KeyType::Oct ? k : k.publicKey();
                const QByteArray jwe = Jwe::encrypt(m_plaintext, recipient, alg, enc);
                if (jwe.isEmpty())
                    continue; // the key does not fit this alg/enc
                const QJsonObject o{ { QStringLiteral("alg"), alg }, { QStringLiteral("enc"), enc },
                                     { QStringLiteral("key"), it.key() }, { QStringLiteral("jwe"), QString::fromLatin1(jwe) } };
                ours.append(o);
                m_ours.append(o);
            }
        }
    }
    QVERIFY(ours.size() >= 60);

    QProcess node;
    node.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    node.start(QStringLiteral(OAUTH4QT_SH), { QStringLiteral(OAUTH4QT_PEER_DIR "/node.sh"), QStringLiteral(OAUTH4QT_PEER_DIR "/jwe-roundtrip.mjs") });
    QVERIFY2(node.waitForStarted(30000), "cannot start sh node.sh");
    node.write(QJsonDocument(QJsonObject{ { QStringLiteral("keys"), keys },
                                          { QStringLiteral("plaintext"), QString::fromUtf8(m_plaintext) },
                                          { QStringLiteral("ours"), ours } }).toJson(QJsonDocument::Compact));
    node.closeWriteChannel();
    QVERIFY2(node.waitForFinished(280000), "jwe-roundtrip.mjs did not finish");
    QCOMPARE(node.exitStatus(), QProcess::NormalExit);
    QCOMPARE(node.exitCode(), 0);
    Error error;
    const QJsonObject out = Json::parseObject(node.readAllStandardOutput(), &error);
    QVERIFY2(!error, qPrintable(error.detail()));
    m_theirs = out.value(QLatin1String("theirs")).toArray();
    m_decrypted = out.value(QLatin1String("decrypted")).toArray();
    QCOMPARE(m_decrypted.size(), ours.size());
    QCOMPARE(m_theirs.size(), ours.size()); // jose and the library agree on which keys fit

    QString infoError;
    m_info = PeerInfo::load(&infoError);
    QVERIFY2(m_info.isValid(), qPrintable(infoError));
}

std::unique_ptr<Client> tst_PeerJwe::makeClient(const QString &role)
{
    auto client = std::make_unique<Client>();
    client->setIssuer(m_info.issuer());
    client->setAllowInsecureHttp(true);
    ClientConfig config = m_info.clientConfig(role);
    const QJsonObject c = m_info.client(role);
    auto str = [&c](const char *name) { return c.value(QLatin1String(name)).toString(); };
    config.setIdTokenEncryptedResponseAlg(str("id_token_encrypted_response_alg"));
    config.setIdTokenEncryptedResponseEnc(str("id_token_encrypted_response_enc"));
    config.setUserinfoEncryptedResponseAlg(str("userinfo_encrypted_response_alg"));
    config.setUserinfoEncryptedResponseEnc(str("userinfo_encrypted_response_enc"));
    config.setAuthorizationEncryptedResponseAlg(str("authorization_encrypted_response_alg"));
    config.setAuthorizationEncryptedResponseEnc(str("authorization_encrypted_response_enc"));
    config.setIntrospectionEncryptedResponseAlg(str("introspection_encrypted_response_alg"));
    config.setIntrospectionEncryptedResponseEnc(str("introspection_encrypted_response_enc"));
    QList<JsonWebKey> keys;
    for (const QJsonValue &v : c.value(QLatin1String("decryption_keys")).toArray()) {
        QFile file(v.toObject().value(QLatin1String("pem_file")).toString());
        if (!file.open(QIODevice::ReadOnly))
            qFatal("cannot read a decryption key of the fixture");
        JsonWebKey key = JsonWebKey::fromPem(file.readAll());
        key.setKeyId(v.toObject().value(QLatin1String("kid")).toString());
        keys.append(key);
    }
    config.setDecryptionKeys(keys);
    client->setClientConfig(config);
    std::unique_ptr<DiscoveryReply> reply(wait(client->discover()));
    if (reply->error())
        qWarning("discovery: %s", qPrintable(reply->error().errorString()));
    return client;
}

void tst_PeerJwe::signIn_data()
{
    QTest::addColumn<QString>("role");
    QTest::addColumn<QString>("idTokenAlg");
    QTest::addColumn<bool>("introspection");
    QTest::newRow("RSA-OAEP-256 ID Token, ECDH-ES UserInfo, RSA-OAEP introspection") << QStringLiteral("encrypted") << QStringLiteral("RSA-OAEP-256") << true;
    QTest::newRow("client secret keys: A128KW ID Token, dir UserInfo") << QStringLiteral("encrypted_symmetric") << QStringLiteral("A128KW") << false;
}

void tst_PeerJwe::signIn()
{
    QFETCH(QString, role);
    QFETCH(QString, idTokenAlg);
    QFETCH(bool, introspection);
    auto client = makeClient(role);
    const QString scope = QStringLiteral("openid email");
    const AuthorizationResult auth = authorizeOverHttp(client.get(), { { QStringLiteral("scope"), scope } });
    QVERIFY2(auth.ok(), qPrintable(auth.error + auth.oauthError));
    std::unique_ptr<TokenReply> reply(wait(client->exchangeAuthorizationCode(auth.code, auth.redirectUri, auth.codeVerifier,
                                                                            scope, auth.nonce)));
    QVERIFY2(!reply->error(), qPrintable(reply->error().technicalDetails()));
    const TokenResponse tokens = reply->tokens();
    // The ID Token stays as received (the JWE); its claims were decrypted and validated.
    QVERIFY(Jwe::isCompactJwe(tokens.idToken().toLatin1()));
    bool ok = false;
    const QJsonObject jweHeader = Json::parseObject(Base64Url::decode(tokens.idToken().toLatin1().split('.').constFirst(), &ok));
    QCOMPARE(jweHeader.value(QLatin1String("alg")).toString(), idTokenAlg);
    QCOMPARE(tokens.idTokenClaims().value(QLatin1String("sub")).toString(), QStringLiteral("alice"));
    QCOMPARE(tokens.idTokenClaims().value(QLatin1String("nonce")).toString(), auth.nonce);

    std::unique_ptr<JsonReply> userInfo(wait(client->userInfo(tokens.accessToken(), QStringLiteral("alice"))));
    QVERIFY2(!userInfo->error(), qPrintable(userInfo->error().technicalDetails()));
    QCOMPARE(userInfo->result().value(QLatin1String("email")).toString(), QStringLiteral("alice@example.test"));

    if (introspection) {
        std::unique_ptr<JsonReply> result(wait(client->introspect(tokens.accessToken(), QStringLiteral("access_token"))));
        QVERIFY2(!result->error(), qPrintable(result->error().technicalDetails()));
        QCOMPARE(result->result().value(QLatin1String("active")).toBool(), true);
    }

    // Without the decryption keys the asymmetric client cannot read its UserInfo; the symmetric
    // one needs none (its key comes from the client secret).
    ClientConfig noKeys = client->clientConfig();
    noKeys.setDecryptionKeys({});
    client->setClientConfig(noKeys);
    std::unique_ptr<JsonReply> refused(wait(client->userInfo(tokens.accessToken(), QStringLiteral("alice"))));
    if (role == QLatin1String("encrypted"))
        QCOMPARE(refused->error().code(), ErrorCode::KeyNotFound);
    else
        QVERIFY2(!refused->error(), qPrintable(refused->error().technicalDetails()));
}

void tst_PeerJwe::encryptedJarm()
{
    auto client = makeClient(QStringLiteral("encrypted"));
    const QString scope = QStringLiteral("openid");
    const AuthorizationResult auth = authorizeOverHttp(client.get(), { { QStringLiteral("scope"), scope },
                                                                      { QStringLiteral("response_mode"), QStringLiteral("jwt") } });
    QVERIFY2(auth.error.isEmpty(), qPrintable(auth.error));
    const QByteArray response = QUrlQuery(auth.callback).queryItemValue(QStringLiteral("response"), QUrl::FullyDecoded).toLatin1();
    QVERIFY(Jwe::isCompactJwe(response));

    // The flow's JARM validator, with the client's decryption configuration and the JWKS.
    QNetworkAccessManager nam;
    QNetworkReply *jwksReply = nam.get(QNetworkRequest(m_info.jwksUri()));
    QSignalSpy spy(jwksReply, &QNetworkReply::finished);
    QTRY_COMPARE_WITH_TIMEOUT(spy.count(), 1, 20000);
    const JsonWebKeySet jwks = JsonWebKeySet::fromJson(Json::parseObject(jwksReply->readAll()));
    delete jwksReply;
    const ClientConfig config = client->clientConfig();
    JwtValidator v = jarmValidator(m_info.issuerString(), config.clientId(), config.authorizationSignedResponseAlg(),
                                   config.clientSecret().toUtf8(), client->metadata().authorizationSigningAlgValuesSupported());
    v.setKeys(jwks);
    v.setDecryptionKeys(config.decryptionKeys());
    v.setEncryptionAlgorithm(config.authorizationEncryptedResponseAlg());
    v.setContentEncryptionAlgorithm(config.authorizationEncryptedResponseEnc());
    Error error;
    const QJsonObject claims = v.validate(response, &error);
    QVERIFY2(!error, qPrintable(error.technicalDetails()));
    QCOMPARE(claims.value(QLatin1String("state")).toString(), auth.expectedState);
    const QString code = claims.value(QLatin1String("code")).toString();
    QVERIFY(!code.isEmpty());
    std::unique_ptr<TokenReply> reply(wait(client->exchangeAuthorizationCode(code, auth.redirectUri, auth.codeVerifier,
                                                                            scope, auth.nonce)));
    QVERIFY2(!reply->error(), qPrintable(reply->error().technicalDetails()));
    QCOMPARE(reply->tokens().idTokenClaims().value(QLatin1String("sub")).toString(), QStringLiteral("alice"));

    // Neither registered for encryption nor holding decryption keys: the same JARM response is refused.
    v.setEncryptionAlgorithm(QString());
    v.setDecryptionKeys({});
    QVERIFY(v.validate(response, &error).isEmpty());
    QCOMPARE(error.code(), ErrorCode::EncryptedJwtUnsupported);
}

void tst_PeerJwe::unencryptedIdTokenRefused()
{
    // A client of the fixture that gets signed-only ID Tokens, configured to expect encryption.
    auto client = makeClient(QStringLiteral("basic"));
    ClientConfig config = client->clientConfig();
    config.setIdTokenEncryptedResponseAlg(QStringLiteral("RSA-OAEP-256"));
    client->setClientConfig(config);
    const QString scope = QStringLiteral("openid");
    const AuthorizationResult auth = authorizeOverHttp(client.get(), { { QStringLiteral("scope"), scope } });
    QVERIFY2(auth.ok(), qPrintable(auth.error + auth.oauthError));
    std::unique_ptr<TokenReply> reply(wait(client->exchangeAuthorizationCode(auth.code, auth.redirectUri, auth.codeVerifier,
                                                                            scope, auth.nonce)));
    QCOMPARE(reply->error().code(), ErrorCode::EncryptionRequired);
}

void tst_PeerJwe::joseToLibrary_data()
{
    QTest::addColumn<QString>("alg");
    QTest::addColumn<QString>("enc");
    QTest::addColumn<QString>("key");
    QTest::addColumn<QByteArray>("jwe");
    for (const QJsonValue &v : std::as_const(m_theirs)) {
        const QJsonObject o = v.toObject();
        const QString alg = o.value(QLatin1String("alg")).toString(), enc = o.value(QLatin1String("enc")).toString();
        const QString key = o.value(QLatin1String("key")).toString();
        QTest::addRow("%s %s %s", qPrintable(alg), qPrintable(enc), qPrintable(key))
                << alg << enc << key << o.value(QLatin1String("jwe")).toString().toLatin1();
    }
}

void tst_PeerJwe::joseToLibrary()
{
    QFETCH(QString, alg);
    QFETCH(QString, enc);
    QFETCH(QString, key);
    QFETCH(QByteArray, jwe);
    // All keys at once: the one that fits is found.
    Error error;
    QJsonObject header;
    const QByteArray out = Jwe::decrypt(jwe, Jwe::optionsFor(m_keys.values(), alg, enc, {}), &header, &error);
    QVERIFY2(!error, qPrintable(error.technicalDetails()));
    QCOMPARE(out, m_plaintext);
    QCOMPARE(header.value(QLatin1String("cty")).toString(), QStringLiteral("JWT"));
    // The right key alone, too.
    QCOMPARE(Jwe::decrypt(jwe, Jwe::optionsFor({ m_keys.value(key) }, alg, enc, {}), nullptr, &error), m_plaintext);
}

void tst_PeerJwe::libraryToJose_data()
{
    QTest::addColumn<int>("index");
    for (qsizetype i = 0; i < m_ours.size(); ++i) {
        const QJsonObject &o = m_ours.at(i);
        QTest::addRow("%s %s %s", qPrintable(o.value(QLatin1String("alg")).toString()),
                      qPrintable(o.value(QLatin1String("enc")).toString()), qPrintable(o.value(QLatin1String("key")).toString()))
                << int(i);
    }
}

void tst_PeerJwe::libraryToJose()
{
    QFETCH(int, index);
    const QJsonObject result = m_decrypted.at(index).toObject();
    QCOMPARE(result.value(QLatin1String("index")).toInt(), index);
    QVERIFY2(result.value(QLatin1String("ok")).toBool(), qPrintable(result.value(QLatin1String("error")).toString()));
    QCOMPARE(result.value(QLatin1String("plaintext")).toString().toUtf8(), m_plaintext);
}

QTEST_GUILESS_MAIN(tst_PeerJwe)
#include "tst_peer_jwe.moc"

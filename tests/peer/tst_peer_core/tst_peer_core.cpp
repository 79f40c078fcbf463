// SPDX-License-Identifier: BSD-3-Clause
// Integration suite against the real oidc-provider (tests/peer): discovery, every client
// authentication method with the client_credentials grant, token exchange, JWT bearer, refresh
// with rotation, typed errors.
#include <oauth4qt/client.h>
#include <oauth4qt/jws.h>

#include "peerinfo.h"

#include <QtCore/QJsonDocument>
#include <QtCore/QUuid>
#include <QtTest/QtTest>

using namespace OAuth4Qt;
using namespace OAuth4Qt::Test;

class tst_PeerCore : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void discovery_data();
    void discovery();
    void clientCredentials_data();
    void clientCredentials();
    void wrongSecret_data();
    void wrongSecret();
    void tokenExchange();
    void tokenExchangeForeignToken();
    void jwtBearer_data();
    void jwtBearer();
    void refreshRotation();
    void largeTokenNearTheCap();

private:
    template <typename R>
    R *wait(R *reply)
    {
        QSignalSpy spy(reply, &Reply::finished);
        [&] { QTRY_COMPARE_WITH_TIMEOUT(spy.count(), 1, 20000); }();
        return reply;
    }
    std::unique_ptr<Client> makeClient(const ClientConfig &config, bool discover = true);

    PeerInfo m_info;
};

void tst_PeerCore::initTestCase()
{
    QString error;
    m_info = PeerInfo::load(&error);
    QVERIFY2(m_info.isValid(), qPrintable(error));
}

std::unique_ptr<Client> tst_PeerCore::makeClient(const ClientConfig &config, bool discover)
{
    auto client = std::make_unique<Client>();
    client->setIssuer(m_info.issuer());
    client->setAllowInsecureHttp(true);
    client->setClientConfig(config);
    if (discover) {
        std::unique_ptr<DiscoveryReply> reply(wait(client->discover()));
        if (reply->error())
            qWarning("discovery: %s", qPrintable(reply->error().errorString()));
    }
    return client;
}

void tst_PeerCore::discovery_data()
{
    QTest::addColumn<Client::DiscoveryMode>("mode");
    QTest::newRow("openid-configuration") << Client::DiscoveryMode::OpenIdConnect;
    // oidc-provider serves the RFC 8414 document too (/.well-known/oauth-authorization-server).
    QTest::newRow("oauth-authorization-server") << Client::DiscoveryMode::OAuth2;
}

void tst_PeerCore::discovery()
{
    QFETCH(Client::DiscoveryMode, mode);
    auto client = makeClient(m_info.clientConfig(QStringLiteral("basic")), false);
    client->setDiscoveryMode(mode);
    std::unique_ptr<DiscoveryReply> reply(wait(client->discover()));
    QVERIFY2(!reply->error(), qPrintable(reply->error().errorString()));
    const ServerMetadata md = reply->metadata();
    QCOMPARE(md.issuer(), m_info.issuer());
    QCOMPARE(client->metadata().issuer(), m_info.issuer());
    QCOMPARE(md.tokenEndpoint(), QUrl(m_info.issuerString() + QStringLiteral("/token")));
    QCOMPARE(md.jwksUri(), m_info.jwksUri());
    QVERIFY(md.authorizationEndpoint().isValid());
    QVERIFY(md.introspectionEndpoint().isValid());
    QVERIFY(md.revocationEndpoint().isValid());
    QVERIFY(md.registrationEndpoint().isValid());
    QVERIFY(md.codeChallengeMethodsSupported().contains(QStringLiteral("S256")));
    QVERIFY(md.tokenEndpointAuthMethodsSupported().contains(QStringLiteral("private_key_jwt")));
}

void tst_PeerCore::clientCredentials_data()
{
    QTest::addColumn<QString>("role");
    QTest::addColumn<QString>("keyAlg");
    QTest::newRow("client_secret_basic (special characters)") << QStringLiteral("basic") << QString();
    QTest::newRow("client_secret_post") << QStringLiteral("post") << QString();
    QTest::newRow("client_secret_jwt HS256") << QStringLiteral("secret_jwt") << QString();
    QTest::newRow("private_key_jwt ES256") << QStringLiteral("private_key_jwt") << QStringLiteral("ES256");
    QTest::newRow("private_key_jwt RS256") << QStringLiteral("private_key_jwt") << QStringLiteral("RS256");
    QTest::newRow("private_key_jwt PS256") << QStringLiteral("private_key_jwt") << QStringLiteral("PS256");
    QTest::newRow("private_key_jwt EdDSA") << QStringLiteral("private_key_jwt") << QStringLiteral("EdDSA");
}

void tst_PeerCore::clientCredentials()
{
    QFETCH(QString, role);
    QFETCH(QString, keyAlg);
    const ClientConfig config = m_info.clientConfig(role, keyAlg);
    if (!keyAlg.isEmpty())
        QVERIFY2(!config.privateKey().isNull() && config.privateKey().hasPrivateKey(), "the keys/ PEM loads");
    auto client = makeClient(config);
    QVERIFY(client->metadata().tokenEndpoint().isValid());

    // api:* scope without resource: the JWT resource server's token (aud = resource).
    std::unique_ptr<TokenReply> reply(wait(client->requestClientCredentials(QStringLiteral("api:read"))));
    QVERIFY2(!reply->error(), qPrintable(reply->error().errorString()));
    const TokenResponse tokens = reply->tokens();
    QVERIFY(!tokens.accessToken().isEmpty());
    QCOMPARE(tokens.tokenType(), QStringLiteral("Bearer"));
    QVERIFY(tokens.expiresIn() > 0);
    QVERIFY(tokens.expiresAt().isValid());
    QCOMPARE(tokens.scope(), QStringLiteral("api:read"));
    QVERIFY(tokens.refreshToken().isEmpty());

    QJsonObject claims;
    Error e;
    Jws::parseJwt(tokens.accessToken().toLatin1(), &claims, &e);
    QVERIFY2(!e, qPrintable(e.errorString()));
    QCOMPARE(claims.value(QLatin1String("aud")).toString(), m_info.resource());
    QCOMPARE(claims.value(QLatin1String("client_id")).toString(), config.clientId());
}

// P10: a real server's token response near the response size cap (about 1 MB of JWT access
// token): accepted under the default 1 MiB cap, refused typed (and promptly) under a lower one.
void tst_PeerCore::largeTokenNearTheCap()
{
    const QString large = m_info.json().value(QLatin1String("large_resource")).toString();
    QVERIFY(!large.isEmpty());
    auto client = makeClient(m_info.clientConfig(QStringLiteral("basic")));
    QCOMPARE(client->maxResponseSize(), qint64(1024 * 1024));
    const Parameters resource{ { QStringLiteral("resource"), large } };
    std::unique_ptr<TokenReply> reply(wait(client->requestClientCredentials(QStringLiteral("api:read"), resource)));
    QVERIFY2(!reply->error(), qPrintable(reply->error().errorString()));
    const TokenResponse tokens = reply->tokens();
    QVERIFY2(tokens.accessToken().size() > 900 * 1000, qPrintable(QString::number(tokens.accessToken().size())));
    QVERIFY(tokens.accessToken().size() < 1024 * 1024);
    QJsonObject claims;
    Error e;
    Jws::parseJwt(tokens.accessToken().toLatin1(), &claims, &e);
    QVERIFY2(!e, qPrintable(e.errorString()));
    QCOMPARE(claims.value(QLatin1String("aud")).toString(), large);

    client->setMaxResponseSize(512 * 1024);
    std::unique_ptr<TokenReply> capped(wait(client->requestClientCredentials(QStringLiteral("api:read"), resource)));
    QCOMPARE(capped->error().code(), ErrorCode::ResponseTooLarge);
    QCOMPARE(capped->error().category(), ErrorCategory::Transport);
    QVERIFY(capped->tokens().isNull());
}

void tst_PeerCore::wrongSecret_data()
{
    QTest::addColumn<QString>("role");
    QTest::addColumn<ErrorCode>("code");
    QTest::addColumn<QString>("challengeScheme");
    // RFC 6749 5.2: a client that authenticated with the Authorization header gets a 401 with a
    // Basic challenge (checklist C1: AuthenticationChallenge, oauthError() from it).
    QTest::newRow("client_secret_basic") << QStringLiteral("basic") << ErrorCode::AuthenticationChallenge << QStringLiteral("Basic");
    QTest::newRow("client_secret_post") << QStringLiteral("post") << ErrorCode::OAuthError << QString();
    QTest::newRow("client_secret_jwt") << QStringLiteral("secret_jwt") << ErrorCode::OAuthError << QString();
}

void tst_PeerCore::wrongSecret()
{
    QFETCH(QString, role);
    QFETCH(ErrorCode, code);
    QFETCH(QString, challengeScheme);
    ClientConfig config = m_info.clientConfig(role);
    config.setClientSecret(config.clientSecret() + QStringLiteral("-wrong-but-long-enough-for-hs256-0123456789"));
    auto client = makeClient(config);
    std::unique_ptr<TokenReply> reply(wait(client->requestClientCredentials()));
    QVERIFY(reply->error());
    QCOMPARE(reply->error().code(), code);
    QCOMPARE(reply->error().category(), ErrorCategory::Server);
    QCOMPARE(reply->error().oauthError(), QStringLiteral("invalid_client"));
    QCOMPARE(reply->error().httpStatus(), 401);
    QCOMPARE(reply->error().challengeScheme(), challengeScheme);
    QVERIFY(!reply->error().errorString().contains(config.clientSecret()));
    QVERIFY(reply->tokens().isNull());
}

void tst_PeerCore::tokenExchange()
{
    auto client = makeClient(m_info.clientConfig(QStringLiteral("basic")));
    std::unique_ptr<TokenReply> subject(wait(client->requestClientCredentials()));
    QVERIFY2(!subject->error(), qPrintable(subject->error().errorString()));

    const QString accessTokenType = QStringLiteral("urn:ietf:params:oauth:token-type:access_token");
    std::unique_ptr<TokenReply> reply(wait(client->requestToken(
        QStringLiteral("urn:ietf:params:oauth:grant-type:token-exchange"),
        { { QStringLiteral("subject_token"), subject->tokens().accessToken() },
          { QStringLiteral("subject_token_type"), accessTokenType },
          { QStringLiteral("resource"), m_info.resource() },
          { QStringLiteral("scope"), QStringLiteral("api:read") } })));
    QVERIFY2(!reply->error(), qPrintable(reply->error().errorString()));
    const TokenResponse tokens = reply->tokens();
    QCOMPARE(tokens.issuedTokenType(), accessTokenType);
    QVERIFY(!tokens.accessToken().isEmpty());
    QVERIFY(tokens.accessToken() != subject->tokens().accessToken());
    QCOMPARE(tokens.tokenType(), QStringLiteral("Bearer"));
}

void tst_PeerCore::tokenExchangeForeignToken()
{
    auto client = makeClient(m_info.clientConfig(QStringLiteral("basic")));
    std::unique_ptr<TokenReply> reply(wait(client->requestToken(
        QStringLiteral("urn:ietf:params:oauth:grant-type:token-exchange"),
        { { QStringLiteral("subject_token"), QStringLiteral("not-a-token-we-issued") },
          { QStringLiteral("subject_token_type"), QStringLiteral("urn:ietf:params:oauth:token-type:access_token") } })));
    QCOMPARE(reply->error().code(), ErrorCode::OAuthError);
    QCOMPARE(reply->error().oauthError(), QStringLiteral("invalid_grant"));
}

void tst_PeerCore::jwtBearer_data()
{
    QTest::addColumn<QString>("alg");
    QTest::newRow("ES256") << QStringLiteral("ES256");
    QTest::newRow("RS256") << QStringLiteral("RS256");
    QTest::newRow("EdDSA") << QStringLiteral("EdDSA");
}

void tst_PeerCore::jwtBearer()
{
    QFETCH(QString, alg);
    const JsonWebKey key = m_info.privateKey(alg);
    QVERIFY(!key.isNull());
    auto client = makeClient(m_info.clientConfig(QStringLiteral("basic")));
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    const QJsonObject claims{ { QStringLiteral("iss"), m_info.clientId(QStringLiteral("private_key_jwt")) },
                              { QStringLiteral("sub"), QStringLiteral("alice") },
                              { QStringLiteral("aud"), m_info.issuerString() },
                              { QStringLiteral("iat"), double(now) },
                              { QStringLiteral("exp"), double(now + 120) },
                              { QStringLiteral("jti"), QUuid::createUuid().toString(QUuid::WithoutBraces) } };
    Error e;
    const QByteArray assertion = Jws::sign(alg, QJsonObject{ { QStringLiteral("kid"), key.keyId() } },
                                           QJsonDocument(claims).toJson(QJsonDocument::Compact), key, &e);
    QVERIFY2(!assertion.isEmpty(), qPrintable(e.errorString()));
    std::unique_ptr<TokenReply> reply(wait(client->requestToken(
        QStringLiteral("urn:ietf:params:oauth:grant-type:jwt-bearer"),
        { { QStringLiteral("assertion"), QString::fromLatin1(assertion) },
          { QStringLiteral("scope"), QStringLiteral("api:read") } })));
    QVERIFY2(!reply->error(), qPrintable(reply->error().errorString()));
    QVERIFY(!reply->tokens().accessToken().isEmpty());
    QCOMPARE(reply->tokens().tokenType(), QStringLiteral("Bearer"));

    // The same assertion signed by a key the server does not know: refused.
    const JsonWebKey stranger = JsonWebKey::generate(alg);
    const QByteArray forged = Jws::sign(alg, QJsonObject{ { QStringLiteral("kid"), key.keyId() } },
                                        QJsonDocument(claims).toJson(QJsonDocument::Compact), stranger);
    std::unique_ptr<TokenReply> refused(wait(client->requestToken(
        QStringLiteral("urn:ietf:params:oauth:grant-type:jwt-bearer"),
        { { QStringLiteral("assertion"), QString::fromLatin1(forged) } })));
    QCOMPARE(refused->error().code(), ErrorCode::OAuthError);
    QCOMPARE(refused->error().oauthError(), QStringLiteral("invalid_grant"));
}

void tst_PeerCore::refreshRotation()
{
    auto client = makeClient(m_info.clientConfig(QStringLiteral("basic")));
    const QString scope = QStringLiteral("openid offline_access");
    const AuthorizationResult auth = authorizeOverHttp(
        client.get(), { { QStringLiteral("scope"), scope }, { QStringLiteral("prompt"), QStringLiteral("consent") } });
    QVERIFY2(auth.ok(), qPrintable(auth.error + auth.oauthError));
    QCOMPARE(auth.state, auth.expectedState);
    QCOMPARE(auth.iss, m_info.issuerString());

    std::unique_ptr<TokenReply> first(wait(client->exchangeAuthorizationCode(
        auth.code, auth.redirectUri, auth.codeVerifier, scope, auth.nonce)));
    QVERIFY2(!first->error(), qPrintable(first->error().errorString()));
    const QString refresh1 = first->tokens().refreshToken();
    QVERIFY2(!refresh1.isEmpty(), "offline_access with prompt=consent gives a refresh token");
    QCOMPARE(first->tokens().idTokenClaims().value(QLatin1String("sub")).toString(), QStringLiteral("alice"));

    std::unique_ptr<TokenReply> second(wait(client->refreshToken(refresh1)));
    QVERIFY2(!second->error(), qPrintable(second->error().errorString()));
    const QString refresh2 = second->tokens().refreshToken();
    QVERIFY(!refresh2.isEmpty());
    QVERIFY(refresh2 != refresh1);
    QVERIFY(!second->tokens().accessToken().isEmpty());
    QVERIFY(second->tokens().accessToken() != first->tokens().accessToken());

    std::unique_ptr<TokenReply> old(wait(client->refreshToken(refresh1)));
    QVERIFY(old->error());
    QCOMPARE(old->error().code(), ErrorCode::OAuthError);
    QCOMPARE(old->error().oauthError(), QStringLiteral("invalid_grant"));

    // The code is single-use (a replay also revokes the tokens issued for it, RFC 6749 4.1.2:
    // so this check comes last).
    std::unique_ptr<TokenReply> replay(wait(client->exchangeAuthorizationCode(
        auth.code, auth.redirectUri, auth.codeVerifier, scope, auth.nonce)));
    QCOMPARE(replay->error().oauthError(), QStringLiteral("invalid_grant"));
}

QTEST_GUILESS_MAIN(tst_PeerCore)
#include "tst_peer_core.moc"

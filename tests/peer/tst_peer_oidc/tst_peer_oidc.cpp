// SPDX-License-Identifier: BSD-3-Clause
// Integration suite against the real oidc-provider (tests/peer), OpenID Connect (issue 3):
// ID Tokens from real authorization code exchanges, UserInfo (JSON and signed JWT),
// introspection (JSON and JWT), revocation, dynamic registration, signing-key rotation with the
// JWKS cache, RFC 9068 JWT access tokens, refresh keeping iss/sub, RP-initiated logout URL.
#include <oauth4qt/client.h>
#include <oauth4qt/idtokenvalidator.h>
#include <oauth4qt/jws.h>

#include "peerinfo.h"

#include <QtCore/QJsonArray>
#include <QtCore/QJsonDocument>
#include <QtCore/QUrlQuery>
#include <QtNetwork/QNetworkAccessManager>
#include <QtNetwork/QNetworkReply>
#include <QtTest/QtTest>

using namespace OAuth4Qt;
using namespace OAuth4Qt::Test;

class tst_PeerOidc : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void idTokenFromCodeExchange_data();
    void idTokenFromCodeExchange();
    void idTokenRequestedClaims();
    void idTokenAlgorithmNotConfigured_data();
    void idTokenAlgorithmNotConfigured();
    void userInfoJson();
    void userInfoSignedJwt();
    void introspection_data();
    void introspection();
    void revokeAccessToken();
    void revokeRefreshToken();
    void dynamicRegistration();
    void keyRotation();
    void jwtAccessTokens();
    void refreshOpenIdTokens();
    void endSessionUrl();

private:
    template <typename R>
    R *wait(R *reply)
    {
        QSignalSpy spy(reply, &Reply::finished);
        [&] { QTRY_COMPARE_WITH_TIMEOUT(spy.count(), 1, 20000); }();
        return reply;
    }
    std::unique_ptr<Client> makeClient(const QString &role);
    //! Authorization code flow over HTTP + the code exchange; fails the test on error.
    TokenResponse codeFlow(Client *client, const QString &scope, const Parameters &authExtra = {},
                           const Parameters &tokenExtra = {}, QString *nonce = nullptr);
    QJsonObject testRequest(const QByteArray &method, const QString &path);

    PeerInfo m_info;
};

void tst_PeerOidc::initTestCase()
{
    QString error;
    m_info = PeerInfo::load(&error);
    QVERIFY2(m_info.isValid(), qPrintable(error));
    // P2: this suite's provider is mounted under a path (tests/peer/tst_peer_oidc/CMakeLists.txt).
    QCOMPARE(m_info.issuer().path(), QStringLiteral("/realms/oauth4qt"));
}

std::unique_ptr<Client> tst_PeerOidc::makeClient(const QString &role)
{
    auto client = std::make_unique<Client>();
    client->setIssuer(m_info.issuer());
    client->setAllowInsecureHttp(true);
    client->setClientConfig(m_info.clientConfig(role));
    std::unique_ptr<DiscoveryReply> reply(wait(client->discover()));
    if (reply->error())
        qWarning("discovery: %s", qPrintable(reply->error().errorString()));
    return client;
}

TokenResponse tst_PeerOidc::codeFlow(Client *client, const QString &scope, const Parameters &authExtra,
                                     const Parameters &tokenExtra, QString *nonce)
{
    Parameters params{ { QStringLiteral("scope"), scope } };
    if (scope.contains(QLatin1String("offline_access")))
        params.append({ QStringLiteral("prompt"), QStringLiteral("consent") });
    params += authExtra;
    const AuthorizationResult auth = authorizeOverHttp(client, params);
    if (!auth.ok()) {
        qWarning("authorization failed: %s %s", qPrintable(auth.error), qPrintable(auth.oauthError));
        return {};
    }
    if (auth.state != auth.expectedState || auth.iss != m_info.issuerString()) {
        qWarning("authorization response: state or iss mismatch");
        return {};
    }
    if (nonce)
        *nonce = auth.nonce;
    std::unique_ptr<TokenReply> reply(wait(client->exchangeAuthorizationCode(
        auth.code, auth.redirectUri, auth.codeVerifier, scope, auth.nonce, -1, tokenExtra)));
    if (reply->error()) {
        qWarning("code exchange failed: %s", qPrintable(reply->error().errorString()));
        return {};
    }
    return reply->tokens();
}

QJsonObject tst_PeerOidc::testRequest(const QByteArray &method, const QString &path)
{
    QNetworkAccessManager nam;
    QNetworkRequest request(m_info.testUrl(path));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    QNetworkReply *reply = nam.sendCustomRequest(request, method, method == "POST" ? QByteArrayLiteral("{}") : QByteArray());
    QSignalSpy spy(reply, &QNetworkReply::finished);
    [&] { QTRY_COMPARE_WITH_TIMEOUT(spy.count(), 1, 20000); }();
    const QJsonObject json = QJsonDocument::fromJson(reply->readAll()).object();
    delete reply;
    return json;
}

void tst_PeerOidc::idTokenFromCodeExchange_data()
{
    QTest::addColumn<QString>("role");
    QTest::addColumn<QString>("alg");
    QTest::addColumn<QString>("loginHint");
    QTest::newRow("RS256 (default), client_secret_basic") << QStringLiteral("basic") << QStringLiteral("RS256") << QString();
    QTest::newRow("ES256 (signed client)") << QStringLiteral("signed") << QStringLiteral("ES256") << QString();
    QTest::newRow("EdDSA (eddsa client)") << QStringLiteral("eddsa") << QStringLiteral("EdDSA") << QString();
    QTest::newRow("public client, PKCE only") << QStringLiteral("public") << QStringLiteral("RS256") << QString();
    QTest::newRow("login_hint bob") << QStringLiteral("post") << QStringLiteral("RS256") << QStringLiteral("bob");
}

void tst_PeerOidc::idTokenFromCodeExchange()
{
    QFETCH(QString, role);
    QFETCH(QString, alg);
    QFETCH(QString, loginHint);
    auto client = makeClient(role);
    Parameters extra;
    if (!loginHint.isEmpty())
        extra.append({ QStringLiteral("login_hint"), loginHint });
    QString nonce;
    const TokenResponse tokens = codeFlow(client.get(), QStringLiteral("openid"), extra, {}, &nonce);
    QVERIFY(!tokens.isNull());
    QVERIFY(!tokens.idToken().isEmpty());
    const QJsonObject claims = tokens.idTokenClaims();
    QCOMPARE(claims.value(QLatin1String("sub")).toString(), loginHint.isEmpty() ? QStringLiteral("alice") : loginHint);
    QCOMPARE(claims.value(QLatin1String("nonce")).toString(), nonce);
    QCOMPARE(claims.value(QLatin1String("iss")).toString(), m_info.issuerString());
    QCOMPARE(claims.value(QLatin1String("aud")).toString(), m_info.clientId(role));
    QVERIFY(claims.value(QLatin1String("exp")).isDouble());
    QVERIFY(claims.value(QLatin1String("iat")).isDouble());
    // oidc-provider leaves at_hash out of token-endpoint ID Tokens (optional there); when a
    // server sends it, the validator checks it.
    if (claims.contains(QLatin1String("at_hash")))
        QCOMPARE(claims.value(QLatin1String("at_hash")).toString(),
                 QString::fromLatin1(IdTokenValidator::tokenHash(alg, tokens.accessToken().toLatin1())));
    const JwsCompact jws = Jws::parse(tokens.idToken().toLatin1());
    QCOMPARE(jws.algorithm(), alg);
}

void tst_PeerOidc::idTokenAlgorithmNotConfigured_data()
{
    QTest::addColumn<QString>("role");
    QTest::addColumn<QString>("alg");
    QTest::newRow("ES256 (signed client)") << QStringLiteral("signed") << QStringLiteral("ES256");
    QTest::newRow("EdDSA (eddsa client)") << QStringLiteral("eddsa") << QStringLiteral("EdDSA");
    QTest::newRow("RS256 (basic client)") << QStringLiteral("basic") << QStringLiteral("RS256");
}

// The provider signs this client's ID Tokens with ES256 / EdDSA and advertises them in
// id_token_signing_alg_values_supported: a client that configured no algorithm accepts them
// (a whole sign-in, then a refresh that returns an ID Token again).
void tst_PeerOidc::idTokenAlgorithmNotConfigured()
{
    QFETCH(QString, role);
    QFETCH(QString, alg);
    auto client = makeClient(role);
    ClientConfig config = client->clientConfig();
    config.setIdTokenSignedResponseAlg(QString()); // nothing configured
    client->setClientConfig(config);
    QVERIFY(client->clientConfig().idTokenSignedResponseAlg().isEmpty());
    QVERIFY(client->metadata().idTokenSigningAlgValuesSupported().contains(alg));
    const TokenResponse tokens = codeFlow(client.get(), QStringLiteral("openid offline_access"));
    QVERIFY(!tokens.isNull());
    QCOMPARE(Jws::parse(tokens.idToken().toLatin1()).algorithm(), alg);
    QCOMPARE(tokens.idTokenClaims().value(QLatin1String("sub")).toString(), QStringLiteral("alice"));
    QVERIFY(!tokens.refreshToken().isEmpty());
    std::unique_ptr<TokenReply> refreshed(wait(client->refreshOpenIdTokens(tokens.refreshToken(), tokens.idTokenClaims())));
    QVERIFY2(!refreshed->error(), qPrintable(refreshed->error().errorString()));
    QCOMPARE(Jws::parse(refreshed->tokens().idToken().toLatin1()).algorithm(), alg);
    QCOMPARE(refreshed->tokens().idTokenClaims().value(QLatin1String("sub")).toString(), QStringLiteral("alice"));
}

void tst_PeerOidc::idTokenRequestedClaims()
{
    // conformIdTokenClaims: profile/email claims are in the ID Token only when asked for via "claims".
    auto client = makeClient(QStringLiteral("basic"));
    const QJsonObject request{ { QStringLiteral("id_token"),
                                 QJsonObject{ { QStringLiteral("email"), QJsonValue::Null },
                                              { QStringLiteral("name"), QJsonObject{ { QStringLiteral("essential"), true } } } } } };
    const TokenResponse tokens = codeFlow(
        client.get(), QStringLiteral("openid profile email"),
        { { QStringLiteral("claims"), QString::fromUtf8(QJsonDocument(request).toJson(QJsonDocument::Compact)) } });
    QVERIFY(!tokens.isNull());
    const QJsonObject alice = m_info.json().value(QLatin1String("accounts")).toObject().value(QLatin1String("alice")).toObject();
    QCOMPARE(tokens.idTokenClaims().value(QLatin1String("email")).toString(), alice.value(QLatin1String("email")).toString());
    QCOMPARE(tokens.idTokenClaims().value(QLatin1String("name")).toString(), alice.value(QLatin1String("name")).toString());
    QVERIFY(!tokens.idTokenClaims().contains(QLatin1String("family_name")));
}

void tst_PeerOidc::userInfoJson()
{
    auto client = makeClient(QStringLiteral("public"));
    const TokenResponse tokens = codeFlow(client.get(), QStringLiteral("openid profile email"));
    QVERIFY(!tokens.isNull());
    const QString sub = tokens.idTokenClaims().value(QLatin1String("sub")).toString();
    QCOMPARE(sub, QStringLiteral("alice"));

    std::unique_ptr<JsonReply> reply(wait(client->userInfo(tokens.accessToken(), sub)));
    QVERIFY2(!reply->error(), qPrintable(reply->error().errorString()));
    const QJsonObject alice = m_info.json().value(QLatin1String("accounts")).toObject().value(QLatin1String("alice")).toObject();
    const QJsonObject claims = reply->result();
    QCOMPARE(claims.value(QLatin1String("sub")).toString(), sub);
    QCOMPARE(claims.value(QLatin1String("email")).toString(), alice.value(QLatin1String("email")).toString());
    QCOMPARE(claims.value(QLatin1String("name")).toString(), alice.value(QLatin1String("name")).toString());
    QCOMPARE(claims.value(QLatin1String("email_verified")).toBool(), true);

    // The ID Token's sub must match: another expected subject is detected.
    std::unique_ptr<JsonReply> mismatch(wait(client->userInfo(tokens.accessToken(), QStringLiteral("bob"))));
    QCOMPARE(mismatch->error().code(), ErrorCode::SubjectMismatch);
    QVERIFY(mismatch->result().isEmpty());

    // An invalid access token: the 401 challenge.
    std::unique_ptr<JsonReply> bad(wait(client->userInfo(QStringLiteral("not-a-valid-access-token"))));
    QCOMPARE(bad->error().code(), ErrorCode::AuthenticationChallenge);
    QCOMPARE(bad->error().oauthError(), QStringLiteral("invalid_token"));
}

void tst_PeerOidc::userInfoSignedJwt()
{
    auto client = makeClient(QStringLiteral("signed"));
    QCOMPARE(client->clientConfig().userinfoSignedResponseAlg(), QStringLiteral("ES256"));
    const TokenResponse tokens = codeFlow(client.get(), QStringLiteral("openid email"));
    QVERIFY(!tokens.isNull());
    std::unique_ptr<JsonReply> reply(wait(client->userInfo(tokens.accessToken(), QStringLiteral("alice"))));
    QVERIFY2(!reply->error(), qPrintable(reply->error().errorString()));
    const QJsonObject claims = reply->result();
    QCOMPARE(claims.value(QLatin1String("sub")).toString(), QStringLiteral("alice"));
    // The JWT's own claims came through its validation (iss, aud).
    QCOMPARE(claims.value(QLatin1String("iss")).toString(), m_info.issuerString());
    QCOMPARE(claims.value(QLatin1String("aud")).toString(), m_info.clientId(QStringLiteral("signed")));
    QCOMPARE(claims.value(QLatin1String("email")).toString(), QStringLiteral("alice@example.test"));

    std::unique_ptr<JsonReply> mismatch(wait(client->userInfo(tokens.accessToken(), QStringLiteral("bob"))));
    QCOMPARE(mismatch->error().code(), ErrorCode::SubjectMismatch);

    // The client that expects JSON refuses the JWT (and vice versa): the registration decides.
    ClientConfig jsonConfig = client->clientConfig();
    jsonConfig.setUserinfoSignedResponseAlg(QString());
    client->setClientConfig(jsonConfig);
    std::unique_ptr<JsonReply> refused(wait(client->userInfo(tokens.accessToken())));
    QVERIFY(refused->error());
    QCOMPARE(refused->error().category(), ErrorCategory::InvalidResponse);
}

void tst_PeerOidc::introspection_data()
{
    QTest::addColumn<QString>("role");
    QTest::newRow("JSON (basic)") << QStringLiteral("basic");
    QTest::newRow("JWT response (signed, RFC 9701)") << QStringLiteral("signed");
}

void tst_PeerOidc::introspection()
{
    QFETCH(QString, role);
    auto client = makeClient(role);
    // No scope, no resource: an opaque (introspectable) client credentials token.
    std::unique_ptr<TokenReply> cc(wait(client->requestClientCredentials()));
    QVERIFY2(!cc->error(), qPrintable(cc->error().errorString()));
    std::unique_ptr<JsonReply> reply(wait(client->introspect(cc->tokens().accessToken(), QStringLiteral("access_token"))));
    QVERIFY2(!reply->error(), qPrintable(reply->error().errorString()));
    const QJsonObject result = reply->result();
    QCOMPARE(result.value(QLatin1String("active")), QJsonValue(true));
    QCOMPARE(result.value(QLatin1String("client_id")).toString(), m_info.clientId(role));
    QVERIFY(result.value(QLatin1String("exp")).isDouble());
    QCOMPARE(result.value(QLatin1String("token_type")).toString(), QStringLiteral("Bearer"));

    // An unknown token: exactly {"active": false}.
    std::unique_ptr<JsonReply> unknown(wait(client->introspect(QStringLiteral("no-such-token"))));
    QVERIFY2(!unknown->error(), qPrintable(unknown->error().errorString()));
    QCOMPARE(unknown->result(), QJsonObject({ { QStringLiteral("active"), false } }));
}

void tst_PeerOidc::revokeAccessToken()
{
    auto client = makeClient(QStringLiteral("basic"));
    std::unique_ptr<TokenReply> cc(wait(client->requestClientCredentials()));
    QVERIFY2(!cc->error(), qPrintable(cc->error().errorString()));
    const QString token = cc->tokens().accessToken();
    std::unique_ptr<JsonReply> before(wait(client->introspect(token)));
    QCOMPARE(before->result().value(QLatin1String("active")), QJsonValue(true));

    std::unique_ptr<Reply> revoked(wait(client->revoke(token, QStringLiteral("access_token"))));
    QVERIFY2(!revoked->error(), qPrintable(revoked->error().errorString()));
    std::unique_ptr<JsonReply> after(wait(client->introspect(token)));
    QVERIFY2(!after->error(), qPrintable(after->error().errorString()));
    QCOMPARE(after->result(), QJsonObject({ { QStringLiteral("active"), false } }));

    // Revoking again (an unknown token) still succeeds (RFC 7009 2.2).
    std::unique_ptr<Reply> again(wait(client->revoke(token)));
    QVERIFY2(!again->error(), qPrintable(again->error().errorString()));
}

void tst_PeerOidc::revokeRefreshToken()
{
    auto client = makeClient(QStringLiteral("post"));
    const TokenResponse tokens = codeFlow(client.get(), QStringLiteral("openid offline_access"));
    QVERIFY(!tokens.isNull());
    QVERIFY(!tokens.refreshToken().isEmpty());
    std::unique_ptr<JsonReply> before(wait(client->introspect(tokens.refreshToken(), QStringLiteral("refresh_token"))));
    QCOMPARE(before->result().value(QLatin1String("active")), QJsonValue(true));

    std::unique_ptr<Reply> revoked(wait(client->revoke(tokens.refreshToken(), QStringLiteral("refresh_token"))));
    QVERIFY2(!revoked->error(), qPrintable(revoked->error().errorString()));

    std::unique_ptr<JsonReply> after(wait(client->introspect(tokens.refreshToken(), QStringLiteral("refresh_token"))));
    QCOMPARE(after->result(), QJsonObject({ { QStringLiteral("active"), false } }));
    std::unique_ptr<TokenReply> refresh(wait(client->refreshToken(tokens.refreshToken())));
    QCOMPARE(refresh->error().code(), ErrorCode::OAuthError);
    QCOMPARE(refresh->error().oauthError(), QStringLiteral("invalid_grant"));
}

void tst_PeerOidc::dynamicRegistration()
{
    auto client = makeClient(QStringLiteral("basic"));
    const QJsonObject metadata{
        { QStringLiteral("redirect_uris"), QJsonArray{ QStringLiteral("http://127.0.0.1/callback") } },
        { QStringLiteral("grant_types"), QJsonArray{ QStringLiteral("client_credentials") } },
        { QStringLiteral("response_types"), QJsonArray() },
        { QStringLiteral("token_endpoint_auth_method"), QStringLiteral("client_secret_post") },
        { QStringLiteral("client_name"), QStringLiteral("oauth4qt peer test") },
    };

    // Without the initial access token: refused.
    std::unique_ptr<RegistrationReply> refused(wait(client->registerClient(metadata)));
    QVERIFY(refused->error());
    QCOMPARE(refused->error().category(), ErrorCategory::Server);
    QVERIFY(refused->clientConfig().isNull());

    std::unique_ptr<RegistrationReply> reply(wait(client->registerClient(metadata, m_info.initialAccessToken())));
    QVERIFY2(!reply->error(), qPrintable(reply->error().errorString()));
    const ClientConfig config = reply->clientConfig();
    QVERIFY(!config.clientId().isEmpty());
    QVERIFY(!config.clientSecret().isEmpty());
    QCOMPARE(config.authMethod(), ClientConfig::AuthMethod::ClientSecretPost);
    QCOMPARE(reply->result().value(QLatin1String("client_id")).toString(), config.clientId());
    QCOMPARE(config.extraMetadata().value(QLatin1String("client_name")).toString(), QStringLiteral("oauth4qt peer test"));

    // The registered client works as it is.
    Client registered;
    registered.setIssuer(m_info.issuer());
    registered.setAllowInsecureHttp(true);
    registered.setClientConfig(config);
    std::unique_ptr<TokenReply> cc(wait(registered.requestClientCredentials()));
    QVERIFY2(!cc->error(), qPrintable(cc->error().errorString()));
    QVERIFY(!cc->tokens().accessToken().isEmpty());
}

void tst_PeerOidc::keyRotation()
{
    // The client's clock runs ahead on demand: the JWKS cache refetches for an unknown kid only
    // when its copy is older than the cooldown (60 s), as after real time passing.
    qint64 offset = 0;
    auto client = makeClient(QStringLiteral("basic"));
    client->setClock([&offset] { return QDateTime::currentDateTimeUtc().addSecs(offset); });

    const TokenResponse first = codeFlow(client.get(), QStringLiteral("openid"));
    QVERIFY(!first.isNull()); // the JWKS is cached now
    const QString oldKid = Jws::parse(first.idToken().toLatin1()).keyId();

    const QJsonObject rotated = testRequest("POST", QStringLiteral("/rotate-keys"));
    QCOMPARE(rotated.value(QLatin1String("status")).toString(), QStringLiteral("rotated"));
    const QJsonArray newKids = rotated.value(QLatin1String("kids")).toArray();
    QVERIFY(!newKids.isEmpty());
    testRequest("POST", QStringLiteral("/stats/reset"));
    QCOMPARE(testRequest("GET", QStringLiteral("/stats")).value(QLatin1String("jwks_requests")).toInt(), 0);

    offset = 90;
    const TokenResponse second = codeFlow(client.get(), QStringLiteral("openid"));
    QVERIFY(!second.isNull());
    const QString newKid = Jws::parse(second.idToken().toLatin1()).keyId();
    QVERIFY(newKid != oldKid);
    QVERIFY(newKids.contains(QJsonValue(newKid)));
    QCOMPARE(second.idTokenClaims().value(QLatin1String("sub")).toString(), QStringLiteral("alice"));
    QCOMPARE(testRequest("GET", QStringLiteral("/stats")).value(QLatin1String("jwks_requests")).toInt(), 1);

    // The next ID Token with the new key: no further fetch.
    const TokenResponse third = codeFlow(client.get(), QStringLiteral("openid"));
    QVERIFY(!third.isNull());
    QCOMPARE(testRequest("GET", QStringLiteral("/stats")).value(QLatin1String("jwks_requests")).toInt(), 1);
}

void tst_PeerOidc::jwtAccessTokens()
{
    auto client = makeClient(QStringLiteral("basic"));
    const QString resource = m_info.resource();

    // client_credentials with api:* scope: the JWT resource by default.
    std::unique_ptr<TokenReply> cc(wait(client->requestClientCredentials(QStringLiteral("api:read api:write"))));
    QVERIFY2(!cc->error(), qPrintable(cc->error().errorString()));
    std::unique_ptr<JsonReply> valid(wait(client->validateAccessToken(cc->tokens().accessToken(), resource)));
    QVERIFY2(!valid->error(), qPrintable(valid->error().errorString()));
    QCOMPARE(valid->result().value(QLatin1String("client_id")).toString(), m_info.clientId(QStringLiteral("basic")));
    QCOMPARE(valid->result().value(QLatin1String("iss")).toString(), m_info.issuerString());
    QCOMPARE(valid->result().value(QLatin1String("scope")).toString(), QStringLiteral("api:read api:write"));

    // Another audience is refused.
    std::unique_ptr<JsonReply> otherAudience(wait(client->validateAccessToken(cc->tokens().accessToken(),
                                                                              QStringLiteral("https://other.example.test"))));
    QCOMPARE(otherAudience->error().code(), ErrorCode::AudienceMismatch);

    // Authorization code with resource at both endpoints: a JWT access token for the user.
    const TokenResponse user = codeFlow(client.get(), QStringLiteral("openid api:read"),
                                        { { QStringLiteral("resource"), resource } },
                                        { { QStringLiteral("resource"), resource } });
    QVERIFY(!user.isNull());
    std::unique_ptr<JsonReply> userToken(wait(client->validateAccessToken(user.accessToken(), resource)));
    QVERIFY2(!userToken->error(), qPrintable(userToken->error().errorString()));
    QCOMPARE(userToken->result().value(QLatin1String("sub")).toString(), QStringLiteral("alice"));

    // An ID Token is not an access token (typ JWT, aud the client).
    std::unique_ptr<JsonReply> idToken(wait(client->validateAccessToken(user.idToken(), resource)));
    QVERIFY(idToken->error());
    QCOMPARE(idToken->error().code(), ErrorCode::UnexpectedJwtType);

    // oidc-provider 9 does not introspect structured (JWT) access tokens: a typed
    // unsupported_token_type OAuth error (RFC 7009 2.2.1 code, reused by oidc-provider).
    std::unique_ptr<JsonReply> intro(wait(client->introspect(cc->tokens().accessToken())));
    QCOMPARE(intro->error().code(), ErrorCode::OAuthError);
    QCOMPARE(intro->error().oauthError(), QStringLiteral("unsupported_token_type"));
    QCOMPARE(intro->error().httpStatus(), 400);
}

void tst_PeerOidc::refreshOpenIdTokens()
{
    auto client = makeClient(QStringLiteral("signed"));
    const TokenResponse tokens = codeFlow(client.get(), QStringLiteral("openid offline_access"));
    QVERIFY(!tokens.isNull());
    const QJsonObject original = tokens.idTokenClaims();
    QVERIFY(!tokens.refreshToken().isEmpty());

    std::unique_ptr<TokenReply> reply(wait(client->refreshOpenIdTokens(tokens.refreshToken(), original)));
    QVERIFY2(!reply->error(), qPrintable(reply->error().errorString()));
    const TokenResponse refreshed = reply->tokens();
    QVERIFY(!refreshed.idToken().isEmpty());
    QVERIFY(refreshed.idToken() != tokens.idToken());
    QCOMPARE(refreshed.idTokenClaims().value(QLatin1String("iss")), original.value(QLatin1String("iss")));
    QCOMPARE(refreshed.idTokenClaims().value(QLatin1String("sub")), original.value(QLatin1String("sub")));
    QVERIFY(!refreshed.refreshToken().isEmpty());
    QVERIFY(refreshed.refreshToken() != tokens.refreshToken());

    // Claimed to continue another user's session: the new ID Token's sub differs -> refused.
    QJsonObject other = refreshed.idTokenClaims();
    other.insert(QStringLiteral("sub"), QStringLiteral("bob"));
    std::unique_ptr<TokenReply> mismatch(wait(client->refreshOpenIdTokens(refreshed.refreshToken(), other)));
    QCOMPARE(mismatch->error().code(), ErrorCode::SubjectMismatch);
    QVERIFY(mismatch->tokens().isNull());
}

void tst_PeerOidc::endSessionUrl()
{
    auto client = makeClient(QStringLiteral("basic"));
    const TokenResponse tokens = codeFlow(client.get(), QStringLiteral("openid"));
    QVERIFY(!tokens.isNull());
    const QUrl postLogout(QStringLiteral("http://127.0.0.1/logged-out"));
    Error e;
    const QUrl url = client->endSessionUrl(tokens.idToken(), postLogout, QStringLiteral("st-1"), QStringLiteral("de en"), &e);
    QVERIFY2(!e, qPrintable(e.errorString()));
    QCOMPARE(url.adjusted(QUrl::RemoveQuery), client->metadata().endSessionEndpoint());
    QCOMPARE(url.adjusted(QUrl::RemoveQuery), QUrl(m_info.issuerString() + QStringLiteral("/session/end")));
    // Form decoding, as the server reads it ('+' is a space).
    const QUrlQuery q(url.query(QUrl::FullyEncoded).replace(QLatin1Char('+'), QLatin1String("%20")));
    QCOMPARE(q.queryItemValue(QStringLiteral("id_token_hint"), QUrl::FullyDecoded), tokens.idToken());
    QCOMPARE(q.queryItemValue(QStringLiteral("client_id"), QUrl::FullyDecoded), m_info.clientId(QStringLiteral("basic")));
    QCOMPARE(q.queryItemValue(QStringLiteral("post_logout_redirect_uri"), QUrl::FullyDecoded), postLogout.toString());
    QCOMPARE(q.queryItemValue(QStringLiteral("state"), QUrl::FullyDecoded), QStringLiteral("st-1"));
    QCOMPARE(q.queryItemValue(QStringLiteral("ui_locales"), QUrl::FullyDecoded), QStringLiteral("de en"));

    // The provider accepts it: its logout confirmation page (200), not an error.
    QNetworkAccessManager nam;
    QNetworkRequest request(url);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    QNetworkReply *reply = nam.get(request);
    QSignalSpy spy(reply, &QNetworkReply::finished);
    QTRY_COMPARE_WITH_TIMEOUT(spy.count(), 1, 20000);
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    delete reply;

    // Empty parts are left out.
    const QUrl bare = client->endSessionUrl();
    QVERIFY(bare.isValid());
    QVERIFY(!QUrlQuery(bare).hasQueryItem(QStringLiteral("id_token_hint")));
    QVERIFY(!QUrlQuery(bare).hasQueryItem(QStringLiteral("state")));
}

QTEST_GUILESS_MAIN(tst_PeerOidc)
#include "tst_peer_oidc.moc"

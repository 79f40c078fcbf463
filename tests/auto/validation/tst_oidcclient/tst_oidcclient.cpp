// SPDX-License-Identifier: BSD-3-Clause
// The OpenID Connect operations of Client against the in-process server: ID Token validation of
// token responses (C10, C13), UserInfo (E), introspection and revocation (I), registration,
// end-session URL, protected resource metadata (RFC 9728), RFC 9068 access token validation.
#include <oauth4qt/client.h>

#include "core/client_oidc_p.h"
#include "validation/jwkscache_p.h"

#include "testhttpserver.h"

#include "../jwttestutil.h"

#include <QtCore/QUrlQuery>
#include <QtTest/QtTest>

using namespace OAuth4Qt;
using namespace OAuth4Qt::Test;
using namespace JwtTest;

class tst_OidcClient : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void idTokenValidatedOnCodeExchange_data();
    void idTokenValidatedOnCodeExchange();
    void refreshKeepsIssAndSub_data();
    void refreshKeepsIssAndSub();
    void userInfo_data();
    void userInfo();
    void introspection_data();
    void introspection();
    void revocation_data();
    void revocation();
    void registration_data();
    void registration();
    void endSessionUrl();
    void protectedResource_data();
    void protectedResource();
    void accessTokenValidation();

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
    QByteArray idToken(const QJsonObject &patch = {}, const QString &alg = QStringLiteral("RS256")) const;
    QString issuer() const { return m_server->url().toString(); }

    JsonWebKey m_rsa;
    std::unique_ptr<TestHttpServer> m_server;
    std::unique_ptr<Client> m_client;
};

void tst_OidcClient::initTestCase()
{
    m_rsa = JsonWebKey::generate(QStringLiteral("RS256"));
    QVERIFY(!m_rsa.isNull());
    m_rsa.setKeyId(QStringLiteral("k1"));
}

void tst_OidcClient::init()
{
    m_client.reset();
    m_server = std::make_unique<TestHttpServer>();
    const QString base = issuer();
    QJsonObject md = obj({ { "issuer", base },
                           { "authorization_endpoint", QString(base + QStringLiteral("/authorize")) },
                           { "token_endpoint", QString(base + QStringLiteral("/token")) },
                           { "userinfo_endpoint", QString(base + QStringLiteral("/me")) },
                           { "jwks_uri", QString(base + QStringLiteral("/jwks")) },
                           { "introspection_endpoint", QString(base + QStringLiteral("/introspect")) },
                           { "revocation_endpoint", QString(base + QStringLiteral("/revoke")) },
                           { "registration_endpoint", QString(base + QStringLiteral("/reg")) },
                           { "end_session_endpoint", QString(base + QStringLiteral("/logout?x=1")) },
                           { "id_token_signing_alg_values_supported", A({ "RS256" }) } });
    Error e;
    const ServerMetadata metadata = ServerMetadata::fromJson(md, QUrl(base), true, &e);
    QVERIFY2(!e, qPrintable(e.errorString()));
    m_client = std::make_unique<Client>();
    m_client->setAllowInsecureHttp(true);
    m_client->setMetadata(metadata);
    m_client->setClientConfig(ClientConfig(QStringLiteral("client-1"), QStringLiteral("secret-1")));
    m_client->setClock([] { return QDateTime::fromSecsSinceEpoch(1700000000).toUTC(); });
    m_server->on(QStringLiteral("/jwks"), Response::json(200, JsonWebKeySet({ m_rsa }).toJson()));
}

QByteArray tst_OidcClient::idToken(const QJsonObject &patch, const QString &alg) const
{
    const QJsonObject base = obj({ { "iss", issuer() }, { "aud", "client-1" }, { "sub", "alice" },
                                   { "iat", qint64(1700000000) }, { "exp", qint64(1700000300) }, { "nonce", "n-1" } });
    return sign(alg, {}, patched(base, patch), m_rsa);
}

void tst_OidcClient::idTokenValidatedOnCodeExchange_data()
{
    QTest::addColumn<QJsonObject>("patch");
    QTest::addColumn<bool>("tamper");
    QTest::addColumn<ErrorCode>("expected");
    QTest::newRow("valid") << QJsonObject() << false << ErrorCode::NoError;
    QTest::newRow("D3 bad signature is always checked") << QJsonObject() << true << ErrorCode::InvalidSignature;
    QTest::newRow("D5 wrong iss") << obj({ { "iss", "https://evil.example.test" } }) << false << ErrorCode::IssuerMismatch;
    QTest::newRow("D11 wrong nonce") << obj({ { "nonce", "other" } }) << false << ErrorCode::NonceMismatch;
    QTest::newRow("D13 wrong at_hash") << obj({ { "at_hash", "AAAAAAAAAAAAAAAAAAAAAA" } }) << false << ErrorCode::HashMismatch;
}

void tst_OidcClient::idTokenValidatedOnCodeExchange()
{
    QFETCH(QJsonObject, patch);
    QFETCH(bool, tamper);
    QFETCH(ErrorCode, expected);
    QByteArray token = idToken(patch);
    if (tamper)
        token[token.size() - 5] = token[token.size() - 5] == 'A' ? 'B' : 'A';
    m_server->on(QStringLiteral("/token"), Response::json(200, obj({ { "access_token", "at-1" }, { "token_type", "Bearer" },
                                                                      { "id_token", QString::fromLatin1(token) } })));
    TokenReply *reply = wait(m_client->exchangeAuthorizationCode(QStringLiteral("code"), QUrl(QStringLiteral("http://127.0.0.1/cb")),
                                                                 QStringLiteral("verifier"), QStringLiteral("openid"), QStringLiteral("n-1")));
    QCOMPARE(reply->error().code(), expected);
    if (expected == ErrorCode::NoError)
        QCOMPARE(reply->tokens().idTokenClaims().value(QLatin1String("sub")).toString(), QStringLiteral("alice"));
    QCOMPARE(m_server->requestCount(QStringLiteral("/jwks")), 1);
}

void tst_OidcClient::refreshKeepsIssAndSub_data()
{
    QTest::addColumn<QString>("previousSub");
    QTest::addColumn<ErrorCode>("expected");
    QTest::newRow("same sub") << QStringLiteral("alice") << ErrorCode::NoError;
    QTest::newRow("C13 other sub") << QStringLiteral("bob") << ErrorCode::SubjectMismatch;
}

void tst_OidcClient::refreshKeepsIssAndSub()
{
    QFETCH(QString, previousSub);
    QFETCH(ErrorCode, expected);
    m_server->on(QStringLiteral("/token"), Response::json(200, obj({ { "access_token", "at-2" }, { "token_type", "Bearer" },
                                                                      { "id_token", QString::fromLatin1(idToken()) } })));
    const QJsonObject previous = obj({ { "iss", issuer() }, { "sub", previousSub } });
    TokenReply *reply = wait(m_client->refreshOpenIdTokens(QStringLiteral("rt"), previous));
    QCOMPARE(reply->error().code(), expected);
}

void tst_OidcClient::userInfo_data()
{
    QTest::addColumn<QString>("signedAlg");
    QTest::addColumn<int>("kind"); // 0 JSON, 1 JWT, 2 401 challenge, 3 redirect
    QTest::addColumn<QJsonObject>("claims");
    QTest::addColumn<ErrorCode>("expected");
    QTest::newRow("JSON") << QString() << 0 << obj({ { "sub", "alice" } }) << ErrorCode::NoError;
    QTest::newRow("E1 other sub") << QString() << 0 << obj({ { "sub", "bob" } }) << ErrorCode::SubjectMismatch;
    QTest::newRow("E1 sub missing") << QString() << 0 << obj({ { "name", "x" } }) << ErrorCode::MissingMember;
    QTest::newRow("E2 signed") << QStringLiteral("RS256") << 1 << obj({ { "sub", "alice" }, { "iss", "ISSUER" }, { "aud", "client-1" } }) << ErrorCode::NoError;
    QTest::newRow("E2 signed, wrong iss") << QStringLiteral("RS256") << 1 << obj({ { "sub", "alice" }, { "iss", "https://evil.test" } }) << ErrorCode::IssuerMismatch;
    QTest::newRow("E2 signed, wrong aud") << QStringLiteral("RS256") << 1 << obj({ { "sub", "alice" }, { "aud", "other" } }) << ErrorCode::AudienceMismatch;
    QTest::newRow("E2 JSON when signed registered") << QStringLiteral("RS256") << 0 << obj({ { "sub", "alice" } }) << ErrorCode::InvalidContentType;
    QTest::newRow("E2 JWT when JSON registered") << QString() << 1 << obj({ { "sub", "alice" } }) << ErrorCode::InvalidContentType;
    QTest::newRow("E2 signed with unregistered alg") << QStringLiteral("ES256") << 1 << obj({ { "sub", "alice" } }) << ErrorCode::AlgorithmNotAllowed;
    QTest::newRow("E3 401 invalid_token") << QString() << 2 << QJsonObject() << ErrorCode::AuthenticationChallenge;
    QTest::newRow("E4 redirect not followed") << QString() << 3 << QJsonObject() << ErrorCode::RedirectRefused;
}

void tst_OidcClient::userInfo()
{
    QFETCH(QString, signedAlg);
    QFETCH(int, kind);
    QFETCH(QJsonObject, claims);
    QFETCH(ErrorCode, expected);
    ClientConfig config = m_client->clientConfig();
    config.setUserinfoSignedResponseAlg(signedAlg);
    m_client->setClientConfig(config);
    if (claims.value(QLatin1String("iss")) == QLatin1String("ISSUER"))
        claims.insert(QStringLiteral("iss"), issuer()); // the server's port is known only now
    TestHttpServer elsewhere;
    switch (kind) {
    case 0:
        m_server->on(QStringLiteral("/me"), Response::json(200, claims));
        break;
    case 1:
        m_server->on(QStringLiteral("/me"), Response::text(200, sign(QStringLiteral("RS256"), {}, claims, m_rsa), "application/jwt"));
        break;
    case 2:
        m_server->on(QStringLiteral("/me"), Response::text(401, "", "text/plain", { { "WWW-Authenticate", R"(Bearer error="invalid_token", error_description="expired")" } }));
        break;
    case 3:
        elsewhere.on(QStringLiteral("/me"), Response::json(200, obj({ { "sub", "alice" } })));
        m_server->on(QStringLiteral("/me"), Response::redirect(307, elsewhere.url(QStringLiteral("/me"))));
        break;
    }
    JsonReply *reply = wait(m_client->userInfo(QStringLiteral("the-access-token"), QStringLiteral("alice")));
    QCOMPARE(reply->error().code(), expected);
    if (kind == 2)
        QCOMPARE(reply->error().oauthError(), QStringLiteral("invalid_token"));
    if (!reply->error())
        QCOMPARE(reply->result().value(QLatin1String("sub")).toString(), QStringLiteral("alice"));
    QCOMPARE(elsewhere.requestCount(), 0);
    // E5: the token only in the Authorization header.
    const RecordedRequest request = m_server->requests(QStringLiteral("/me")).constLast();
    QCOMPARE(request.method, QByteArray("GET"));
    QCOMPARE(request.header("authorization"), QByteArray("Bearer the-access-token"));
    QVERIFY(!request.target.contains("the-access-token"));
    QVERIFY(request.body.isEmpty());
}

void tst_OidcClient::introspection_data()
{
    QTest::addColumn<QString>("signedAlg");
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<QJsonObject>("body");
    QTest::addColumn<ErrorCode>("expected");
    QTest::addColumn<QJsonObject>("result");
    const QByteArray json("application/json"), jwt("application/token-introspection+jwt");
    QTest::newRow("active") << QString() << json << obj({ { "active", true }, { "sub", "alice" } }) << ErrorCode::NoError << obj({ { "active", true }, { "sub", "alice" } });
    QTest::newRow("I1 inactive drops the rest") << QString() << json << obj({ { "active", false }, { "sub", "alice" } }) << ErrorCode::NoError << obj({ { "active", false } });
    QTest::newRow("I1 active string") << QString() << json << obj({ { "active", "true" } }) << ErrorCode::InvalidMember << QJsonObject();
    QTest::newRow("I1 active missing") << QString() << json << obj({ { "sub", "alice" } }) << ErrorCode::MissingMember << QJsonObject();
    QTest::newRow("I2 JWT") << QStringLiteral("RS256") << jwt << obj({ { "active", true }, { "scope", "a" } }) << ErrorCode::NoError << obj({ { "active", true }, { "scope", "a" } });
    QTest::newRow("I2 JSON when JWT asked") << QStringLiteral("RS256") << json << obj({ { "active", true } }) << ErrorCode::InvalidContentType << QJsonObject();
}

void tst_OidcClient::introspection()
{
    QFETCH(QString, signedAlg);
    QFETCH(QByteArray, contentType);
    QFETCH(QJsonObject, body);
    QFETCH(ErrorCode, expected);
    QFETCH(QJsonObject, result);
    ClientConfig config = m_client->clientConfig();
    config.setIntrospectionSignedResponseAlg(signedAlg);
    m_client->setClientConfig(config);
    if (contentType == "application/json") {
        m_server->on(QStringLiteral("/introspect"), Response::json(200, body));
    } else {
        const QJsonObject claims = obj({ { "iss", issuer() }, { "aud", "client-1" }, { "iat", qint64(1700000000) }, { "token_introspection", body } });
        m_server->on(QStringLiteral("/introspect"), Response::text(200, sign(QStringLiteral("RS256"), obj({ { "typ", "token-introspection+jwt" } }), claims, m_rsa), contentType));
    }
    JsonReply *reply = wait(m_client->introspect(QStringLiteral("tok"), QStringLiteral("access_token")));
    QCOMPARE(reply->error().code(), expected);
    QCOMPARE(reply->result(), result);
    const RecordedRequest request = m_server->requests(QStringLiteral("/introspect")).constLast();
    QCOMPARE(request.formValue(QStringLiteral("token")), QStringLiteral("tok"));
    QCOMPARE(request.formValue(QStringLiteral("token_type_hint")), QStringLiteral("access_token"));
    QVERIFY(request.header("authorization").startsWith("Basic "));
    QCOMPARE(request.header("accept"), signedAlg.isEmpty() ? QByteArray("application/json") : QByteArray("application/token-introspection+jwt"));
}

void tst_OidcClient::revocation_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<ErrorCode>("expected");
    QTest::addColumn<int>("retryAfter");
    QTest::newRow("I3 200 empty") << 200 << QByteArray() << ErrorCode::NoError << -1;
    QTest::newRow("I3 200 any body") << 200 << QByteArray("whatever <html>") << ErrorCode::NoError << -1;
    QTest::newRow("I3 204") << 204 << QByteArray() << ErrorCode::NoError << -1;
    QTest::newRow("I3 400 unsupported_token_type") << 400 << QByteArray(R"({"error":"unsupported_token_type"})") << ErrorCode::OAuthError << -1;
    QTest::newRow("I3 503 Retry-After") << 503 << QByteArray() << ErrorCode::RateLimited << 30;
}

void tst_OidcClient::revocation()
{
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(ErrorCode, expected);
    QFETCH(int, retryAfter);
    Headers headers;
    if (status == 503)
        headers.append({ QByteArrayLiteral("Retry-After"), QByteArrayLiteral("30") });
    m_server->on(QStringLiteral("/revoke"), Response::text(status, body, body.startsWith('{') ? QByteArray("application/json") : QByteArray("text/plain"), headers));
    Reply *reply = wait(m_client->revoke(QStringLiteral("rt"), QStringLiteral("refresh_token")));
    QCOMPARE(reply->error().code(), expected);
    if (status == 400)
        QCOMPARE(reply->error().oauthError(), QStringLiteral("unsupported_token_type"));
    QCOMPARE(reply->error().retryAfter(), retryAfter);
    QCOMPARE(m_server->lastRequest().formValue(QStringLiteral("token")), QStringLiteral("rt"));
}

void tst_OidcClient::registration_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QJsonObject>("body");
    QTest::addColumn<ErrorCode>("expected");
    QTest::newRow("201") << 201 << obj({ { "client_id", "new-client" }, { "client_secret", "s" }, { "client_secret_expires_at", 0 },
                                         { "token_endpoint_auth_method", "client_secret_post" }, { "id_token_signed_response_alg", "ES256" } })
                         << ErrorCode::NoError;
    QTest::newRow("200 instead of 201") << 200 << obj({ { "client_id", "new-client" } }) << ErrorCode::UnexpectedStatus;
    QTest::newRow("client_id missing") << 201 << obj({ { "client_secret", "s" } }) << ErrorCode::MissingMember;
    QTest::newRow("unknown auth method") << 201 << obj({ { "client_id", "c" }, { "token_endpoint_auth_method", "magic" } }) << ErrorCode::InvalidMember;
    QTest::newRow("id token alg none") << 201 << obj({ { "client_id", "c" }, { "id_token_signed_response_alg", "none" } }) << ErrorCode::AlgorithmNotAllowed;
    QTest::newRow("400 invalid_redirect_uri") << 400 << obj({ { "error", "invalid_redirect_uri" } }) << ErrorCode::OAuthError;
}

void tst_OidcClient::registration()
{
    QFETCH(int, status);
    QFETCH(QJsonObject, body);
    QFETCH(ErrorCode, expected);
    m_server->on(QStringLiteral("/reg"), Response::json(status, body));
    RegistrationReply *reply = wait(m_client->registerClient(obj({ { "redirect_uris", A({ "http://127.0.0.1/cb" }) } }), QStringLiteral("iat-123")));
    QCOMPARE(reply->error().code(), expected);
    const RecordedRequest request = m_server->lastRequest();
    QCOMPARE(request.header("authorization"), QByteArray("Bearer iat-123"));
    QCOMPARE(request.json().value(QLatin1String("redirect_uris")).toArray().size(), 1);
    if (expected == ErrorCode::NoError) {
        const ClientConfig config = reply->clientConfig();
        QCOMPARE(config.clientId(), QStringLiteral("new-client"));
        QCOMPARE(config.clientSecret(), QStringLiteral("s"));
        QCOMPARE(config.authMethod(), ClientConfig::AuthMethod::ClientSecretPost);
        QCOMPARE(config.idTokenSignedResponseAlg(), QStringLiteral("ES256"));
    }
}

void tst_OidcClient::endSessionUrl()
{
    Error e;
    const QUrl url = m_client->endSessionUrl(QStringLiteral("id.tok.en"), QUrl(QStringLiteral("http://127.0.0.1/logged-out")),
                                             QStringLiteral("st ate"), QStringLiteral("de fr"), &e);
    QVERIFY(!e);
    const QUrlQuery q(url);
    QCOMPARE(url.path(), QStringLiteral("/logout"));
    QCOMPARE(q.queryItemValue(QStringLiteral("x")), QStringLiteral("1"));
    QCOMPARE(q.queryItemValue(QStringLiteral("id_token_hint")), QStringLiteral("id.tok.en"));
    QCOMPARE(q.queryItemValue(QStringLiteral("client_id")), QStringLiteral("client-1"));
    QCOMPARE(q.queryItemValue(QStringLiteral("post_logout_redirect_uri"), QUrl::FullyDecoded), QStringLiteral("http://127.0.0.1/logged-out"));
    QCOMPARE(q.queryItemValue(QStringLiteral("state")).replace(QLatin1Char('+'), QLatin1Char(' ')), QStringLiteral("st ate"));
    QCOMPARE(q.queryItemValue(QStringLiteral("ui_locales")).replace(QLatin1Char('+'), QLatin1Char(' ')), QStringLiteral("de fr"));
    Client bare;
    QVERIFY(!bare.endSessionUrl({}, {}, {}, {}, &e).isValid());
    QCOMPARE(e.code(), ErrorCode::InvalidState);
}

void tst_OidcClient::protectedResource_data()
{
    QTest::addColumn<QString>("resourcePath");
    QTest::addColumn<QString>("documentResource"); // empty: the right one
    QTest::addColumn<bool>("fromChallenge");
    QTest::addColumn<ErrorCode>("expected");
    QTest::newRow("path") << QStringLiteral("/api/v1") << QString() << false << ErrorCode::NoError;
    QTest::newRow("resource differs") << QStringLiteral("/api/v1") << QStringLiteral("https://evil.test/api/v1") << false << ErrorCode::InvalidMember;
    QTest::newRow("from challenge") << QStringLiteral("/api") << QString() << true << ErrorCode::NoError;
}

void tst_OidcClient::protectedResource()
{
    QFETCH(QString, resourcePath);
    QFETCH(QString, documentResource);
    QFETCH(bool, fromChallenge);
    QFETCH(ErrorCode, expected);
    const QUrl resource = m_server->url(resourcePath);
    const QString wellKnown = QStringLiteral("/.well-known/oauth-protected-resource") + resourcePath;
    const QString metadataPath = fromChallenge ? QStringLiteral("/prm") : wellKnown;
    m_server->on(metadataPath, Response::json(200, obj({ { "resource", documentResource.isEmpty() ? resource.toString() : documentResource },
                                                          { "authorization_servers", A({ issuer() }) } })));
    JsonReply *reply;
    if (fromChallenge) {
        const QByteArray challenge = "Bearer realm=\"api\", resource_metadata=\"" + m_server->url(QStringLiteral("/prm")).toEncoded() + "\"";
        reply = wait(m_client->discoverProtectedResourceFromChallenge(resource, { challenge }));
    } else {
        reply = wait(m_client->discoverProtectedResource(resource));
    }
    QCOMPARE(reply->error().code(), expected);
    QCOMPARE(m_server->requestCount(metadataPath), 1);
    if (!reply->error())
        QCOMPARE(reply->result().value(QLatin1String("authorization_servers")).toArray().first().toString(), issuer());
}

void tst_OidcClient::accessTokenValidation()
{
    const QJsonObject claims = obj({ { "iss", issuer() }, { "aud", "https://api.example.test" }, { "exp", qint64(1700000300) },
                                     { "iat", qint64(1700000000) }, { "sub", "alice" }, { "client_id", "c" }, { "jti", "j" } });
    const QByteArray at = sign(QStringLiteral("RS256"), obj({ { "typ", "at+jwt" } }), claims, m_rsa);
    JsonReply *ok = wait(m_client->validateAccessToken(QString::fromLatin1(at), QStringLiteral("https://api.example.test")));
    QVERIFY2(!ok->error(), qPrintable(ok->error().errorString()));
    QCOMPARE(ok->result().value(QLatin1String("sub")).toString(), QStringLiteral("alice"));
    JsonReply *wrongAud = wait(m_client->validateAccessToken(QString::fromLatin1(at), QStringLiteral("https://other.example.test")));
    QCOMPARE(wrongAud->error().code(), ErrorCode::AudienceMismatch);
    const QByteArray idTok = idToken();
    JsonReply *notAt = wait(m_client->validateAccessToken(QString::fromLatin1(idTok), QStringLiteral("https://api.example.test")));
    QCOMPARE(notAt->error().code(), ErrorCode::UnexpectedJwtType);
    // One JWKS fetch for all of it (the cache is shared).
    QCOMPARE(m_server->requestCount(QStringLiteral("/jwks")), 1);
}

QTEST_GUILESS_MAIN(tst_OidcClient)
#include "tst_oidcclient.moc"

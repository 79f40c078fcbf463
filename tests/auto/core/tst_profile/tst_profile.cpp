// SPDX-License-Identifier: BSD-3-Clause
// Client::setProfile(Profile::Fapi2Security) against the in-process server: every forbidden
// configuration fails with ProfileViolation (a usage error naming the setting) without a single
// connection, discovery included; a conforming client signs in with PAR, iss, DPoP and PS256 /
// ES256 only.
#include <oauth4qt/authorizationcodeflow.h>
#include <oauth4qt/client.h>

#include "core/profile_p.h"

#include "testhttpserver.h"

#include "../../validation/jwttestutil.h"

#include <QtCore/QUrlQuery>
#include <QtNetwork/QNetworkAccessManager>
#include <QtNetwork/QNetworkReply>
#include <QtTest/QtTest>

using namespace OAuth4Qt;
using namespace OAuth4Qt::Test;
using namespace JwtTest;

using Profile = Client::Profile;
using M = ClientConfig::AuthMethod;

class tst_Profile : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void property();
    void forbiddenConfiguration_data();
    void forbiddenConfiguration();
    void conformingConfiguration_data();
    void conformingConfiguration();
    void rsaKeySignsPs256();
    void mutualTls_data();
    void mutualTls();
    void serverWithoutPar();
    void signInPushesAndRequiresIss_data();
    void signInPushesAndRequiresIss();
    void bearerTokenRefusedWithDPoP();
    void idTokenAlgorithms_data();
    void idTokenAlgorithms();
    void restrictAlgorithms_data();
    void restrictAlgorithms();

private:
    void setUpServer(const QJsonObject &metadataPatch = {});
    std::unique_ptr<Client> newClient(const ClientConfig &config, const QString &dpopAlg, bool clientCertificate);
    //! Starts \a operation and returns the error it ends with.
    Error run(Client *client, const QString &operation);
    QString issuer() const { return m_server->url().toString(); }

    JsonWebKey m_serverEc;
    JsonWebKey m_serverRsa;
    JsonWebKey m_clientEc;
    JsonWebKey m_clientEc384;
    JsonWebKey m_clientRsa;
    JsonWebKey m_clientEd;
    std::unique_ptr<TestHttpServer> m_server;
    QString m_state;
    QString m_nonce;
    QString m_idTokenAlg;
    QString m_tokenType;
};

void tst_Profile::initTestCase()
{
    m_serverEc = JsonWebKey::generate(QStringLiteral("ES256"));
    m_serverEc.setKeyId(QStringLiteral("server-ec"));
    m_serverRsa = JsonWebKey::generate(QStringLiteral("RS256"));
    m_serverRsa.setKeyId(QStringLiteral("server-rsa"));
    m_clientEc = JsonWebKey::generate(QStringLiteral("ES256"));
    m_clientEc.setKeyId(QStringLiteral("client-ec"));
    m_clientEc384 = JsonWebKey::generate(QStringLiteral("ES384"));
    m_clientRsa = JsonWebKey::generate(QStringLiteral("RS256"));
    m_clientEd = JsonWebKey::generate(QStringLiteral("EdDSA"));
    for (const JsonWebKey &k : { m_serverEc, m_serverRsa, m_clientEc, m_clientEc384, m_clientRsa, m_clientEd })
        QVERIFY(!k.isNull());
}

void tst_Profile::init()
{
    m_state.clear();
    m_nonce.clear();
    m_idTokenAlg = QStringLiteral("ES256");
    m_tokenType = QStringLiteral("DPoP");
    setUpServer();
}

void tst_Profile::cleanup() { m_server.reset(); }

void tst_Profile::setUpServer(const QJsonObject &metadataPatch)
{
    m_server = std::make_unique<TestHttpServer>();
    const QString base = issuer();
    const QJsonObject md = patched(
        obj({ { "issuer", base },
              { "authorization_endpoint", QString(base + QStringLiteral("/authorize")) },
              { "token_endpoint", QString(base + QStringLiteral("/token")) },
              { "jwks_uri", QString(base + QStringLiteral("/jwks")) },
              { "userinfo_endpoint", QString(base + QStringLiteral("/userinfo")) },
              { "pushed_authorization_request_endpoint", QString(base + QStringLiteral("/par")) },
              { "response_types_supported", A({ "code" }) },
              { "code_challenge_methods_supported", A({ "S256" }) },
              { "dpop_signing_alg_values_supported", A({ "ES256", "PS256", "EdDSA", "RS256" }) },
              { "id_token_signing_alg_values_supported", A({ "RS256", "ES256" }) } }),
        metadataPatch);
    m_server->on(QStringLiteral("/.well-known/openid-configuration"), Response::json(200, md));
    m_server->on(QStringLiteral("/jwks"), Response::json(200, JsonWebKeySet({ m_serverEc, m_serverRsa }).toJson()));
    m_server->on(QStringLiteral("/token"), [this](const RecordedRequest &request) {
        const qint64 now = QDateTime::currentSecsSinceEpoch();
        QJsonObject body = obj({ { "access_token", "at-1" }, { "token_type", m_tokenType }, { "expires_in", 300 } });
        if (request.formValue(QStringLiteral("grant_type")) == QLatin1String("authorization_code") && !m_nonce.isEmpty()) {
            const QJsonObject claims = obj({ { "iss", issuer() }, { "aud", "client-1" }, { "sub", "alice" },
                                             { "iat", now }, { "exp", now + 300 }, { "nonce", m_nonce } });
            const JsonWebKey &key = m_idTokenAlg == QLatin1String("RS256") ? m_serverRsa : m_serverEc;
            body.insert(QStringLiteral("id_token"), QString::fromLatin1(sign(m_idTokenAlg, {}, claims, key)));
        }
        return Response::json(200, body);
    });
    m_server->on(QStringLiteral("/par"), [this](const RecordedRequest &request) {
        m_state = request.formValue(QStringLiteral("state"));
        m_nonce = request.formValue(QStringLiteral("nonce"));
        return Response::json(201, obj({ { "request_uri", "urn:ietf:params:oauth:request_uri:r1" }, { "expires_in", 60 } }));
    });
}

std::unique_ptr<Client> tst_Profile::newClient(const ClientConfig &config, const QString &dpopAlg, bool clientCertificate)
{
    auto client = std::make_unique<Client>();
    client->setIssuer(m_server->url());
    client->setAllowInsecureHttp(true);
    client->setClientConfig(config);
    client->setProfile(Profile::Fapi2Security);
    if (!dpopAlg.isEmpty()) {
        Error e;
        const JsonWebKey key = JsonWebKey::generate(dpopAlg, &e);
        client->setDPoPKey(DPoPKey::fromJsonWebKey(key, dpopAlg, &e));
        if (e)
            qWarning() << "DPoP key" << e;
    }
    if (clientCertificate) {
        QSslConfiguration tls = TestHttpServer::trustingSslConfiguration();
        tls.setLocalCertificate(TestHttpServer::clientCertificate());
        tls.setPrivateKey(TestHttpServer::clientPrivateKey());
        client->setSslConfiguration(tls);
    }
    return client;
}

Error tst_Profile::run(Client *client, const QString &operation)
{
    if (operation == QLatin1String("authorization_code")) {
        AuthorizationCodeFlow flow;
        flow.setClient(client);
        flow.setScope(QStringLiteral("openid"));
        flow.setBrowserOpener([](const QUrl &) { return true; }); // nobody signs in
        flow.setTimeout(15000);
        QSignalSpy failed(&flow, &AuthorizationCodeFlow::failed);
        flow.start();
        // Either the profile refuses (failed), or the flow waits for the user.
        [&] { QTRY_VERIFY_WITH_TIMEOUT(failed.size() == 1 || flow.status() == AuthorizationCodeFlow::Status::AwaitingUser, 10000); }();
        if (failed.isEmpty()) {
            flow.cancel();
            return Error();
        }
        return failed.first().first().value<Error>();
    }
    Reply *reply = nullptr;
    if (operation == QLatin1String("client_credentials"))
        reply = client->requestClientCredentials(QStringLiteral("api"));
    else if (operation == QLatin1String("refresh"))
        reply = client->refreshToken(QStringLiteral("rt-1"));
    else if (operation == QLatin1String("par"))
        reply = client->pushAuthorizationRequest({ { QStringLiteral("response_type"), QStringLiteral("code") } });
    else if (operation == QLatin1String("userinfo"))
        reply = client->userInfo(QStringLiteral("at-1"));
    if (!reply) {
        qWarning() << "unknown operation" << operation;
        return Error(ErrorCode::InvalidArgument);
    }
    QSignalSpy finished(reply, &Reply::finished);
    [&] { QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 10000); }();
    const Error e = reply->error();
    delete reply;
    return e;
}

void tst_Profile::property()
{
    Client client;
    QCOMPARE(client.profile(), Profile::None);
    QSignalSpy changed(&client, &Client::profileChanged);
    client.setProfile(Profile::Fapi2Security);
    QCOMPARE(client.profile(), Profile::Fapi2Security);
    QCOMPARE(changed.size(), 1);
    client.setProfile(Profile::Fapi2Security);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(client.property("profile").value<Profile>(), Profile::Fapi2Security);
    QCOMPARE(errorCodeName(ErrorCode::ProfileViolation), QStringLiteral("profile_violation"));
    QCOMPARE(errorCategoryOf(ErrorCode::ProfileViolation), ErrorCategory::Usage);
}

void tst_Profile::forbiddenConfiguration_data()
{
    QTest::addColumn<ClientConfig>("config");
    QTest::addColumn<QString>("dpopAlg");
    QTest::addColumn<bool>("clientCertificate");
    QTest::addColumn<QString>("operation");
    QTest::addColumn<QString>("setting"); // named in the error's detail

    auto config = [](M method, const JsonWebKey &key = {}, const QString &secret = {}) {
        ClientConfig c(QStringLiteral("client-1"), secret);
        c.setAuthMethod(method);
        if (!key.isNull())
            c.setPrivateKey(key);
        return c;
    };
    const QString es256 = QStringLiteral("ES256");
    const QString secret = QStringLiteral("client-secret-0123456789-0123456789");
    const QString authMethod = QStringLiteral("ClientConfig::authMethod");

    QTest::newRow("client_secret_basic, client credentials") << config(M::ClientSecretBasic, {}, secret) << es256 << false << "client_credentials" << authMethod;
    QTest::newRow("client_secret_post, refresh") << config(M::ClientSecretPost, {}, secret) << es256 << false << "refresh" << authMethod;
    QTest::newRow("client_secret_jwt, sign-in") << config(M::ClientSecretJwt, {}, secret) << es256 << false << "authorization_code" << authMethod;
    QTest::newRow("automatic with a secret") << config(M::Automatic, {}, secret) << es256 << false << "client_credentials" << authMethod;
    QTest::newRow("public client, sign-in") << config(M::None) << es256 << false << "authorization_code" << authMethod;
    QTest::newRow("automatic without a secret, sign-in") << config(M::Automatic) << es256 << false << "authorization_code" << authMethod;
    QTest::newRow("secret, PAR") << config(M::ClientSecretBasic, {}, secret) << es256 << false << "par" << authMethod;
    QTest::newRow("secret, UserInfo") << config(M::ClientSecretBasic, {}, secret) << es256 << false << "userinfo" << authMethod;
    QTest::newRow("private_key_jwt without a key") << config(M::PrivateKeyJwt) << es256 << false << "client_credentials" << "ClientConfig::privateKey";
    QTest::newRow("private_key_jwt, P-384 key (ES384)") << config(M::PrivateKeyJwt, m_clientEc384) << es256 << false << "client_credentials" << "ClientConfig::signingAlgorithm";
    {
        ClientConfig c = config(M::PrivateKeyJwt, m_clientRsa);
        c.setSigningAlgorithm(QStringLiteral("RS256"));
        QTest::newRow("private_key_jwt, RS256 configured") << c << es256 << false << "authorization_code" << "ClientConfig::signingAlgorithm";
    }
    {
        ClientConfig c = config(M::TlsClientAuth, m_clientRsa);
        c.setSigningAlgorithm(QStringLiteral("RS256"));
        QTest::newRow("tls_client_auth, RS256 request objects") << c << QString() << true << "authorization_code" << "ClientConfig::signingAlgorithm";
    }
    {
        ClientConfig c = config(M::PrivateKeyJwt, m_clientEc);
        c.setIdTokenSignedResponseAlg(QStringLiteral("RS256"));
        QTest::newRow("ID Token RS256") << c << es256 << false << "authorization_code" << "ClientConfig::idTokenSignedResponseAlg";
    }
    {
        ClientConfig c = config(M::PrivateKeyJwt, m_clientEc);
        c.setAuthorizationSignedResponseAlg(QStringLiteral("HS256"));
        QTest::newRow("JARM HS256") << c << es256 << false << "authorization_code" << "ClientConfig::authorizationSignedResponseAlg";
    }
    {
        ClientConfig c = config(M::PrivateKeyJwt, m_clientEc);
        c.setUserinfoSignedResponseAlg(QStringLiteral("RS256"));
        QTest::newRow("UserInfo RS256") << c << es256 << false << "userinfo" << "ClientConfig::userinfoSignedResponseAlg";
    }
    {
        ClientConfig c = config(M::PrivateKeyJwt, m_clientEc);
        c.setIntrospectionSignedResponseAlg(QStringLiteral("ES384"));
        QTest::newRow("introspection ES384") << c << es256 << false << "client_credentials" << "ClientConfig::introspectionSignedResponseAlg";
    }
    const QString senderConstrained = QStringLiteral("sender-constrained");
    QTest::newRow("DPoP key RS256") << config(M::PrivateKeyJwt, m_clientEc) << "RS256" << false << "client_credentials" << "Client::dpopKey";
    QTest::newRow("DPoP key ES384") << config(M::PrivateKeyJwt, m_clientEc) << "ES384" << false << "authorization_code" << "Client::dpopKey";
    QTest::newRow("no DPoP, no certificate: client credentials") << config(M::PrivateKeyJwt, m_clientEc) << QString() << false << "client_credentials" << senderConstrained;
    QTest::newRow("no DPoP, no certificate: refresh") << config(M::PrivateKeyJwt, m_clientEc) << QString() << false << "refresh" << senderConstrained;
    QTest::newRow("no DPoP, no certificate: sign-in") << config(M::PrivateKeyJwt, m_clientEc) << QString() << false << "authorization_code" << senderConstrained;
    QTest::newRow("no DPoP, no certificate: PAR") << config(M::PrivateKeyJwt, m_clientEc) << QString() << false << "par" << senderConstrained;
    QTest::newRow("tls_client_auth without a certificate") << config(M::TlsClientAuth) << es256 << false << "client_credentials" << "Client::setSslConfiguration";
    QTest::newRow("self_signed_tls_client_auth without a certificate") << config(M::SelfSignedTlsClientAuth) << es256 << false << "authorization_code" << "Client::setSslConfiguration";
}

void tst_Profile::forbiddenConfiguration()
{
    QFETCH(ClientConfig, config);
    QFETCH(QString, dpopAlg);
    QFETCH(bool, clientCertificate);
    QFETCH(QString, operation);
    QFETCH(QString, setting);

    std::unique_ptr<Client> client = newClient(config, dpopAlg, clientCertificate);
    const Error e = run(client.get(), operation);
    QCOMPARE(e.code(), ErrorCode::ProfileViolation);
    QCOMPARE(e.category(), ErrorCategory::Usage);
    QVERIFY2(e.detail().contains(setting), qPrintable(e.detail()));
    QVERIFY(!e.errorString().isEmpty());
    if (operation != QLatin1String("userinfo") && operation != QLatin1String("par"))
        QCOMPARE(client->profileViolation().code(), ErrorCode::ProfileViolation);
    // Not one connection: not even discovery.
    QCOMPARE(m_server->connectionCount(), 0);
    QCOMPARE(m_server->requestCount(), 0);

    // The profile is the cause: without it the same configuration goes to the server.
    client->setProfile(Profile::None);
    const Error without = run(client.get(), operation);
    QVERIFY2(without.code() != ErrorCode::ProfileViolation, qPrintable(without.detail()));
    QVERIFY(m_server->requestCount() > 0);
}

void tst_Profile::conformingConfiguration_data()
{
    QTest::addColumn<ClientConfig>("config");
    QTest::addColumn<QString>("dpopAlg");
    QTest::addColumn<bool>("clientCertificate");
    QTest::addColumn<QString>("operation");
    QTest::addColumn<QString>("path"); // the request that must have been sent

    auto config = [](M method, const JsonWebKey &key = {}) {
        ClientConfig c(QStringLiteral("client-1"));
        c.setAuthMethod(method);
        if (!key.isNull())
            c.setPrivateKey(key);
        return c;
    };
    QTest::newRow("private_key_jwt ES256 + DPoP ES256") << config(M::PrivateKeyJwt, m_clientEc) << "ES256" << false << "client_credentials" << "/token";
    QTest::newRow("private_key_jwt EdDSA + DPoP EdDSA") << config(M::PrivateKeyJwt, m_clientEd) << "EdDSA" << false << "refresh" << "/token";
    QTest::newRow("private_key_jwt RSA + DPoP PS256") << config(M::PrivateKeyJwt, m_clientRsa) << "PS256" << false << "client_credentials" << "/token";
    QTest::newRow("tls_client_auth with a certificate (mTLS-bound)") << config(M::TlsClientAuth) << QString() << true << "client_credentials" << "/token";
    QTest::newRow("self_signed_tls_client_auth + DPoP, sign-in") << config(M::SelfSignedTlsClientAuth) << "ES256" << true << "authorization_code" << "/par";
    QTest::newRow("private_key_jwt + DPoP, sign-in") << config(M::PrivateKeyJwt, m_clientEc) << "ES256" << false << "authorization_code" << "/par";
    QTest::newRow("private_key_jwt, UserInfo") << config(M::PrivateKeyJwt, m_clientEc) << QString() << false << "userinfo" << "/userinfo";
}

void tst_Profile::conformingConfiguration()
{
    QFETCH(ClientConfig, config);
    QFETCH(QString, dpopAlg);
    QFETCH(bool, clientCertificate);
    QFETCH(QString, operation);
    QFETCH(QString, path);
    m_tokenType = dpopAlg.isEmpty() ? QStringLiteral("Bearer") : QStringLiteral("DPoP");
    m_server->on(QStringLiteral("/userinfo"), Response::json(200, obj({ { "sub", "alice" } })));

    std::unique_ptr<Client> client = newClient(config, dpopAlg, clientCertificate);
    const Error e = run(client.get(), operation);
    QVERIFY2(e.code() != ErrorCode::ProfileViolation, qPrintable(e.detail()));
    if (operation != QLatin1String("userinfo")) // no token is issued: DPoP/mTLS not needed
        QVERIFY(!client->profileViolation());
    QCOMPARE(m_server->requestCount(path), 1);
    if (!dpopAlg.isEmpty() && path != QLatin1String("/userinfo"))
        QVERIFY(m_server->requests(path).first().hasHeader("dpop"));
}

void tst_Profile::rsaKeySignsPs256()
{
    ClientConfig config(QStringLiteral("client-1"));
    config.setAuthMethod(M::PrivateKeyJwt);
    config.setPrivateKey(m_clientRsa);
    std::unique_ptr<Client> client = newClient(config, QStringLiteral("ES256"), false);
    QVERIFY(!run(client.get(), QStringLiteral("client_credentials")));
    const QString assertion = m_server->requests(QStringLiteral("/token")).first().formValue(QStringLiteral("client_assertion"));
    const QJsonObject header = QJsonDocument::fromJson(Base64Url::decode(assertion.section(QLatin1Char('.'), 0, 0).toLatin1(), nullptr)).object();
    QCOMPARE(header.value(QLatin1String("alg")).toString(), QStringLiteral("PS256"));

    // Without the profile the key's default (RS256) is kept.
    client->setProfile(Profile::None);
    m_server->clearRequests();
    QVERIFY(!run(client.get(), QStringLiteral("client_credentials")));
    const QString plain = m_server->requests(QStringLiteral("/token")).first().formValue(QStringLiteral("client_assertion"));
    const QJsonObject plainHeader = QJsonDocument::fromJson(Base64Url::decode(plain.section(QLatin1Char('.'), 0, 0).toLatin1(), nullptr)).object();
    QCOMPARE(plainHeader.value(QLatin1String("alg")).toString(), QStringLiteral("RS256"));
}

void tst_Profile::mutualTls_data()
{
    QTest::addColumn<ClientConfig::AuthMethod>("method");
    QTest::addColumn<bool>("certificate");
    QTest::newRow("tls_client_auth") << M::TlsClientAuth << true;
    QTest::newRow("self_signed_tls_client_auth") << M::SelfSignedTlsClientAuth << true;
    QTest::newRow("tls_client_auth without a certificate") << M::TlsClientAuth << false;
}

// mTLS for real: client authentication and certificate-bound tokens, no DPoP key.
void tst_Profile::mutualTls()
{
    QFETCH(ClientConfig::AuthMethod, method);
    QFETCH(bool, certificate);
    TestHttpServer server(TestHttpServer::Mode::Tls);
    QVERIFY(server.isListening());
    server.requireClientCertificate({ TestHttpServer::clientCertificate() });
    server.on(QStringLiteral("/token"), Response::json(200, obj({ { "access_token", "at-1" }, { "token_type", "Bearer" },
                                                                   { "expires_in", 300 } })));
    const QString base = server.url().toString();
    ServerMetadata md = ServerMetadata::fromJson(
        obj({ { "issuer", base },
              { "authorization_endpoint", QString(base + QStringLiteral("/authorize")) },
              { "token_endpoint", QString(base + QStringLiteral("/token")) },
              { "response_types_supported", A({ "code" }) },
              { "tls_client_certificate_bound_access_tokens", true } }));
    QVERIFY(!md.isNull());

    Client client;
    client.setRequestTimeout(10000);
    QSslConfiguration tls = TestHttpServer::trustingSslConfiguration();
    if (certificate) {
        tls.setLocalCertificate(TestHttpServer::clientCertificate());
        tls.setPrivateKey(TestHttpServer::clientPrivateKey());
    }
    client.setSslConfiguration(tls);
    client.setMetadata(md);
    ClientConfig config(QStringLiteral("mtls-client"));
    config.setAuthMethod(method);
    client.setClientConfig(config);
    client.setProfile(Profile::Fapi2Security);

    TokenReply *reply = client.requestClientCredentials(QStringLiteral("api:read"));
    QSignalSpy finished(reply, &Reply::finished);
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 15000);
    if (!certificate) {
        QCOMPARE(reply->error().code(), ErrorCode::ProfileViolation);
        QCOMPARE(server.connectionCount(), 0);
    } else {
        QVERIFY2(!reply->error(), qPrintable(reply->error().technicalDetails()));
        QCOMPARE(server.requestCount(QStringLiteral("/token")), 1);
        QCOMPARE(server.lastRequest().peerCertificate, TestHttpServer::clientCertificate());
        QVERIFY(!server.lastRequest().hasHeader("dpop"));
    }
    delete reply;
}

void tst_Profile::serverWithoutPar()
{
    setUpServer(obj({ { "pushed_authorization_request_endpoint", nullptr } }));
    ClientConfig config(QStringLiteral("client-1"));
    config.setAuthMethod(M::PrivateKeyJwt);
    config.setPrivateKey(m_clientEc);
    std::unique_ptr<Client> client = newClient(config, QStringLiteral("ES256"), false);
    const Error e = run(client.get(), QStringLiteral("authorization_code"));
    QCOMPARE(e.code(), ErrorCode::ProfileViolation);
    QVERIFY2(e.detail().contains(QLatin1String("pushed_authorization_request_endpoint")), qPrintable(e.detail()));
    // Discovery only: nothing pushed, nothing sent to the token endpoint.
    QCOMPARE(m_server->requestCount(), 1);
    QCOMPARE(m_server->requestCount(QStringLiteral("/.well-known/openid-configuration")), 1);
}

void tst_Profile::signInPushesAndRequiresIss_data()
{
    QTest::addColumn<bool>("issAnnounced"); // authorization_response_iss_parameter_supported
    QTest::addColumn<bool>("sendIss");
    QTest::addColumn<ErrorCode>("expected");

    QTest::newRow("iss not announced, sent") << false << true << ErrorCode::NoError;
    QTest::newRow("iss not announced, missing") << false << false << ErrorCode::IssuerMismatch;
    QTest::newRow("iss announced, missing") << true << false << ErrorCode::IssuerMismatch;
    QTest::newRow("iss announced, sent") << true << true << ErrorCode::NoError;
}

void tst_Profile::signInPushesAndRequiresIss()
{
    QFETCH(bool, issAnnounced);
    QFETCH(bool, sendIss);
    QFETCH(ErrorCode, expected);
    setUpServer(obj({ { "authorization_response_iss_parameter_supported", issAnnounced } }));

    ClientConfig config(QStringLiteral("client-1"));
    config.setAuthMethod(M::PrivateKeyJwt);
    config.setPrivateKey(m_clientEc);
    std::unique_ptr<Client> client = newClient(config, QStringLiteral("ES256"), false);
    AuthorizationCodeFlow flow;
    flow.setClient(client.get());
    flow.setScope(QStringLiteral("openid"));
    QVERIFY(!flow.pushedAuthorizationRequest()); // not asked for: the profile pushes anyway
    QNetworkAccessManager browser;
    QUrl opened;
    flow.setBrowserOpener([&](const QUrl &url) {
        opened = url;
        QUrlQuery callback;
        callback.addQueryItem(QStringLiteral("code"), QStringLiteral("code-1"));
        callback.addQueryItem(QStringLiteral("state"), m_state);
        if (sendIss)
            callback.addQueryItem(QStringLiteral("iss"), QString::fromLatin1(QUrl::toPercentEncoding(issuer())));
        QUrl target = flow.redirectUri();
        target.setQuery(callback.query(QUrl::FullyEncoded), QUrl::StrictMode);
        QMetaObject::invokeMethod(this, [&browser, target] { browser.get(QNetworkRequest(target)); }, Qt::QueuedConnection);
        return true;
    });
    QSignalSpy granted(&flow, &AuthorizationCodeFlow::granted);
    QSignalSpy failed(&flow, &AuthorizationCodeFlow::failed);
    flow.start();
    QTRY_COMPARE_WITH_TIMEOUT(granted.size() + failed.size(), 1, 15000);

    QCOMPARE(m_server->requestCount(QStringLiteral("/par")), 1);
    const RecordedRequest par = m_server->requests(QStringLiteral("/par")).first();
    QCOMPARE(par.formValue(QStringLiteral("code_challenge_method")), QStringLiteral("S256"));
    QCOMPARE(par.formValue(QStringLiteral("response_type")), QStringLiteral("code"));
    QCOMPARE(par.formValue(QStringLiteral("client_assertion_type")),
             QStringLiteral("urn:ietf:params:oauth:client-assertion-type:jwt-bearer"));
    QVERIFY(par.hasHeader("dpop"));
    QVERIFY(!par.formValue(QStringLiteral("dpop_jkt")).isEmpty());
    // The front channel: client_id and request_uri only.
    const QUrlQuery front(opened);
    QCOMPARE(front.queryItems().size(), 2);
    QVERIFY(front.hasQueryItem(QStringLiteral("request_uri")));

    if (expected == ErrorCode::NoError) {
        QCOMPARE(failed.size(), 0);
        QCOMPARE(flow.tokens().tokenType(), QStringLiteral("DPoP"));
        QCOMPARE(flow.tokens().idTokenClaims().value(QLatin1String("sub")).toString(), QStringLiteral("alice"));
    } else {
        QCOMPARE(failed.first().first().value<Error>().code(), expected);
        QCOMPARE(m_server->requestCount(QStringLiteral("/token")), 0);
    }
}

void tst_Profile::bearerTokenRefusedWithDPoP()
{
    m_tokenType = QStringLiteral("Bearer");
    ClientConfig config(QStringLiteral("client-1"));
    config.setAuthMethod(M::PrivateKeyJwt);
    config.setPrivateKey(m_clientEc);
    std::unique_ptr<Client> client = newClient(config, QStringLiteral("ES256"), false);
    QVERIFY(!client->isDPoPRequired());
    QCOMPARE(run(client.get(), QStringLiteral("client_credentials")).code(), ErrorCode::DPoPBindingMismatch);
    client->setProfile(Profile::None);
    QCOMPARE(run(client.get(), QStringLiteral("client_credentials")).code(), ErrorCode::NoError);
}

void tst_Profile::idTokenAlgorithms_data()
{
    QTest::addColumn<QString>("signedWith");
    QTest::addColumn<bool>("profile");
    QTest::addColumn<ErrorCode>("expected");

    QTest::newRow("ES256 under the profile") << "ES256" << true << ErrorCode::NoError;
    QTest::newRow("RS256 under the profile") << "RS256" << true << ErrorCode::AlgorithmNotAllowed;
    QTest::newRow("RS256 without a profile") << "RS256" << false << ErrorCode::NoError;
}

void tst_Profile::idTokenAlgorithms()
{
    QFETCH(QString, signedWith);
    QFETCH(bool, profile);
    QFETCH(ErrorCode, expected);
    m_idTokenAlg = signedWith;
    m_nonce = QStringLiteral("nonce-1");
    ClientConfig config(QStringLiteral("client-1"));
    config.setAuthMethod(M::PrivateKeyJwt);
    config.setPrivateKey(m_clientEc);
    std::unique_ptr<Client> client = newClient(config, QStringLiteral("ES256"), false);
    if (!profile)
        client->setProfile(Profile::None);
    TokenReply *reply = client->exchangeAuthorizationCode(QStringLiteral("code-1"), QUrl(QStringLiteral("http://127.0.0.1/cb")),
                                                          QStringLiteral("verifier-0123456789-0123456789-0123456789-abc"), QStringLiteral("openid"), m_nonce);
    QSignalSpy finished(reply, &Reply::finished);
    QTRY_COMPARE(finished.size(), 1);
    QCOMPARE(reply->error().code(), expected);
    delete reply;
}

void tst_Profile::restrictAlgorithms_data()
{
    QTest::addColumn<QString>("configured");
    QTest::addColumn<QStringList>("advertised");
    QTest::addColumn<QString>("expectedConfigured");
    QTest::addColumn<QStringList>("expectedAdvertised");

    auto L = [](const char *list) { return QString::fromLatin1(list).split(QLatin1Char(' '), Qt::SkipEmptyParts); };
    QTest::newRow("nothing advertised") << QString() << QStringList() << QString() << L("PS256 ES256 EdDSA");
    QTest::newRow("intersection") << QString() << L("RS256 ES256 HS256") << QString() << L("ES256");
    QTest::newRow("nothing in common") << QString() << L("RS256") << "PS256" << L("RS256");
    QTest::newRow("configured stays") << "EdDSA" << L("EdDSA") << "EdDSA" << L("EdDSA");
}

void tst_Profile::restrictAlgorithms()
{
    QFETCH(QString, configured);
    QFETCH(QStringList, advertised);
    QFETCH(QString, expectedConfigured);
    QFETCH(QStringList, expectedAdvertised);
    QString c = configured;
    QStringList a = advertised;
    restrictAlgorithmsToProfile(Profile::Fapi2Security, &c, &a);
    QCOMPARE(c, expectedConfigured);
    QCOMPARE(a, expectedAdvertised);
    c = configured;
    a = advertised;
    restrictAlgorithmsToProfile(Profile::None, &c, &a);
    QCOMPARE(c, configured);
    QCOMPARE(a, advertised);
}

QTEST_MAIN(tst_Profile)
#include "tst_profile.moc"

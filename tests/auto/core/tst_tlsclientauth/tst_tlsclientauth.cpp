// SPDX-License-Identifier: BSD-3-Clause
// Mutual-TLS client authentication (RFC 8705): tls_client_auth and self_signed_tls_client_auth
// against an in-process HTTPS server that requires a client certificate, and the
// mtls_endpoint_aliases (RFC 8705 section 5) that only an mTLS client uses.
#include <oauth4qt/client.h>
#include <oauth4qt/reply.h>

#include "testhttpserver.h"
#include "waitfinished.h"

#include <QtCore/QJsonArray>
#include <QtNetwork/QSslConfiguration>
#include <QtTest/QtTest>

using namespace OAuth4Qt;
using OAuth4Qt::Test::Response;
using OAuth4Qt::Test::TestHttpServer;
using OAuth4Qt::Test::waitFinished;

Q_DECLARE_METATYPE(OAuth4Qt::ClientConfig::AuthMethod)

namespace {

const Response tokenResponse = Response::json(200, QJsonObject{ { QStringLiteral("access_token"), QStringLiteral("at-1") },
                                                                { QStringLiteral("token_type"), QStringLiteral("Bearer") },
                                                                { QStringLiteral("expires_in"), 300 } });

ServerMetadata metadataFor(const TestHttpServer &server, bool aliases)
{
    const QString base = server.url().toString();
    QJsonObject json{
        { QStringLiteral("issuer"), base },
        { QStringLiteral("token_endpoint"), QString(base + QLatin1String("/token")) },
        { QStringLiteral("userinfo_endpoint"), QString(base + QLatin1String("/userinfo")) },
        { QStringLiteral("authorization_endpoint"), QString(base + QLatin1String("/authorize")) },
    };
    if (aliases) {
        json.insert(QStringLiteral("mtls_endpoint_aliases"),
                    QJsonObject{ { QStringLiteral("token_endpoint"), QString(base + QLatin1String("/mtls/token")) },
                                 { QStringLiteral("userinfo_endpoint"), QString(base + QLatin1String("/mtls/userinfo")) },
                                 { QStringLiteral("authorization_endpoint"), QString(base + QLatin1String("/mtls/authorize")) } });
    }
    Error e;
    const ServerMetadata md = ServerMetadata::fromJson(json, server.url(), false, &e);
    if (e)
        qWarning() << "metadata:" << e;
    return md;
}

//! Trusts the test server; with \a withClientCertificate also presents the test client certificate.
QSslConfiguration sslConfiguration(bool withClientCertificate)
{
    QSslConfiguration config = TestHttpServer::trustingSslConfiguration();
    if (withClientCertificate) {
        config.setLocalCertificate(TestHttpServer::clientCertificate());
        config.setPrivateKey(TestHttpServer::clientPrivateKey());
    }
    return config;
}

} // namespace

class tst_TlsClientAuth : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void tokenRequest_data();
    void tokenRequest();
    void userInfoThroughAlias();
    void noClientCertificate();
    void aliasesOnlyForMutualTls();
};

void tst_TlsClientAuth::initTestCase()
{
    QVERIFY(!TestHttpServer::clientCertificate().isNull());
    QVERIFY(!TestHttpServer::clientPrivateKey().isNull());
}

void tst_TlsClientAuth::tokenRequest_data()
{
    QTest::addColumn<ClientConfig::AuthMethod>("method");
    QTest::addColumn<bool>("aliases");
    QTest::addColumn<QString>("expectedPath");
    QTest::newRow("tls_client_auth") << ClientConfig::AuthMethod::TlsClientAuth << false << QStringLiteral("/token");
    QTest::newRow("tls_client_auth, mtls alias") << ClientConfig::AuthMethod::TlsClientAuth << true << QStringLiteral("/mtls/token");
    QTest::newRow("self_signed_tls_client_auth") << ClientConfig::AuthMethod::SelfSignedTlsClientAuth << false << QStringLiteral("/token");
    QTest::newRow("self_signed_tls_client_auth, mtls alias") << ClientConfig::AuthMethod::SelfSignedTlsClientAuth << true
                                                             << QStringLiteral("/mtls/token");
}

void tst_TlsClientAuth::tokenRequest()
{
    QFETCH(ClientConfig::AuthMethod, method);
    QFETCH(bool, aliases);
    QFETCH(QString, expectedPath);

    TestHttpServer server(TestHttpServer::Mode::Tls);
    QVERIFY(server.isListening());
    server.requireClientCertificate({ TestHttpServer::clientCertificate() });
    server.on(QStringLiteral("/token"), tokenResponse);
    server.on(QStringLiteral("/mtls/token"), tokenResponse);

    Client client;
    client.setRequestTimeout(10000);
    client.setSslConfiguration(sslConfiguration(true));
    client.setMetadata(metadataFor(server, aliases));
    ClientConfig config(QStringLiteral("mtls-client"));
    config.setAuthMethod(method);
    client.setClientConfig(config);

    TokenReply *reply = client.requestClientCredentials(QStringLiteral("api:read"));
    QVERIFY(waitFinished(reply));
    QVERIFY2(!reply->error(), qPrintable(reply->error().errorString()));
    QCOMPARE(reply->tokens().accessToken(), QStringLiteral("at-1"));

    QCOMPARE(server.requestCount(), 1);
    const Test::RecordedRequest request = server.lastRequest();
    QCOMPARE(request.path, expectedPath);
    // The client is authenticated by its certificate: client_id in the body, no secret anywhere.
    QCOMPARE(request.peerCertificate, TestHttpServer::clientCertificate());
    QCOMPARE(request.formValue(QStringLiteral("client_id")), QStringLiteral("mtls-client"));
    QVERIFY(request.formValue(QStringLiteral("client_secret")).isNull());
    QVERIFY(request.formValue(QStringLiteral("client_assertion")).isNull());
    QVERIFY(!request.hasHeader("authorization"));
    // The alias is what the client's metadata reports for requests, never for the browser.
    QCOMPARE(client.metadata().authorizationEndpoint(), server.url(QStringLiteral("/authorize")));
    reply->deleteLater();
}

void tst_TlsClientAuth::userInfoThroughAlias()
{
    TestHttpServer server(TestHttpServer::Mode::Tls);
    server.requireClientCertificate({ TestHttpServer::clientCertificate() });
    server.on(QStringLiteral("/mtls/userinfo"), Response::json(200, QJsonObject{ { QStringLiteral("sub"), QStringLiteral("alice") } }));
    Client client;
    client.setRequestTimeout(10000);
    client.setSslConfiguration(sslConfiguration(true));
    client.setMetadata(metadataFor(server, true));
    ClientConfig config(QStringLiteral("mtls-client"));
    config.setAuthMethod(ClientConfig::AuthMethod::TlsClientAuth);
    client.setClientConfig(config);

    JsonReply *reply = client.userInfo(QStringLiteral("at-1"), QStringLiteral("alice"));
    QVERIFY(waitFinished(reply));
    QVERIFY2(!reply->error(), qPrintable(reply->error().errorString()));
    QCOMPARE(reply->result().value(QLatin1String("sub")).toString(), QStringLiteral("alice"));
    QCOMPARE(server.requestCount(QStringLiteral("/mtls/userinfo")), 1);
    QCOMPARE(server.lastRequest().header("authorization"), QByteArray("Bearer at-1"));
    reply->deleteLater();
}

// A server that requires a client certificate refuses a client without one: a typed transport
// failure, and no request reaches the server.
void tst_TlsClientAuth::noClientCertificate()
{
    TestHttpServer server(TestHttpServer::Mode::Tls);
    server.requireClientCertificate({ TestHttpServer::clientCertificate() });
    server.on(QStringLiteral("/token"), tokenResponse);
    Client client;
    client.setRequestTimeout(10000);
    client.setSslConfiguration(sslConfiguration(false));
    client.setMetadata(metadataFor(server, false));
    ClientConfig config(QStringLiteral("mtls-client"));
    config.setAuthMethod(ClientConfig::AuthMethod::TlsClientAuth);
    client.setClientConfig(config);

    TokenReply *reply = client.requestClientCredentials();
    QVERIFY(waitFinished(reply));
    QVERIFY(reply->error());
    QCOMPARE(reply->error().category(), ErrorCategory::Transport);
    QVERIFY(reply->tokens().isNull());
    QCOMPARE(server.requestCount(), 0);
    reply->deleteLater();
}

// RFC 8705 section 5: the aliases are for clients that do mutual TLS; a secret-based client keeps
// the conventional endpoints.
void tst_TlsClientAuth::aliasesOnlyForMutualTls()
{
    TestHttpServer server(TestHttpServer::Mode::Tls);
    server.on(QStringLiteral("/token"), tokenResponse);
    server.on(QStringLiteral("/mtls/token"), Response::json(500, QJsonObject{}));
    Client client;
    client.setRequestTimeout(10000);
    client.setSslConfiguration(sslConfiguration(false));
    client.setMetadata(metadataFor(server, true));
    client.setClientConfig(ClientConfig(QStringLiteral("secret-client"), QStringLiteral("s3cret")));

    TokenReply *reply = client.requestClientCredentials();
    QVERIFY(waitFinished(reply));
    QVERIFY2(!reply->error(), qPrintable(reply->error().errorString()));
    QCOMPARE(server.requestCount(QStringLiteral("/token")), 1);
    QCOMPARE(server.requestCount(QStringLiteral("/mtls/token")), 0);
    QVERIFY(server.lastRequest().peerCertificate.isNull());
    QCOMPARE(client.metadata().tokenEndpoint(), server.url(QStringLiteral("/token")));
    reply->deleteLater();
}

QTEST_GUILESS_MAIN(tst_TlsClientAuth)
#include "tst_tlsclientauth.moc"

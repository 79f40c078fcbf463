// SPDX-License-Identifier: BSD-3-Clause
// allowInsecureHttp permits http:// for loopback hosts only (127.0.0.0/8, ::1, localhost): for
// the issuer, every discovered endpoint (metadata naming another http host is refused), resource
// requests, the authorization URL, and any request of the transport, before any connection.
#include "testhttpserver.h"
#include "waitfinished.h"

#include "flows/authorizationrequest_p.h"
#include "protocol/jsonmembers_p.h"

#include <oauth4qt/client.h>
#include <oauth4qt/servermetadata.h>

#include <QtNetwork/QNetworkAccessManager>
#include <QtTest/QtTest>

using namespace OAuth4Qt;
using namespace OAuth4Qt::Test;

namespace {

// Counts every request the library hands to Qt (a refused URL must never get here).
class CountingManager : public QNetworkAccessManager
{
public:
    QList<QUrl> urls;

protected:
    QNetworkReply *createRequest(Operation op, const QNetworkRequest &request, QIODevice *data) override
    {
        urls.append(request.url());
        return QNetworkAccessManager::createRequest(op, request, data);
    }
};

} // namespace

class tst_LoopbackHttp : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void loopbackHosts_data();
    void loopbackHosts();
    void transportRefusesBeforeConnecting_data();
    void transportRefusesBeforeConnecting();
    void issuerNotLoopback();
    void discoveredEndpointNotLoopback_data();
    void discoveredEndpointNotLoopback();
    void metadataValidation();
    void resourceRequestNotLoopback();
    void authorizationUrl();
    void loopbackStillWorks();
};

void tst_LoopbackHttp::initTestCase()
{
    qRegisterMetaType<Error>();
}

void tst_LoopbackHttp::loopbackHosts_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<bool>("loopback");
    QTest::newRow("127.0.0.1") << QStringLiteral("http://127.0.0.1:8080/x") << true;
    QTest::newRow("127.255.255.254") << QStringLiteral("http://127.255.255.254/") << true;
    QTest::newRow("127.1.2.3") << QStringLiteral("http://127.1.2.3/") << true;
    QTest::newRow("::1") << QStringLiteral("http://[::1]:9/") << true;
    QTest::newRow("localhost") << QStringLiteral("http://localhost:1234/") << true;
    QTest::newRow("LOCALHOST") << QStringLiteral("http://LOCALHOST/") << true;
    QTest::newRow("10.0.0.1") << QStringLiteral("http://10.0.0.1/") << false;
    QTest::newRow("192.168.1.1") << QStringLiteral("http://192.168.1.1/") << false;
    QTest::newRow("128.0.0.1") << QStringLiteral("http://128.0.0.1/") << false;
    QTest::newRow("0.0.0.0") << QStringLiteral("http://0.0.0.0/") << false;
    QTest::newRow("::2") << QStringLiteral("http://[::2]/") << false;
    QTest::newRow("example.test") << QStringLiteral("http://example.test/") << false;
    QTest::newRow("localhost.example.test") << QStringLiteral("http://localhost.example.test/") << false;
    QTest::newRow("127.0.0.1.example.test") << QStringLiteral("http://127.0.0.1.example.test/") << false;
    QTest::newRow("app.localhost") << QStringLiteral("http://app.localhost/") << false;
}

void tst_LoopbackHttp::loopbackHosts()
{
    QFETCH(QString, url);
    QFETCH(bool, loopback);
    const QUrl u(url);
    QCOMPARE(isLoopbackUrl(u), loopback);
    QCOMPARE(insecureHttpAllowed(u, true), loopback);
    QVERIFY(!insecureHttpAllowed(u, false));
    QVERIFY(insecureHttpAllowed(QUrl(QString(url).replace(QLatin1String("http://"), QLatin1String("https://"))), false));
    HttpTransport transport;
    transport.setAllowInsecureHttp(true);
    const Error e = transport.checkUrl(u);
    QCOMPARE(bool(e), !loopback);
    if (e) {
        QCOMPARE(e.code(), ErrorCode::InsecureUrl);
        QCOMPARE(e.category(), ErrorCategory::Usage);
    }
}

void tst_LoopbackHttp::transportRefusesBeforeConnecting_data()
{
    QTest::addColumn<QString>("url");
    QTest::newRow("private address") << QStringLiteral("http://10.1.2.3/token");
    QTest::newRow("public name") << QStringLiteral("http://example.test/token");
    QTest::newRow("name starting with localhost") << QStringLiteral("http://localhost.example.test/token");
}

void tst_LoopbackHttp::transportRefusesBeforeConnecting()
{
    QFETCH(QString, url);
    CountingManager manager;
    HttpTransport transport;
    transport.setNetworkAccessManager(&manager);
    transport.setAllowInsecureHttp(true);
    HttpRequest request;
    request.method = "GET";
    request.url = QUrl(url);
    int callbacks = 0;
    Error error;
    transport.send(request, [&](const HttpResponse &, const Error &e) {
        ++callbacks;
        error = e;
    });
    QTRY_COMPARE(callbacks, 1);
    QCOMPARE(error.code(), ErrorCode::InsecureUrl);
    QVERIFY(manager.urls.isEmpty());
}

void tst_LoopbackHttp::issuerNotLoopback()
{
    CountingManager manager;
    Client client;
    client.setNetworkAccessManager(&manager);
    client.setAllowInsecureHttp(true);
    client.setIssuer(QUrl(QStringLiteral("http://192.0.2.10/realms/x")));
    std::unique_ptr<DiscoveryReply> reply(client.discover());
    QVERIFY(waitFinished(reply.get()));
    QCOMPARE(reply->error().code(), ErrorCode::InsecureUrl);
    QVERIFY(manager.urls.isEmpty());
    std::unique_ptr<TokenReply> token(client.requestClientCredentials());
    QVERIFY(waitFinished(token.get()));
    QCOMPARE(token->error().code(), ErrorCode::InsecureUrl);
    QVERIFY(manager.urls.isEmpty());
}

void tst_LoopbackHttp::discoveredEndpointNotLoopback_data()
{
    QTest::addColumn<QString>("member");
    for (const char *m : { "token_endpoint", "userinfo_endpoint", "jwks_uri", "registration_endpoint",
                           "introspection_endpoint", "revocation_endpoint", "pushed_authorization_request_endpoint",
                           "authorization_endpoint", "device_authorization_endpoint" })
        QTest::newRow(m) << QString::fromLatin1(m);
}

// The loopback fixture's metadata names an http:// endpoint on another host: discovery fails
// (the metadata is refused) and nothing but the discovery request ever left.
void tst_LoopbackHttp::discoveredEndpointNotLoopback()
{
    QFETCH(QString, member);
    TestHttpServer server;
    const QString base = server.url().toString();
    QJsonObject md{ { QStringLiteral("issuer"), base },
                    { QStringLiteral("token_endpoint"), QString(base + QLatin1String("/token")) },
                    { QStringLiteral("jwks_uri"), QString(base + QLatin1String("/jwks")) } };
    md.insert(member, QStringLiteral("http://203.0.113.5/endpoint"));
    server.on(QStringLiteral("/.well-known/openid-configuration"), Response::json(200, md));
    CountingManager manager;
    Client client;
    client.setNetworkAccessManager(&manager);
    client.setAllowInsecureHttp(true);
    client.setRequestTimeout(5000);
    client.setIssuer(server.url());
    client.setClientConfig(ClientConfig(QStringLiteral("app"), QStringLiteral("secret")));
    std::unique_ptr<TokenReply> reply(client.requestClientCredentials());
    QVERIFY(waitFinished(reply.get()));
    QCOMPARE(reply->error().code(), ErrorCode::InvalidMember);
    QCOMPARE(manager.urls.size(), 1);
    QCOMPARE(manager.urls.first().path(), QStringLiteral("/.well-known/openid-configuration"));
    QVERIFY(client.metadata().isNull());
}

void tst_LoopbackHttp::metadataValidation()
{
    const QJsonObject md{ { QStringLiteral("issuer"), QStringLiteral("http://127.0.0.1:1") },
                          { QStringLiteral("token_endpoint"), QStringLiteral("http://example.test/token") } };
    Error e;
    QVERIFY(ServerMetadata::fromJson(md, QUrl(QStringLiteral("http://127.0.0.1:1")), true, &e).isNull());
    QCOMPARE(e.code(), ErrorCode::InvalidMember);
    const QJsonObject ok{ { QStringLiteral("issuer"), QStringLiteral("http://127.0.0.1:1") },
                          { QStringLiteral("token_endpoint"), QStringLiteral("http://localhost:2/token") } };
    QVERIFY(!ServerMetadata::fromJson(ok, QUrl(QStringLiteral("http://127.0.0.1:1")), true, &e).isNull());
    QVERIFY(Members::checkUrlString(QStringLiteral("http://[::1]:3/cb"), QStringLiteral("x"), nullptr, true).code() == ErrorCode::NoError);
    QCOMPARE(Members::checkUrlString(QStringLiteral("http://10.0.0.1/cb"), QStringLiteral("x"), nullptr, true).code(),
             ErrorCode::InvalidMember);
}

void tst_LoopbackHttp::resourceRequestNotLoopback()
{
    CountingManager manager;
    Client client;
    client.setNetworkAccessManager(&manager);
    client.setAllowInsecureHttp(true);
    std::unique_ptr<ResourceReply> reply(client.resourceRequest("GET", QUrl(QStringLiteral("http://api.example.test/v1")),
                                                                QStringLiteral("at-1")));
    QVERIFY(waitFinished(reply.get()));
    QCOMPARE(reply->error().code(), ErrorCode::InsecureUrl);
    std::unique_ptr<JsonReply> prm(client.discoverProtectedResource(QUrl(QStringLiteral("http://api.example.test/v1"))));
    QVERIFY(waitFinished(prm.get()));
    QCOMPARE(prm->error().code(), ErrorCode::InsecureUrl);
    QVERIFY(manager.urls.isEmpty());
}

void tst_LoopbackHttp::authorizationUrl()
{
    Error e;
    QVERIFY(buildAuthorizationUrl(QUrl(QStringLiteral("http://idp.example.test/authorize")), {}, true, &e).isEmpty());
    QCOMPARE(e.code(), ErrorCode::InsecureUrl);
    QVERIFY(!buildAuthorizationUrl(QUrl(QStringLiteral("http://127.0.0.1:4/authorize")), {}, true, &e).isEmpty());
    QVERIFY(!e);
    QVERIFY(buildAuthorizationUrl(QUrl(QStringLiteral("http://127.0.0.1:4/authorize")), {}, false, &e).isEmpty());
    QCOMPARE(e.code(), ErrorCode::InsecureUrl);
}

void tst_LoopbackHttp::loopbackStillWorks()
{
    TestHttpServer server;
    const QString base = server.url().toString();
    server.on(QStringLiteral("/.well-known/openid-configuration"),
              Response::json(200, QJsonObject{ { QStringLiteral("issuer"), base },
                                               { QStringLiteral("token_endpoint"), QString(base + QLatin1String("/token")) } }));
    server.on(QStringLiteral("/token"), Response::json(200, QJsonObject{ { QStringLiteral("access_token"), QStringLiteral("at") },
                                                                        { QStringLiteral("token_type"), QStringLiteral("Bearer") } }));
    Client client;
    client.setAllowInsecureHttp(true);
    client.setRequestTimeout(5000);
    client.setIssuer(server.url());
    client.setClientConfig(ClientConfig(QStringLiteral("app"), QStringLiteral("secret")));
    std::unique_ptr<TokenReply> reply(client.requestClientCredentials());
    QVERIFY(waitFinished(reply.get()));
    QVERIFY2(!reply->error(), qPrintable(reply->error().errorString()));
    QCOMPARE(reply->tokens().accessToken(), QStringLiteral("at"));
}

QTEST_GUILESS_MAIN(tst_LoopbackHttp)
#include "tst_loopbackhttp.moc"

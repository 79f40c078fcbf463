// SPDX-License-Identifier: BSD-3-Clause
// Client: the asynchronous shell over discovery and the token endpoint (sections A, C, K at the
// API level): exactly one finished() per operation, never synchronous; shared discovery;
// usage errors before any request; redirects never followed with the client secret.
#include "testhttpserver.h"

#include <oauth4qt/client.h>
#include <oauth4qt/jws.h>

#include <QtCore/QJsonDocument>

#include <QtTest/QSignalSpy>
#include <QtTest/QtTest>

#include <type_traits>
#include <utility>

using namespace OAuth4Qt;
using namespace OAuth4Qt::Test;

namespace {

// The public API exposes only public types: Client once had a public transport() returning a
// type from a private header. Its return would have to be detected here (compile-time check).
template <typename T, typename = void>
struct HasTransport : std::false_type
{
};
template <typename T>
struct HasTransport<T, std::void_t<decltype(std::declval<T &>().transport())>> : std::true_type
{
};
static_assert(!HasTransport<Client>::value, "Client::transport() would expose a private type");

QJsonObject metadataJson(const TestHttpServer &server)
{
    const QString base = server.url().toString();
    return QJsonObject{ { QStringLiteral("issuer"), base },
                        { QStringLiteral("token_endpoint"), QString(base + QLatin1String("/token")) },
                        { QStringLiteral("jwks_uri"), QString(base + QLatin1String("/jwks")) } };
}

QJsonObject tokens()
{
    return QJsonObject{ { QStringLiteral("access_token"), QStringLiteral("at-1") },
                        { QStringLiteral("token_type"), QStringLiteral("Bearer") },
                        { QStringLiteral("expires_in"), 60 } };
}

Client *makeClient(const TestHttpServer &server, QObject *parent)
{
    auto *client = new Client(parent);
    client->setAllowInsecureHttp(true);
    client->setRequestTimeout(5000);
    client->setIssuer(server.url());
    client->setClientConfig(ClientConfig(QStringLiteral("app"), QStringLiteral("s3cret-value")));
    return client;
}

// Waits for \a reply to finish and checks it finished exactly once.
bool finishedOnce(Reply *reply, int timeoutMs = 8000)
{
    QSignalSpy spy(reply, &Reply::finished);
    if (!reply->isFinished() && !spy.wait(timeoutMs))
        return false;
    QTest::qWait(50); // a second emission would show up here
    return reply->isFinished() && spy.count() <= 1;
}

// An RS256 ID Token for client "app" from \a server, signed with \a key.
QString idToken(const TestHttpServer &server, const JsonWebKey &key)
{
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    const QJsonObject claims{ { QStringLiteral("iss"), server.url().toString() },
                              { QStringLiteral("aud"), QStringLiteral("app") },
                              { QStringLiteral("sub"), QStringLiteral("alice") },
                              { QStringLiteral("iat"), now },
                              { QStringLiteral("exp"), now + 300 } };
    return QString::fromLatin1(Jws::sign(QStringLiteral("RS256"), QJsonObject{ { QStringLiteral("kid"), key.keyId() } },
                                         QJsonDocument(claims).toJson(QJsonDocument::Compact), key));
}

QJsonObject jwks(const JsonWebKey &key)
{
    return QJsonObject{ { QStringLiteral("keys"), QJsonArray{ key.publicKey().toJson() } } };
}

} // namespace

class tst_Client : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void clientCredentialsWithAutoDiscovery();
    void concurrentOperationsShareOneDiscovery();
    void discoverReplacesMetadata();
    void issuerMismatchStopsBeforeTokenRequest();
    void missingTokenEndpointIsUsageError();
    void finishedIsNeverSynchronous();
    void abortFinishesOnceWithCancelled();
    void insecureIssuerRefusedWithoutRequest();
    void redirectAtTokenEndpointNotFollowed();
    void serverErrorTyped();
    void genericGrantParameters();
    void propertySignalsOnlyOnChange();
    void noIssuerNoMetadata();
    void idTokenWithoutJwksUri();
    void changedJwksUriIsUsed();
};

void tst_Client::clientCredentialsWithAutoDiscovery()
{
    TestHttpServer server;
    server.on(QStringLiteral("/.well-known/openid-configuration"), Response::json(200, metadataJson(server)));
    server.on(QStringLiteral("/token"), Response::json(200, tokens()));
    Client *client = makeClient(server, this);
    QSignalSpy metadataChanged(client, &Client::metadataChanged);
    TokenReply *reply = client->requestClientCredentials(QStringLiteral("api:read"));
    QVERIFY(finishedOnce(reply));
    QVERIFY2(!reply->error(), qPrintable(reply->error().errorString()));
    QCOMPARE(reply->tokens().accessToken(), QStringLiteral("at-1"));
    QCOMPARE(reply->tokens().scope(), QStringLiteral("api:read"));
    QCOMPARE(metadataChanged.count(), 1);
    QCOMPARE(client->metadata().tokenEndpoint(), server.url(QStringLiteral("/token")));
    const RecordedRequest token = server.requests(QStringLiteral("/token")).value(0);
    QCOMPARE(token.method, QByteArray("POST"));
    QCOMPARE(token.formValue(QStringLiteral("grant_type")), QStringLiteral("client_credentials"));
    QCOMPARE(token.formValue(QStringLiteral("scope")), QStringLiteral("api:read"));
    QVERIFY(token.header("authorization").startsWith("Basic "));
    QVERIFY(!token.hasHeader("cookie"));
    QVERIFY(token.header("user-agent").startsWith("oauth4qt/"));
    delete client;
}

void tst_Client::concurrentOperationsShareOneDiscovery()
{
    TestHttpServer server;
    server.on(QStringLiteral("/.well-known/openid-configuration"), Response::json(200, metadataJson(server)).delayed(100));
    server.on(QStringLiteral("/token"), Response::json(200, tokens()));
    Client *client = makeClient(server, this);
    QList<TokenReply *> replies;
    for (int i = 0; i < 10; ++i)
        replies.append(client->requestClientCredentials());
    for (TokenReply *reply : replies) {
        QVERIFY(finishedOnce(reply));
        QVERIFY(!reply->error());
    }
    QCOMPARE(server.requestCount(QStringLiteral("/.well-known/openid-configuration")), 1);
    QCOMPARE(server.requestCount(QStringLiteral("/token")), 10);
    delete client;
}

void tst_Client::discoverReplacesMetadata()
{
    TestHttpServer server;
    server.on(QStringLiteral("/.well-known/openid-configuration"), Response::json(200, metadataJson(server)));
    Client *client = makeClient(server, this);
    DiscoveryReply *first = client->discover();
    QVERIFY(finishedOnce(first));
    QVERIFY(!first->error());
    QCOMPARE(first->metadata().issuer(), server.url());
    DiscoveryReply *second = client->discover();
    QVERIFY(finishedOnce(second));
    QCOMPARE(server.requestCount(QStringLiteral("/.well-known/openid-configuration")), 2);
    delete client;
}

void tst_Client::issuerMismatchStopsBeforeTokenRequest()
{
    TestHttpServer server;
    QJsonObject md = metadataJson(server);
    md.insert(QStringLiteral("issuer"), QString(server.url().toString() + QLatin1Char('/'))); // A1
    server.on(QStringLiteral("/.well-known/openid-configuration"), Response::json(200, md));
    server.on(QStringLiteral("/token"), Response::json(200, tokens()));
    Client *client = makeClient(server, this);
    TokenReply *reply = client->requestClientCredentials();
    QVERIFY(finishedOnce(reply));
    QCOMPARE(reply->error().code(), ErrorCode::IssuerMismatch);
    QCOMPARE(reply->error().category(), ErrorCategory::InvalidResponse);
    QCOMPARE(server.requestCount(QStringLiteral("/token")), 0);
    QVERIFY(client->metadata().isNull());
    delete client;
}

void tst_Client::missingTokenEndpointIsUsageError()
{
    TestHttpServer server;
    server.on(QStringLiteral("/.well-known/openid-configuration"),
              Response::json(200, QJsonObject{ { QStringLiteral("issuer"), server.url().toString() } }));
    Client *client = makeClient(server, this);
    TokenReply *reply = client->requestClientCredentials();
    QVERIFY(finishedOnce(reply));
    QCOMPARE(reply->error().code(), ErrorCode::MissingEndpoint); // A8
    QCOMPARE(reply->error().category(), ErrorCategory::Usage);
    QCOMPARE(server.requestCount(), 1); // discovery only
    delete client;
}

void tst_Client::finishedIsNeverSynchronous()
{
    // Even a failure detected before any I/O is reported on a later event-loop turn, so a
    // caller can always connect after the call.
    Client client;
    TokenReply *reply = client.requestClientCredentials();
    QVERIFY(!reply->isFinished());
    QSignalSpy spy(reply, &Reply::finished);
    QVERIFY(spy.wait(2000));
    QCOMPARE(spy.count(), 1);
    QCOMPARE(reply->error().code(), ErrorCode::InvalidConfiguration);
    TokenReply *empty = client.refreshToken(QString());
    QVERIFY(!empty->isFinished());
    QVERIFY(finishedOnce(empty));
    QCOMPARE(empty->error().code(), ErrorCode::InvalidArgument);
}

void tst_Client::abortFinishesOnceWithCancelled()
{
    TestHttpServer server;
    server.on(QStringLiteral("/.well-known/openid-configuration"), Response::json(200, metadataJson(server)));
    server.on(QStringLiteral("/token"), Response::json(200, tokens()).delayed(300));
    Client *client = makeClient(server, this);
    TokenReply *reply = client->requestClientCredentials();
    QSignalSpy spy(reply, &Reply::finished);
    QTRY_COMPARE(server.requestCount(QStringLiteral("/token")), 1);
    reply->abort();
    QCOMPARE(spy.count(), 1);
    QCOMPARE(reply->error().code(), ErrorCode::Cancelled);
    QCOMPARE(reply->error().category(), ErrorCategory::Cancelled);
    reply->abort(); // idempotent
    QTest::qWait(500); // the server's late answer changes nothing
    QCOMPARE(spy.count(), 1);
    QVERIFY(reply->tokens().isNull());
    delete client;
}

void tst_Client::insecureIssuerRefusedWithoutRequest()
{
    TestHttpServer server;
    Client client;
    client.setIssuer(server.url()); // http://127.0.0.1:port without allowInsecureHttp
    client.setClientConfig(ClientConfig(QStringLiteral("app"), QStringLiteral("x")));
    TokenReply *reply = client.requestClientCredentials();
    QVERIFY(finishedOnce(reply));
    QCOMPARE(reply->error().code(), ErrorCode::InsecureUrl);
    QCOMPARE(reply->error().category(), ErrorCategory::Usage);
    QCOMPARE(server.requestCount(), 0);
}

void tst_Client::redirectAtTokenEndpointNotFollowed()
{
    TestHttpServer elsewhere;
    TestHttpServer server;
    server.on(QStringLiteral("/.well-known/openid-configuration"), Response::json(200, metadataJson(server)));
    server.on(QStringLiteral("/token"), Response::redirect(307, elsewhere.url(QStringLiteral("/steal"))));
    Client *client = makeClient(server, this);
    TokenReply *reply = client->requestClientCredentials();
    QVERIFY(finishedOnce(reply));
    QCOMPARE(reply->error().code(), ErrorCode::RedirectRefused); // C3 / K2
    QCOMPARE(reply->error().httpStatus(), 307);
    QCOMPARE(elsewhere.requestCount(), 0);
    QVERIFY(!reply->error().errorString().contains(QLatin1String("s3cret-value")));
    delete client;
}

void tst_Client::serverErrorTyped()
{
    TestHttpServer server;
    server.on(QStringLiteral("/.well-known/openid-configuration"), Response::json(200, metadataJson(server)));
    server.on(QStringLiteral("/token"),
              Response::json(400, QJsonObject{ { QStringLiteral("error"), QStringLiteral("invalid_scope") },
                                               { QStringLiteral("error_description"), QStringLiteral("nope") } }));
    Client *client = makeClient(server, this);
    TokenReply *reply = client->requestClientCredentials(QStringLiteral("bad"));
    QVERIFY(finishedOnce(reply));
    QCOMPARE(reply->error().category(), ErrorCategory::Server);
    QCOMPARE(reply->error().oauthError(), QStringLiteral("invalid_scope"));
    QCOMPARE(reply->error().oauthErrorDescription(), QStringLiteral("nope"));
    QCOMPARE(reply->error().httpStatus(), 400);
    QVERIFY(reply->error().technicalDetails().contains(QLatin1String("invalid_scope")));
    QVERIFY(reply->error().technicalDetails().contains(QLatin1String("nope")));
    // The user's sentence carries no technical detail.
    QVERIFY(!reply->error().errorString().contains(QLatin1String("invalid_scope")));
    QVERIFY(!reply->error().errorString().contains(QLatin1String("nope")));
    delete client;
}

void tst_Client::genericGrantParameters()
{
    TestHttpServer server;
    server.on(QStringLiteral("/.well-known/openid-configuration"), Response::json(200, metadataJson(server)));
    QJsonObject exchanged = tokens();
    exchanged.insert(QStringLiteral("token_type"), QStringLiteral("N_A"));
    exchanged.insert(QStringLiteral("issued_token_type"), QStringLiteral("urn:ietf:params:oauth:token-type:access_token"));
    server.on(QStringLiteral("/token"), Response::json(200, exchanged));
    Client *client = makeClient(server, this);
    TokenReply *reply = client->requestToken(
        QStringLiteral("urn:ietf:params:oauth:grant-type:token-exchange"),
        { { QStringLiteral("subject_token"), QStringLiteral("st") },
          { QStringLiteral("subject_token_type"), QStringLiteral("urn:ietf:params:oauth:token-type:access_token") },
          { QStringLiteral("resource"), QStringLiteral("https://a.example/") },
          { QStringLiteral("resource"), QStringLiteral("https://b.example/") } });
    QVERIFY(finishedOnce(reply));
    QVERIFY2(!reply->error(), qPrintable(reply->error().errorString()));
    QCOMPARE(reply->tokens().issuedTokenType(), QStringLiteral("urn:ietf:params:oauth:token-type:access_token"));
    const RecordedRequest r = server.lastRequest();
    QCOMPARE(r.formValues(QStringLiteral("resource")),
             (QStringList{ QStringLiteral("https://a.example/"), QStringLiteral("https://b.example/") }));
    QCOMPARE(r.formValue(QStringLiteral("subject_token")), QStringLiteral("st"));
    delete client;
}

void tst_Client::propertySignalsOnlyOnChange()
{
    Client client;
    QSignalSpy timeout(&client, &Client::requestTimeoutChanged);
    QSignalSpy insecure(&client, &Client::allowInsecureHttpChanged);
    QSignalSpy issuer(&client, &Client::issuerChanged);
    QSignalSpy tolerance(&client, &Client::clockToleranceChanged);
    QCOMPARE(client.requestTimeout(), 30000);
    QCOMPARE(client.clockTolerance(), 30);
    QCOMPARE(client.maxResponseSize(), qint64(1024 * 1024));
    client.setRequestTimeout(30000);
    client.setRequestTimeout(1000);
    client.setRequestTimeout(1000);
    client.setAllowInsecureHttp(false);
    client.setAllowInsecureHttp(true);
    client.setIssuer(QUrl(QStringLiteral("https://a.example")));
    client.setIssuer(QUrl(QStringLiteral("https://a.example")));
    client.setClockTolerance(30);
    QCOMPARE(timeout.count(), 1);
    QCOMPARE(insecure.count(), 1);
    QCOMPARE(issuer.count(), 1);
    QCOMPARE(tolerance.count(), 0);
}

void tst_Client::noIssuerNoMetadata()
{
    Client client;
    client.setClientConfig(ClientConfig(QStringLiteral("app")));
    DiscoveryReply *reply = client.discover();
    QVERIFY(finishedOnce(reply));
    QCOMPARE(reply->error().code(), ErrorCode::InvalidConfiguration);
}

// A8: an ID Token must be validated but the metadata has no jwks_uri: a configuration error,
// and no request goes anywhere for keys.
void tst_Client::idTokenWithoutJwksUri()
{
    TestHttpServer server;
    JsonWebKey key = JsonWebKey::generate(QStringLiteral("RS256"));
    key.setKeyId(QStringLiteral("k1"));
    QJsonObject md = metadataJson(server);
    md.remove(QStringLiteral("jwks_uri"));
    server.on(QStringLiteral("/.well-known/openid-configuration"), Response::json(200, md));
    QJsonObject body = tokens();
    body.insert(QStringLiteral("id_token"), idToken(server, key));
    server.on(QStringLiteral("/token"), Response::json(200, body));
    Client *client = makeClient(server, this);
    TokenReply *reply = client->requestClientCredentials(QStringLiteral("openid"));
    QVERIFY(finishedOnce(reply));
    QCOMPARE(reply->error().code(), ErrorCode::MissingEndpoint);
    QCOMPARE(reply->error().category(), ErrorCategory::Usage);
    QCOMPARE(server.requestCount(QStringLiteral("/jwks")), 0);
    QVERIFY(reply->tokens().isNull());
    delete client;
}

// A13: when the metadata's jwks_uri changes, keys come from the new address.
void tst_Client::changedJwksUriIsUsed()
{
    TestHttpServer server;
    JsonWebKey oldKey = JsonWebKey::generate(QStringLiteral("RS256"));
    oldKey.setKeyId(QStringLiteral("old"));
    JsonWebKey newKey = JsonWebKey::generate(QStringLiteral("RS256"));
    newKey.setKeyId(QStringLiteral("new"));
    server.on(QStringLiteral("/jwks"), Response::json(200, jwks(oldKey)));
    server.on(QStringLiteral("/jwks2"), Response::json(200, jwks(newKey)));
    auto signedBy = std::make_shared<JsonWebKey>(oldKey);
    server.on(QStringLiteral("/token"), [&server, signedBy](const RecordedRequest &) {
        QJsonObject body = tokens();
        body.insert(QStringLiteral("id_token"), idToken(server, *signedBy));
        return Response::json(200, body);
    });
    Client *client = makeClient(server, this);
    Error error;
    client->setMetadata(ServerMetadata::fromJson(metadataJson(server), server.url(), true, &error));
    QVERIFY(!error);
    TokenReply *first = client->requestClientCredentials(QStringLiteral("openid"));
    QVERIFY(finishedOnce(first));
    QVERIFY2(!first->error(), qPrintable(first->error().errorString()));
    QCOMPARE(first->tokens().idTokenClaims().value(QLatin1String("sub")).toString(), QStringLiteral("alice"));

    QJsonObject md = metadataJson(server);
    md.insert(QStringLiteral("jwks_uri"), QString(server.url().toString() + QLatin1String("/jwks2")));
    client->setMetadata(ServerMetadata::fromJson(md, server.url(), true, &error));
    *signedBy = newKey;
    TokenReply *second = client->requestClientCredentials(QStringLiteral("openid"));
    QVERIFY(finishedOnce(second));
    QVERIFY2(!second->error(), qPrintable(second->error().errorString()));
    QCOMPARE(server.requestCount(QStringLiteral("/jwks")), 1);
    QCOMPARE(server.requestCount(QStringLiteral("/jwks2")), 1);
    delete client;
}

QTEST_GUILESS_MAIN(tst_Client)
#include "tst_client.moc"

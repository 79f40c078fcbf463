// SPDX-License-Identifier: BSD-3-Clause
// Object lifetimes the way applications hold the library: every asynchronous type is deleted,
// and aborted, at each stage (before the request leaves, in flight against a silent server,
// during validation with the JWKS fetch pending or queued, inside its own finished handler), and
// the Client is deleted from handlers and under running flows. Each case: at most one result
// signal, none after deletion, and no callback into a deleted object (run it under the asan
// preset and valgrind). Handlers that count use the test object as context, never the object
// under test, so a signal from a destructor would be seen.
#include <oauth4qt/authorizationcodeflow.h>
#include <oauth4qt/backchannelauthenticationflow.h>
#include <oauth4qt/client.h>
#include <oauth4qt/deviceauthorizationflow.h>
#include <oauth4qt/loopbacklistener.h>
#include <oauth4qt/registrationreply.h>
#include <oauth4qt/reply.h>
#include <oauth4qt/resourcereply.h>
#include <oauth4qt/tokenstore.h>
#include <oauth4qt/urischemehandler.h>

#include "../../session/sessiontestutil.h"

#include <QtCore/QPointer>
#include <QtCore/QUrlQuery>
#include <QtNetwork/QNetworkAccessManager>
#include <QtNetwork/QNetworkReply>
#include <QtNetwork/QTcpSocket>
#include <QtTest/QtTest>

using namespace OAuth4Qt;
using namespace OAuth4Qt::Test;
using namespace SessionTest;

namespace {

enum class Kind { Token, Discovery, Json, Registration, Resource };
enum class Stage { BeforeSend, InFlight, Validation, InsideFinished };
enum class Action { Delete, Abort };

const char *kindName(Kind k)
{
    switch (k) {
    case Kind::Token: return "TokenReply";
    case Kind::Discovery: return "DiscoveryReply";
    case Kind::Json: return "JsonReply";
    case Kind::Registration: return "RegistrationReply";
    case Kind::Resource: return "ResourceReply";
    }
    return "?";
}

const char *stageName(Stage s)
{
    switch (s) {
    case Stage::BeforeSend: return "before the request leaves";
    case Stage::InFlight: return "in flight";
    case Stage::Validation: return "JWKS fetch pending";
    case Stage::InsideFinished: return "inside finished";
    }
    return "?";
}

const QString kRedirect = QStringLiteral("com.example.app:/cb");

} // namespace

Q_DECLARE_METATYPE(Kind)
Q_DECLARE_METATYPE(Stage)
Q_DECLARE_METATYPE(Action)

class tst_Lifetimes : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();

    // Replies
    void replies_data();
    void replies();
    void deleteClientFromReplyHandler_data();
    void deleteClientFromReplyHandler();
    void deleteClientWithRepliesInFlight();
    void reparentedReplyOutlivesClient();
    void finishedReplyFreesItsHttpObjects_data();
    void finishedReplyFreesItsHttpObjects();

    // AuthorizationCodeFlow
    void codeFlow_data();
    void codeFlow();
    void codeFlowJarmKeysQueued();
    void codeFlowDeleteInsideHandler_data();
    void codeFlowDeleteInsideHandler();
    void codeFlowClientDeleted_data();
    void codeFlowClientDeleted();
    void codeFlowRedirectHandlerDeleted();

    // DeviceAuthorizationFlow and BackchannelAuthenticationFlow
    void pollingFlow_data();
    void pollingFlow();
    void pollingFlowClientDeleted_data();
    void pollingFlowClientDeleted();
    void pollingFlowDeletedWithClient_data();
    void pollingFlowDeletedWithClient();

    // LoopbackListener
    void listenerDeletedInsideCallback();
    void listenerDeletedInsideRejection();
    void listenerDeletedWithOpenConnection();
    void uriSchemeHandlerDeletedInsideCallback();

    // Token stores
    void memoryStoreDeletedWithPendingCallbacks();
    void keychainStoreDeletedWithPendingJob();

private:
    Client *newClient(bool withMetadata = true);
    Reply *makeReply(Client *client, Kind kind, Stage stage);
    static QString endpointOf(Kind kind, Stage stage);
    //! Lets everything queued, timed or on the wire come in: a bounded wait plus one round trip.
    void settle();
    AuthorizationCodeFlow *newCodeFlow(Client *client, bool jarm);
    QString stateOf(const QUrl &authorizationUrl) const;
    QString jarmResponse(const QString &state) const;

    std::unique_ptr<TestHttpServer> m_server;
    QPointer<Client> m_client;
    QPointer<UriSchemeHandler> m_handler;
    QList<QUrl> m_opened;
    int m_callbacks = 0; //!< handler calls with the test object as context
};

void tst_Lifetimes::init()
{
    m_server = std::make_unique<TestHttpServer>();
    m_opened.clear();
    m_callbacks = 0;
    const QString base = m_server->url().toString();
    m_server->on(QStringLiteral("/.well-known/openid-configuration"),
                 Response::json(200, metadataFor(*m_server, { { QStringLiteral("registration_endpoint"),
                                                                QString(base + QLatin1String("/register")) } })
                                         .toJson()));
    m_server->on(QStringLiteral("/token"), Response::json(200, tokenJson(QStringLiteral("at-1"), QStringLiteral("Bearer"))));
    m_server->on(QStringLiteral("/jwks"), Response::json(200, testJwks()));
    m_server->on(QStringLiteral("/userinfo"), Response::json(200, QJsonObject{ { QStringLiteral("sub"), QStringLiteral("alice") } }));
    m_server->on(QStringLiteral("/register"),
                 Response::json(201, QJsonObject{ { QStringLiteral("client_id"), QStringLiteral("new-client") },
                                                  { QStringLiteral("token_endpoint_auth_method"), QStringLiteral("none") } }));
    m_server->on(QStringLiteral("/resource"), Response::text(200, "hello"));
    m_server->on(QStringLiteral("/settle"), Response::text(200, "ok"));
    m_server->on(QStringLiteral("/device"),
                 Response::json(200, QJsonObject{ { QStringLiteral("device_code"), QStringLiteral("dc-1") },
                                                  { QStringLiteral("user_code"), QStringLiteral("ABCD-EFGH") },
                                                  { QStringLiteral("verification_uri"), QStringLiteral("https://example.com/device") },
                                                  { QStringLiteral("expires_in"), 600 },
                                                  { QStringLiteral("interval"), 1 } }));
    m_server->on(QStringLiteral("/bc-authorize"),
                 Response::json(200, QJsonObject{ { QStringLiteral("auth_req_id"), QStringLiteral("req-1") },
                                                  { QStringLiteral("expires_in"), 600 },
                                                  { QStringLiteral("interval"), 1 } }));
}

void tst_Lifetimes::cleanup()
{
    delete m_client;
    delete m_handler;
    settle();
    m_server.reset();
}

Client *tst_Lifetimes::newClient(bool withMetadata)
{
    Client *client = nullptr;
    if (withMetadata) {
        client = makeClient(*m_server, nullptr);
        client->setMetadata(metadataFor(*m_server, { { QStringLiteral("registration_endpoint"),
                                                       m_server->url(QStringLiteral("/register")).toString() } }));
    } else {
        client = new Client;
        client->setAllowInsecureHttp(true);
        client->setIssuer(m_server->url());
        ClientConfig config(QStringLiteral("client-1"));
        config.setAuthMethod(ClientConfig::AuthMethod::None);
        client->setClientConfig(config);
    }
    m_client = client;
    return client;
}

void tst_Lifetimes::settle()
{
    QTest::qWait(50);
    HttpTransport transport;
    transport.setAllowInsecureHttp(true);
    HttpRequest request;
    request.url = m_server ? m_server->url(QStringLiteral("/settle")) : QUrl();
    if (m_server)
        sendAndWait(transport, request, 5000);
    QCoreApplication::processEvents();
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
}

QString tst_Lifetimes::endpointOf(Kind kind, Stage stage)
{
    if (stage == Stage::Validation)
        return QStringLiteral("/jwks");
    switch (kind) {
    case Kind::Token: return QStringLiteral("/token");
    case Kind::Discovery: return QStringLiteral("/.well-known/openid-configuration");
    case Kind::Json: return QStringLiteral("/userinfo");
    case Kind::Registration: return QStringLiteral("/register");
    case Kind::Resource: return QStringLiteral("/resource");
    }
    return {};
}

Reply *tst_Lifetimes::makeReply(Client *client, Kind kind, Stage stage)
{
    switch (kind) {
    case Kind::Token:
        if (stage == Stage::Validation) {
            // An ID Token in the response: validated against the JWKS.
            QJsonObject body = tokenJson(QStringLiteral("at-1"), QStringLiteral("Bearer"));
            body.insert(QStringLiteral("id_token"), signedIdToken(*m_server, QStringLiteral("client-1")));
            m_server->on(QStringLiteral("/token"), Response::json(200, body));
        }
        return client->requestClientCredentials(QStringLiteral("api"));
    case Kind::Discovery:
        return client->discover();
    case Kind::Json:
        if (stage == Stage::Validation) {
            // An RFC 9068 access token: validated against the JWKS.
            const qint64 now = QDateTime::currentSecsSinceEpoch();
            const QJsonObject claims{ { QStringLiteral("iss"), m_server->url().toString() },
                                      { QStringLiteral("aud"), QStringLiteral("api") },
                                      { QStringLiteral("sub"), QStringLiteral("alice") },
                                      { QStringLiteral("client_id"), QStringLiteral("client-1") },
                                      { QStringLiteral("jti"), QStringLiteral("j1") },
                                      { QStringLiteral("iat"), now },
                                      { QStringLiteral("exp"), now + 300 } };
            const QByteArray jwt = Jws::sign(QStringLiteral("RS256"),
                                             QJsonObject{ { QStringLiteral("kid"), testSigningKey().keyId() },
                                                          { QStringLiteral("typ"), QStringLiteral("at+jwt") } },
                                             QJsonDocument(claims).toJson(QJsonDocument::Compact), testSigningKey());
            return client->validateAccessToken(QString::fromLatin1(jwt), QStringLiteral("api"));
        }
        return client->userInfo(QStringLiteral("at-1"));
    case Kind::Registration:
        return client->registerClient(QJsonObject{ { QStringLiteral("redirect_uris"), QJsonArray{ kRedirect } } });
    case Kind::Resource:
        return client->resourceRequest("GET", m_server->url(QStringLiteral("/resource")), QStringLiteral("at-1"));
    }
    return nullptr;
}

// ---- Replies ---------------------------------------------------------------------------------

void tst_Lifetimes::replies_data()
{
    QTest::addColumn<Kind>("kind");
    QTest::addColumn<Stage>("stage");
    QTest::addColumn<Action>("action");
    for (Kind kind : { Kind::Token, Kind::Discovery, Kind::Json, Kind::Registration, Kind::Resource }) {
        for (Stage stage : { Stage::BeforeSend, Stage::InFlight, Stage::Validation, Stage::InsideFinished }) {
            if (stage == Stage::Validation && kind != Kind::Token && kind != Kind::Json)
                continue;
            for (Action action : { Action::Delete, Action::Abort }) {
                QTest::addRow("%s, %s, %s", kindName(kind), stageName(stage), action == Action::Delete ? "delete" : "abort")
                    << kind << stage << action;
            }
        }
    }
}

void tst_Lifetimes::replies()
{
    QFETCH(Kind, kind);
    QFETCH(Stage, stage);
    QFETCH(Action, action);

    const QString silent = endpointOf(kind, stage);
    if (stage == Stage::InFlight || stage == Stage::Validation)
        m_server->on(silent, Response::neverAnswer());
    Client *client = newClient(kind != Kind::Discovery);

    QPointer<Reply> reply = makeReply(client, kind, stage);
    QVERIFY(reply);
    QSignalSpy finished(reply.data(), &Reply::finished);
    // A normal handler that reads the result (the test object is the context, not the reply).
    connect(reply.data(), &Reply::finished, this, [this, reply, kind, stage, action] {
        ++m_callbacks;
        QVERIFY(reply);
        if (auto *r = qobject_cast<TokenReply *>(reply.data()))
            (void)r->tokens().accessToken();
        else if (auto *r = qobject_cast<DiscoveryReply *>(reply.data()))
            (void)r->metadata().issuer();
        else if (auto *r = qobject_cast<RegistrationReply *>(reply.data()))
            (void)r->clientConfig().clientId();
        else if (auto *r = qobject_cast<JsonReply *>(reply.data()))
            (void)r->result().keys();
        else if (auto *r = qobject_cast<ResourceReply *>(reply.data()))
            (void)r->body().size();
        (void)reply->error().errorString();
        if (stage == Stage::InsideFinished) {
            if (action == Action::Delete)
                delete reply.data();
            else
                reply->abort(); // already finished: nothing happens
        }
        Q_UNUSED(kind)
    });

    switch (stage) {
    case Stage::BeforeSend:
        break;
    case Stage::InFlight:
    case Stage::Validation:
        QTRY_VERIFY_WITH_TIMEOUT(m_server->requestCount(silent) > 0, 10000);
        QVERIFY(!reply->isFinished());
        break;
    case Stage::InsideFinished:
        QTRY_VERIFY_WITH_TIMEOUT(!reply || reply->isFinished(), 10000);
        break;
    }

    if (stage != Stage::InsideFinished) {
        if (action == Action::Delete) {
            delete reply.data();
        } else {
            reply->abort();
            QCOMPARE(finished.size(), 1);
            QCOMPARE(reply->error().code(), ErrorCode::Cancelled);
            reply->abort(); // a second abort does nothing
        }
    }
    settle();

    const int expected = (action == Action::Abort || stage == Stage::InsideFinished) ? 1 : 0;
    QCOMPARE(finished.size(), expected);
    QCOMPARE(m_callbacks, expected);
    if (action == Action::Delete)
        QVERIFY(!reply);
    delete reply.data();
}

void tst_Lifetimes::deleteClientFromReplyHandler_data()
{
    QTest::addColumn<Kind>("kind");
    QTest::addColumn<bool>("validation");
    for (Kind kind : { Kind::Token, Kind::Discovery, Kind::Json, Kind::Registration, Kind::Resource })
        QTest::addRow("%s", kindName(kind)) << kind << false;
    QTest::addRow("TokenReply after ID Token validation") << Kind::Token << true;
    QTest::addRow("JsonReply after JWT validation") << Kind::Json << true;
}

void tst_Lifetimes::deleteClientFromReplyHandler()
{
    QFETCH(Kind, kind);
    QFETCH(bool, validation);
    Client *client = newClient(kind != Kind::Discovery);
    QPointer<Reply> reply = makeReply(client, kind, validation ? Stage::Validation : Stage::InFlight);
    // A second reply still under way when the Client goes: deleted with it, silently.
    m_server->on(QStringLiteral("/slow"), Response::neverAnswer());
    QPointer<Reply> other = client->resourceRequest("GET", m_server->url(QStringLiteral("/slow")), QStringLiteral("at"));
    int otherFinished = 0;
    connect(other.data(), &Reply::finished, this, [&otherFinished] { ++otherFinished; });
    QSignalSpy finished(reply.data(), &Reply::finished);
    connect(reply.data(), &Reply::finished, this, [this, reply] {
        ++m_callbacks;
        QVERIFY(reply);
        delete m_client.data(); // takes the reply (its child) with it
    });
    QTRY_VERIFY_WITH_TIMEOUT(!m_client, 10000);
    settle();
    QCOMPARE(finished.size(), 1);
    QCOMPARE(m_callbacks, 1);
    QVERIFY(!reply);
    QVERIFY(!other);
    QCOMPARE(otherFinished, 0);
}

void tst_Lifetimes::deleteClientWithRepliesInFlight()
{
    // Replies are children of their Client: deleting it deletes them, silently, at every stage.
    for (const char *path : { "/token", "/jwks", "/userinfo", "/register", "/resource" })
        m_server->on(QString::fromLatin1(path), Response::neverAnswer());
    Client *client = newClient();
    QList<QPointer<Reply>> replies;
    for (Kind kind : { Kind::Token, Kind::Json, Kind::Registration, Kind::Resource })
        replies.append(makeReply(client, kind, Stage::InFlight));
    replies.append(makeReply(client, Kind::Json, Stage::Validation));
    replies.append(client->requestClientCredentials()); // never sent
    for (const auto &r : std::as_const(replies))
        connect(r.data(), &Reply::finished, this, [this] { ++m_callbacks; });
    QTRY_VERIFY_WITH_TIMEOUT(m_server->requestCount(QStringLiteral("/jwks")) > 0, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(m_server->requestCount(QStringLiteral("/token")) > 0, 10000);
    delete client;
    settle();
    QCOMPARE(m_callbacks, 0);
    for (const auto &r : std::as_const(replies))
        QVERIFY(!r);
}

void tst_Lifetimes::reparentedReplyOutlivesClient()
{
    // A reply the application moved to another parent ends once with InvalidState when its
    // Client goes (asynchronously), instead of never.
    m_server->on(QStringLiteral("/token"), Response::neverAnswer());
    Client *client = newClient();
    QObject holder;
    QPointer<TokenReply> reply = client->requestClientCredentials();
    reply->setParent(&holder);
    QSignalSpy finished(reply.data(), &Reply::finished);
    QTRY_VERIFY_WITH_TIMEOUT(m_server->requestCount(QStringLiteral("/token")) > 0, 10000);
    delete client;
    QCOMPARE(finished.size(), 0); // never from inside delete
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 10000);
    QCOMPARE(reply->error().code(), ErrorCode::InvalidState);
    settle();
    QCOMPARE(finished.size(), 1);
}

// A finished reply keeps its spent HTTP call (and that call's QNetworkReply) and frees both when
// it is deleted: whether from the event loop, synchronously inside its own finished handler (the
// QNetworkReply is then still emitting, and goes from the event loop), after the application's
// manager, or after the Client. Nothing is left in the manager, nothing is freed twice.
void tst_Lifetimes::finishedReplyFreesItsHttpObjects_data()
{
    QTest::addColumn<QString>("how");
    for (const char *how : { "deleteLater", "delete inside finished", "manager deleted first", "client deleted first" })
        QTest::newRow(how) << QString::fromLatin1(how);
}

void tst_Lifetimes::finishedReplyFreesItsHttpObjects()
{
    QFETCH(QString, how);
    auto *manager = new QNetworkAccessManager;
    QPointer<QNetworkAccessManager> managerGuard(manager);
    Client *client = newClient();
    client->setNetworkAccessManager(manager);
    QObject holder;
    QPointer<TokenReply> reply = client->requestClientCredentials();
    reply->setParent(&holder);
    QPointer<QNetworkReply> networkReply;
    connect(manager, &QNetworkAccessManager::finished, this, [&](QNetworkReply *r) { networkReply = r; });
    connect(reply.data(), &Reply::finished, this, [&] {
        ++m_callbacks;
        if (how == QLatin1String("delete inside finished"))
            delete reply.data();
    });
    QTRY_COMPARE_WITH_TIMEOUT(m_callbacks, 1, 10000);
    if (how != QLatin1String("delete inside finished"))
        QVERIFY(networkReply);
    if (how == QLatin1String("deleteLater")) {
        QVERIFY(!reply->error());
        QCOMPARE(reply->tokens().accessToken(), QStringLiteral("at-1"));
        QTest::qWait(20);
        QVERIFY(networkReply); // kept by the finished reply until the reply goes
        reply->deleteLater();
    } else if (how == QLatin1String("manager deleted first")) {
        delete manager;
        QVERIFY(!networkReply);
        delete reply.data();
    } else if (how == QLatin1String("client deleted first")) {
        delete client;
        QVERIFY(reply);
        QVERIFY(!reply->error());
        delete reply.data();
    }
    settle();
    QVERIFY(!reply);
    QVERIFY(!networkReply);
    if (managerGuard)
        QVERIFY(managerGuard->findChildren<QNetworkReply *>().isEmpty());
    QCOMPARE(m_callbacks, 1);
    delete m_client.data();
    delete managerGuard.data();
}

// ---- AuthorizationCodeFlow ---------------------------------------------------------------------

AuthorizationCodeFlow *tst_Lifetimes::newCodeFlow(Client *client, bool jarm)
{
    auto *flow = new AuthorizationCodeFlow;
    if (client)
        flow->setClient(client);
    flow->setScope(QStringLiteral("api"));
    flow->setJarm(jarm);
    flow->setTimeout(60000);
    if (!m_handler)
        m_handler = new UriSchemeHandler(QUrl(kRedirect));
    flow->setRedirectHandler(m_handler);
    flow->setBrowserOpener([this](const QUrl &url) {
        m_opened.append(url);
        return true;
    });
    return flow;
}

QString tst_Lifetimes::stateOf(const QUrl &authorizationUrl) const
{
    return QUrlQuery(authorizationUrl).queryItemValue(QStringLiteral("state"), QUrl::FullyDecoded);
}

QString tst_Lifetimes::jarmResponse(const QString &state) const
{
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    const QJsonObject claims{ { QStringLiteral("iss"), m_server->url().toString() },
                              { QStringLiteral("aud"), QStringLiteral("client-1") },
                              { QStringLiteral("exp"), now + 120 },
                              { QStringLiteral("iat"), now },
                              { QStringLiteral("state"), state },
                              { QStringLiteral("code"), QStringLiteral("jarm-code") } };
    return QString::fromLatin1(Jws::sign(QStringLiteral("RS256"), QJsonObject{ { QStringLiteral("kid"), testSigningKey().keyId() } },
                                         QJsonDocument(claims).toJson(QJsonDocument::Compact), testSigningKey()));
}

void tst_Lifetimes::codeFlow_data()
{
    QTest::addColumn<QString>("stage");
    QTest::addColumn<Action>("action");
    for (const char *stage : { "before the request leaves", "discovery in flight", "awaiting the browser",
                               "JARM, JWKS fetch pending", "exchanging" }) {
        QTest::addRow("%s, delete", stage) << QString::fromLatin1(stage) << Action::Delete;
        QTest::addRow("%s, cancel", stage) << QString::fromLatin1(stage) << Action::Abort;
    }
}

void tst_Lifetimes::codeFlow()
{
    QFETCH(QString, stage);
    QFETCH(Action, action);
    const bool discovery = stage == QLatin1String("discovery in flight");
    const bool jarm = stage.startsWith(QLatin1String("JARM"));
    if (discovery)
        m_server->on(QStringLiteral("/.well-known/openid-configuration"), Response::neverAnswer());
    if (jarm)
        m_server->on(QStringLiteral("/jwks"), Response::neverAnswer());
    if (stage == QLatin1String("exchanging"))
        m_server->on(QStringLiteral("/token"), Response::neverAnswer());
    Client *client = newClient(!discovery);
    QPointer<AuthorizationCodeFlow> flow = newCodeFlow(client, jarm);
    QSignalSpy granted(flow.data(), &AuthorizationCodeFlow::granted);
    QSignalSpy failed(flow.data(), &AuthorizationCodeFlow::failed);
    connect(flow.data(), &AuthorizationCodeFlow::failed, this, [this] { ++m_callbacks; });
    connect(flow.data(), &AuthorizationCodeFlow::granted, this, [this] { ++m_callbacks; });
    flow->start();

    if (discovery) {
        QTRY_VERIFY_WITH_TIMEOUT(m_server->requestCount(QStringLiteral("/.well-known/openid-configuration")) > 0, 10000);
    } else if (stage != QLatin1String("before the request leaves")) {
        QTRY_COMPARE_WITH_TIMEOUT(m_opened.size(), 1, 10000);
        const QString state = stateOf(m_opened.first());
        if (jarm) {
            QVERIFY(m_handler->handleUrl(QUrl(kRedirect + QStringLiteral("?response=") + jarmResponse(state))));
            QTRY_VERIFY_WITH_TIMEOUT(m_server->requestCount(QStringLiteral("/jwks")) > 0, 10000);
        } else if (stage == QLatin1String("exchanging")) {
            QVERIFY(m_handler->handleUrl(QUrl(kRedirect + QStringLiteral("?code=c1&state=") + state)));
            QTRY_VERIFY_WITH_TIMEOUT(m_server->requestCount(QStringLiteral("/token")) > 0, 10000);
            QCOMPARE(flow->status(), AuthorizationCodeFlow::Status::Exchanging);
        }
    }
    QCOMPARE(m_callbacks, 0);
    if (action == Action::Delete) {
        delete flow.data();
    } else {
        flow->cancel();
        QCOMPARE(failed.size(), 1);
        QCOMPARE(flow->error().code(), ErrorCode::Cancelled);
    }
    settle();
    QCOMPARE(granted.size(), 0);
    QCOMPARE(failed.size(), action == Action::Abort ? 1 : 0);
    QCOMPARE(m_callbacks, action == Action::Abort ? 1 : 0);
    QVERIFY(!m_handler->isActive());
    delete flow.data();
}

void tst_Lifetimes::codeFlowJarmKeysQueued()
{
    // The JWKS is cached: the JARM response is validated from a queued call. Deleting the flow
    // right after the callback (before the event loop runs) must not run it on the freed flow.
    Client *client = newClient();
    {
        AuthorizationCodeFlow *warm = newCodeFlow(client, true);
        QSignalSpy granted(warm, &AuthorizationCodeFlow::granted);
        warm->start();
        QTRY_COMPARE_WITH_TIMEOUT(m_opened.size(), 1, 10000);
        QVERIFY(m_handler->handleUrl(QUrl(kRedirect + QStringLiteral("?response=") + jarmResponse(stateOf(m_opened.first())))));
        QTRY_COMPARE_WITH_TIMEOUT(granted.size(), 1, 10000);
        delete warm;
    }
    const int jwksFetches = m_server->requestCount(QStringLiteral("/jwks"));
    QCOMPARE(jwksFetches, 1);
    m_opened.clear();
    for (bool viaDeleteLater : { false, true }) {
        m_opened.clear();
        QPointer<AuthorizationCodeFlow> flow = newCodeFlow(client, true);
        connect(flow.data(), &AuthorizationCodeFlow::granted, this, [this] { ++m_callbacks; });
        connect(flow.data(), &AuthorizationCodeFlow::failed, this, [this] { ++m_callbacks; });
        flow->start();
        QTRY_COMPARE_WITH_TIMEOUT(m_opened.size(), 1, 10000);
        QVERIFY(m_handler->handleUrl(QUrl(kRedirect + QStringLiteral("?response=") + jarmResponse(stateOf(m_opened.first())))));
        if (viaDeleteLater) {
            // deleteLater() processed before the queued validation runs.
            flow->deleteLater();
            QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
        } else {
            delete flow.data();
        }
        settle();
        QVERIFY(!flow);
        QCOMPARE(m_callbacks, 0);
    }
    QCOMPARE(m_server->requestCount(QStringLiteral("/jwks")), jwksFetches);
    QCOMPARE(m_server->requestCount(QStringLiteral("/token")), 1); // only the warm-up exchanged
}

void tst_Lifetimes::codeFlowDeleteInsideHandler_data()
{
    QTest::addColumn<bool>("success");
    QTest::addColumn<bool>("deleteClient");
    QTest::newRow("granted, delete the flow") << true << false;
    QTest::newRow("failed, delete the flow") << false << false;
    QTest::newRow("granted, delete the Client") << true << true;
    QTest::newRow("failed, delete the Client") << false << true;
}

void tst_Lifetimes::codeFlowDeleteInsideHandler()
{
    QFETCH(bool, success);
    QFETCH(bool, deleteClient);
    if (!success)
        m_server->on(QStringLiteral("/token"), Response::json(400, QJsonObject{ { QStringLiteral("error"), QStringLiteral("invalid_grant") } }));
    Client *client = newClient();
    QPointer<AuthorizationCodeFlow> flow = newCodeFlow(client, false);
    QSignalSpy granted(flow.data(), &AuthorizationCodeFlow::granted);
    QSignalSpy failed(flow.data(), &AuthorizationCodeFlow::failed);
    auto handler = [this, flow, deleteClient] {
        ++m_callbacks;
        QVERIFY(flow);
        if (deleteClient)
            delete m_client.data();
        else
            delete flow.data();
    };
    connect(flow.data(), &AuthorizationCodeFlow::granted, this, handler);
    connect(flow.data(), &AuthorizationCodeFlow::failed, this, handler);
    flow->start();
    QTRY_COMPARE_WITH_TIMEOUT(m_opened.size(), 1, 10000);
    QVERIFY(m_handler->handleUrl(QUrl(kRedirect + QStringLiteral("?code=c1&state=") + stateOf(m_opened.first()))));
    QTRY_COMPARE_WITH_TIMEOUT(m_callbacks, 1, 10000);
    settle();
    QCOMPARE(m_callbacks, 1);
    QCOMPARE(granted.size() + failed.size(), 1);
    QCOMPARE(granted.size(), success ? 1 : 0);
    QCOMPARE(!flow, !deleteClient);
    QCOMPARE(!m_client, deleteClient);
    delete flow.data();
}

void tst_Lifetimes::codeFlowClientDeleted_data()
{
    QTest::addColumn<QString>("stage");
    QTest::newRow("awaiting the browser") << QStringLiteral("awaiting the browser");
    QTest::newRow("JARM, JWKS fetch pending") << QStringLiteral("JARM, JWKS fetch pending");
    QTest::newRow("exchanging") << QStringLiteral("exchanging");
    QTest::newRow("idle") << QStringLiteral("idle");
}

void tst_Lifetimes::codeFlowClientDeleted()
{
    // The flow does not own a Client set with setClient(): when it goes, a running flow fails
    // once (InvalidState), an idle one stays idle; client() is the flow's own Client again.
    QFETCH(QString, stage);
    const bool jarm = stage.startsWith(QLatin1String("JARM"));
    if (jarm)
        m_server->on(QStringLiteral("/jwks"), Response::neverAnswer());
    if (stage == QLatin1String("exchanging"))
        m_server->on(QStringLiteral("/token"), Response::neverAnswer());
    Client *client = newClient();
    std::unique_ptr<AuthorizationCodeFlow> flow(newCodeFlow(client, jarm));
    QSignalSpy granted(flow.get(), &AuthorizationCodeFlow::granted);
    QSignalSpy failed(flow.get(), &AuthorizationCodeFlow::failed);
    QSignalSpy clientChanged(flow.get(), &AuthorizationCodeFlow::clientChanged);
    if (stage != QLatin1String("idle")) {
        flow->start();
        QTRY_COMPARE_WITH_TIMEOUT(m_opened.size(), 1, 10000);
        const QString state = stateOf(m_opened.first());
        if (jarm) {
            QVERIFY(m_handler->handleUrl(QUrl(kRedirect + QStringLiteral("?response=") + jarmResponse(state))));
            QTRY_VERIFY_WITH_TIMEOUT(m_server->requestCount(QStringLiteral("/jwks")) > 0, 10000);
        } else if (stage == QLatin1String("exchanging")) {
            QVERIFY(m_handler->handleUrl(QUrl(kRedirect + QStringLiteral("?code=c1&state=") + state)));
            QTRY_VERIFY_WITH_TIMEOUT(m_server->requestCount(QStringLiteral("/token")) > 0, 10000);
        }
    }
    delete client;
    settle();
    QCOMPARE(granted.size(), 0);
    QCOMPARE(clientChanged.size(), 1);
    QVERIFY(flow->client());
    QVERIFY(flow->client() != client);
    if (stage == QLatin1String("idle")) {
        QCOMPARE(failed.size(), 0);
        QCOMPARE(flow->status(), AuthorizationCodeFlow::Status::Idle);
    } else {
        QCOMPARE(failed.size(), 1);
        QCOMPARE(flow->status(), AuthorizationCodeFlow::Status::Failed);
        QCOMPARE(flow->error().code(), ErrorCode::InvalidState);
        QVERIFY(!m_handler->isActive());
    }
}

void tst_Lifetimes::codeFlowRedirectHandlerDeleted()
{
    // The flow does not own a handler set with setRedirectHandler(): deleted while the flow
    // waits for the callback, the flow fails at once (not after its timeout).
    Client *client = newClient();
    std::unique_ptr<AuthorizationCodeFlow> flow(newCodeFlow(client, false));
    QSignalSpy failed(flow.get(), &AuthorizationCodeFlow::failed);
    QSignalSpy granted(flow.get(), &AuthorizationCodeFlow::granted);
    flow->start();
    QTRY_COMPARE_WITH_TIMEOUT(m_opened.size(), 1, 10000);
    delete m_handler.data();
    QCOMPARE(failed.size(), 1);
    QCOMPARE(flow->error().code(), ErrorCode::InvalidState);
    settle();
    QCOMPARE(failed.size(), 1);
    QCOMPARE(granted.size(), 0);
}

// ---- Polling flows -----------------------------------------------------------------------------

namespace {

struct PollingFlow
{
    QPointer<QObject> object;
    std::function<void()> start;
    std::function<void()> cancel;
    std::function<bool()> running;
    std::function<Error()> error;
    std::function<Client *()> client;
    const char *initialPath = nullptr;
};

PollingFlow makePollingFlow(bool ciba, Client *client, QObject *parent)
{
    PollingFlow f;
    if (ciba) {
        auto *flow = new BackchannelAuthenticationFlow(client, parent);
        flow->setLoginHint(QStringLiteral("alice"));
        flow->setScope(QStringLiteral("openid"));
        flow->setTimeScale(0.01);
        f.object = flow;
        f.start = [flow] { flow->start(); };
        f.cancel = [flow] { flow->cancel(); };
        f.running = [flow] { return flow->isRunning(); };
        f.error = [flow] { return flow->error(); };
        f.client = [flow] { return flow->client(); };
        f.initialPath = "/bc-authorize";
    } else {
        auto *flow = new DeviceAuthorizationFlow(client, parent);
        flow->setScope(QStringLiteral("api"));
        flow->setTimeScale(0.01);
        f.object = flow;
        f.start = [flow] { flow->start(); };
        f.cancel = [flow] { flow->cancel(); };
        f.running = [flow] { return flow->isRunning(); };
        f.error = [flow] { return flow->error(); };
        f.client = [flow] { return flow->client(); };
        f.initialPath = "/device";
    }
    return f;
}

template <typename F>
void connectResults(QObject *object, QObject *context, F handler)
{
    if (auto *flow = qobject_cast<DeviceAuthorizationFlow *>(object)) {
        QObject::connect(flow, &DeviceAuthorizationFlow::granted, context, handler);
        QObject::connect(flow, &DeviceAuthorizationFlow::failed, context, handler);
    } else if (auto *flow = qobject_cast<BackchannelAuthenticationFlow *>(object)) {
        QObject::connect(flow, &BackchannelAuthenticationFlow::granted, context, handler);
        QObject::connect(flow, &BackchannelAuthenticationFlow::failed, context, handler);
    }
}

} // namespace

void tst_Lifetimes::pollingFlow_data()
{
    QTest::addColumn<bool>("ciba");
    QTest::addColumn<QString>("stage");
    QTest::addColumn<Action>("action");
    for (bool ciba : { false, true }) {
        QStringList stages{ QStringLiteral("before the request leaves"), QStringLiteral("initial request in flight"),
                            QStringLiteral("poll in flight"), QStringLiteral("inside granted") };
        if (ciba)
            stages.insert(3, QStringLiteral("ID Token, JWKS fetch pending"));
        for (const QString &stage : std::as_const(stages)) {
            for (Action action : { Action::Delete, Action::Abort }) {
                QTest::addRow("%s, %s, %s", ciba ? "BackchannelAuthenticationFlow" : "DeviceAuthorizationFlow",
                              qPrintable(stage), action == Action::Delete ? "delete" : "cancel")
                    << ciba << stage << action;
            }
        }
    }
}

void tst_Lifetimes::pollingFlow()
{
    QFETCH(bool, ciba);
    QFETCH(QString, stage);
    QFETCH(Action, action);
    const bool inside = stage == QLatin1String("inside granted");
    const bool jwksPending = stage.startsWith(QLatin1String("ID Token"));
    QJsonObject tokens = tokenJson(QStringLiteral("at-1"), QStringLiteral("Bearer"));
    if (ciba)
        tokens.insert(QStringLiteral("id_token"), signedIdToken(*m_server, QStringLiteral("client-1")));
    m_server->on(QStringLiteral("/token"), Response::json(200, tokens));
    if (stage == QLatin1String("initial request in flight"))
        m_server->on(QString::fromLatin1(ciba ? "/bc-authorize" : "/device"), Response::neverAnswer());
    if (stage == QLatin1String("poll in flight"))
        m_server->on(QStringLiteral("/token"), Response::neverAnswer());
    if (jwksPending)
        m_server->on(QStringLiteral("/jwks"), Response::neverAnswer());

    Client *client = newClient();
    PollingFlow f = makePollingFlow(ciba, client, nullptr);
    int results = 0;
    connectResults(f.object, this, [this, &results, &f, inside, action] {
        ++results;
        ++m_callbacks;
        QVERIFY(f.object);
        if (inside) {
            if (action == Action::Delete)
                delete f.object.data();
            else
                f.cancel(); // already ended: nothing happens
        }
    });
    f.start();
    if (stage == QLatin1String("initial request in flight")) {
        QTRY_VERIFY_WITH_TIMEOUT(m_server->requestCount(QString::fromLatin1(f.initialPath)) > 0, 10000);
    } else if (stage == QLatin1String("poll in flight")) {
        QTRY_VERIFY_WITH_TIMEOUT(m_server->requestCount(QStringLiteral("/token")) > 0, 10000);
    } else if (jwksPending) {
        QTRY_VERIFY_WITH_TIMEOUT(m_server->requestCount(QStringLiteral("/jwks")) > 0, 10000);
    } else if (inside) {
        QTRY_COMPARE_WITH_TIMEOUT(results, 1, 10000);
    }
    if (!inside) {
        QCOMPARE(results, 0);
        QVERIFY(f.running());
        if (action == Action::Delete) {
            delete f.object.data();
        } else {
            f.cancel();
            QCOMPARE(results, 1);
            QCOMPARE(f.error().code(), ErrorCode::Cancelled);
        }
    }
    settle();
    QCOMPARE(results, (inside || action == Action::Abort) ? 1 : 0);
    QCOMPARE(m_callbacks, results);
    if (action == Action::Delete)
        QVERIFY(!f.object);
    delete f.object.data();
}

void tst_Lifetimes::pollingFlowClientDeleted_data()
{
    QTest::addColumn<bool>("ciba");
    QTest::addColumn<QString>("stage");
    for (bool ciba : { false, true }) {
        for (const char *stage : { "initial request in flight", "poll in flight", "idle" }) {
            QTest::addRow("%s, %s", ciba ? "BackchannelAuthenticationFlow" : "DeviceAuthorizationFlow", stage)
                << ciba << QString::fromLatin1(stage);
        }
    }
}

void tst_Lifetimes::pollingFlowClientDeleted()
{
    // The flow does not own its Client: deleting the Client under a running flow fails the
    // flow once with InvalidState (not AwaitingUser forever); client() becomes null.
    QFETCH(bool, ciba);
    QFETCH(QString, stage);
    if (stage == QLatin1String("initial request in flight"))
        m_server->on(QString::fromLatin1(ciba ? "/bc-authorize" : "/device"), Response::neverAnswer());
    m_server->on(QStringLiteral("/token"), Response::neverAnswer());
    Client *client = newClient();
    PollingFlow f = makePollingFlow(ciba, client, nullptr);
    std::unique_ptr<QObject> owner(f.object.data());
    int results = 0;
    connectResults(f.object, this, [&results] { ++results; });
    if (stage != QLatin1String("idle")) {
        f.start();
        if (stage == QLatin1String("initial request in flight"))
            QTRY_VERIFY_WITH_TIMEOUT(m_server->requestCount(QString::fromLatin1(f.initialPath)) > 0, 10000);
        else
            QTRY_VERIFY_WITH_TIMEOUT(m_server->requestCount(QStringLiteral("/token")) > 0, 10000);
    }
    delete client;
    settle();
    QVERIFY(!f.client());
    QVERIFY(!f.running());
    if (stage == QLatin1String("idle")) {
        QCOMPARE(results, 0);
        // Starting without a Client fails, asynchronously.
        f.start();
        QCOMPARE(results, 0);
        QTRY_COMPARE_WITH_TIMEOUT(results, 1, 10000);
        QCOMPARE(f.error().code(), ErrorCode::InvalidConfiguration);
    } else {
        QCOMPARE(results, 1);
        QCOMPARE(f.error().code(), ErrorCode::InvalidState);
    }
    settle();
    QCOMPARE(results, 1);
}

void tst_Lifetimes::pollingFlowDeletedWithClient_data()
{
    QTest::addColumn<bool>("ciba");
    QTest::newRow("DeviceAuthorizationFlow") << false;
    QTest::newRow("BackchannelAuthenticationFlow") << true;
}

void tst_Lifetimes::pollingFlowDeletedWithClient()
{
    // A flow that is a child of its Client goes with it, silently.
    QFETCH(bool, ciba);
    m_server->on(QStringLiteral("/token"), Response::neverAnswer());
    Client *client = newClient();
    PollingFlow f = makePollingFlow(ciba, client, client);
    int results = 0;
    connectResults(f.object, this, [&results] { ++results; });
    f.start();
    QTRY_VERIFY_WITH_TIMEOUT(m_server->requestCount(QStringLiteral("/token")) > 0, 10000);
    delete client;
    settle();
    QVERIFY(!f.object);
    QCOMPARE(results, 0);
}

// ---- LoopbackListener --------------------------------------------------------------------------

void tst_Lifetimes::listenerDeletedInsideCallback()
{
    QPointer<LoopbackListener> listener = new LoopbackListener;
    listener->setExpectedState(QStringLiteral("s1"));
    QVERIFY(listener->start());
    int received = 0;
    connect(listener.data(), &RedirectHandler::callbackReceived, this, [&received, listener] {
        ++received;
        delete listener.data();
    });
    QNetworkAccessManager browser;
    QUrl url = listener->redirectUri();
    url.setQuery(QStringLiteral("code=c1&state=s1"));
    QNetworkReply *reply = browser.get(QNetworkRequest(url));
    QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), 10000);
    delete reply;
    settle();
    QCOMPARE(received, 1);
    QVERIFY(!listener);
}

void tst_Lifetimes::listenerDeletedInsideRejection()
{
    QPointer<LoopbackListener> listener = new LoopbackListener;
    listener->setExpectedState(QStringLiteral("s1"));
    QVERIFY(listener->start());
    int rejected = 0;
    connect(listener.data(), &RedirectHandler::callbackRejected, this, [&rejected, listener] {
        ++rejected;
        delete listener.data();
    });
    connect(listener.data(), &RedirectHandler::callbackReceived, this, [this] { ++m_callbacks; });
    QNetworkAccessManager browser;
    QUrl url = listener->redirectUri();
    url.setQuery(QStringLiteral("code=c1&state=wrong"));
    QNetworkReply *reply = browser.get(QNetworkRequest(url));
    QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), 10000);
    delete reply;
    settle();
    QCOMPARE(rejected, 1);
    QCOMPARE(m_callbacks, 0);
    QVERIFY(!listener);
}

void tst_Lifetimes::listenerDeletedWithOpenConnection()
{
    QPointer<LoopbackListener> listener = new LoopbackListener;
    listener->setExpectedState(QStringLiteral("s1"));
    listener->setTimeout(60000);
    QVERIFY(listener->start());
    connect(listener.data(), &RedirectHandler::callbackReceived, this, [this] { ++m_callbacks; });
    connect(listener.data(), &RedirectHandler::callbackRejected, this, [this] { ++m_callbacks; });
    connect(listener.data(), &RedirectHandler::timedOut, this, [this] { ++m_callbacks; });
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, quint16(listener->redirectUri().port()));
    QVERIFY(socket.waitForConnected(5000));
    socket.write("GET /callback?code=c1&state=s1 HTTP/1.1\r\nHost: 127.0.0.1\r\n"); // head not finished
    QVERIFY(socket.waitForBytesWritten(5000));
    QTest::qWait(50);
    delete listener.data();
    socket.write("\r\n");
    socket.waitForBytesWritten(1000);
    settle();
    QCOMPARE(m_callbacks, 0);
}

void tst_Lifetimes::uriSchemeHandlerDeletedInsideCallback()
{
    for (bool valid : { true, false }) {
        QPointer<UriSchemeHandler> handler = new UriSchemeHandler(QUrl(kRedirect));
        handler->setExpectedState(QStringLiteral("s1"));
        QVERIFY(handler->start());
        int calls = 0;
        auto destroy = [&calls, handler] {
            ++calls;
            delete handler.data();
        };
        connect(handler.data(), &RedirectHandler::callbackReceived, this, destroy);
        connect(handler.data(), &RedirectHandler::callbackRejected, this, destroy);
        handler->handleUrl(QUrl(kRedirect + (valid ? QStringLiteral("?code=c&state=s1") : QStringLiteral("?code=c&state=s2"))));
        QVERIFY(!handler);
        settle();
        QCOMPARE(calls, 1);
    }
}

// ---- Token stores ------------------------------------------------------------------------------

void tst_Lifetimes::memoryStoreDeletedWithPendingCallbacks()
{
    auto *store = new MemoryTokenStore;
    int calls = 0;
    store->save(QStringLiteral("k"), "v", [&calls](const Error &) { ++calls; });
    store->load(QStringLiteral("k"), [&calls](const QByteArray &, const Error &) { ++calls; });
    store->remove(QStringLiteral("k"), [&calls](const Error &) { ++calls; });
    QCOMPARE(calls, 0);
    delete store;
    settle();
    QCOMPARE(calls, 0);

    // From inside its own callback.
    QPointer<MemoryTokenStore> store2 = new MemoryTokenStore;
    store2->save(QStringLiteral("k"), "v", [&calls, store2](const Error &) {
        ++calls;
        delete store2.data();
    });
    store2->load(QStringLiteral("k"), [&calls](const QByteArray &, const Error &) { ++calls; });
    QTRY_VERIFY_WITH_TIMEOUT(!store2, 10000);
    settle();
    QCOMPARE(calls, 1);
}

void tst_Lifetimes::keychainStoreDeletedWithPendingJob()
{
    auto *store = new KeychainTokenStore(QStringLiteral("oauth4qt-lifetime-test"));
    int calls = 0;
    store->save(QStringLiteral("k"), "v", [&calls](const Error &) { ++calls; });
    store->load(QStringLiteral("k"), [&calls](const QByteArray &, const Error &) { ++calls; });
    QCOMPARE(calls, 0);
    delete store;
    settle();
    QTest::qWait(200);
    QCOMPARE(calls, 0);
}

QTEST_GUILESS_MAIN(tst_Lifetimes)
#include "tst_lifetimes.moc"

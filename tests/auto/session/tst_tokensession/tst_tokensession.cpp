// SPDX-License-Identifier: BSD-3-Clause
// TokenSession: single-flight refresh, rotation, invalid_grant, automatic refresh, C13
// continuity, and restoring from a MemoryTokenStore.
#include <oauth4qt/tokensession.h>
#include <oauth4qt/tokenstore.h>

#include "../sessiontestutil.h"
#include "core/client_p.h"

#include <QtTest/QtTest>

using namespace OAuth4Qt;
using namespace SessionTest;

namespace {

TokenResponse signedIn(int expiresIn, const QString &refreshToken = QStringLiteral("rt-1"),
                       const QString &accessToken = QStringLiteral("at-old"))
{
    TokenResponse t;
    t.setAccessToken(accessToken);
    t.setTokenType(QStringLiteral("Bearer"));
    t.setExpiresIn(expiresIn, QDateTime::currentDateTimeUtc());
    t.setRefreshToken(refreshToken);
    t.setScope(QStringLiteral("openid api"));
    return t;
}


} // namespace

class tst_TokenSession : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { qRegisterMetaType<Error>(); }
    void singleFlight_data();
    void singleFlight();
    void validTokenNeedsNoRequest();
    void rotation_data();
    void rotation();
    void invalidGrantEndsSession();
    void transientFailureKeepsSession();
    void automaticRefresh_data();
    void automaticRefresh();
    void idTokenContinuity_data();
    void idTokenContinuity();
    void nothingToRefreshWith();
    void storeRoundTrip();
    void restoreEmptyStore();
    void endSession();
};

void tst_TokenSession::singleFlight_data()
{
    QTest::addColumn<int>("callers");
    QTest::newRow("1") << 1;
    QTest::newRow("10") << 10;
    QTest::newRow("100") << 100;
}

// P6: any number of concurrent callers needing a fresh token -> exactly ONE refresh request.
void tst_TokenSession::singleFlight()
{
    QFETCH(int, callers);
    TestHttpServer server;
    server.on(QStringLiteral("/token"), Response::json(200, tokenJson(QStringLiteral("at-new"), QStringLiteral("Bearer"), 3600, QStringLiteral("rt-2"))).delayed(100));
    Client *client = makeClient(server, this);
    TokenSession session(client);
    session.setTokens(signedIn(0));
    QVERIFY(!session.isValid());
    QSignalSpy refreshed(&session, &TokenSession::refreshed);

    QList<TokenReply *> replies;
    for (int i = 0; i < callers; ++i)
        replies.append(session.freshAccessToken());
    QVERIFY(session.isRefreshing());
    // Callers arriving while the refresh is under way join it too.
    QTest::qWait(20);
    for (int i = 0; i < callers; ++i)
        replies.append(session.freshAccessToken());
    for (TokenReply *r : replies)
        QVERIFY(waitFinished(r));
    for (TokenReply *r : replies) {
        QVERIFY2(!r->error(), qPrintable(r->error().errorString()));
        QCOMPARE(r->tokens().accessToken(), QStringLiteral("at-new"));
    }
    QCOMPARE(server.requestCount(QStringLiteral("/token")), 1);
    QCOMPARE(refreshed.count(), 1);
    QCOMPARE(session.accessToken(), QStringLiteral("at-new"));
    QVERIFY(session.isValid());
    QVERIFY(!session.isRefreshing());
    // Now fresh: no further request.
    TokenReply *again = session.freshAccessToken();
    QVERIFY(waitFinished(again));
    QCOMPARE(again->tokens().accessToken(), QStringLiteral("at-new"));
    QCOMPARE(server.requestCount(QStringLiteral("/token")), 1);
    delete client;
}

void tst_TokenSession::validTokenNeedsNoRequest()
{
    TestHttpServer server;
    Client *client = makeClient(server, this);
    TokenSession session(client);
    session.setTokens(signedIn(3600));
    TokenReply *r = session.freshAccessToken();
    QVERIFY(!r->isFinished()); // always asynchronous
    QVERIFY(waitFinished(r));
    QVERIFY(!r->error());
    QCOMPARE(r->tokens().accessToken(), QStringLiteral("at-old"));
    QCOMPARE(server.requestCount(), 0);
    delete client;
}

// C13: a new refresh_token replaces the old one; none keeps the old one.
void tst_TokenSession::rotation_data()
{
    QTest::addColumn<QString>("newRefreshToken");
    QTest::addColumn<QString>("expected");
    QTest::newRow("rotated") << QStringLiteral("rt-2") << QStringLiteral("rt-2");
    QTest::newRow("not rotated") << QString() << QStringLiteral("rt-1");
}

void tst_TokenSession::rotation()
{
    QFETCH(QString, newRefreshToken);
    QFETCH(QString, expected);
    TestHttpServer server;
    server.on(QStringLiteral("/token"), Response::json(200, tokenJson(QStringLiteral("at-new"), QStringLiteral("Bearer"), 3600, newRefreshToken)));
    Client *client = makeClient(server, this);
    TokenSession session(client);
    session.setTokens(signedIn(0));
    QSignalSpy changed(&session, &TokenSession::tokensChanged);
    session.refresh();
    QTRY_COMPARE(changed.count(), 1);
    QCOMPARE(session.tokens().refreshToken(), expected);
    QCOMPARE(server.lastRequest().formValue(QStringLiteral("refresh_token")), QStringLiteral("rt-1"));
    QCOMPARE(session.scope(), QStringLiteral("openid api")); // absent scope keeps the granted one
    // The next refresh uses the current refresh token.
    session.refresh();
    QTRY_COMPARE(changed.count(), 2);
    QCOMPARE(server.lastRequest().formValue(QStringLiteral("refresh_token")), expected);
    delete client;
}

// C13: invalid_grant drops the tokens, ends the session with a signal, no loop.
void tst_TokenSession::invalidGrantEndsSession()
{
    TestHttpServer server;
    server.on(QStringLiteral("/token"), Response::json(400, QJsonObject{ { QStringLiteral("error"), QStringLiteral("invalid_grant") } }));
    Client *client = makeClient(server, this);
    MemoryTokenStore store;
    TokenSession session(client);
    session.setStore(&store);
    session.setTokens(signedIn(0));
    QTRY_COMPARE(store.count(), 1);
    QSignalSpy ended(&session, &TokenSession::sessionEnded);
    QSignalSpy failed(&session, &TokenSession::refreshFailed);
    QList<TokenReply *> replies;
    for (int i = 0; i < 5; ++i)
        replies.append(session.freshAccessToken());
    for (TokenReply *r : replies) {
        QVERIFY(waitFinished(r));
        QCOMPARE(r->error().oauthError(), QStringLiteral("invalid_grant"));
    }
    QCOMPARE(ended.count(), 1);
    QCOMPARE(ended.first().first().value<Error>().oauthError(), QStringLiteral("invalid_grant"));
    QCOMPARE(failed.count(), 0);
    QVERIFY(!session.isActive());
    QVERIFY(!session.isValid());
    QVERIFY(session.accessToken().isEmpty());
    QVERIFY(!session.hasRefreshToken());
    QTRY_COMPARE(store.count(), 0);
    QTest::qWait(100);
    QCOMPARE(server.requestCount(QStringLiteral("/token")), 1);
    TokenReply *after = session.freshAccessToken();
    QVERIFY(waitFinished(after));
    QCOMPARE(after->error().code(), ErrorCode::InvalidState);
    QCOMPARE(server.requestCount(QStringLiteral("/token")), 1);
    QCOMPARE(ended.count(), 1);
    delete client;
}

void tst_TokenSession::transientFailureKeepsSession()
{
    TestHttpServer server;
    server.on(QStringLiteral("/token"), Response::text(503, "busy"));
    Client *client = makeClient(server, this);
    TokenSession session(client);
    session.setTokens(signedIn(0));
    QSignalSpy ended(&session, &TokenSession::sessionEnded);
    QSignalSpy failed(&session, &TokenSession::refreshFailed);
    TokenReply *r = session.freshAccessToken();
    QVERIFY(waitFinished(r));
    QCOMPARE(r->error().code(), ErrorCode::RateLimited);
    QCOMPARE(failed.count(), 1);
    QCOMPARE(ended.count(), 0);
    QVERIFY(session.isActive());
    QCOMPARE(session.tokens().refreshToken(), QStringLiteral("rt-1"));
    QCOMPARE(session.lastError().code(), ErrorCode::RateLimited);
    QTest::qWait(100);
    QCOMPARE(server.requestCount(QStringLiteral("/token")), 1); // the retry waits (30 s), no loop
    delete client;
}

void tst_TokenSession::automaticRefresh_data()
{
    QTest::addColumn<bool>("autoRefresh");
    QTest::addColumn<int>("expiresIn");
    QTest::addColumn<int>("leadTime");
    QTest::addColumn<bool>("expectRefresh");
    QTest::newRow("within lead time") << true << 30 << 60 << true;
    QTest::newRow("expired") << true << 0 << 0 << true;
    QTest::newRow("far from expiry") << true << 3600 << 60 << false;
    QTest::newRow("auto refresh off") << false << 30 << 60 << false;
}

void tst_TokenSession::automaticRefresh()
{
    QFETCH(bool, autoRefresh);
    QFETCH(int, expiresIn);
    QFETCH(int, leadTime);
    QFETCH(bool, expectRefresh);
    TestHttpServer server;
    server.on(QStringLiteral("/token"), Response::json(200, tokenJson(QStringLiteral("at-new"), QStringLiteral("Bearer"), 3600)));
    Client *client = makeClient(server, this);
    TokenSession session(client);
    session.setAutoRefresh(autoRefresh);
    session.setRefreshLeadTime(leadTime);
    QSignalSpy refreshed(&session, &TokenSession::refreshed);
    session.setTokens(signedIn(expiresIn));
    if (expectRefresh) {
        QTRY_COMPARE(refreshed.count(), 1);
        QCOMPARE(session.accessToken(), QStringLiteral("at-new"));
        QVERIFY(session.expiresAt() > QDateTime::currentDateTimeUtc().addSecs(3000));
        QCOMPARE(session.expiresAt().timeSpec(), Qt::UTC);
    } else {
        QTest::qWait(200);
    }
    QCOMPARE(server.requestCount(QStringLiteral("/token")), expectRefresh ? 1 : 0);
}

// C13: the refreshed ID Token must have the same iss and sub.
void tst_TokenSession::idTokenContinuity_data()
{
    QTest::addColumn<QString>("iss");
    QTest::addColumn<QString>("sub");
    QTest::addColumn<ErrorCode>("code");
    QTest::newRow("same") << QStringLiteral("https://op") << QStringLiteral("alice") << ErrorCode::NoError;
    QTest::newRow("other sub") << QStringLiteral("https://op") << QStringLiteral("mallory") << ErrorCode::SubjectMismatch;
    QTest::newRow("other iss") << QStringLiteral("https://evil") << QStringLiteral("alice") << ErrorCode::IssuerMismatch;
}

void tst_TokenSession::idTokenContinuity()
{
    QFETCH(QString, iss);
    QFETCH(QString, sub);
    QFETCH(ErrorCode, code);
    TestHttpServer server;
    QJsonObject json = tokenJson(QStringLiteral("at-new"), QStringLiteral("Bearer"), 3600);
    json.insert(QStringLiteral("id_token"), QStringLiteral("h.p.s"));
    server.on(QStringLiteral("/token"), Response::json(200, json));
    Client *client = makeClient(server, this);
    // Stand-in for the ID Token validator: the claims the (validated) new ID Token carries.
    ClientPrivate::get(client)->tokenValidator = [iss, sub](Reply *, const TokenResponse &t, const TokenExpectations &,
                                                            std::function<void(const TokenResponse &, const Error &)> done) {
        TokenResponse v = t;
        v.setIdTokenClaims(QJsonObject{ { QStringLiteral("iss"), iss }, { QStringLiteral("sub"), sub } });
        done(v, Error());
    };
    TokenSession session(client);
    TokenResponse start = signedIn(0);
    start.setIdToken(QStringLiteral("h.p.s0"));
    start.setIdTokenClaims(QJsonObject{ { QStringLiteral("iss"), QStringLiteral("https://op") }, { QStringLiteral("sub"), QStringLiteral("alice") } });
    session.setTokens(start);
    QSignalSpy ended(&session, &TokenSession::sessionEnded);
    TokenReply *r = session.freshAccessToken();
    QVERIFY(waitFinished(r));
    QCOMPARE(r->error().code(), code);
    if (code == ErrorCode::NoError) {
        QCOMPARE(session.accessToken(), QStringLiteral("at-new"));
        QCOMPARE(session.idTokenClaims().value(QLatin1String("sub")).toString(), QStringLiteral("alice"));
        QCOMPARE(ended.count(), 0);
    } else {
        QCOMPARE(ended.count(), 1);
        QVERIFY(!session.isActive());
    }
    delete client;
}

void tst_TokenSession::nothingToRefreshWith()
{
    TestHttpServer server;
    Client *client = makeClient(server, this);
    TokenSession session(client);
    session.setTokens(signedIn(0, QString()));
    TokenReply *r = session.freshAccessToken();
    QVERIFY(waitFinished(r));
    QCOMPARE(r->error().code(), ErrorCode::InvalidState);
    QCOMPARE(server.requestCount(), 0);
    TokenSession noClient;
    TokenReply *r2 = noClient.freshAccessToken();
    QVERIFY(waitFinished(r2));
    QVERIFY(r2->error());
    delete client;
}

// The session saves itself and restores refresh token and DPoP key at the next start.
void tst_TokenSession::storeRoundTrip()
{
    TestHttpServer server;
    server.on(QStringLiteral("/token"), Response::json(200, tokenJson(QStringLiteral("at-new"), QStringLiteral("DPoP"), 3600, QStringLiteral("rt-2"))));
    MemoryTokenStore store;
    const DPoPKey key = DPoPKey::generate();
    {
        Client *client = makeClient(server, this);
        client->setDPoPKey(key);
        TokenSession session(client);
        session.setStore(&store);
        session.setStoreKey(QStringLiteral("alice@op"));
        TokenResponse t = signedIn(3600);
        t.setTokenType(QStringLiteral("DPoP"));
        session.setTokens(t);
        QTRY_COMPARE(store.count(), 1);
        delete client;
    }
    // Next run: a fresh client without a key.
    Client *client = makeClient(server, this);
    TokenSession session(client);
    session.setStore(&store);
    session.setStoreKey(QStringLiteral("alice@op"));
    QSignalSpy restored(&session, &TokenSession::restored);
    session.restore();
    QTRY_COMPARE(restored.count(), 1);
    QCOMPARE(restored.first().at(0).toBool(), true);
    QVERIFY(!restored.first().at(1).value<Error>());
    QCOMPARE(session.tokens().refreshToken(), QStringLiteral("rt-1"));
    QCOMPARE(session.accessToken(), QStringLiteral("at-old"));
    QCOMPARE(session.tokenType(), QStringLiteral("DPoP"));
    QCOMPARE(session.scope(), QStringLiteral("openid api"));
    QVERIFY(session.isValid());
    QCOMPARE(client->dpopKey().thumbprint(), key.thumbprint());
    // The restored key proves the refresh (G10 across runs).
    session.refresh();
    QTRY_COMPARE(session.accessToken(), QStringLiteral("at-new"));
    const Proof p = decodeProof(server.lastRequest().header("dpop"));
    QVERIFY(p.valid);
    QCOMPARE(JsonWebKey::fromJson(p.header.value(QLatin1String("jwk")).toObject()).thumbprintBase64Url(), key.thumbprint().toLatin1());
    delete client;
}

void tst_TokenSession::restoreEmptyStore()
{
    MemoryTokenStore store;
    TokenSession session;
    session.setStore(&store);
    QSignalSpy restored(&session, &TokenSession::restored);
    session.restore();
    QTRY_COMPARE(restored.count(), 1);
    QCOMPARE(restored.first().at(0).toBool(), false);
    QVERIFY(!restored.first().at(1).value<Error>());
    QVERIFY(!session.isActive());
}

void tst_TokenSession::endSession()
{
    MemoryTokenStore store;
    TokenSession session;
    session.setStore(&store);
    QSignalSpy changed(&session, &TokenSession::tokensChanged);
    QSignalSpy valid(&session, &TokenSession::validChanged);
    session.setTokens(signedIn(3600));
    QTRY_COMPARE(store.count(), 1);
    QVERIFY(session.isValid());
    QCOMPARE(valid.count(), 1);
    QSignalSpy ended(&session, &TokenSession::sessionEnded);
    session.endSession();
    QCOMPARE(ended.count(), 1);
    QVERIFY(!ended.first().first().value<Error>());
    QVERIFY(!session.isActive());
    QCOMPARE(changed.count(), 2);
    QCOMPARE(valid.count(), 2);
    QTRY_COMPARE(store.count(), 0);
}

QTEST_GUILESS_MAIN(tst_TokenSession)
#include "tst_tokensession.moc"

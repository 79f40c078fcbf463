// SPDX-License-Identifier: BSD-3-Clause
// TokenSession: single-flight refresh, rotation, invalid_grant, automatic refresh, C13
// continuity, and restoring from a MemoryTokenStore. The refresh policy on a TestClock (short
// lifetimes, floor, back-off, Retry-After), nextRefreshAt, setTokens()/endSession() during a
// refresh, and deleting the session or its client at every stage.
#include <oauth4qt/testclock.h>
#include <oauth4qt/tokensession.h>
#include <oauth4qt/tokenstore.h>

#include "../sessiontestutil.h"
#include "core/client_p.h"

#include <QtCore/QTimeZone>
#include <QtTest/QtTest>

using namespace OAuth4Qt;
using namespace SessionTest;

namespace {

TokenResponse signedIn(int expiresIn, const QString &refreshToken = QStringLiteral("rt-1"),
                       const QString &accessToken = QStringLiteral("at-old"),
                       const QDateTime &now = QDateTime::currentDateTimeUtc())
{
    TokenResponse t;
    t.setAccessToken(accessToken);
    t.setTokenType(QStringLiteral("Bearer"));
    t.setExpiresIn(expiresIn, now);
    t.setRefreshToken(refreshToken);
    t.setScope(QStringLiteral("openid api"));
    return t;
}

//! Spins the event loop until no refresh is under way (at most \a timeoutMs of real time).
bool waitIdle(const TokenSession &session, int timeoutMs = 10000)
{
    QElapsedTimer t;
    t.start();
    while (session.isRefreshing() && t.elapsed() < timeoutMs)
        QTest::qWait(1);
    return !session.isRefreshing();
}

/*!
    Runs \a spanMs of simulated time on \a clock: fires the timers in order and lets each
    refresh they start finish (over the real loopback network) before the next one.
*/
bool simulate(TestClock &clock, const TokenSession &session, qint64 spanMs)
{
    const qint64 end = clock.elapsed() + spanMs;
    for (int i = 0; i < 1000000; ++i) {
        const qint64 next = clock.nextTimerIn();
        if (next < 0 || clock.elapsed() + next > end) {
            clock.advance(end - clock.elapsed());
            return true;
        }
        clock.advance(next);
        if (!waitIdle(session))
            return false;
    }
    return false;
}

qint64 secondsUntil(const TestClock &clock, const QDateTime &at)
{
    return at.isValid() ? clock.now().secsTo(at) : -1;
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

    // Refresh policy and time.
    void noRefreshStorm_data();
    void noRefreshStorm();
    void simulatedSchedule_data();
    void simulatedSchedule();
    void backoff();
    void retryAfter_data();
    void retryAfter();
    void nextRefreshAt();
    void wallClockJumps();
    void setTokensDuringRefresh_data();
    void setTokensDuringRefresh();
    // Lifetimes.
    void deleteSession_data();
    void deleteSession();
    void deleteClientDuringRefresh();
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
    QTest::newRow("within lead time") << true << 1 << 60 << true; // due at half-life: 0.5 s
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

// Refresh storm: a refresh whose token lives no longer than the lead time (or 0 s) must not
// start the next refresh at once. Real time: before the fix this made hundreds of requests.
void tst_TokenSession::noRefreshStorm_data()
{
    QTest::addColumn<int>("expiresIn");
    QTest::newRow("expires_in 0") << 0;
    QTest::newRow("expires_in 1") << 1;
    QTest::newRow("expires_in 30 (below the lead time)") << 30;
    QTest::newRow("expires_in 60 (the lead time)") << 60;
    QTest::newRow("expires_in 61") << 61;
}

void tst_TokenSession::noRefreshStorm()
{
    QFETCH(int, expiresIn);
    TestHttpServer server;
    server.on(QStringLiteral("/token"), Response::json(200, tokenJson(QStringLiteral("at-new"), QStringLiteral("Bearer"), expiresIn, QStringLiteral("rt-2"))));
    Client *client = makeClient(server, this);
    TokenSession session(client);
    QSignalSpy refreshed(&session, &TokenSession::refreshed);
    session.setTokens(signedIn(0)); // due at once: one refresh
    QTRY_COMPARE(refreshed.count(), 1);
    QTest::qWait(1500);
    QCOMPARE(server.requestCount(QStringLiteral("/token")), 1);
    QVERIFY(session.nextRefreshAt().isValid());
    delete client;
}

// The schedule over a simulated span: refreshes at lifetime minus the lead time, at half-life
// for short lifetimes, never closer than 10 s.
void tst_TokenSession::simulatedSchedule_data()
{
    QTest::addColumn<int>("expiresIn");
    QTest::addColumn<int>("leadTime");
    QTest::addColumn<int>("spanSeconds");
    QTest::addColumn<double>("intervalSeconds");
    QTest::newRow("3600 s, a day") << 3600 << 60 << 86400 << 3540.0;
    QTest::newRow("120 s, an hour") << 120 << 60 << 3600 << 60.0;
    QTest::newRow("61 s, an hour") << 61 << 60 << 3600 << 30.5;
    QTest::newRow("30 s, an hour") << 30 << 60 << 3600 << 15.0;
    QTest::newRow("1 s, an hour (floor)") << 1 << 60 << 3600 << 10.0;
    QTest::newRow("0 s, an hour (floor)") << 0 << 60 << 3600 << 10.0;
    QTest::newRow("30 s, lead 0") << 30 << 0 << 3600 << 30.0;
}

void tst_TokenSession::simulatedSchedule()
{
    QFETCH(int, expiresIn);
    QFETCH(int, leadTime);
    QFETCH(int, spanSeconds);
    QFETCH(double, intervalSeconds);
    TestHttpServer server;
    server.on(QStringLiteral("/token"), Response::json(200, tokenJson(QStringLiteral("at-new"), QStringLiteral("Bearer"), expiresIn, QStringLiteral("rt-2"))));
    Client *client = makeClient(server, this);
    TestClock clock;
    clock.attach(client);
    TokenSession session(client);
    session.setRefreshLeadTime(leadTime);
    int inFlight = 0;
    int maxInFlight = 0;
    connect(&session, &TokenSession::refreshingChanged, this, [&] {
        inFlight = session.isRefreshing() ? inFlight + 1 : inFlight - 1;
        maxInFlight = qMax(maxInFlight, inFlight);
    });
    session.setTokens(signedIn(expiresIn, QStringLiteral("rt-1"), QStringLiteral("at-old"), clock.now()));
    QVERIFY(simulate(clock, session, qint64(spanSeconds) * 1000));
    const int expected = int(spanSeconds / intervalSeconds);
    const int count = server.requestCount(QStringLiteral("/token"));
    QVERIFY2(qAbs(count - expected) <= 1, qPrintable(QStringLiteral("%1 refreshes, expected %2").arg(count).arg(expected)));
    QCOMPARE(maxInFlight, 1);
    QVERIFY(session.isValid() || expiresIn <= 1);
    delete client;
}

// Failures back off exponentially (10 s doubling, capped at 10 min); a success resets it.
void tst_TokenSession::backoff()
{
    TestHttpServer server;
    bool up = false;
    server.on(QStringLiteral("/token"), [&up](const OAuth4Qt::Test::RecordedRequest &) {
        return up ? Response::json(200, tokenJson(QStringLiteral("at-new"), QStringLiteral("Bearer"), 3600, QStringLiteral("rt-2")))
                  : Response::text(500, "down");
    });
    Client *client = makeClient(server, this);
    TestClock clock;
    clock.attach(client);
    TokenSession session(client);
    QSignalSpy failed(&session, &TokenSession::refreshFailed);
    session.setTokens(signedIn(0, QStringLiteral("rt-1"), QStringLiteral("at-old"), clock.now()));
    QList<qint64> delays;
    for (int i = 0; i < 9; ++i) {
        QVERIFY(clock.advanceToNextTimer());
        QVERIFY(waitIdle(session));
        QCOMPARE(failed.count(), i + 1);
        delays.append(secondsUntil(clock, session.nextRefreshAt()));
    }
    QCOMPARE(delays, (QList<qint64>{ 10, 20, 40, 80, 160, 320, 600, 600, 600 }));
    QCOMPARE(server.requestCount(QStringLiteral("/token")), 9);
    QCOMPARE(session.tokens().refreshToken(), QStringLiteral("rt-1")); // never discarded
    up = true;
    QVERIFY(clock.advanceToNextTimer());
    QVERIFY(waitIdle(session));
    QCOMPARE(session.accessToken(), QStringLiteral("at-new"));
    QCOMPARE(secondsUntil(clock, session.nextRefreshAt()), qint64(3540));
    delete client;
}

// Retry-After of 429/503: honoured, parsed in 64 bits and clamped to a day; garbage and dates
// in the past fall back to the back-off.
void tst_TokenSession::retryAfter_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<qint64>("expectedSeconds");
    const auto date = [](qint64 secs) {
        return QLocale::c().toString(QDateTime::currentDateTimeUtc().addSecs(secs), QStringLiteral("ddd, dd MMM yyyy HH:mm:ss 'GMT'")).toLatin1();
    };
    QTest::newRow("503 0") << 503 << QByteArray("0") << qint64(10);
    QTest::newRow("503 120") << 503 << QByteArray("120") << qint64(120);
    QTest::newRow("429 3600") << 429 << QByteArray("3600") << qint64(3600);
    QTest::newRow("503 4294968 (was 0.7 s)") << 503 << QByteArray("4294968") << qint64(86400);
    QTest::newRow("429 2147484 (was a negative timer)") << 429 << QByteArray("2147484") << qint64(86400);
    QTest::newRow("503 20 digits") << 503 << QByteArray("99999999999999999999") << qint64(86400);
    QTest::newRow("503 date in the past") << 503 << date(-3600) << qint64(10);
    QTest::newRow("503 date in 10 min") << 503 << date(600) << qint64(600);
    QTest::newRow("503 date in 10 years") << 503 << date(qint64(10) * 365 * 86400) << qint64(86400);
    QTest::newRow("503 garbage") << 503 << QByteArray("soon") << qint64(10);
    QTest::newRow("503 negative") << 503 << QByteArray("-5") << qint64(10);
}

void tst_TokenSession::retryAfter()
{
    QFETCH(int, status);
    QFETCH(QByteArray, value);
    QFETCH(qint64, expectedSeconds);
    TestHttpServer server;
    bool up = false;
    server.on(QStringLiteral("/token"), [&](const OAuth4Qt::Test::RecordedRequest &) {
        return up ? Response::json(200, tokenJson(QStringLiteral("at-new"), QStringLiteral("Bearer"), 3600, QStringLiteral("rt-2")))
                  : Response::text(status, "busy").withHeader("Retry-After", value);
    });
    Client *client = makeClient(server, this);
    TestClock clock;
    clock.attach(client);
    TokenSession session(client);
    session.setTokens(signedIn(0, QStringLiteral("rt-1"), QStringLiteral("at-old"), clock.now()));
    QVERIFY(clock.advanceToNextTimer());
    QVERIFY(waitIdle(session));
    QCOMPARE(session.lastError().code(), ErrorCode::RateLimited);
    const qint64 delay = secondsUntil(clock, session.nextRefreshAt());
    QVERIFY2(qAbs(delay - expectedSeconds) <= (expectedSeconds > 100 && expectedSeconds < 86400 ? 5 : 0),
             qPrintable(QString::number(delay)));
    // Nothing before that time, one request at it.
    up = true;
    clock.advance((delay - 1) * 1000);
    QTest::qWait(20);
    QCOMPARE(server.requestCount(QStringLiteral("/token")), 1);
    clock.advance(1000);
    QVERIFY(waitIdle(session));
    QCOMPARE(server.requestCount(QStringLiteral("/token")), 2);
    QCOMPARE(session.accessToken(), QStringLiteral("at-new"));
    delete client;
}

// nextRefreshAt: the due time, invalid when none, its signal only on real change.
void tst_TokenSession::nextRefreshAt()
{
    TestHttpServer server;
    server.on(QStringLiteral("/token"), Response::json(200, tokenJson(QStringLiteral("at-new"), QStringLiteral("Bearer"), 600, QStringLiteral("rt-2"))));
    Client *client = makeClient(server, this);
    TestClock clock(QDateTime(QDate(2030, 1, 1), QTime(12, 0), QTimeZone::utc()));
    clock.attach(client);
    TokenSession session(client);
    QSignalSpy changed(&session, &TokenSession::nextRefreshAtChanged);
    QVERIFY(!session.nextRefreshAt().isValid());
    session.setTokens(signedIn(3600, QStringLiteral("rt-1"), QStringLiteral("at-old"), clock.now()));
    QCOMPARE(changed.count(), 1);
    QCOMPARE(session.nextRefreshAt(), clock.now().addSecs(3540));
    QCOMPARE(session.nextRefreshAt().timeSpec(), Qt::UTC);
    session.setRefreshLeadTime(60); // no change, no signal
    session.setAutoRefresh(true);
    QCOMPARE(changed.count(), 1);
    session.setRefreshLeadTime(120);
    QCOMPARE(changed.count(), 2);
    QCOMPARE(session.nextRefreshAt(), clock.now().addSecs(3480));
    session.setAutoRefresh(false);
    QCOMPARE(changed.count(), 3);
    QVERIFY(!session.nextRefreshAt().isValid());
    session.setAutoRefresh(true);
    QCOMPARE(changed.count(), 4);
    // A timer step that is not the refresh (the 1 h re-check cap) does not change it.
    clock.advance(3000 * 1000);
    QCOMPARE(changed.count(), 4);
    QCOMPARE(session.nextRefreshAt(), clock.now().addSecs(480));
    clock.advance(480 * 1000); // due: refreshing, nothing scheduled
    QVERIFY(session.isRefreshing());
    QVERIFY(!session.nextRefreshAt().isValid());
    QVERIFY(waitIdle(session));
    QCOMPARE(session.nextRefreshAt(), clock.now().addSecs(480)); // 600 s token, lead 120
    const int before = changed.count();
    session.endSession();
    QVERIFY(!session.nextRefreshAt().isValid());
    QCOMPARE(changed.count(), before + 1);
    // No session, no refresh token: none.
    session.setTokens(signedIn(3600, QString(), QStringLiteral("at"), clock.now()));
    QVERIFY(!session.nextRefreshAt().isValid());
    delete client;
}

// The wall clock jumps (the monotonic clock does not): back, nothing refreshes early or late;
// forward (resume from suspend), the token counts as expired and freshAccessToken() refreshes.
void tst_TokenSession::wallClockJumps()
{
    TestHttpServer server;
    server.on(QStringLiteral("/token"), Response::json(200, tokenJson(QStringLiteral("at-new"), QStringLiteral("Bearer"), 3600, QStringLiteral("rt-2"))));
    Client *client = makeClient(server, this);
    TestClock clock;
    clock.attach(client);
    TokenSession session(client);
    session.setTokens(signedIn(3600, QStringLiteral("rt-1"), QStringLiteral("at-old"), clock.now()));
    clock.setNow(clock.now().addDays(-1));
    clock.advance(3539 * 1000);
    QTest::qWait(20);
    QCOMPARE(server.requestCount(), 0);
    clock.advance(1000);
    QVERIFY(waitIdle(session));
    QCOMPARE(server.requestCount(), 1);
    clock.setNow(clock.now().addSecs(2 * 3600));
    QVERIFY(!session.isValid());
    TokenReply *r = session.freshAccessToken();
    QVERIFY(waitFinished(r));
    QVERIFY(!r->error());
    QCOMPARE(server.requestCount(), 2);
    QVERIFY(session.isValid());
    delete client;
}

// setTokens() or endSession() during a refresh: the refresh is dropped, its late result never
// overwrites the new tokens or ends the new session.
void tst_TokenSession::setTokensDuringRefresh_data()
{
    QTest::addColumn<bool>("signOut");
    QTest::addColumn<bool>("switchUser");
    QTest::newRow("setTokens") << false << false;
    QTest::newRow("endSession") << true << false;
    // Alice's refresh is in flight (its ID Token says alice) when the app signs Bob in: Alice's
    // late answer must neither replace Bob's tokens nor end Bob's session for a "subject change".
    QTest::newRow("setTokens of another user (ID Tokens of different subjects)") << false << true;
}

void tst_TokenSession::setTokensDuringRefresh()
{
    QFETCH(bool, signOut);
    QFETCH(bool, switchUser);
    TestHttpServer server;
    QJsonObject late = tokenJson(QStringLiteral("at-late"), QStringLiteral("Bearer"), 3600, QStringLiteral("rt-late"));
    if (switchUser)
        late.insert(QStringLiteral("id_token"), QStringLiteral("h.p.alice"));
    server.on(QStringLiteral("/token"), Response::json(200, late).delayed(300));
    Client *client = makeClient(server, this);
    int validations = 0;
    if (switchUser) {
        // Stand-in for the ID Token validator: the late response's ID Token is Alice's.
        ClientPrivate::get(client)->tokenValidator = [&validations](Reply *, const TokenResponse &t, const TokenExpectations &,
                                                                    std::function<void(const TokenResponse &, const Error &)> done) {
            ++validations;
            TokenResponse v = t;
            v.setIdTokenClaims(QJsonObject{ { QStringLiteral("iss"), QStringLiteral("https://op") }, { QStringLiteral("sub"), QStringLiteral("alice") } });
            done(v, Error());
        };
    }
    auto withSubject = [](TokenResponse t, const QString &sub) {
        t.setIdToken(QStringLiteral("h.p.") + sub);
        t.setIdTokenClaims(QJsonObject{ { QStringLiteral("iss"), QStringLiteral("https://op") }, { QStringLiteral("sub"), sub } });
        return t;
    };
    MemoryTokenStore store;
    TokenSession session(client);
    session.setStore(&store);
    session.setTokens(switchUser ? withSubject(signedIn(0), QStringLiteral("alice")) : signedIn(0));
    TokenReply *waiter = session.freshAccessToken();
    QTRY_COMPARE(server.requestCount(QStringLiteral("/token")), 1);
    QVERIFY(session.isRefreshing());
    QSignalSpy refreshed(&session, &TokenSession::refreshed);
    QSignalSpy ended(&session, &TokenSession::sessionEnded);
    QSignalSpy changed(&session, &TokenSession::tokensChanged);
    QSignalSpy waiterFinished(waiter, &Reply::finished);
    if (signOut)
        session.endSession();
    else if (switchUser)
        session.setTokens(withSubject(signedIn(3600, QStringLiteral("rt-B"), QStringLiteral("at-B")), QStringLiteral("bob")));
    else
        session.setTokens(signedIn(3600, QStringLiteral("rt-B"), QStringLiteral("at-B")));
    QVERIFY(!session.isRefreshing());
    QVERIFY(waitFinished(waiter));
    QCOMPARE(waiterFinished.count(), 1);
    if (signOut)
        QVERIFY(waiter->error());
    else
        QCOMPARE(waiter->tokens().accessToken(), QStringLiteral("at-B"));
    QTest::qWait(600); // the old response arrives meanwhile
    QCOMPARE(refreshed.count(), 0);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(waiterFinished.count(), 1);
    if (signOut) {
        QCOMPARE(ended.count(), 1);
        QVERIFY(!session.isActive());
        QCOMPARE(store.count(), 0);
    } else {
        QCOMPARE(ended.count(), 0);
        QCOMPARE(session.accessToken(), QStringLiteral("at-B"));
        QCOMPARE(session.tokens().refreshToken(), QStringLiteral("rt-B"));
        QByteArray saved;
        store.load(QStringLiteral("session"), [&saved](const QByteArray &d, const Error &) { saved = d; });
        QTRY_VERIFY(!saved.isEmpty());
        QVERIFY(saved.contains("rt-B"));
        QVERIFY(!saved.contains("rt-late"));
        if (switchUser) {
            QVERIFY(session.isActive());
            QCOMPARE(session.idTokenClaims().value(QLatin1String("sub")).toString(), QStringLiteral("bob"));
            QCOMPARE(session.tokens().idToken(), QStringLiteral("h.p.bob"));
            QCOMPARE(validations, 0); // the dropped response is not even validated
        }
    }
    QCOMPARE(server.requestCount(QStringLiteral("/token")), 1);
    delete client;
}

// Deleting the session at each stage of a refresh: no crash, at most one signal, nothing after.
void tst_TokenSession::deleteSession_data()
{
    QTest::addColumn<QString>("stage");
    QTest::newRow("before the request leaves") << QStringLiteral("before");
    QTest::newRow("in flight") << QStringLiteral("flight");
    QTest::newRow("in refreshingChanged") << QStringLiteral("refreshing");
    QTest::newRow("in tokensChanged of the refresh") << QStringLiteral("tokensChanged");
    QTest::newRow("in refreshed") << QStringLiteral("refreshed");
    QTest::newRow("in a waiter's finished") << QStringLiteral("waiter");
    QTest::newRow("in refreshFailed") << QStringLiteral("failed");
    QTest::newRow("in sessionEnded (invalid_grant)") << QStringLiteral("ended");
    QTest::newRow("in nextRefreshAtChanged") << QStringLiteral("next");
}

void tst_TokenSession::deleteSession()
{
    QFETCH(QString, stage);
    TestHttpServer server;
    if (stage == QLatin1String("flight"))
        server.on(QStringLiteral("/token"), Response::neverAnswer());
    else if (stage == QLatin1String("failed"))
        server.on(QStringLiteral("/token"), Response::text(503, "busy"));
    else if (stage == QLatin1String("ended"))
        server.on(QStringLiteral("/token"), Response::json(400, QJsonObject{ { QStringLiteral("error"), QStringLiteral("invalid_grant") } }));
    else
        server.on(QStringLiteral("/token"), Response::json(200, tokenJson(QStringLiteral("at-new"), QStringLiteral("Bearer"), 3600, QStringLiteral("rt-2"))));
    Client *client = makeClient(server, this);
    QPointer<TokenSession> session = new TokenSession(client);
    session->setTokens(signedIn(0));
    int signals_ = 0;
    const auto killer = [&session, &signals_] {
        ++signals_;
        delete session.data();
    };
    QPointer<TokenReply> waiter = session->freshAccessToken();
    int waiterFinished = 0;
    connect(waiter, &Reply::finished, this, [&] {
        ++waiterFinished;
        if (stage == QLatin1String("waiter"))
            delete session.data();
    });
    if (stage == QLatin1String("refreshing"))
        connect(session, &TokenSession::refreshingChanged, this, [&] { if (session && !session->isRefreshing()) killer(); });
    else if (stage == QLatin1String("tokensChanged"))
        connect(session, &TokenSession::tokensChanged, this, killer);
    else if (stage == QLatin1String("refreshed"))
        connect(session, &TokenSession::refreshed, this, killer);
    else if (stage == QLatin1String("failed"))
        connect(session, &TokenSession::refreshFailed, this, killer);
    else if (stage == QLatin1String("ended"))
        connect(session, &TokenSession::sessionEnded, this, killer);
    else if (stage == QLatin1String("next"))
        connect(session, &TokenSession::nextRefreshAtChanged, this, [&] { if (session && session->nextRefreshAt().isValid()) killer(); });
    if (stage == QLatin1String("before")) {
        delete session.data();
    } else if (stage == QLatin1String("flight")) {
        QTRY_COMPARE(server.requestCount(QStringLiteral("/token")), 1);
        delete session.data();
    }
    QTRY_VERIFY(session.isNull());
    QTest::qWait(200);
    QVERIFY(waiter.isNull()); // a child of the session
    QVERIFY(waiterFinished <= 1);
    QVERIFY(signals_ <= 1);
    QVERIFY(server.requestCount(QStringLiteral("/token")) <= 1);
    delete client;
}

// Deleting the client while it refreshes: the refresh fails once (InvalidConfiguration), the
// session keeps its tokens, and nothing arrives afterwards.
void tst_TokenSession::deleteClientDuringRefresh()
{
    TestHttpServer server;
    server.on(QStringLiteral("/token"), Response::neverAnswer());
    Client *client = makeClient(server, this);
    TokenSession session(client);
    session.setTokens(signedIn(0));
    QSignalSpy failed(&session, &TokenSession::refreshFailed);
    QSignalSpy ended(&session, &TokenSession::sessionEnded);
    TokenReply *waiter = session.freshAccessToken();
    QSignalSpy waiterFinished(waiter, &Reply::finished);
    QTRY_COMPARE(server.requestCount(QStringLiteral("/token")), 1);
    delete client;
    QVERIFY(!session.isRefreshing());
    QTRY_COMPARE(waiterFinished.count(), 1);
    QVERIFY(waiter->error());
    QTest::qWait(200);
    QCOMPARE(failed.count(), 1);
    QCOMPARE(ended.count(), 0);
    QCOMPARE(waiterFinished.count(), 1);
    QCOMPARE(session.tokens().refreshToken(), QStringLiteral("rt-1"));
    QVERIFY(!session.nextRefreshAt().isValid()); // no client, nothing scheduled
}

QTEST_GUILESS_MAIN(tst_TokenSession)
#include "tst_tokensession.moc"

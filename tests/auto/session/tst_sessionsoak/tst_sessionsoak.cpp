// SPDX-License-Identifier: BSD-3-Clause
// Session soak: a TokenSession against the real oidc-provider (tests/peer) with access tokens of
// 30 s, 120 s and 3600 s (refresh-token rotation on), driven through simulated time by a
// TestClock, with faults injected on the way.
//
// How the time works: the provider's clock is real; the client's is the TestClock. The session
// schedules on what the server issued (expires_in, seconds from "now"), read on the client's
// clock, so advancing the TestClock makes refreshes due exactly as the passing of real time
// would; each refresh is a real request that the provider answers (rotating the refresh token,
// whose own lifetime of a day of *real* time never runs out during the test). No ID Token is
// requested: its exp is on the provider's real clock and would look long expired to the
// simulated clock. The faults come from an in-process server that the client's token endpoint
// points at for a while (500, 429/503 with Retry-After extremes, a reset mid-response, a closed
// port); invalid_grant is the provider's own (the session's refresh token is rotated away behind
// its back).
//
// soak(): spans of 3 to 24 simulated hours, then every fault in turn (about 15 s of wall time
// here). week(): 168 simulated hours, day by day, with 3600 s tokens (what real providers
// commonly issue; about 170 refreshes, 2 s) and with 120 s tokens (about 6000 real refreshes,
// about 40 s on a loaded 2-core machine). Each day's refreshes must match the schedule; day 3
// starts with the wall clock set back a day, day 4 with it set forward again (a resume after a
// day of suspend), day 5 with three hours of 503 Retry-After 3600 from the token endpoint. At
// the end the final access and refresh tokens are active at the provider (introspection), the
// first refresh token is used up, every refresh rotated the refresh token, and the process's
// resident memory grew by less than 8 MiB from day 1 to the end (reported per day with qInfo;
// the bound is explained at the check). bench_sessionsoak (tests/benchmarks) runs the week
// in-process and only reports.
#include <oauth4qt/client.h>
#include <oauth4qt/deviceauthorizationflow.h>
#include <oauth4qt/json.h>
#include <oauth4qt/testclock.h>
#include <oauth4qt/tokensession.h>
#include <oauth4qt/tokenstore.h>

#include "testhttpserver.h"
#include "waitfinished.h"

#include <QtCore/QFile>
#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>
#include <QtNetwork/QNetworkAccessManager>
#include <QtNetwork/QNetworkReply>
#include <QtNetwork/QTcpServer>
#include "peerinfo.h"

#include <QtTest/QtTest>

#if defined(Q_OS_LINUX)
#include <unistd.h>
#endif

using namespace OAuth4Qt;
using OAuth4Qt::Test::Response;
using OAuth4Qt::Test::TestHttpServer;
using OAuth4Qt::Test::waitFinished;

#if defined(__SANITIZE_ADDRESS__)
#  define OAUTH4QT_SOAK_UNDER_ASAN 1
#elif defined(__has_feature)
#  if __has_feature(address_sanitizer)
#    define OAUTH4QT_SOAK_UNDER_ASAN 1
#  endif
#endif

namespace {

QJsonObject readInfo()
{
    QFile f(QString::fromLocal8Bit(qgetenv("OAUTH4QT_PEER_INFO_FILE")));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(f.readAll()).object();
}

using OAuth4Qt::Test::testControl;

//! A store that checks every write: one complete blob replacing the last (never partial).
class CheckingStore : public TokenStore
{
public:
    QByteArray current;
    int saves = 0;
    int removes = 0;
    int badBlobs = 0;
    void save(const QString &, const QByteArray &data, Done done) override
    {
        Error e;
        const QJsonObject o = Json::parseObject(data, &e);
        if (e || o.value(QLatin1String("version")).toInt() != 1 || o.value(QLatin1String("refresh_token")).toString().isEmpty())
            ++badBlobs;
        current = data;
        ++saves;
        QMetaObject::invokeMethod(this, [done] { done(Error()); }, Qt::QueuedConnection);
    }
    void load(const QString &, Loaded done) override
    {
        const QByteArray d = current;
        QMetaObject::invokeMethod(this, [done, d] { done(d, Error()); }, Qt::QueuedConnection);
    }
    void remove(const QString &, Done done) override
    {
        current.clear();
        ++removes;
        QMetaObject::invokeMethod(this, [done] { done(Error()); }, Qt::QueuedConnection);
    }
    QString storedRefreshToken() const
    {
        return QJsonDocument::fromJson(current).object().value(QLatin1String("refresh_token")).toString();
    }
};

//! Watches a session: refreshes in flight at once, refresh tokens dropped without the server's word.
struct Watch
{
    int inFlight = 0;
    int maxInFlight = 0;
    int refreshed = 0;
    int failed = 0;
    int ended = 0;
    int unexplainedDrops = 0;
    QString lastRefreshToken;
    Error endReason;

    void attach(TokenSession *s, QObject *context)
    {
        lastRefreshToken = s->tokens().refreshToken();
        QObject::connect(s, &TokenSession::refreshingChanged, context, [this, s] {
            inFlight = s->isRefreshing() ? inFlight + 1 : inFlight - 1;
            maxInFlight = qMax(maxInFlight, inFlight);
        });
        QObject::connect(s, &TokenSession::refreshed, context, [this, s] {
            ++refreshed;
            lastRefreshToken = s->tokens().refreshToken();
        });
        QObject::connect(s, &TokenSession::refreshFailed, context, [this] { ++failed; });
        QObject::connect(s, &TokenSession::sessionEnded, context, [this](const Error &e) {
            ++ended;
            endReason = e;
        });
        // The refresh token goes away only when the server refused it (invalid_grant).
        QObject::connect(s, &TokenSession::tokensChanged, context, [this, s] {
            const QString rt = s->tokens().refreshToken();
            if (rt.isEmpty() && s->lastError().oauthError() != QLatin1String("invalid_grant"))
                ++unexplainedDrops;
            lastRefreshToken = rt;
        });
    }
};

bool waitIdle(const TokenSession &session, int timeoutMs = 15000)
{
    QElapsedTimer t;
    t.start();
    while (session.isRefreshing() && t.elapsed() < timeoutMs)
        QTest::qWait(1);
    return !session.isRefreshing();
}

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

//! The process's resident memory in bytes (/proc/self/statm), -1 where there is none.
qint64 residentBytes()
{
#if defined(Q_OS_LINUX)
    QFile f(QStringLiteral("/proc/self/statm"));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    const QList<QByteArray> fields = f.readAll().split(' ');
    bool ok = false;
    const qint64 pages = fields.size() > 1 ? fields.at(1).toLongLong(&ok) : 0;
    return ok ? pages * qint64(sysconf(_SC_PAGESIZE)) : -1;
#else
    return -1;
#endif
}

} // namespace

class tst_SessionSoak : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void soak_data();
    void soak();
    void week_data();
    void week();

private:
    Client *makeClient(const QString &role, TestClock *clock);
    TokenResponse signIn(Client *client, TestClock *clock);
    void pointTokenEndpointAt(Client *client, const QUrl &url);

    QJsonObject m_info;
    ServerMetadata m_metadata;
};

void tst_SessionSoak::initTestCase()
{
    qRegisterMetaType<Error>();
    m_info = readInfo();
    QVERIFY2(!m_info.isEmpty(), "no peer info file (run through ctest: fixture oidc_provider)");
}

Client *tst_SessionSoak::makeClient(const QString &role, TestClock *clock)
{
    auto *client = new Client(this);
    client->setAllowInsecureHttp(true);
    client->setRequestTimeout(10000);
    client->setIssuer(QUrl(m_info.value(QLatin1String("issuer")).toString()));
    const QJsonObject c = m_info.value(QLatin1String("clients")).toObject().value(role).toObject();
    ClientConfig config(c.value(QLatin1String("client_id")).toString(), c.value(QLatin1String("client_secret")).toString());
    config.setAuthMethod(ClientConfig::AuthMethod::ClientSecretBasic);
    client->setClientConfig(config);
    clock->attach(client);
    return client;
}

// The device grant, approved through the fixture; the poll is driven by the TestClock.
TokenResponse tst_SessionSoak::signIn(Client *client, TestClock *clock)
{
    DeviceAuthorizationFlow flow(client);
    flow.setScope(QStringLiteral("offline_access"));
    QSignalSpy granted(&flow, &DeviceAuthorizationFlow::granted);
    QSignalSpy failed(&flow, &DeviceAuthorizationFlow::failed);
    flow.start();
    QElapsedTimer t;
    t.start();
    while (flow.status() != DeviceAuthorizationFlow::Status::AwaitingUser && t.elapsed() < 15000 && failed.isEmpty())
        QTest::qWait(5);
    if (flow.status() != DeviceAuthorizationFlow::Status::AwaitingUser)
        return {};
    if (testControl(m_info, QStringLiteral("/device/approve?user_code=") + flow.userCode()) != 200)
        return {};
    // The 5 s polling interval passes on the simulated clock: no real waiting.
    while (granted.isEmpty() && failed.isEmpty() && t.elapsed() < 30000) {
        clock->advanceToNextTimer();
        QTest::qWait(20);
    }
    if (granted.isEmpty())
        qWarning() << "device flow:" << flow.error();
    m_metadata = client->metadata();
    return flow.tokens();
}

void tst_SessionSoak::pointTokenEndpointAt(Client *client, const QUrl &url)
{
    QJsonObject json = m_metadata.toJson();
    json.insert(QStringLiteral("token_endpoint"), url.toString());
    Error e;
    const ServerMetadata md = ServerMetadata::fromJson(json, QUrl(m_info.value(QLatin1String("issuer")).toString()), true, &e);
    QVERIFY2(!e, qPrintable(e.detail()));
    client->setMetadata(md);
}

void tst_SessionSoak::soak_data()
{
    QTest::addColumn<QString>("role");
    QTest::addColumn<int>("lifetime");
    QTest::addColumn<int>("leadTime");
    QTest::addColumn<double>("intervalSeconds"); // what the lifetime implies
    QTest::addColumn<int>("spanHours");
    // 30 s tokens: below the lead time, refreshed at half-life.
    QTest::newRow("30 s tokens, lead 60 s") << QStringLiteral("soak30") << 30 << 60 << 15.0 << 3;
    // 120 s tokens: lead 60 s, every 60 s; lead 20 s, every 100 s.
    QTest::newRow("120 s tokens, lead 60 s") << QStringLiteral("soak120") << 120 << 60 << 60.0 << 12;
    QTest::newRow("120 s tokens, lead 20 s") << QStringLiteral("soak120") << 120 << 20 << 100.0 << 24;
}

void tst_SessionSoak::soak()
{
    QFETCH(QString, role);
    QFETCH(int, lifetime);
    QFETCH(int, leadTime);
    QFETCH(double, intervalSeconds);
    QFETCH(int, spanHours);
    TestClock clock;
    Client *client = makeClient(role, &clock);
    const TokenResponse tokens = signIn(client, &clock);
    QVERIFY(!tokens.refreshToken().isEmpty());
    QCOMPARE(clock.now().secsTo(tokens.expiresAt()), qint64(lifetime));

    CheckingStore store;
    auto *session = new TokenSession(client, this);
    session->setStore(&store);
    session->setRefreshLeadTime(leadTime);
    session->setTokens(tokens);
    Watch watch;
    watch.attach(session, this);

    // 1. The schedule: as many refreshes as the lifetime implies, one at a time, all rotated.
    const qint64 spanMs = qint64(spanHours) * 3600 * 1000;
    QVERIFY(simulate(clock, *session, spanMs));
    const int expected = int(spanMs / 1000 / intervalSeconds);
    QVERIFY2(qAbs(watch.refreshed - expected) <= 1,
             qPrintable(QStringLiteral("%1 refreshes, expected %2").arg(watch.refreshed).arg(expected)));
    QCOMPARE(watch.failed, 0);
    QCOMPARE(watch.maxInFlight, 1);
    QVERIFY(session->isValid());
    QVERIFY(session->tokens().refreshToken() != tokens.refreshToken()); // rotated
    QCOMPARE(store.storedRefreshToken(), session->tokens().refreshToken());

    // 2. Faults: the token endpoint answers from an in-process server for a while. Each failure
    // keeps the refresh token and backs off (never at once); the provider takes over again.
    TestHttpServer faults;
    QTcpServer closed;
    QVERIFY(closed.listen(QHostAddress::LocalHost));
    const QUrl downUrl(QStringLiteral("http://127.0.0.1:%1/token").arg(closed.serverPort()));
    closed.close(); // nothing listens there now: connection refused
    struct Fault
    {
        const char *name;
        Response response;
        qint64 minDelaySeconds; // the back-off the session must keep at least
        bool down;
    };
    const QList<Fault> list{
        { "500", Response::text(500, "oops"), 10, false },
        { "503 Retry-After 0", Response::text(503, "busy").withHeader("Retry-After", "0"), 10, false },
        { "429 Retry-After 4294968", Response::text(429, "slow").withHeader("Retry-After", "4294968"), 86400, false },
        { "503 Retry-After 2147484", Response::text(503, "busy").withHeader("Retry-After", "2147484"), 86400, false },
        { "503 Retry-After in the past", Response::text(503, "busy").withHeader("Retry-After", "Sun, 06 Nov 1994 08:49:37 GMT"), 10, false },
        { "503 Retry-After garbage", Response::text(503, "busy").withHeader("Retry-After", "later"), 10, false },
        { "reset mid-response", Response::resetMidBody("{\"access_token\":\"x", 200), 10, false },
        { "server down", Response(), 10, true },
    };
    for (const Fault &f : list) {
        faults.on(QStringLiteral("/token"), f.response);
        pointTokenEndpointAt(client, f.down ? downUrl : faults.url(QStringLiteral("/token")));
        const QString rt = session->tokens().refreshToken();
        const int failedBefore = watch.failed;
        QVERIFY(simulate(clock, *session, clock.now().msecsTo(session->nextRefreshAt())));
        QVERIFY2(watch.failed == failedBefore + 1, f.name);
        QCOMPARE(session->tokens().refreshToken(), rt); // kept
        QCOMPARE(store.storedRefreshToken(), rt);
        const qint64 delay = clock.now().secsTo(session->nextRefreshAt());
        QVERIFY2(delay >= f.minDelaySeconds && delay <= qMax<qint64>(f.minDelaySeconds, 600), f.name);
        // The provider is back: the retry at the back-off time succeeds.
        pointTokenEndpointAt(client, m_metadata.tokenEndpoint());
        const int refreshedBefore = watch.refreshed;
        QVERIFY(simulate(clock, *session, clock.now().msecsTo(session->nextRefreshAt())));
        QVERIFY2(watch.refreshed == refreshedBefore + 1, f.name);
    }
    QCOMPARE(watch.maxInFlight, 1);

    // 3. Wall-clock jumps. Forward (resume after hours): the token is expired, the next use
    // refreshes once. Backward by a day: nothing refreshes early, the monotonic schedule holds.
    clock.setNow(clock.now().addSecs(5 * 3600));
    QVERIFY(!session->isValid());
    int before = watch.refreshed;
    TokenReply *r = session->freshAccessToken();
    QVERIFY(waitFinished(r));
    QVERIFY2(!r->error(), qPrintable(r->error().errorString()));
    QCOMPARE(watch.refreshed, before + 1);
    clock.setNow(clock.now().addDays(-1));
    before = watch.refreshed;
    QVERIFY(simulate(clock, *session, qint64(intervalSeconds * 1000) - 1000));
    QCOMPARE(watch.refreshed, before);
    QVERIFY(simulate(clock, *session, 2000));
    QCOMPARE(watch.refreshed, before + 1);

    // 4. invalid_grant from the provider: the refresh token is rotated away behind the
    // session's back (as another device holding it would); the session's next refresh is
    // refused, the session ends and the store is cleared.
    TokenReply *stolen = client->refreshToken(session->tokens().refreshToken());
    QVERIFY(waitFinished(stolen));
    QVERIFY2(!stolen->error(), qPrintable(stolen->error().errorString()));
    QVERIFY(simulate(clock, *session, clock.now().msecsTo(session->nextRefreshAt())));
    QTRY_COMPARE(watch.ended, 1);
    QCOMPARE(watch.endReason.oauthError(), QStringLiteral("invalid_grant"));
    QVERIFY(!session->isActive());
    QTRY_VERIFY(store.current.isEmpty());
    QCOMPARE(store.removes, 1);

    QCOMPARE(watch.unexplainedDrops, 0);
    QCOMPARE(store.badBlobs, 0);
    QCOMPARE(watch.maxInFlight, 1);
    qInfo("%s: %d refreshes, %d failures, %d store writes", QTest::currentDataTag(), watch.refreshed, watch.failed, store.saves);
    delete session;
    delete client;
}

void tst_SessionSoak::week_data()
{
    QTest::addColumn<QString>("role");
    QTest::addColumn<int>("lifetime");
    QTest::addColumn<int>("leadTime");
    QTest::addColumn<double>("intervalSeconds"); // what the lifetime implies
    // Tokens as real providers commonly issue them: an hour, refreshed a minute early (~170).
    QTest::newRow("week, 3600 s tokens, lead 60 s") << QStringLiteral("soak3600") << 3600 << 60 << 3540.0;
    // Short-lived tokens: every 100 s, about 6000 real refreshes.
    QTest::newRow("week, 120 s tokens, lead 20 s") << QStringLiteral("soak120") << 120 << 20 << 100.0;
}

// A week (168 simulated hours), day by day: each day crosses one UTC midnight. Days 1, 2, 6, 7
// are undisturbed; day 3 starts with the wall clock set back a day, day 4 with it set forward
// again (a resume after a day of suspend); day 5 starts with an outage of the token endpoint for
// three hours, every answer 503 with Retry-After of an hour.
void tst_SessionSoak::week()
{
    QFETCH(QString, role);
    QFETCH(int, lifetime);
    QFETCH(int, leadTime);
    QFETCH(double, intervalSeconds);
    QElapsedTimer wall; // reported, never judged
    wall.start();
    TestClock clock;
    Client *client = makeClient(role, &clock);
    const TokenResponse tokens = signIn(client, &clock);
    QVERIFY(!tokens.refreshToken().isEmpty());
    QCOMPARE(clock.now().secsTo(tokens.expiresAt()), qint64(lifetime));

    CheckingStore store;
    auto *session = new TokenSession(client, this);
    session->setStore(&store);
    session->setRefreshLeadTime(leadTime);
    session->setTokens(tokens);
    Watch watch;
    watch.attach(session, this);
    // The chain: every refresh answers with a new refresh token.
    int notRotated = 0;
    QString previousRefreshToken = tokens.refreshToken();
    connect(session, &TokenSession::refreshed, this, [&] {
        if (session->tokens().refreshToken() == previousRefreshToken)
            ++notRotated;
        previousRefreshToken = session->tokens().refreshToken();
    });
    QList<qint64> failedAtMs; // simulated time of each failed refresh
    connect(session, &TokenSession::refreshFailed, this, [&] { failedAtMs.append(clock.elapsed()); });

    // Created before the memory is first measured, like everything the week reuses.
    TestHttpServer outage;
    outage.on(QStringLiteral("/token"), Response::text(503, "maintenance").withHeader("Retry-After", "3600"));

    const qint64 dayMs = qint64(24) * 3600 * 1000;
    const int perDay = int(86400 / intervalSeconds);
    qint64 rssAfterDay1 = -1;
    for (int day = 1; day <= 7; ++day) {
        const qint64 dayStart = clock.elapsed();
        const int refreshedBefore = watch.refreshed;
        int extra = 0; // refreshes the application asked for on top of the schedule
        if (day == 3) {
            // Wall clock back a day: nothing refreshes early, the monotonic schedule holds.
            clock.setNow(clock.now().addDays(-1));
            QVERIFY(session->isValid());
        } else if (day == 4) {
            // Forward again: the token looks a day expired; the next use refreshes once.
            clock.setNow(clock.now().addDays(1));
            QVERIFY(!session->isValid());
            TokenReply *r = session->freshAccessToken();
            QVERIFY(waitFinished(r));
            QVERIFY2(!r->error(), qPrintable(r->error().errorString()));
            delete r;
            QCOMPARE(watch.refreshed, refreshedBefore + 1);
            QVERIFY(session->isValid());
            extra = 1;
        } else if (day == 5) {
            // Three hours of 503 with Retry-After 3600: the refresh token is kept, the retries
            // come an hour apart (no storm), the first retry after the outage succeeds.
            const QString rt = session->tokens().refreshToken();
            const int failedBefore = int(failedAtMs.size());
            pointTokenEndpointAt(client, outage.url(QStringLiteral("/token")));
            QVERIFY(simulate(clock, *session, qint64(3) * 3600 * 1000));
            const QList<qint64> failures = failedAtMs.mid(failedBefore);
            QVERIFY2(failures.size() >= 2 && failures.size() <= 4,
                     qPrintable(QStringLiteral("%1 failed refreshes in the outage").arg(failures.size())));
            for (int i = 1; i < failures.size(); ++i)
                QVERIFY2(failures.at(i) - failures.at(i - 1) >= 3600 * 1000, "a retry before the Retry-After");
            QCOMPARE(watch.refreshed, refreshedBefore);
            QCOMPARE(session->tokens().refreshToken(), rt);
            QCOMPARE(store.storedRefreshToken(), rt);
            pointTokenEndpointAt(client, m_metadata.tokenEndpoint());
            QVERIFY(simulate(clock, *session, clock.now().msecsTo(session->nextRefreshAt())));
            QCOMPARE(watch.refreshed, refreshedBefore + 1);
            QVERIFY(session->isValid());
        }
        QVERIFY(simulate(clock, *session, dayStart + dayMs - clock.elapsed()));
        const int today = watch.refreshed - refreshedBefore;
        if (day != 5) { // the outage day: checked above
            QVERIFY2(qAbs(today - extra - perDay) <= 1,
                     qPrintable(QStringLiteral("day %1: %2 refreshes, expected %3").arg(day).arg(today).arg(perDay + extra)));
        }
        QTest::qWait(10); // replies deleted later are gone before the memory is read
        const qint64 rss = residentBytes();
        if (day == 1)
            rssAfterDay1 = rss;
        qInfo("%s: day %d, %d refreshes (%d today), %d failures, resident %lld KiB (%+lld KiB since day 1)",
              QTest::currentDataTag(), day, watch.refreshed, today, watch.failed, static_cast<long long>(rss / 1024),
              static_cast<long long>((rss - rssAfterDay1) / 1024));
    }

    // The schedule over the week, one refresh at a time; only the outage failed.
    const int outageFailures = watch.failed;
    QVERIFY(outageFailures >= 2 && outageFailures <= 4);
    QCOMPARE(watch.maxInFlight, 1);
    QCOMPARE(watch.ended, 0);
    QCOMPARE(watch.unexplainedDrops, 0);
    QCOMPARE(store.badBlobs, 0);
    // The week less the three hours of outage, plus the one the resume asked for (one off per day).
    const int expectedWeek = int((7 * 86400 - 3 * 3600) / intervalSeconds) + 1;
    QVERIFY2(qAbs(watch.refreshed - expectedWeek) <= 7,
             qPrintable(QStringLiteral("%1 refreshes in the week, expected %2").arg(watch.refreshed).arg(expectedWeek)));

    // The tokens at the end are good at the real provider: the access token is active, the
    // refresh token chain is intact (every refresh rotated it, the store holds the last one,
    // which is active; the first one was used up).
    QVERIFY(session->isValid());
    QCOMPARE(notRotated, 0);
    QCOMPARE(store.storedRefreshToken(), session->tokens().refreshToken());
    const auto active = [client](const QString &token) {
        JsonReply *r = client->introspect(token);
        if (!waitFinished(r) || r->error()) {
            qWarning() << "introspection:" << r->error();
            delete r;
            return -1;
        }
        const bool on = r->result().value(QLatin1String("active")).toBool();
        delete r;
        return on ? 1 : 0;
    };
    QCOMPARE(active(session->tokens().accessToken()), 1);
    QCOMPARE(active(session->tokens().refreshToken()), 1);
    QCOMPARE(active(tokens.refreshToken()), 0);

    // Memory: reported, and bounded only generously. From the end of day 1 (allocator pools,
    // the network stack's connections and caches are warm by then) to the end of the week the
    // process's resident size moves only by allocator noise (tens of KiB here), far below 8 MiB.
    // A leak per refresh of even one reply object with its headers and body (a few KiB) passes
    // 8 MiB over the ~5000 refreshes of the 120 s row after day 1 (8 MiB / 5000 is about 1.6 KiB;
    // a deliberate 2 KiB per refresh grew it by 11.5 MiB and failed); the 3600 s row (~145
    // refreshes after day 1) catches only leaks of about 56 KiB per refresh. Not a timing or
    // size benchmark: bench_sessionsoak is.
    const qint64 rssEnd = residentBytes();
    qInfo("%s: %d refreshes, %d failures, %d store writes, resident growth from day 1 to the end %+lld KiB, "
          "%.1f s wall time",
          QTest::currentDataTag(), watch.refreshed, watch.failed, store.saves,
          static_cast<long long>((rssEnd - rssAfterDay1) / 1024), double(wall.elapsed()) / 1000.0);
#if defined(Q_OS_LINUX) && defined(OAUTH4QT_SOAK_UNDER_ASAN)
    // AddressSanitizer keeps freed memory in its quarantine (up to 256 MiB) before reusing it,
    // so the resident size grows with the number of allocations until the quarantine is full,
    // whatever the library does. The bound is checked in the uninstrumented builds; here
    // LeakSanitizer checks for leaks when the suite exits.
    qInfo("resident size reported, not bounded, under AddressSanitizer (its quarantine holds freed memory)");
#elif defined(Q_OS_LINUX)
    QVERIFY(rssAfterDay1 > 0 && rssEnd > 0);
    QVERIFY2(rssEnd - rssAfterDay1 < qint64(8) * 1024 * 1024,
             qPrintable(QStringLiteral("resident size grew by %1 KiB").arg((rssEnd - rssAfterDay1) / 1024)));
#else
    qInfo("resident size not measured on this platform (/proc/self/statm)");
#endif
    delete session;
    delete client;
}

QTEST_GUILESS_MAIN(tst_SessionSoak)
#include "tst_sessionsoak.moc"

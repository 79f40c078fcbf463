// SPDX-License-Identifier: BSD-3-Clause
// Device authorization grant (RFC 8628), section J1-J3, against the in-process server with
// scaled-down waits (timeScale) so the suite runs fast. Waits are checked through the nominal
// delays the poller schedules, never through wall-clock time.
#include <oauth4qt/deviceauthorizationflow.h>
#include <oauth4qt/testclock.h>

#include "../sessiontestutil.h"
#include "session/tokenpoller_p.h"

#include <QtTest/QtTest>

using namespace OAuth4Qt;
using namespace SessionTest;

namespace {

QJsonObject deviceJson(int interval = -1, int expiresIn = 600)
{
    QJsonObject o{ { QStringLiteral("device_code"), QStringLiteral("dev-code-1") },
                   { QStringLiteral("user_code"), QStringLiteral("WDJB-MJHT") },
                   { QStringLiteral("verification_uri"), QStringLiteral("https://id.example/device") },
                   { QStringLiteral("verification_uri_complete"), QStringLiteral("https://id.example/device?user_code=WDJB-MJHT") },
                   { QStringLiteral("expires_in"), expiresIn } };
    if (interval >= 0)
        o.insert(QStringLiteral("interval"), interval);
    return o;
}

Response oauthError(const char *error, int status = 400)
{
    return Response::json(status, QJsonObject{ { QStringLiteral("error"), QString::fromLatin1(error) } });
}

struct Script
{
    QList<Response> responses;
    int index = 0;
    Response next()
    {
        const Response r = responses.value(qMin(index, int(responses.size()) - 1));
        ++index;
        return r;
    }
};

struct Fixture
{
    TestHttpServer server;
    Client *client = nullptr;
    DeviceAuthorizationFlow *flow = nullptr;
    std::unique_ptr<QSignalSpy> granted, failed;
    QList<qint64> scheduled;

    explicit Fixture(QObject *parent, const QJsonObject &device, const QList<Response> &tokenScript, double scale = 0.002)
    {
        server.on(QStringLiteral("/device"), Response::json(200, device));
        auto state = std::make_shared<Script>();
        state->responses = tokenScript;
        server.on(QStringLiteral("/token"), [state](const Test::RecordedRequest &) { return state->next(); });
        client = makeClient(server, parent);
        flow = new DeviceAuthorizationFlow(client, client);
        flow->setScope(QStringLiteral("openid offline_access"));
        flow->setTimeScale(scale);
        granted.reset(new QSignalSpy(flow, &DeviceAuthorizationFlow::granted));
        failed.reset(new QSignalSpy(flow, &DeviceAuthorizationFlow::failed));
        QObject::connect(flow->findChild<TokenPoller *>(), &TokenPoller::pollScheduled, flow,
                         [this](qint64 ms) { scheduled.append(ms); });
    }
    ~Fixture() { delete client; }
    bool waitEnded(int ms = 15000)
    {
        QElapsedTimer t;
        t.start();
        while (granted->count() + failed->count() == 0 && t.elapsed() < ms)
            QTest::qWait(5);
        QTest::qWait(30); // a second signal or a stray poll would show up here
        return granted->count() + failed->count() == 1;
    }
    Error failure() const { return failed->isEmpty() ? Error() : failed->first().first().value<Error>(); }
};

} // namespace

class tst_DeviceAuthorizationFlow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { qRegisterMetaType<Error>(); qRegisterMetaType<TokenResponse>(); }
    void deviceResponseRejected_data();
    void deviceResponseRejected();
    void intervalDefault();
    void pollingSequence();
    void stoppingErrors_data();
    void stoppingErrors();
    void backOffOnTransportTrouble_data();
    void backOffOnTransportTrouble();
    void stopsAtExpiry();
    void remainingTimeCountsDown();
    void cancel();
    void opener_data();
    void opener();
    void restart();
    void testClockDrivesPolling();
};

// The polling runs on the client's TestClock at nominal scale: the interval, slow_down, the
// countdown and the expiry pass in simulated time, and nothing polls unless the clock moves.
void tst_DeviceAuthorizationFlow::testClockDrivesPolling()
{
    Fixture f(this, deviceJson(5, 60), { oauthError("authorization_pending"), oauthError("slow_down"), oauthError("authorization_pending") }, 1.0);
    checkClockDrivesPolling(f, DeviceAuthorizationFlow::Status::AwaitingUser);
}

// J1
void tst_DeviceAuthorizationFlow::deviceResponseRejected_data()
{
    QTest::addColumn<QJsonObject>("device");
    QTest::addColumn<ErrorCode>("code");
    for (const char *m : { "device_code", "user_code", "verification_uri", "expires_in" }) {
        QJsonObject o = deviceJson(5);
        o.remove(QLatin1String(m));
        QTest::addRow("%s missing", m) << o << ErrorCode::MissingMember;
    }
    auto with = [](const char *member, const QJsonValue &v) {
        QJsonObject o = deviceJson(5);
        o.insert(QLatin1String(member), v);
        return o;
    };
    QTest::newRow("interval 0") << with("interval", 0) << ErrorCode::InvalidMember;
    QTest::newRow("interval negative") << with("interval", -5) << ErrorCode::InvalidMember;
    QTest::newRow("interval string") << with("interval", QStringLiteral("5")) << ErrorCode::InvalidMember;
    QTest::newRow("interval fractional") << with("interval", 2.5) << ErrorCode::InvalidMember;
    QTest::newRow("expires_in 0") << with("expires_in", 0) << ErrorCode::InvalidMember;
    QTest::newRow("expires_in negative") << with("expires_in", -1) << ErrorCode::InvalidMember;
    QTest::newRow("user_code empty") << with("user_code", QString()) << ErrorCode::InvalidMember;
    QTest::newRow("device_code number") << with("device_code", 42) << ErrorCode::InvalidMember;
    QTest::newRow("verification_uri javascript") << with("verification_uri", QStringLiteral("javascript:alert(1)")) << ErrorCode::InvalidMember;
    QTest::newRow("verification_uri file") << with("verification_uri", QStringLiteral("file:///etc/passwd")) << ErrorCode::InvalidMember;
    QTest::newRow("verification_uri_complete data") << with("verification_uri_complete", QStringLiteral("data:text/html,x")) << ErrorCode::InvalidMember;
}

void tst_DeviceAuthorizationFlow::deviceResponseRejected()
{
    QFETCH(QJsonObject, device);
    QFETCH(ErrorCode, code);
    Fixture f(this, device, { Response::json(200, tokenJson()) });
    f.flow->start();
    QVERIFY(f.waitEnded());
    QCOMPARE(f.failed->count(), 1);
    QCOMPARE(f.failure().code(), code);
    QCOMPARE(f.flow->status(), DeviceAuthorizationFlow::Status::Failed);
    QCOMPARE(f.server.requestCount(QStringLiteral("/token")), 0);
}

void tst_DeviceAuthorizationFlow::intervalDefault()
{
    Fixture f(this, deviceJson(-1), { Response::json(200, tokenJson(QStringLiteral("at"), QStringLiteral("Bearer"))) });
    f.flow->start();
    QVERIFY(f.waitEnded());
    QCOMPARE(f.granted->count(), 1);
    QCOMPARE(f.flow->interval(), 5);
    QCOMPARE(f.scheduled, QList<qint64>{ 5000 });
}

// J2: authorization_pending keeps polling; slow_down adds 5 s for all later polls.
void tst_DeviceAuthorizationFlow::pollingSequence()
{
    Fixture f(this, deviceJson(2),
              { oauthError("authorization_pending"), oauthError("slow_down"), oauthError("authorization_pending"),
                oauthError("slow_down"), oauthError("authorization_pending"),
                Response::json(200, tokenJson(QStringLiteral("at-dev"), QStringLiteral("DPoP"), 3600, QStringLiteral("rt"))) });
    f.client->setDPoPKey(DPoPKey::generate());
    QSignalSpy intervalSpy(f.flow, &DeviceAuthorizationFlow::intervalChanged);
    QSignalSpy statusSpy(f.flow, &DeviceAuthorizationFlow::statusChanged);
    f.flow->start();
    QCOMPARE(f.flow->status(), DeviceAuthorizationFlow::Status::Requesting);
    QVERIFY(f.waitEnded());
    QCOMPARE(f.failed->count(), 0);
    QCOMPARE(f.granted->count(), 1);
    QCOMPARE(f.flow->status(), DeviceAuthorizationFlow::Status::Granted);
    QCOMPARE(f.flow->tokens().accessToken(), QStringLiteral("at-dev"));
    QCOMPARE(f.granted->first().first().value<TokenResponse>().refreshToken(), QStringLiteral("rt"));
    QCOMPARE(f.scheduled, (QList<qint64>{ 2000, 2000, 7000, 7000, 12000, 12000 }));
    QCOMPARE(f.flow->interval(), 12);
    QCOMPARE(intervalSpy.count(), 3); // 2 (start), 7, 12
    QCOMPARE(statusSpy.count(), 3);   // Requesting, AwaitingUser, Granted
    QCOMPARE(f.flow->userCode(), QStringLiteral("WDJB-MJHT"));
    QCOMPARE(f.flow->verificationUri(), QUrl(QStringLiteral("https://id.example/device")));
    QCOMPARE(f.flow->verificationUriComplete(), QUrl(QStringLiteral("https://id.example/device?user_code=WDJB-MJHT")));
    QCOMPARE(f.flow->expiresIn(), 600);

    const auto polls = f.server.requests(QStringLiteral("/token"));
    QCOMPARE(polls.size(), 6);
    for (const auto &r : polls) {
        QCOMPARE(r.formValue(QStringLiteral("grant_type")), QStringLiteral("urn:ietf:params:oauth:grant-type:device_code"));
        QCOMPARE(r.formValue(QStringLiteral("device_code")), QStringLiteral("dev-code-1"));
        QCOMPARE(r.formValue(QStringLiteral("client_id")), QStringLiteral("client-1"));
        QVERIFY(r.hasHeader("dpop")); // token requests carry proofs...
    }
    QVERIFY(!f.server.lastRequest().path.isEmpty());
    QVERIFY(!f.server.requests(QStringLiteral("/device")).first().hasHeader("dpop")); // ...the device request not
    QCOMPARE(f.server.requests(QStringLiteral("/device")).first().formValue(QStringLiteral("scope")), QStringLiteral("openid offline_access"));
}

// J2: any other error stops.
void tst_DeviceAuthorizationFlow::stoppingErrors_data()
{
    QTest::addColumn<Response>("response");
    QTest::addColumn<ErrorCode>("code");
    QTest::addColumn<QString>("oauthError");
    QTest::newRow("access_denied") << oauthError("access_denied") << ErrorCode::OAuthError << QStringLiteral("access_denied");
    QTest::newRow("expired_token") << oauthError("expired_token") << ErrorCode::OAuthError << QStringLiteral("expired_token");
    QTest::newRow("invalid_grant") << oauthError("invalid_grant") << ErrorCode::OAuthError << QStringLiteral("invalid_grant");
    QTest::newRow("invalid_client 401") << oauthError("invalid_client", 401) << ErrorCode::OAuthError << QStringLiteral("invalid_client");
    QTest::newRow("400 HTML") << Response::text(400, "<html>", "text/html") << ErrorCode::UnexpectedStatus << QString();
    QTest::newRow("200 without access_token") << Response::json(200, QJsonObject{ { QStringLiteral("token_type"), QStringLiteral("Bearer") } })
                                              << ErrorCode::MissingMember << QString();
}

void tst_DeviceAuthorizationFlow::stoppingErrors()
{
    QFETCH(Response, response);
    QFETCH(ErrorCode, code);
    QFETCH(QString, oauthError);
    Fixture f(this, deviceJson(1), { ::oauthError("authorization_pending"), response, Response::json(200, tokenJson()) });
    f.flow->start();
    QVERIFY(f.waitEnded());
    QCOMPARE(f.failed->count(), 1);
    QCOMPARE(f.failure().code(), code);
    QCOMPARE(f.failure().oauthError(), oauthError);
    QCOMPARE(f.flow->error().code(), code);
    QCOMPARE(f.flow->status(), DeviceAuthorizationFlow::Status::Failed);
    QCOMPARE(f.server.requestCount(QStringLiteral("/token")), 2);
}

// J2: network trouble -> back off and keep polling; Retry-After respected.
void tst_DeviceAuthorizationFlow::backOffOnTransportTrouble_data()
{
    QTest::addColumn<Response>("trouble");
    QTest::addColumn<qint64>("minimumDelay");
    QTest::newRow("503 no body") << Response::text(503, "busy") << qint64(2000);
    QTest::newRow("503 Retry-After 30") << Response::text(503, "busy").withHeader("Retry-After", "30") << qint64(30000);
    QTest::newRow("429 Retry-After 45") << Response::text(429, "slow").withHeader("Retry-After", "45") << qint64(45000);
    QTest::newRow("500") << Response::text(500, "oops") << qint64(2000);
    QTest::newRow("timeout") << Response::neverAnswer() << qint64(2000);
}

void tst_DeviceAuthorizationFlow::backOffOnTransportTrouble()
{
    QFETCH(Response, trouble);
    QFETCH(qint64, minimumDelay);
    Fixture f(this, deviceJson(1, 7200), { trouble, oauthError("authorization_pending"), Response::json(200, tokenJson(QStringLiteral("at"), QStringLiteral("Bearer"))) }, 0.001);
    f.client->setRequestTimeout(300);
    f.flow->start();
    QVERIFY(f.waitEnded(20000));
    QCOMPARE(f.granted->count(), 1);
    QCOMPARE(f.server.requestCount(QStringLiteral("/token")), 3);
    QCOMPARE(f.scheduled.size(), 3);
    QCOMPARE(f.scheduled.at(0), qint64(1000));
    QVERIFY2(f.scheduled.at(1) >= minimumDelay, qPrintable(QString::number(f.scheduled.at(1))));
    QVERIFY(f.scheduled.at(1) > 1000);       // backed off
    QCOMPARE(f.scheduled.at(2), qint64(1000)); // back to the interval once the server answers
    QCOMPARE(f.flow->interval(), 1);         // back-off is not slow_down
}

// J2: stop at expires_in.
void tst_DeviceAuthorizationFlow::stopsAtExpiry()
{
    Fixture f(this, deviceJson(1, 30), { oauthError("authorization_pending") }, 0.002);
    f.flow->start();
    QVERIFY(f.waitEnded());
    QCOMPARE(f.failed->count(), 1);
    QCOMPARE(f.failure().code(), ErrorCode::Timeout);
    QCOMPARE(f.flow->status(), DeviceAuthorizationFlow::Status::Failed);
    QCOMPARE(f.flow->remainingTime(), 0);
    const int polls = f.server.requestCount(QStringLiteral("/token"));
    QVERIFY(polls >= 1);
    QVERIFY(polls <= 30);
    QTest::qWait(50);
    QCOMPARE(f.server.requestCount(QStringLiteral("/token")), polls); // no poll after the end
}

void tst_DeviceAuthorizationFlow::remainingTimeCountsDown()
{
    Fixture f(this, deviceJson(3600, 6), { oauthError("authorization_pending") }, 0.02);
    QList<int> seen;
    connect(f.flow, &DeviceAuthorizationFlow::remainingTimeChanged, f.flow, [&] { seen.append(f.flow->remainingTime()); });
    f.flow->start();
    QVERIFY(f.waitEnded());
    QCOMPARE(f.failure().code(), ErrorCode::Timeout);
    QVERIFY(seen.size() >= 3);
    QCOMPARE(seen.first(), 6);
    QCOMPARE(seen.last(), 0);
    for (int i = 1; i < seen.size(); ++i)
        QVERIFY(seen.at(i) < seen.at(i - 1));
    QCOMPARE(f.server.requestCount(QStringLiteral("/token")), 0); // interval longer than the lifetime
}

void tst_DeviceAuthorizationFlow::cancel()
{
    Fixture f(this, deviceJson(1), { oauthError("authorization_pending") }, 0.01);
    f.flow->start();
    QTRY_COMPARE(f.flow->status(), DeviceAuthorizationFlow::Status::AwaitingUser);
    QTRY_VERIFY(f.server.requestCount(QStringLiteral("/token")) >= 1);
    QSignalSpy pollSpy(f.flow->findChild<TokenPoller *>(), &TokenPoller::pollStarted);
    f.flow->cancel();
    f.flow->cancel();
    QCOMPARE(f.failed->count(), 1);
    QCOMPARE(f.failure().code(), ErrorCode::Cancelled);
    QCOMPARE(f.flow->status(), DeviceAuthorizationFlow::Status::Cancelled);
    QTest::qWait(100);
    QCOMPARE(pollSpy.count(), 0); // no poll after cancel()
    QCOMPARE(f.failed->count(), 1);
    QCOMPARE(f.granted->count(), 0);
}

// J3: only https verification URIs are handed to the opener.
void tst_DeviceAuthorizationFlow::opener_data()
{
    QTest::addColumn<QString>("uri");
    QTest::addColumn<QString>("complete");
    QTest::addColumn<QUrl>("opened");
    QTest::newRow("https complete") << QStringLiteral("https://id.example/device") << QStringLiteral("https://id.example/device?c=1")
                                    << QUrl(QStringLiteral("https://id.example/device?c=1"));
    QTest::newRow("https only") << QStringLiteral("https://id.example/device") << QString() << QUrl(QStringLiteral("https://id.example/device"));
    // allowInsecureHttp permits http only for loopback hosts; such a URI is still never opened.
    QTest::newRow("http (insecure allowed)") << QStringLiteral("http://127.0.0.1/device") << QString() << QUrl();
    QTest::newRow("http complete") << QStringLiteral("https://id.example/device") << QStringLiteral("http://127.0.0.1/device?c=1") << QUrl();
}

void tst_DeviceAuthorizationFlow::opener()
{
    QFETCH(QString, uri);
    QFETCH(QString, complete);
    QFETCH(QUrl, opened);
    QJsonObject device = deviceJson(1);
    device.insert(QStringLiteral("verification_uri"), uri);
    if (complete.isEmpty())
        device.remove(QLatin1String("verification_uri_complete"));
    else
        device.insert(QStringLiteral("verification_uri_complete"), complete);
    Fixture f(this, device, { Response::json(200, tokenJson(QStringLiteral("at"), QStringLiteral("Bearer"))) });
    QList<QUrl> openedUrls;
    f.flow->setUrlOpener([&](const QUrl &u) { openedUrls.append(u); });
    f.flow->start();
    QVERIFY(f.waitEnded());
    QCOMPARE(f.granted->count(), 1);
    if (opened.isValid())
        QCOMPARE(openedUrls, QList<QUrl>{ opened });
    else
        QVERIFY(openedUrls.isEmpty());
}

void tst_DeviceAuthorizationFlow::restart()
{
    Fixture f(this, deviceJson(1), { oauthError("access_denied"), Response::json(200, tokenJson(QStringLiteral("at"), QStringLiteral("Bearer"))) });
    f.flow->start();
    f.flow->start(); // ignored while running
    QVERIFY(f.waitEnded());
    QCOMPARE(f.failed->count(), 1);
    QCOMPARE(f.server.requestCount(QStringLiteral("/device")), 1);
    f.flow->start();
    QTRY_COMPARE(f.granted->count(), 1);
    QCOMPARE(f.flow->status(), DeviceAuthorizationFlow::Status::Granted);
    QVERIFY(!f.flow->error());
    QCOMPARE(f.server.requestCount(QStringLiteral("/device")), 2);
}

QTEST_GUILESS_MAIN(tst_DeviceAuthorizationFlow)
#include "tst_deviceauthorizationflow.moc"

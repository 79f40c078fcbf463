// SPDX-License-Identifier: BSD-3-Clause
// CIBA (poll and ping mode), section J4, against the in-process server with scaled-down waits.
#include <oauth4qt/backchannelauthenticationflow.h>
#include <oauth4qt/testclock.h>

#include "../sessiontestutil.h"
#include "session/tokenpoller_p.h"

#include <QtTest/QtTest>

using namespace OAuth4Qt;
using namespace SessionTest;

namespace {

QJsonObject bcJson(int interval = -1, int expiresIn = 120)
{
    QJsonObject o{ { QStringLiteral("auth_req_id"), QStringLiteral("req-1") }, { QStringLiteral("expires_in"), expiresIn } };
    if (interval >= 0)
        o.insert(QStringLiteral("interval"), interval);
    return o;
}

Response oauthError(const char *error, int status = 400)
{
    return Response::json(status, QJsonObject{ { QStringLiteral("error"), QString::fromLatin1(error) } });
}

// Placeholder the fixture's token endpoint replaces with an ID Token signed by its server.
const QLatin1String signedIdTokenPlaceholder("@signed-id-token@");

QJsonObject cibaTokens(bool unsignedIdToken = false)
{
    // scope openid (the default): an ID Token comes back and is validated like any other.
    QJsonObject o = tokenJson(QStringLiteral("at-ciba"), QStringLiteral("Bearer"), 3600);
    o.insert(QStringLiteral("id_token"), unsignedIdToken ? QStringLiteral("eyJhbGciOiJub25lIn0.e30.")
                                                         : QString(signedIdTokenPlaceholder));
    return o;
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
    BackchannelAuthenticationFlow *flow = nullptr;
    std::unique_ptr<QSignalSpy> granted, failed;
    QList<qint64> scheduled;

    Fixture(QObject *parent, const Response &bc, const QList<Response> &tokenScript, double scale = 0.002)
    {
        server.on(QStringLiteral("/bc-authorize"), bc);
        server.on(QStringLiteral("/jwks"), Response::json(200, testJwks()));
        auto state = std::make_shared<Script>();
        state->responses = tokenScript;
        server.on(QStringLiteral("/token"), [this, state](const Test::RecordedRequest &) {
            Response r = state->next();
            r.body.replace(QByteArray(signedIdTokenPlaceholder.data(), signedIdTokenPlaceholder.size()),
                           signedIdToken(server, QStringLiteral("ciba-client")).toLatin1());
            return r;
        });
        client = makeClient(server, parent);
        ClientConfig config(QStringLiteral("ciba-client"), QStringLiteral("secret"));
        client->setClientConfig(config);
        flow = new BackchannelAuthenticationFlow(client, client);
        flow->setLoginHint(QStringLiteral("alice"));
        flow->setTimeScale(scale);
        granted.reset(new QSignalSpy(flow, &BackchannelAuthenticationFlow::granted));
        failed.reset(new QSignalSpy(flow, &BackchannelAuthenticationFlow::failed));
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
        QTest::qWait(30);
        return granted->count() + failed->count() == 1;
    }
    Error failure() const { return failed->isEmpty() ? Error() : failed->first().first().value<Error>(); }
};

} // namespace

class tst_BackchannelAuthenticationFlow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { qRegisterMetaType<Error>(); qRegisterMetaType<TokenResponse>(); }
    void requestParameters();
    void hints_data();
    void hints();
    void authenticationResponseRejected_data();
    void authenticationResponseRejected();
    void authenticationErrorsStop_data();
    void authenticationErrorsStop();
    void neverPollEarly();
    void slowDown();
    void tokenErrorsStop_data();
    void tokenErrorsStop();
    void expiry();
    void pingMode();
    void cancel();
    void unsignedIdTokenRefused();
    void testClockDrivesPolling();
};

void tst_BackchannelAuthenticationFlow::requestParameters()
{
    Fixture f(this, Response::json(200, bcJson(1)), { Response::json(200, cibaTokens()) });
    f.flow->setScope(QStringLiteral("api:read"));
    f.flow->setBindingMessage(QStringLiteral("W4SCT"));
    f.flow->setRequestedExpiry(300);
    f.flow->start();
    QVERIFY(f.waitEnded());
    QCOMPARE(f.granted->count(), 1);
    QCOMPARE(f.flow->tokens().accessToken(), QStringLiteral("at-ciba"));
    const auto bc = f.server.requests(QStringLiteral("/bc-authorize")).first();
    QCOMPARE(bc.formValue(QStringLiteral("login_hint")), QStringLiteral("alice"));
    QCOMPARE(bc.formValue(QStringLiteral("binding_message")), QStringLiteral("W4SCT"));
    QCOMPARE(bc.formValue(QStringLiteral("requested_expiry")), QStringLiteral("300"));
    QCOMPARE(bc.formValue(QStringLiteral("scope")), QStringLiteral("api:read"));
    QVERIFY(bc.header("authorization").startsWith("Basic "));
    QVERIFY(bc.formValue(QStringLiteral("client_notification_token")).isNull());
    const auto token = f.server.requests(QStringLiteral("/token")).first();
    QCOMPARE(token.formValue(QStringLiteral("grant_type")), QStringLiteral("urn:openid:params:grant-type:ciba"));
    QCOMPARE(token.formValue(QStringLiteral("auth_req_id")), QStringLiteral("req-1"));
}

void tst_BackchannelAuthenticationFlow::hints_data()
{
    QTest::addColumn<QString>("loginHint");
    QTest::addColumn<QString>("idTokenHint");
    QTest::addColumn<QString>("loginHintToken");
    QTest::addColumn<bool>("ok");
    QTest::newRow("login_hint") << QStringLiteral("alice") << QString() << QString() << true;
    QTest::newRow("id_token_hint") << QString() << QStringLiteral("eyJ.x.y") << QString() << true;
    QTest::newRow("login_hint_token") << QString() << QString() << QStringLiteral("lht") << true;
    QTest::newRow("none") << QString() << QString() << QString() << false;
    QTest::newRow("two") << QStringLiteral("alice") << QStringLiteral("eyJ.x.y") << QString() << false;
}

void tst_BackchannelAuthenticationFlow::hints()
{
    QFETCH(QString, loginHint);
    QFETCH(QString, idTokenHint);
    QFETCH(QString, loginHintToken);
    QFETCH(bool, ok);
    Fixture f(this, Response::json(200, bcJson(1)), { Response::json(200, cibaTokens()) });
    f.flow->setLoginHint(loginHint);
    f.flow->setIdTokenHint(idTokenHint);
    f.flow->setLoginHintToken(loginHintToken);
    f.flow->start();
    QVERIFY(f.waitEnded());
    if (ok) {
        QCOMPARE(f.granted->count(), 1);
    } else {
        QCOMPARE(f.failure().code(), ErrorCode::InvalidArgument);
        QCOMPARE(f.server.requestCount(), 0);
    }
}

// J4: auth_req_id / expires_in missing -> reject.
void tst_BackchannelAuthenticationFlow::authenticationResponseRejected_data()
{
    QTest::addColumn<QJsonObject>("json");
    QTest::addColumn<ErrorCode>("code");
    QJsonObject o = bcJson(5);
    o.remove(QLatin1String("auth_req_id"));
    QTest::newRow("auth_req_id missing") << o << ErrorCode::MissingMember;
    o = bcJson(5);
    o.remove(QLatin1String("expires_in"));
    QTest::newRow("expires_in missing") << o << ErrorCode::MissingMember;
    o = bcJson(5);
    o.insert(QStringLiteral("auth_req_id"), 7);
    QTest::newRow("auth_req_id number") << o << ErrorCode::InvalidMember;
    o = bcJson(5);
    o.insert(QStringLiteral("interval"), QStringLiteral("5"));
    QTest::newRow("interval string") << o << ErrorCode::InvalidMember;
    o = bcJson(5);
    o.insert(QStringLiteral("interval"), 0);
    QTest::newRow("interval 0") << o << ErrorCode::InvalidMember;
}

void tst_BackchannelAuthenticationFlow::authenticationResponseRejected()
{
    QFETCH(QJsonObject, json);
    QFETCH(ErrorCode, code);
    Fixture f(this, Response::json(200, json), { Response::json(200, cibaTokens()) });
    f.flow->start();
    QVERIFY(f.waitEnded());
    QCOMPARE(f.failure().code(), code);
    QCOMPARE(f.server.requestCount(QStringLiteral("/token")), 0);
}

// J4: expired_id_token_hint / unknown_user_id -> stop.
void tst_BackchannelAuthenticationFlow::authenticationErrorsStop_data()
{
    QTest::addColumn<QString>("error");
    QTest::newRow("expired_id_token_hint") << QStringLiteral("expired_id_token_hint");
    QTest::newRow("unknown_user_id") << QStringLiteral("unknown_user_id");
    QTest::newRow("access_denied") << QStringLiteral("access_denied");
}

void tst_BackchannelAuthenticationFlow::authenticationErrorsStop()
{
    QFETCH(QString, error);
    Fixture f(this, Response::json(400, QJsonObject{ { QStringLiteral("error"), error } }), { Response::json(200, cibaTokens()) });
    f.flow->start();
    QVERIFY(f.waitEnded());
    QCOMPARE(f.failure().code(), ErrorCode::OAuthError);
    QCOMPARE(f.failure().oauthError(), error);
    QCOMPARE(f.flow->status(), BackchannelAuthenticationFlow::Status::Failed);
    QCOMPARE(f.server.requestCount(QStringLiteral("/token")), 0);
}

// J4: interval 31 -> the first poll is not before 31 s.
void tst_BackchannelAuthenticationFlow::neverPollEarly()
{
    Fixture f(this, Response::json(200, bcJson(31, 3600)), { oauthError("authorization_pending"), Response::json(200, cibaTokens()) }, 0.0005);
    f.flow->start();
    QVERIFY(f.waitEnded());
    QCOMPARE(f.granted->count(), 1);
    QCOMPARE(f.scheduled, (QList<qint64>{ 31000, 31000 }));
}

// J4: slow_down after 5 -> wait >= 10 s.
void tst_BackchannelAuthenticationFlow::slowDown()
{
    Fixture f(this, Response::json(200, bcJson(5, 3600)), { oauthError("slow_down"), oauthError("authorization_pending"), Response::json(200, cibaTokens()) }, 0.001);
    f.flow->start();
    QVERIFY(f.waitEnded());
    QCOMPARE(f.granted->count(), 1);
    QCOMPARE(f.scheduled, (QList<qint64>{ 5000, 10000, 10000 }));
    QCOMPARE(f.flow->interval(), 10);
}

// J4: access_denied / expired_token -> stop.
void tst_BackchannelAuthenticationFlow::tokenErrorsStop_data()
{
    QTest::addColumn<QByteArray>("error");
    QTest::newRow("access_denied") << QByteArrayLiteral("access_denied");
    QTest::newRow("expired_token") << QByteArrayLiteral("expired_token");
    QTest::newRow("transaction_failed") << QByteArrayLiteral("transaction_failed");
}

void tst_BackchannelAuthenticationFlow::tokenErrorsStop()
{
    QFETCH(QByteArray, error);
    Fixture f(this, Response::json(200, bcJson(1)), { oauthError("authorization_pending"), oauthError(error.constData()), Response::json(200, cibaTokens()) });
    f.flow->start();
    QVERIFY(f.waitEnded());
    QCOMPARE(f.failure().oauthError(), QString::fromLatin1(error));
    QCOMPARE(f.server.requestCount(QStringLiteral("/token")), 2);
}

void tst_BackchannelAuthenticationFlow::expiry()
{
    Fixture f(this, Response::json(200, bcJson(1, 20)), { oauthError("authorization_pending") }, 0.002);
    f.flow->start();
    QVERIFY(f.waitEnded());
    QCOMPARE(f.failure().code(), ErrorCode::Timeout);
    QCOMPARE(f.flow->remainingTime(), 0);
}

// Ping mode: no polling; the application passes the notification in.
void tst_BackchannelAuthenticationFlow::pingMode()
{
    Fixture f(this, Response::json(200, bcJson(1)), { Response::json(200, cibaTokens()) }, 0.01);
    f.flow->setMode(BackchannelAuthenticationFlow::Mode::Ping);
    f.flow->start();
    QTRY_COMPARE(f.flow->status(), BackchannelAuthenticationFlow::Status::AwaitingUser);
    QCOMPARE(f.flow->authReqId(), QStringLiteral("req-1"));
    const QString notificationToken = f.flow->clientNotificationToken();
    QVERIFY(notificationToken.size() >= 32);
    QCOMPARE(f.server.requests(QStringLiteral("/bc-authorize")).first().formValue(QStringLiteral("client_notification_token")), notificationToken);
    QTest::qWait(100); // 10 nominal intervals: still no poll
    QCOMPARE(f.server.requestCount(QStringLiteral("/token")), 0);
    f.flow->notify(QStringLiteral("someone-else"));
    QTest::qWait(50);
    QCOMPARE(f.server.requestCount(QStringLiteral("/token")), 0);
    f.flow->notify(QStringLiteral("req-1"));
    QVERIFY(f.waitEnded());
    QCOMPARE(f.granted->count(), 1);
    QCOMPARE(f.server.requestCount(QStringLiteral("/token")), 1);
    f.flow->notify(QStringLiteral("req-1")); // after the end: ignored
    QTest::qWait(50);
    QCOMPARE(f.server.requestCount(QStringLiteral("/token")), 1);
}

void tst_BackchannelAuthenticationFlow::cancel()
{
    Fixture f(this, Response::json(200, bcJson(1)), { oauthError("authorization_pending") }, 0.01);
    f.flow->start();
    QTRY_COMPARE(f.flow->status(), BackchannelAuthenticationFlow::Status::AwaitingUser);
    QSignalSpy polls(f.flow->findChild<TokenPoller *>(), &TokenPoller::pollStarted);
    f.flow->cancel();
    QCOMPARE(f.failure().code(), ErrorCode::Cancelled);
    QCOMPARE(f.flow->status(), BackchannelAuthenticationFlow::Status::Cancelled);
    QTest::qWait(100);
    QCOMPARE(polls.count(), 0);
    QCOMPARE(f.failed->count(), 1);
}

// The ID Token of a CIBA grant is validated like any other: alg none is refused (D1).
void tst_BackchannelAuthenticationFlow::unsignedIdTokenRefused()
{
    Fixture f(this, Response::json(200, bcJson(1)), { Response::json(200, cibaTokens(true)) });
    f.flow->start();
    QVERIFY(f.waitEnded());
    QCOMPARE(f.granted->count(), 0);
    QCOMPARE(f.failure().code(), ErrorCode::AlgorithmNotAllowed);
}

// The polling runs on the client's TestClock at nominal scale: the interval, slow_down and the
// expiry of auth_req_id come from the simulated clock, never from real time.
void tst_BackchannelAuthenticationFlow::testClockDrivesPolling()
{
    Fixture f(this, Response::json(200, bcJson(5, 60)),
              { oauthError("authorization_pending"), oauthError("slow_down"), oauthError("authorization_pending") }, 1.0);
    checkClockDrivesPolling(f, BackchannelAuthenticationFlow::Status::AwaitingUser);
}

QTEST_GUILESS_MAIN(tst_BackchannelAuthenticationFlow)
#include "tst_backchannelauthenticationflow.moc"

// SPDX-License-Identifier: BSD-3-Clause
// Issue 5 against oidc-provider (tests/peer): DPoP with server nonces, the device grant approved
// through the fixture's test-control endpoint, UserInfo with DPoP, a DPoP token replayed as
// Bearer, a public client's DPoP-bound refresh through TokenSession, CIBA approved and denied.
#include <oauth4qt/backchannelauthenticationflow.h>
#include <oauth4qt/client.h>
#include <oauth4qt/deviceauthorizationflow.h>
#include <oauth4qt/dpop.h>
#include <oauth4qt/tokensession.h>

#include <QtCore/QFile>
#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>
#include <QtNetwork/QNetworkAccessManager>
#include <QtNetwork/QNetworkReply>
#include "peerinfo.h"

#include <QtTest/QtTest>

#include "waitfinished.h"

using namespace OAuth4Qt;
using OAuth4Qt::Test::waitFinished;

namespace {

QJsonObject readInfo(const char *env)
{
    QFile f(QString::fromLocal8Bit(qgetenv(env)));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(f.readAll()).object();
}

Client *makeClient(const QJsonObject &info, const QString &role, QObject *parent)
{
    auto *client = new Client(parent);
    client->setAllowInsecureHttp(true);
    client->setIssuer(QUrl(info.value(QLatin1String("issuer")).toString()));
    const QJsonObject c = info.value(QLatin1String("clients")).toObject().value(role).toObject();
    ClientConfig config(c.value(QLatin1String("client_id")).toString(), c.value(QLatin1String("client_secret")).toString());
    config.setAuthMethod(ClientConfig::authMethodFromName(c.value(QLatin1String("token_endpoint_auth_method")).toString()));
    client->setClientConfig(config);
    return client;
}

using OAuth4Qt::Test::testControl;

// A counter of the fixture's GET /__test/stats; -1 when it cannot be read.
int fixtureStat(const QJsonObject &info, const QString &name)
{
    QNetworkAccessManager nam;
    QNetworkReply *reply = nam.get(QNetworkRequest(QUrl(info.value(QLatin1String("test_base_url")).toString() + QStringLiteral("/stats"))));
    QElapsedTimer t;
    t.start();
    while (!reply->isFinished() && t.elapsed() < 10000)
        QTest::qWait(10);
    const QJsonValue v = QJsonDocument::fromJson(reply->readAll()).object().value(name);
    delete reply;
    return v.isDouble() ? v.toInt() : -1;
}

} // namespace

class tst_SessionPeer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void dpopClientCredentials_data();
    void dpopClientCredentials();
    void deviceFlowWithDPoP();
    void deviceSlowDown();
    void cibaApprovedAndDenied_data();
    void cibaApprovedAndDenied();

private:
    QJsonObject m_info;
    QJsonObject m_dpopInfo;
};

void tst_SessionPeer::initTestCase()
{
    qRegisterMetaType<Error>();
    qRegisterMetaType<TokenResponse>();
    m_info = readInfo("OAUTH4QT_PEER_INFO_FILE");
    m_dpopInfo = readInfo("OAUTH4QT_PEER_DPOP_INFO_FILE");
    QVERIFY2(!m_info.isEmpty(), "no peer info file (run through ctest: fixture oidc_provider)");
    QVERIFY2(!m_dpopInfo.isEmpty(), "no DPoP peer info file (fixture oidc_provider_dpop)");
    QVERIFY(m_dpopInfo.value(QLatin1String("dpop_nonce_required")).toBool());
}

void tst_SessionPeer::dpopClientCredentials_data()
{
    QTest::addColumn<bool>("nonceServer");
    QTest::addColumn<QString>("alg");
    QTest::addColumn<bool>("accepted");
    QTest::newRow("ES256") << false << QStringLiteral("ES256") << true;
    QTest::newRow("ES256, nonce required") << true << QStringLiteral("ES256") << true;
    QTest::newRow("EdDSA, nonce required") << true << QStringLiteral("EdDSA") << true;
    // oidc-provider's dpop_signing_alg_values_supported is [ES256, EdDSA]: refused before sending.
    QTest::newRow("PS256, not advertised") << true << QStringLiteral("PS256") << false;
}

// DPoP-bound client credentials (the nonce server answers use_dpop_nonce first: G1 for real).
void tst_SessionPeer::dpopClientCredentials()
{
    QFETCH(bool, nonceServer);
    QFETCH(QString, alg);
    QFETCH(bool, accepted);
    Client *client = makeClient(nonceServer ? m_dpopInfo : m_info, QStringLiteral("basic"), this);
    client->setDPoPKey(DPoPKey::generate(alg));
    client->setDPoPRequired(true);
    TokenReply *reply = client->requestClientCredentials(QStringLiteral("api:read"));
    QVERIFY(waitFinished(reply));
    if (!accepted) {
        QCOMPARE(reply->error().code(), ErrorCode::UnsupportedAlgorithm);
        delete client;
        return;
    }
    QVERIFY2(!reply->error(), qPrintable(reply->error().errorString()));
    QCOMPARE(reply->tokens().tokenType(), QStringLiteral("DPoP"));
    // A second request uses the cached nonce.
    TokenReply *second = client->requestClientCredentials(QStringLiteral("api:read"));
    QVERIFY(waitFinished(second));
    QVERIFY2(!second->error(), qPrintable(second->error().errorString()));
    delete client;
}

// Device grant (public client, DPoP, nonce server) approved via test control; UserInfo with
// DPoP; the same token as Bearer is refused; refresh with the same key through TokenSession.
void tst_SessionPeer::deviceFlowWithDPoP()
{
    Client *client = makeClient(m_dpopInfo, QStringLiteral("public"), this);
    const DPoPKey key = DPoPKey::generate();
    client->setDPoPKey(key);
    DeviceAuthorizationFlow flow(client);
    flow.setScope(QStringLiteral("openid offline_access"));
    QSignalSpy granted(&flow, &DeviceAuthorizationFlow::granted);
    QSignalSpy failed(&flow, &DeviceAuthorizationFlow::failed);
    flow.start();
    QTRY_COMPARE_WITH_TIMEOUT(flow.status(), DeviceAuthorizationFlow::Status::AwaitingUser, 15000);
    QVERIFY(!flow.userCode().isEmpty());
    QCOMPARE(flow.interval(), 5); // oidc-provider sends no interval
    QVERIFY(flow.remainingTime() > 0);
    QCOMPARE(testControl(m_dpopInfo, QStringLiteral("/device/approve?user_code=") + flow.userCode()), 200);
    QTRY_COMPARE_WITH_TIMEOUT(granted.count() + failed.count(), 1, 60000);
    QVERIFY2(failed.isEmpty(), qPrintable(flow.error().errorString()));
    const TokenResponse tokens = flow.tokens();
    QCOMPARE(tokens.tokenType(), QStringLiteral("DPoP"));
    QVERIFY(!tokens.refreshToken().isEmpty());

    // UserInfo with DPoP (the resource server asks for a nonce too).
    const QUrl userinfo = client->metadata().userinfoEndpoint();
    ResourceReply *ui = client->resourceRequest("GET", userinfo, tokens);
    QVERIFY(waitFinished(ui));
    QVERIFY2(!ui->error(), qPrintable(ui->error().errorString()));
    QCOMPARE(QJsonDocument::fromJson(ui->body()).object().value(QLatin1String("sub")).toString(), QStringLiteral("alice"));

    // Client::userInfo with the TokenResponse: the DPoP scheme and a proof with ath (the
    // nonce server makes it retry once), never Bearer.
    JsonReply *claims = client->userInfo(tokens, QStringLiteral("alice"));
    QVERIFY(waitFinished(claims));
    QVERIFY2(!claims->error(), qPrintable(claims->error().errorString()));
    QCOMPARE(claims->result().value(QLatin1String("sub")).toString(), QStringLiteral("alice"));
    // On a fresh client (no nonce cached yet): the use_dpop_nonce retry happens for UserInfo too.
    Client *fresh = makeClient(m_dpopInfo, QStringLiteral("public"), this);
    fresh->setDPoPKey(key);
    JsonReply *freshClaims = fresh->userInfo(tokens, QStringLiteral("alice"));
    QVERIFY(waitFinished(freshClaims));
    QVERIFY2(!freshClaims->error(), qPrintable(freshClaims->error().errorString()));
    // The same token through the Bearer-only overload is refused by the server, typed.
    JsonReply *asBearer = client->userInfo(tokens.accessToken());
    QVERIFY(waitFinished(asBearer));
    QCOMPARE(asBearer->error().code(), ErrorCode::AuthenticationChallenge);
    delete fresh;

    // The DPoP-bound token replayed as Bearer is refused, typed.
    ResourceReply *replay = client->resourceRequest("GET", userinfo, tokens.accessToken(), QStringLiteral("Bearer"));
    QVERIFY(waitFinished(replay));
    QCOMPARE(replay->status(), 401);
    QCOMPARE(replay->error().code(), ErrorCode::AuthenticationChallenge);

    // G10: the public client's refresh with the same key, through the session.
    TokenSession session(client);
    session.setTokens(tokens);
    QSignalSpy refreshed(&session, &TokenSession::refreshed);
    session.refresh();
    QTRY_COMPARE_WITH_TIMEOUT(refreshed.count(), 1, 15000);
    QVERIFY(session.accessToken() != tokens.accessToken());
    QCOMPARE(session.tokenType(), QStringLiteral("DPoP"));
    QVERIFY(session.tokens().refreshToken() != tokens.refreshToken()); // rotated
    // With another key the refresh token is refused (bound to the first key).
    client->setDPoPKey(DPoPKey::generate());
    TokenReply *wrongKey = client->refreshToken(session.tokens().refreshToken());
    QVERIFY(waitFinished(wrongKey));
    QVERIFY(wrongKey->error());
    delete client;
}

// P8 / J2: a real server's slow_down during device polling (the fixture turns the next
// authorization_pending into slow_down): the interval grows by 5 s for every later poll, and
// polling goes on until the user approves.
void tst_SessionPeer::deviceSlowDown()
{
    Client *client = makeClient(m_info, QStringLiteral("public"), this);
    DeviceAuthorizationFlow flow(client);
    flow.setScope(QStringLiteral("openid"));
    flow.setTimeScale(0.1); // every wait a tenth: the nominal 5 s interval is 0.5 s
    QSignalSpy granted(&flow, &DeviceAuthorizationFlow::granted);
    QSignalSpy failed(&flow, &DeviceAuthorizationFlow::failed);
    flow.start();
    QTRY_COMPARE_WITH_TIMEOUT(flow.status(), DeviceAuthorizationFlow::Status::AwaitingUser, 15000);
    QCOMPARE(flow.interval(), 5);
    const int before = fixtureStat(m_info, QStringLiteral("slow_downs"));
    QVERIFY(before >= 0);
    QCOMPARE(testControl(m_info, QStringLiteral("/device/slow_down?count=2&user_code=") + flow.userCode()), 200);
    QTRY_COMPARE_WITH_TIMEOUT(flow.interval(), 15, 30000);
    QCOMPARE(fixtureStat(m_info, QStringLiteral("slow_downs")) - before, 2);
    QCOMPARE(flow.status(), DeviceAuthorizationFlow::Status::AwaitingUser);
    QVERIFY(granted.isEmpty() && failed.isEmpty());
    QCOMPARE(testControl(m_info, QStringLiteral("/device/approve?user_code=") + flow.userCode()), 200);
    QTRY_COMPARE_WITH_TIMEOUT(granted.count() + failed.count(), 1, 30000);
    QVERIFY2(failed.isEmpty(), qPrintable(flow.error().errorString()));
    QVERIFY(!flow.tokens().accessToken().isEmpty());
    QCOMPARE(flow.interval(), 15); // never lowered again
    delete client;
}

void tst_SessionPeer::cibaApprovedAndDenied_data()
{
    QTest::addColumn<bool>("approve");
    QTest::newRow("approved") << true;
    QTest::newRow("denied") << false;
}

void tst_SessionPeer::cibaApprovedAndDenied()
{
    QFETCH(bool, approve);
    QVERIFY(m_info.value(QLatin1String("ciba_enabled")).toBool());
    Client *client = makeClient(m_info, QStringLiteral("basic"), this);
    BackchannelAuthenticationFlow flow(client);
    flow.setScope(QStringLiteral("openid"));
    flow.setLoginHint(QStringLiteral("bob"));
    flow.setBindingMessage(QStringLiteral("W4SCT"));
    QSignalSpy granted(&flow, &BackchannelAuthenticationFlow::granted);
    QSignalSpy failed(&flow, &BackchannelAuthenticationFlow::failed);
    flow.start();
    QTRY_COMPARE_WITH_TIMEOUT(flow.status(), BackchannelAuthenticationFlow::Status::AwaitingUser, 15000);
    QVERIFY(!flow.authReqId().isEmpty());
    QCOMPARE(testControl(m_info, (approve ? QStringLiteral("/ciba/approve?auth_req_id=") : QStringLiteral("/ciba/deny?auth_req_id="))
                                     + QString::fromLatin1(QUrl::toPercentEncoding(flow.authReqId()))), 200);
    QTRY_COMPARE_WITH_TIMEOUT(granted.count() + failed.count(), 1, 60000);
    if (approve) {
        QVERIFY2(failed.isEmpty(), qPrintable(flow.error().errorString()));
        QVERIFY(!flow.tokens().accessToken().isEmpty());
        QVERIFY(!flow.tokens().idToken().isEmpty());
    } else {
        QCOMPARE(flow.error().oauthError(), QStringLiteral("access_denied"));
        QCOMPARE(flow.status(), BackchannelAuthenticationFlow::Status::Failed);
    }
    delete client;
}

QTEST_GUILESS_MAIN(tst_SessionPeer)
#include "tst_sessionpeer.moc"

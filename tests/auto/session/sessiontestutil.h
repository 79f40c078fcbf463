// SPDX-License-Identifier: BSD-3-Clause
// Shared helpers of the issue-5 test suites (DPoP, device, CIBA, token session).
#pragma once

#include <oauth4qt/client.h>
#include <oauth4qt/jws.h>
#include <oauth4qt/testclock.h>

#include "testhttpserver.h"
#include "waitfinished.h"

#include <QtCore/QJsonArray>
#include <QtCore/QJsonDocument>
#include <QtTest/QtTest>

namespace SessionTest {

using namespace OAuth4Qt;
using OAuth4Qt::Test::Response;
using OAuth4Qt::Test::TestHttpServer;
using OAuth4Qt::Test::waitFinished;

//! Metadata pointing every endpoint at \a server (plain HTTP on loopback).
inline ServerMetadata metadataFor(const TestHttpServer &server, const QJsonObject &extra = {})
{
    const QString base = server.url().toString();
    QJsonObject json{
        { QStringLiteral("issuer"), base },
        { QStringLiteral("authorization_endpoint"), QString(base + QLatin1String("/authorize")) },
        { QStringLiteral("token_endpoint"), QString(base + QLatin1String("/token")) },
        { QStringLiteral("userinfo_endpoint"), QString(base + QLatin1String("/userinfo")) },
        { QStringLiteral("introspection_endpoint"), QString(base + QLatin1String("/introspect")) },
        { QStringLiteral("revocation_endpoint"), QString(base + QLatin1String("/revoke")) },
        { QStringLiteral("pushed_authorization_request_endpoint"), QString(base + QLatin1String("/par")) },
        { QStringLiteral("device_authorization_endpoint"), QString(base + QLatin1String("/device")) },
        { QStringLiteral("backchannel_authentication_endpoint"), QString(base + QLatin1String("/bc-authorize")) },
        { QStringLiteral("jwks_uri"), QString(base + QLatin1String("/jwks")) },
        { QStringLiteral("response_types_supported"), QJsonArray{ QStringLiteral("code") } },
        { QStringLiteral("subject_types_supported"), QJsonArray{ QStringLiteral("public") } },
        { QStringLiteral("id_token_signing_alg_values_supported"), QJsonArray{ QStringLiteral("RS256") } },
    };
    for (auto it = extra.begin(); it != extra.end(); ++it)
        json.insert(it.key(), it.value());
    Error e;
    ServerMetadata md = ServerMetadata::fromJson(json, server.url(), true, &e);
    if (e)
        qWarning() << "metadata:" << e;
    return md;
}

//! A public client (auth method none) talking to \a server.
inline Client *makeClient(const TestHttpServer &server, QObject *parent)
{
    auto *client = new Client(parent);
    client->setAllowInsecureHttp(true);
    client->setRequestTimeout(10000);
    client->setMetadata(metadataFor(server));
    ClientConfig config(QStringLiteral("client-1"));
    config.setAuthMethod(ClientConfig::AuthMethod::None);
    client->setClientConfig(config);
    return client;
}

//! A per-process RS256 signing key for test ID Tokens, and its JWKS document.
inline const JsonWebKey &testSigningKey()
{
    static const JsonWebKey key = [] {
        JsonWebKey k = JsonWebKey::generate(QStringLiteral("RS256"));
        k.setKeyId(QStringLiteral("test-rs256"));
        return k;
    }();
    return key;
}

inline QJsonObject testJwks()
{
    return QJsonObject{ { QStringLiteral("keys"), QJsonArray{ testSigningKey().publicKey().toJson() } } };
}

//! A valid RS256 ID Token from \a server for \a clientId (serve testJwks() at /jwks).
inline QString signedIdToken(const TestHttpServer &server, const QString &clientId,
                             const QString &subject = QStringLiteral("alice"))
{
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    const QJsonObject claims{ { QStringLiteral("iss"), server.url().toString() },
                              { QStringLiteral("aud"), clientId },
                              { QStringLiteral("sub"), subject },
                              { QStringLiteral("iat"), now },
                              { QStringLiteral("exp"), now + 300 } };
    QJsonObject header{ { QStringLiteral("kid"), testSigningKey().keyId() } };
    return QString::fromLatin1(Jws::sign(QStringLiteral("RS256"), header,
                                         QJsonDocument(claims).toJson(QJsonDocument::Compact),
                                         testSigningKey()));
}

inline QJsonObject tokenJson(const QString &accessToken = QStringLiteral("at-1"),
                             const QString &tokenType = QStringLiteral("DPoP"), int expiresIn = 3600,
                             const QString &refreshToken = {})
{
    QJsonObject o{ { QStringLiteral("access_token"), accessToken },
                   { QStringLiteral("token_type"), tokenType } };
    if (expiresIn >= 0)
        o.insert(QStringLiteral("expires_in"), expiresIn);
    if (!refreshToken.isEmpty())
        o.insert(QStringLiteral("refresh_token"), refreshToken);
    return o;
}

//! A decoded DPoP proof: header, claims, and whether its signature verifies with its own jwk.
struct Proof
{
    bool valid = false;
    QJsonObject header;
    QJsonObject claims;
};

inline Proof decodeProof(const QByteArray &compact)
{
    Proof p;
    Error e;
    const JwsCompact jws = Jws::parseJwt(compact, &p.claims, &e);
    if (e)
        return p;
    p.header = jws.header;
    const JsonWebKey key = JsonWebKey::fromJson(jws.header.value(QLatin1String("jwk")).toObject());
    p.valid = !key.isNull() && Jws::verify(jws, key);
    return p;
}

/*!
    The polling script the device and CIBA flows share, on the client's TestClock at nominal
    scale: \a f is the suite's fixture (server, flow, granted/failed spies, \c scheduled with
    each pollScheduled() delay, waitEnded(), failure()) answering the token requests with
    authorization_pending, slow_down, authorization_pending, for a grant of interval 5 s that
    expires in 60 s. The interval, slow_down, the countdown and the expiry pass in simulated
    time; nothing polls unless the clock moves. Each answer is processed (the next poll
    scheduled) before the clock moves on: a clock moved while the answer is still on its way
    (slow machines, valgrind) would be moved for a poll that is not yet scheduled.
*/
template <typename Fixture, typename Status>
void checkClockDrivesPolling(Fixture &f, Status awaitingUser)
{
    TestClock clock;
    clock.attach(f.client);
    f.flow->start();
    QTRY_COMPARE(f.flow->status(), awaitingUser);
    QCOMPARE(f.flow->remainingTime(), 60);
    QTest::qWait(100);
    QCOMPARE(f.server.requestCount(QStringLiteral("/token")), 0); // real time does not poll
    clock.advance(4999);
    QCOMPARE(f.server.requestCount(QStringLiteral("/token")), 0);
    QCOMPARE(f.flow->remainingTime(), 56);
    clock.advance(1);
    QTRY_COMPARE(f.server.requestCount(QStringLiteral("/token")), 1); // pending: next in 5 s
    QTRY_COMPARE(f.scheduled.size(), 2);
    clock.advance(5000);
    QTRY_COMPARE(f.server.requestCount(QStringLiteral("/token")), 2); // slow_down: next in 10 s
    QTRY_COMPARE(f.scheduled.size(), 3);
    QCOMPARE(f.flow->interval(), 10);
    clock.advance(9999);
    QTest::qWait(50);
    QCOMPARE(f.server.requestCount(QStringLiteral("/token")), 2);
    clock.advance(1);
    QTRY_COMPARE(f.server.requestCount(QStringLiteral("/token")), 3);
    QTRY_COMPARE(f.scheduled.size(), 4);
    // The expiry (60 s) comes on the simulated clock too.
    clock.advance(60000);
    QVERIFY(f.waitEnded());
    QCOMPARE(f.failure().code(), ErrorCode::Timeout);
    QCOMPARE(f.flow->remainingTime(), 0);
    QCOMPARE(f.granted->count(), 0);
}

} // namespace SessionTest

// SPDX-License-Identifier: BSD-3-Clause
// bench_sessionsoak [--days N]: a TokenSession driven through N simulated days (default 7) by a
// TestClock, for 30 s and 120 s access tokens, against an in-process token endpoint that
// rotates the refresh token on every refresh and refuses any other. Prints, per simulated day,
// the refreshes so far, the wall time and the process RSS, and the RSS growth from day 1 to the
// end. Never judges the numbers.
#include <oauth4qt/client.h>
#include <oauth4qt/testclock.h>
#include <oauth4qt/tokensession.h>
#include <oauth4qt/tokenstore.h>

#include "testhttpserver.h"

#include <QtCore/QCoreApplication>
#include <QtCore/QElapsedTimer>
#include <QtCore/QFile>
#include <QtCore/QJsonArray>
#include <QtCore/QThread>

#include <cstdio>

using namespace OAuth4Qt;
using OAuth4Qt::Test::RecordedRequest;
using OAuth4Qt::Test::Response;
using OAuth4Qt::Test::TestHttpServer;

namespace {

qint64 rssKiB()
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : f.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').first().toLongLong();
    }
    return -1;
}

void spin(int ms)
{
    QElapsedTimer t;
    t.start();
    do {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
        QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    } while (t.elapsed() < ms);
}

bool waitIdle(const TokenSession &s)
{
    QElapsedTimer t;
    t.start();
    while (s.isRefreshing() && t.elapsed() < 15000) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 1);
        QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    }
    return !s.isRefreshing();
}

bool simulate(TestClock &clock, const TokenSession &session, qint64 spanMs, TestHttpServer &server)
{
    const qint64 end = clock.elapsed() + spanMs;
    for (int i = 1;; ++i) {
        if (i % 64 == 0)
            server.clearRequests(); // the test server's own record, not the client's memory
        const qint64 next = clock.nextTimerIn();
        if (next < 0 || clock.elapsed() + next > end) {
            clock.advance(end - clock.elapsed());
            return true;
        }
        clock.advance(next);
        if (!waitIdle(session))
            return false;
    }
}

void run(int lifetime, int days)
{
    TestHttpServer server;
    int serial = 1;
    server.on(QStringLiteral("/token"), [&](const RecordedRequest &r) {
        if (r.formValue(QStringLiteral("refresh_token")) != QStringLiteral("rt-%1").arg(serial))
            return Response::json(400, QJsonObject{ { QStringLiteral("error"), QStringLiteral("invalid_grant") } });
        ++serial;
        return Response::json(200, QJsonObject{ { QStringLiteral("access_token"), QStringLiteral("at-%1").arg(serial) },
                                                { QStringLiteral("token_type"), QStringLiteral("Bearer") },
                                                { QStringLiteral("expires_in"), lifetime },
                                                { QStringLiteral("refresh_token"), QStringLiteral("rt-%1").arg(serial) } });
    });
    auto *client = new Client;
    client->setAllowInsecureHttp(true);
    const QString base = server.url().toString();
    Error e;
    client->setMetadata(ServerMetadata::fromJson(QJsonObject{ { QStringLiteral("issuer"), base },
                                                              { QStringLiteral("token_endpoint"), QString(base + QLatin1String("/token")) },
                                                              { QStringLiteral("response_types_supported"), QJsonArray{ QStringLiteral("code") } } },
                                                 server.url(), true, &e));
    ClientConfig config(QStringLiteral("bench"));
    config.setAuthMethod(ClientConfig::AuthMethod::None);
    client->setClientConfig(config);
    TestClock clock;
    clock.attach(client);
    MemoryTokenStore store;
    auto *session = new TokenSession(client);
    session->setStore(&store);
    TokenResponse t;
    t.setAccessToken(QStringLiteral("at-1"));
    t.setTokenType(QStringLiteral("Bearer"));
    t.setRefreshToken(QStringLiteral("rt-1"));
    t.setExpiresIn(lifetime, clock.now());
    session->setTokens(t);
    int refreshes = 0;
    QObject::connect(session, &TokenSession::refreshed, session, [&refreshes] { ++refreshes; });

    QElapsedTimer wall;
    wall.start();
    qint64 day1Rss = -1;
    for (int day = 1; day <= days; ++day) {
        if (!simulate(clock, *session, qint64(24) * 3600 * 1000, server)) {
            std::printf("| %5d s | %3d | stuck: a refresh did not finish |\n", lifetime, day);
            break;
        }
        server.clearRequests();
        spin(10);
        const qint64 rss = rssKiB();
        if (day == 1)
            day1Rss = rss;
        if (qEnvironmentVariableIsSet("BENCH_DIAG"))
            std::printf("diag: client children %d, session children %d, server children %d\n",
                        int(client->findChildren<QObject *>().size()), int(session->findChildren<QObject *>().size()),
                        int(server.findChildren<QObject *>().size()));
        std::printf("| %5d s | %3d | %9d | %8.1f s | %9lld | %+9lld |\n", lifetime, day, refreshes,
                    double(wall.elapsed()) / 1000.0, static_cast<long long>(rss), static_cast<long long>(rss - day1Rss));
        std::fflush(stdout);
    }
    std::printf("| %5d s | end | session %s, %d failures |\n", lifetime, session->isValid() ? "valid" : "NOT valid",
                session->lastError() ? 1 : 0);
    delete session;
    delete client;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    int days = 7;
    const QStringList args = app.arguments();
    const qsizetype i = args.indexOf(QStringLiteral("--days"));
    if (i >= 0 && i + 1 < args.size())
        days = qMax(1, args.at(i + 1).toInt());
    std::printf("TokenSession soak: %d simulated days per lifetime (RSS in KiB; growth from the end of day 1)\n\n", days);
    std::printf("| lifetime | day | refreshes | wall time | RSS (KiB) | growth KiB |\n");
    std::printf("|---------:|----:|----------:|----------:|----------:|-----------:|\n");
    for (int lifetime : { 30, 120 })
        run(lifetime, days);
    return 0;
}

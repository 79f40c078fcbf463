// SPDX-License-Identifier: BSD-3-Clause
// Client CPU time per client_credentials grant (client_secret_basic): oauth4qt vs a raw
// QNetworkAccessManager POST + QJsonDocument parse vs oauth4webapi on Node, in one run against
// the same local oidc-provider. Prints a table; never asserts on time.
//
//   bench_grant --info PEER_INFO_JSON [--count 2000] [--concurrency 8] [--no-node]
#include <oauth4qt/client.h>

#include <QtCore/QCommandLineParser>
#include <QtCore/QCoreApplication>
#include <QtCore/QElapsedTimer>
#include <QtCore/QFile>
#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>
#include <QtCore/QProcess>
#include <QtNetwork/QNetworkAccessManager>
#include <QtNetwork/QNetworkReply>

#include <cstdio>
#include <ctime>
#include <functional>
#include <memory>

namespace {

double cpuSeconds()
{
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return double(ts.tv_sec) + double(ts.tv_nsec) / 1e9;
}

struct Measurement
{
    int ops = 0;
    int failures = 0;
    double wall = 0;
    double cpu = 0;
};

// Runs `count` operations, `concurrency` at a time; op(done) must call done(ok) exactly once.
Measurement run(int count, int concurrency, const std::function<void(std::function<void(bool)>)> &op)
{
    Measurement m;
    QEventLoop loop;
    int started = 0;
    int finished = 0;
    std::function<void()> startOne;
    startOne = [&] {
        if (started >= count)
            return;
        ++started;
        op([&](bool ok) {
            ++finished;
            if (!ok)
                ++m.failures;
            if (finished == count)
                loop.quit();
            else
                QMetaObject::invokeMethod(&loop, [&] { startOne(); }, Qt::QueuedConnection);
        });
    };
    QElapsedTimer wall;
    const double cpu0 = cpuSeconds();
    wall.start();
    for (int i = 0; i < concurrency; ++i)
        startOne();
    loop.exec();
    m.wall = wall.nsecsElapsed() / 1e9;
    m.cpu = cpuSeconds() - cpu0;
    m.ops = count;
    return m;
}

QByteArray formEncodeBasic(const QString &s)
{
    // The same RFC 6749 Appendix B encoding the library applies (done once, outside the loop).
    QByteArray out;
    for (char c : s.toUtf8()) {
        const auto u = static_cast<unsigned char>(c);
        if ((u >= 'A' && u <= 'Z') || (u >= 'a' && u <= 'z') || (u >= '0' && u <= '9'))
            out += c;
        else if (u == ' ')
            out += '+';
        else
            out += '%' + QByteArray::number(u, 16).toUpper().rightJustified(2, '0');
    }
    return out;
}

void printRow(const char *name, const Measurement &m, double baselineCpuPerOp)
{
    const double cpuPerOp = m.cpu / m.ops * 1e6;
    std::printf("| %-38s | %6d | %8.1f | %10.1f | %12.1f | %6.2fx |\n", name, m.ops, m.ops / m.wall,
                m.wall / m.ops * 1e6, cpuPerOp, baselineCpuPerOp > 0 ? cpuPerOp / baselineCpuPerOp : 1.0);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addOptions({
        { QStringLiteral("info"), QStringLiteral("oidc-provider fixture info file"), QStringLiteral("file") },
        { QStringLiteral("count"), QStringLiteral("grants per implementation"), QStringLiteral("n"), QStringLiteral("2000") },
        { QStringLiteral("concurrency"), QStringLiteral("grants in flight"), QStringLiteral("n"), QStringLiteral("8") },
        { QStringLiteral("no-node"), QStringLiteral("skip the oauth4webapi peer") },
    });
    parser.addHelpOption();
    parser.process(app);
    QFile infoFile(parser.value(QStringLiteral("info")));
    if (!infoFile.open(QIODevice::ReadOnly)) {
        std::fprintf(stderr, "bench_grant: --info FILE is required (the oidc-provider fixture's info file)\n");
        return 2;
    }
    const QJsonObject info = QJsonDocument::fromJson(infoFile.readAll()).object();
    const QJsonObject basic = info.value(QLatin1String("clients")).toObject().value(QLatin1String("basic")).toObject();
    const QString issuer = info.value(QLatin1String("issuer")).toString();
    const QString clientId = basic.value(QLatin1String("client_id")).toString();
    const QString secret = basic.value(QLatin1String("client_secret")).toString();
    const int count = parser.value(QStringLiteral("count")).toInt();
    const int concurrency = parser.value(QStringLiteral("concurrency")).toInt();
    const QString scope = QStringLiteral("api:read");

    // oauth4qt: metadata discovered once (not measured), then grants.
    OAuth4Qt::Client client;
    client.setAllowInsecureHttp(true);
    client.setIssuer(QUrl(issuer));
    client.setClientConfig(OAuth4Qt::ClientConfig(clientId, secret));
    {
        QEventLoop loop;
        auto *reply = client.discover();
        QObject::connect(reply, &OAuth4Qt::Reply::finished, &loop, &QEventLoop::quit);
        loop.exec();
        if (reply->error()) {
            std::fprintf(stderr, "bench_grant: discovery failed: %s\n", qPrintable(reply->error().errorString()));
            return 1;
        }
        reply->deleteLater();
    }
    const QUrl tokenEndpoint = client.metadata().tokenEndpoint();

    // Raw baseline: the same request bytes, POSTed with a plain QNetworkAccessManager.
    QNetworkAccessManager nam;
    const QByteArray authorization = "Basic " + (formEncodeBasic(clientId) + ':' + formEncodeBasic(secret)).toBase64();
    const QByteArray body = "grant_type=client_credentials&scope=" + QUrl::toPercentEncoding(scope);
    auto rawGrant = [&](std::function<void(bool)> done) {
        QNetworkRequest request(tokenEndpoint);
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/x-www-form-urlencoded"));
        request.setRawHeader("Authorization", authorization);
        request.setRawHeader("Accept", "application/json");
        QNetworkReply *reply = nam.post(request, body);
        QObject::connect(reply, &QNetworkReply::finished, reply, [reply, done] {
            reply->deleteLater();
            const QJsonObject o = QJsonDocument::fromJson(reply->readAll()).object();
            done(reply->error() == QNetworkReply::NoError && o.value(QLatin1String("access_token")).isString());
        });
    };
    auto libGrant = [&](std::function<void(bool)> done) {
        auto *reply = client.requestClientCredentials(scope);
        QObject::connect(reply, &OAuth4Qt::Reply::finished, reply, [reply, done] {
            reply->deleteLater();
            done(!reply->error() && !reply->tokens().accessToken().isEmpty());
        });
    };

    // Warm-up both paths (connections, caches), then measure alternately to share conditions.
    run(50, concurrency, rawGrant);
    run(50, concurrency, libGrant);
    const Measurement raw = run(count, concurrency, rawGrant);
    const Measurement lib = run(count, concurrency, libGrant);

    Measurement node;
    bool haveNode = false;
    if (!parser.isSet(QStringLiteral("no-node"))) {
        QProcess p;
        p.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        p.start(QStringLiteral("sh"), { QStringLiteral(OAUTH4QT_NODE_BENCH_DIR "/run.sh"),
                                        QStringLiteral("o4w-client-credentials.mjs"),
                                        QStringLiteral("--issuer"), issuer, QStringLiteral("--client-id"), clientId,
                                        QStringLiteral("--client-secret"), secret, QStringLiteral("--scope"), scope,
                                        QStringLiteral("--count"), QString::number(count),
                                        QStringLiteral("--concurrency"), QString::number(concurrency) });
        if (p.waitForFinished(600000) && p.exitCode() == 0) {
            const QJsonObject o = QJsonDocument::fromJson(p.readAllStandardOutput().trimmed()).object();
            node.ops = o.value(QLatin1String("ops")).toInt();
            node.wall = o.value(QLatin1String("wall_s")).toDouble();
            node.cpu = o.value(QLatin1String("cpu_user_s")).toDouble() + o.value(QLatin1String("cpu_sys_s")).toDouble();
            haveNode = node.ops > 0;
        } else {
            std::fprintf(stderr, "bench_grant: the oauth4webapi peer did not run\n");
        }
    }

    const double base = raw.cpu / raw.ops * 1e6;
    std::printf("\nclient_credentials grants (client_secret_basic), %d grants, concurrency %d, against oidc-provider\n", count, concurrency);
    std::printf("| %-38s | %6s | %8s | %10s | %12s | %7s |\n", "implementation", "grants", "grants/s", "wall us/op", "client CPU us", "vs raw");
    std::printf("|%s|%s|%s|%s|%s|%s|\n", "----------------------------------------", "--------", "----------", "------------", "--------------", "---------");
    printRow("raw QNetworkAccessManager + QJsonDoc", raw, base);
    printRow("oauth4qt Client::requestClientCredentials", lib, base);
    if (haveNode)
        printRow("oauth4webapi 3 (Node 22)", node, base);
    if (raw.failures || lib.failures)
        std::printf("failures: raw %d, oauth4qt %d\n", raw.failures, lib.failures);
    if (haveNode)
        std::printf("oauth4qt client CPU per grant vs oauth4webapi: %.2fx\n", (lib.cpu / lib.ops) / (node.cpu / node.ops));
    return (raw.failures || lib.failures) ? 1 : 0;
}

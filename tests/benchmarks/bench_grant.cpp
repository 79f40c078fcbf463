// SPDX-License-Identifier: BSD-3-Clause
// Client CPU time per client_credentials grant (client_secret_basic): oauth4qt vs a raw
// QNetworkAccessManager POST + QJsonDocument parse vs oauth4webapi on Node, in one run against
// the same local oidc-provider. The implementations take turns over several rounds (the Node peer
// stays up between its rounds), so that a slower or busier moment of the machine hits all of them;
// the table gives per implementation the median CPU per grant, and per ratio its median and its
// spread (min-max over the rounds). Prints a table; never asserts on time.
//
//   bench_grant --info PEER_INFO_JSON [--rounds 5] [--count 400] [--concurrency 8] [--no-node]
//               [--transport https|http|both]
//   (--count: grants per implementation and round; --only raw|oauth4qt runs that one alone, without
//   the Node peer, for a profiler)
#include <oauth4qt/client.h>

#include "benchutil.h"

#include <QtCore/QCommandLineParser>
#include <QtCore/QCoreApplication>
#include <QtCore/QElapsedTimer>
#include <QtCore/QFile>
#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>
#include <QtCore/QProcess>
#include <QtNetwork/QNetworkAccessManager>
#include <QtNetwork/QNetworkReply>
#include <QtNetwork/QSslCertificate>
#include <QtNetwork/QSslConfiguration>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <functional>
#include <memory>
#include <vector>

using namespace OAuth4QtBench;

namespace {

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

struct Series
{
    std::vector<double> values;
    double median() const
    {
        if (values.empty())
            return 0;
        std::vector<double> v = values;
        std::sort(v.begin(), v.end());
        const size_t n = v.size();
        return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }
    double min() const { return values.empty() ? 0 : *std::min_element(values.begin(), values.end()); }
    double max() const { return values.empty() ? 0 : *std::max_element(values.begin(), values.end()); }
};

// Per implementation over the rounds: client CPU and wall time per grant (microseconds).
struct Totals
{
    Series cpuPerOp;
    Series wallPerOp;
    int ops = 0;
    int failures = 0;
    void add(const Measurement &m)
    {
        cpuPerOp.values.push_back(m.cpu / m.ops * 1e6);
        wallPerOp.values.push_back(m.wall / m.ops * 1e6);
        ops += m.ops;
        failures += m.failures;
    }
};

void printRow(const char *name, const Totals &t, double baselineCpuPerOp)
{
    const double cpu = t.cpuPerOp.median();
    std::printf("| %-41s | %6d | %10.1f | %12.1f | %15s | %6.2fx |\n", name, t.ops, t.wallPerOp.median(), cpu,
                qPrintable(QStringLiteral("%1-%2").arg(t.cpuPerOp.min(), 0, 'f', 1).arg(t.cpuPerOp.max(), 0, 'f', 1)),
                baselineCpuPerOp > 0 ? cpu / baselineCpuPerOp : 1.0);
}

void printRatio(const char *name, const Series &ratio)
{
    std::printf("%s: median %.2fx, spread %.2fx-%.2fx over %d rounds\n", name, ratio.median(), ratio.min(), ratio.max(),
                int(ratio.values.size()));
}

struct Options
{
    QString issuer;
    QString clientId;
    QString secret;
    QString scope;
    int count = 400;
    int rounds = 5;
    int concurrency = 8;
    bool node = true;
    QString only;
};

// One table: oauth4qt, raw QNetworkAccessManager and oauth4webapi, every token request to
// `tokenEndpoint` (the http issuer's, or its https alias with `tls` trusting `caFile`).
int compare(const Options &o, OAuth4Qt::Client &client, const QUrl &tokenEndpoint, const QSslConfiguration *tls,
            const QString &caFile, const char *transport)
{
    // Raw baseline: the same request bytes, POSTed with a plain QNetworkAccessManager.
    QNetworkAccessManager nam;
    const QByteArray credentials = formEncodeBasic(o.clientId) + ':' + formEncodeBasic(o.secret);
    const QByteArray authorization = "Basic " + credentials.toBase64();
    const QByteArray body = "grant_type=client_credentials&scope=" + QUrl::toPercentEncoding(o.scope);
    auto rawGrant = [&](std::function<void(bool)> done) {
        QNetworkRequest request(tokenEndpoint);
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/x-www-form-urlencoded"));
        request.setRawHeader("Authorization", authorization);
        request.setRawHeader("Accept", "application/json");
        if (tls)
            request.setSslConfiguration(*tls);
        QNetworkReply *reply = nam.post(request, body);
        QObject::connect(reply, &QNetworkReply::finished, reply, [reply, done] {
            reply->deleteLater();
            const QJsonObject o = QJsonDocument::fromJson(reply->readAll()).object();
            done(reply->error() == QNetworkReply::NoError && o.value(QLatin1String("access_token")).isString());
        });
    };
    auto libGrant = [&](std::function<void(bool)> done) {
        auto *reply = client.requestClientCredentials(o.scope);
        QObject::connect(reply, &OAuth4Qt::Reply::finished, reply, [reply, done] {
            reply->deleteLater();
            done(!reply->error() && !reply->tokens().accessToken().isEmpty());
        });
    };

    if (!o.only.isEmpty()) {
        const std::function<void(std::function<void(bool)>)> grant =
                o.only == QLatin1String("raw") ? std::function<void(std::function<void(bool)>)>(rawGrant)
                                               : std::function<void(std::function<void(bool)>)>(libGrant);
        run(50, o.concurrency, grant);
        const Measurement m = run(o.count * o.rounds, o.concurrency, grant);
        std::printf("%s over %s: %d grants, %.1f us CPU per grant, %d failures\n", qPrintable(o.only), transport, m.ops,
                    m.cpu / m.ops * 1e6, m.failures);
        return m.failures ? 1 : 0;
    }
    // The Node peer: one process for every round (discovery and JIT warm-up once), asked for a
    // round by a line on its standard input.
    QProcess node;
    bool haveNode = false;
    if (o.node) {
        node.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        QStringList arguments { QStringLiteral(OAUTH4QT_NODE_BENCH_DIR "/run.sh"),
                                QStringLiteral("o4w-client-credentials.mjs"),
                                QStringLiteral("--issuer"), o.issuer, QStringLiteral("--client-id"), o.clientId,
                                QStringLiteral("--client-secret"), o.secret, QStringLiteral("--scope"), o.scope,
                                QStringLiteral("--concurrency"), QString::number(o.concurrency),
                                QStringLiteral("--stdin-rounds") };
        if (tls) {
            // The https alias of the token endpoint, and the test CA for Node's TLS.
            arguments << QStringLiteral("--token-endpoint") << tokenEndpoint.toString();
            QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
            env.insert(QStringLiteral("NODE_EXTRA_CA_CERTS"), caFile);
            node.setProcessEnvironment(env);
        }
        node.start(QStringLiteral("sh"), arguments);
        haveNode = node.waitForStarted(30000);
    }
    auto nodeRound = [&](int n, Measurement *m) {
        node.write(QByteArray::number(n) + '\n');
        while (!node.canReadLine()) {
            if (!node.waitForReadyRead(600000))
                return false;
        }
        const QJsonObject r = QJsonDocument::fromJson(node.readLine().trimmed()).object();
        m->ops = r.value(QLatin1String("ops")).toInt();
        m->wall = r.value(QLatin1String("wall_s")).toDouble();
        m->cpu = r.value(QLatin1String("cpu_user_s")).toDouble() + r.value(QLatin1String("cpu_sys_s")).toDouble();
        return m->ops > 0;
    };

    // Warm-up every path (connections, caches), then the rounds: the order of the implementations
    // turns from round to round, so none always runs first or last.
    run(50, o.concurrency, rawGrant);
    run(50, o.concurrency, libGrant);
    if (haveNode) {
        Measurement warm;
        haveNode = nodeRound(50, &warm);
        if (!haveNode)
            std::fprintf(stderr, "bench_grant: the oauth4webapi peer did not run\n");
    }
    Totals raw, lib, o4w;
    Series libVsRaw, libVsNode, nodeVsRaw;
    for (int round = 0; round < o.rounds; ++round) {
        Measurement r, l, n;
        for (int turn = 0; turn < 3; ++turn) {
            switch ((turn + round) % 3) {
            case 0:
                r = run(o.count, o.concurrency, rawGrant);
                break;
            case 1:
                l = run(o.count, o.concurrency, libGrant);
                break;
            case 2:
                if (haveNode && !nodeRound(o.count, &n)) {
                    haveNode = false;
                    std::fprintf(stderr, "bench_grant: the oauth4webapi peer stopped answering\n");
                }
                break;
            }
        }
        raw.add(r);
        lib.add(l);
        libVsRaw.values.push_back((l.cpu / l.ops) / (r.cpu / r.ops));
        if (haveNode) {
            o4w.add(n);
            libVsNode.values.push_back((l.cpu / l.ops) / (n.cpu / n.ops));
            nodeVsRaw.values.push_back((n.cpu / n.ops) / (r.cpu / r.ops));
        }
    }
    if (node.state() != QProcess::NotRunning) {
        node.closeWriteChannel();
        if (!node.waitForFinished(10000))
            node.kill();
        node.waitForFinished(1000);
    }

    const double base = raw.cpuPerOp.median();
    std::printf("\nclient_credentials grants (client_secret_basic) over %s, %d rounds of %d grants per implementation, "
                "concurrency %d, against oidc-provider\n", transport, o.rounds, o.count, o.concurrency);
    std::printf("| %-41s | %6s | %10s | %12s | %15s | %7s |\n", "implementation", "grants", "wall us/op",
                "CPU us/op", "CPU spread", "vs raw");
    std::printf("|%s|%s|%s|%s|%s|%s|\n", "-------------------------------------------", "--------", "------------",
                "--------------", "-----------------", "---------");
    printRow("raw QNetworkAccessManager + QJsonDoc", raw, base);
    printRow("oauth4qt Client::requestClientCredentials", lib, base);
    if (haveNode)
        printRow("oauth4webapi 3 (Node 22)", o4w, base);
    std::printf("(medians over the rounds; CPU: client process user + system)\n");
    if (raw.failures || lib.failures)
        std::printf("failures: raw %d, oauth4qt %d\n", raw.failures, lib.failures);
    printRatio("oauth4qt client CPU per grant vs raw QNetworkAccessManager", libVsRaw);
    if (haveNode) {
        printRatio("oauth4qt client CPU per grant vs oauth4webapi", libVsNode);
        printRatio("oauth4webapi client CPU per grant vs raw QNetworkAccessManager", nodeVsRaw);
    }
    return (raw.failures || lib.failures) ? 1 : 0;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addOptions({
        { QStringLiteral("info"), QStringLiteral("oidc-provider fixture info file"), QStringLiteral("file") },
        { QStringLiteral("count"), QStringLiteral("grants per implementation and round"), QStringLiteral("n"), QStringLiteral("400") },
        { QStringLiteral("rounds"), QStringLiteral("rounds (the implementations take turns)"), QStringLiteral("n"), QStringLiteral("5") },
        { QStringLiteral("concurrency"), QStringLiteral("grants in flight"), QStringLiteral("n"), QStringLiteral("8") },
        { QStringLiteral("no-node"), QStringLiteral("skip the oauth4webapi peer") },
        { QStringLiteral("only"), QStringLiteral("run only raw or oauth4qt (for profiling)"), QStringLiteral("which") },
        { QStringLiteral("transport"), QStringLiteral("https, http or both"), QStringLiteral("which"), QStringLiteral("both") },
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
    Options o;
    o.issuer = info.value(QLatin1String("issuer")).toString();
    o.clientId = basic.value(QLatin1String("client_id")).toString();
    o.secret = basic.value(QLatin1String("client_secret")).toString();
    o.count = parser.value(QStringLiteral("count")).toInt();
    o.concurrency = parser.value(QStringLiteral("concurrency")).toInt();
    o.rounds = qMax(1, parser.value(QStringLiteral("rounds")).toInt());
    o.node = !parser.isSet(QStringLiteral("no-node"));
    o.only = parser.value(QStringLiteral("only"));
    o.scope = QStringLiteral("api:read");
    if (!o.only.isEmpty() && o.only != QLatin1String("raw") && o.only != QLatin1String("oauth4qt")) {
        std::fprintf(stderr, "bench_grant: --only raw|oauth4qt\n");
        return 2;
    }
    const QString transport = parser.value(QStringLiteral("transport"));
    if (transport != QLatin1String("both") && transport != QLatin1String("http") && transport != QLatin1String("https")) {
        std::fprintf(stderr, "bench_grant: --transport https|http|both\n");
        return 2;
    }

    // oauth4qt: metadata discovered once (not measured), then grants.
    OAuth4Qt::Client client;
    client.setAllowInsecureHttp(true);
    client.setIssuer(QUrl(o.issuer));
    client.setClientConfig(OAuth4Qt::ClientConfig(o.clientId, o.secret));
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
    int status = 0;
    if (transport != QLatin1String("https"))
        status |= compare(o, client, client.metadata().tokenEndpoint(), nullptr, QString(), "http");
    if (transport != QLatin1String("http")) {
        // What apps meet: the token endpoint over TLS. The fixture's https listener serves the
        // same endpoints as "mtls_endpoint_aliases" (a client certificate is asked for, not
        // required); every implementation trusts the test CA and nothing else.
        const QString caFile = info.value(QLatin1String("mtls_ca_file")).toString();
        const QList<QSslCertificate> ca = QSslCertificate::fromPath(caFile);
        if (ca.isEmpty()) {
            std::fprintf(stderr, "bench_grant: no test CA in the info file's mtls_ca_file\n");
            return 1;
        }
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        tls.setCaCertificates(ca);
        OAuth4Qt::Client tlsClient;
        tlsClient.setAllowInsecureHttp(true); // the issuer and its discovery stay on http
        tlsClient.setIssuer(QUrl(o.issuer));
        tlsClient.setClientConfig(OAuth4Qt::ClientConfig(o.clientId, o.secret));
        tlsClient.setSslConfiguration(tls);
        tlsClient.setMetadata(client.metadata().withMutualTlsAliases());
        const QUrl tokenEndpoint = tlsClient.metadata().tokenEndpoint();
        if (tokenEndpoint.scheme() != QLatin1String("https")) {
            std::fprintf(stderr, "bench_grant: the fixture lists no https token endpoint alias\n");
            return 1;
        }
        status |= compare(o, tlsClient, tokenEndpoint, &tls, caFile, "https");
    }
    return status;
}

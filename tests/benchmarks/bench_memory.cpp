// SPDX-License-Identifier: BSD-3-Clause
// Private memory of an idle Qt application after discovery and one client_credentials grant over
// https: oauth4qt (bench_memory_oauth4qt) beside a raw QNetworkAccessManager + QJsonDocument
// (bench_memory_raw). Each variant runs as a fresh process, several times, alternating; this
// program serves https meanwhile (the in-process test server with the committed test
// certificate, so both variants pay for TLS alike) and prints the medians and the difference.
// Prints a table; never asserts on memory.
//
//   bench_memory [--runs 5]
#include "testhttpserver.h"

#include <QtCore/QCoreApplication>
#include <QtCore/QJsonArray>
#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>
#include <QtCore/QProcess>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <vector>

using namespace OAuth4Qt::Test;

namespace {

double median(std::vector<double> v)
{
    if (v.empty())
        return 0;
    std::sort(v.begin(), v.end());
    const size_t n = v.size();
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

struct Samples
{
    std::vector<double> dirty, clean, rss;
    int failures = 0;
};

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    int runs = 5;
    for (int i = 1; i + 1 < argc; ++i) {
        if (std::strcmp(argv[i], "--runs") == 0)
            runs = std::max(1, std::atoi(argv[i + 1]));
    }
    TestHttpServer server(TestHttpServer::Mode::Tls);
    const QString issuer = server.url().toString();
    const QJsonObject metadata{
        { QStringLiteral("issuer"), issuer },
        { QStringLiteral("authorization_endpoint"), server.url(QStringLiteral("/authorize")).toString() },
        { QStringLiteral("token_endpoint"), server.url(QStringLiteral("/token")).toString() },
        { QStringLiteral("jwks_uri"), server.url(QStringLiteral("/jwks")).toString() },
        { QStringLiteral("response_types_supported"), QJsonArray{ QStringLiteral("code") } },
        { QStringLiteral("subject_types_supported"), QJsonArray{ QStringLiteral("public") } },
        { QStringLiteral("id_token_signing_alg_values_supported"), QJsonArray{ QStringLiteral("RS256") } },
        { QStringLiteral("token_endpoint_auth_methods_supported"), QJsonArray{ QStringLiteral("client_secret_basic") } },
    };
    server.on(QStringLiteral("/.well-known/openid-configuration"), Response::json(200, metadata));
    server.on(QStringLiteral("/token"), Response::json(200, QJsonObject{
                                                                { QStringLiteral("access_token"), QStringLiteral("2YotnFZFEjr1zCsicMWpAA") },
                                                                { QStringLiteral("token_type"), QStringLiteral("Bearer") },
                                                                { QStringLiteral("expires_in"), 3600 },
                                                                { QStringLiteral("scope"), QStringLiteral("api:read") },
                                                            }));
    const QString dir = QCoreApplication::applicationDirPath();
    const char *names[] = { "bench_memory_raw", "bench_memory_oauth4qt" };
    Samples samples[2];
    for (int round = 0; round < runs; ++round) {
        for (int v = 0; v < 2; ++v) {
            QProcess p;
            p.setProcessChannelMode(QProcess::ForwardedErrorChannel);
            QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
            env.insert(QStringLiteral("LC_ALL"), QStringLiteral("C")); // no translation either way
            p.setProcessEnvironment(env);
            p.start(dir + QLatin1Char('/') + QLatin1String(names[v]),
                    { issuer, QStringLiteral(OAUTH4QT_TEST_CA_FILE), QStringLiteral("client"), QStringLiteral("s3cr3t") });
            // Serve while the child runs.
            if (p.waitForStarted(10000)) {
                while (p.state() != QProcess::NotRunning && !p.waitForFinished(5))
                    QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
            }
            const QJsonObject m = QJsonDocument::fromJson(p.readAllStandardOutput().trimmed()).object();
            if (p.exitCode() != 0 || !m.value(QLatin1String("ok")).toBool()) {
                ++samples[v].failures;
                continue;
            }
            samples[v].dirty.push_back(m.value(QLatin1String("Private_Dirty")).toDouble());
            samples[v].clean.push_back(m.value(QLatin1String("Private_Clean")).toDouble());
            samples[v].rss.push_back(m.value(QLatin1String("Rss")).toDouble());
        }
    }
    std::printf("\nidle Qt application after discovery + one client_credentials grant over https (TLS, test CA), "
                "median of %d fresh processes each\n", runs);
    std::printf("| %-38s | %14s | %14s | %10s |\n", "variant", "Private_Dirty", "Private_Clean", "Rss");
    std::printf("|----------------------------------------|----------------|----------------|------------|\n");
    const char *labels[] = { "raw QNetworkAccessManager + QJsonDoc", "oauth4qt Client" };
    for (int v = 0; v < 2; ++v) {
        std::printf("| %-38s | %10.0f KiB | %10.0f KiB | %6.0f KiB |\n", labels[v], median(samples[v].dirty),
                    median(samples[v].clean), median(samples[v].rss));
    }
    const double dirty = median(samples[1].dirty) - median(samples[0].dirty);
    const double priv = dirty + median(samples[1].clean) - median(samples[0].clean);
    std::printf("oauth4qt adds %.0f KiB private dirty, %.0f KiB private (dirty + clean) (goal: at most 1024 KiB)\n",
                dirty, priv);
    if (samples[0].failures || samples[1].failures) {
        std::printf("failures: raw %d, oauth4qt %d\n", samples[0].failures, samples[1].failures);
        return 1;
    }
    return 0;
}

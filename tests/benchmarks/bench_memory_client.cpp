// SPDX-License-Identifier: BSD-3-Clause
// One variant of bench_memory: a Qt application that discovers an authorization server over
// https, makes one client_credentials grant (client_secret_basic), lets the event loop idle, and
// prints its own memory (/proc/self/smaps_rollup) as one JSON line. Built twice: with
// OAUTH4QT_BENCH_MEMORY_LIBRARY through oauth4qt's Client (bench_memory_oauth4qt), without
// through a plain QNetworkAccessManager and QJsonDocument (bench_memory_raw). Both trust only the
// CA file given, so both pay for TLS alike.
//
//   bench_memory_{raw,oauth4qt} ISSUER CA_FILE CLIENT_ID CLIENT_SECRET
#ifdef OAUTH4QT_BENCH_MEMORY_LIBRARY
#include <oauth4qt/client.h>
#include <oauth4qt/clientconfig.h>
#include <oauth4qt/reply.h>
#include <oauth4qt/servermetadata.h>
#include <oauth4qt/tokenresponse.h>
#endif

#include <QtCore/QCoreApplication>
#include <QtCore/QFile>
#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>
#include <QtCore/QTimer>
#include <QtCore/QUrlQuery>
#include <QtNetwork/QNetworkAccessManager>
#include <QtNetwork/QNetworkReply>
#include <QtNetwork/QSslCertificate>
#include <QtNetwork/QSslConfiguration>

#include <cstdio>

namespace {

// kB values of /proc/self/smaps_rollup.
QJsonObject memory()
{
    QFile f(QStringLiteral("/proc/self/smaps_rollup"));
    QJsonObject out;
    if (!f.open(QIODevice::ReadOnly))
        return out;
    const QList<QByteArray> lines = f.readAll().split('\n');
    for (const QByteArray &line : lines) {
        const int colon = line.indexOf(':');
        if (colon < 0)
            continue;
        const QByteArray name = line.left(colon);
        if (name == "Rss" || name == "Pss" || name == "Private_Clean" || name == "Private_Dirty" || name == "Anonymous")
            out.insert(QString::fromLatin1(name), line.mid(colon + 1).trimmed().split(' ').value(0).toInt());
    }
    return out;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    if (argc != 5) {
        std::fprintf(stderr, "usage: %s ISSUER CA_FILE CLIENT_ID CLIENT_SECRET\n", argv[0]);
        return 2;
    }
    const QUrl issuer(QString::fromUtf8(argv[1]));
    const QList<QSslCertificate> ca = QSslCertificate::fromPath(QString::fromLocal8Bit(argv[2]));
    const QString clientId = QString::fromUtf8(argv[3]);
    const QString secret = QString::fromUtf8(argv[4]);
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setCaCertificates(ca);
    int status = 1;
    auto finish = [&](bool ok) {
        status = ok ? 0 : 1;
        // Idle a moment (deferred deletions, closed connections), then measure.
        QTimer::singleShot(300, &app, [&] {
            QJsonObject m = memory();
            m.insert(QStringLiteral("ok"), status == 0);
            std::printf("%s\n", QJsonDocument(m).toJson(QJsonDocument::Compact).constData());
            std::fflush(stdout);
            app.exit(status);
        });
    };
#ifdef OAUTH4QT_BENCH_MEMORY_LIBRARY
    OAuth4Qt::Client client;
    client.setSslConfiguration(tls);
    client.setIssuer(issuer);
    client.setClientConfig(OAuth4Qt::ClientConfig(clientId, secret));
    OAuth4Qt::Reply *discovery = client.discover();
    QObject::connect(discovery, &OAuth4Qt::Reply::finished, &app, [&, discovery] {
        discovery->deleteLater();
        if (discovery->error()) {
            std::fprintf(stderr, "discovery: %s\n", qPrintable(discovery->error().technicalDetails()));
            return finish(false);
        }
        OAuth4Qt::TokenReply *grant = client.requestClientCredentials(QStringLiteral("api:read"));
        QObject::connect(grant, &OAuth4Qt::Reply::finished, &app, [&, grant] {
            grant->deleteLater();
            if (grant->error())
                std::fprintf(stderr, "grant: %s\n", qPrintable(grant->error().technicalDetails()));
            finish(!grant->error() && !grant->tokens().accessToken().isEmpty());
        });
    });
#else
    QNetworkAccessManager nam;
    QUrl discoveryUrl = issuer;
    discoveryUrl.setPath(issuer.path() + QStringLiteral("/.well-known/openid-configuration"));
    QNetworkRequest discoveryRequest(discoveryUrl);
    discoveryRequest.setSslConfiguration(tls);
    QNetworkReply *discovery = nam.get(discoveryRequest);
    QObject::connect(discovery, &QNetworkReply::finished, &app, [&, discovery] {
        discovery->deleteLater();
        const QJsonObject metadata = QJsonDocument::fromJson(discovery->readAll()).object();
        const QUrl tokenEndpoint(metadata.value(QLatin1String("token_endpoint")).toString());
        if (discovery->error() || metadata.value(QLatin1String("issuer")).toString() != issuer.toString()
            || !tokenEndpoint.isValid())
            return finish(false);
        QNetworkRequest request(tokenEndpoint);
        request.setSslConfiguration(tls);
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/x-www-form-urlencoded"));
        const QByteArray credentials = QUrl::toPercentEncoding(clientId) + ':' + QUrl::toPercentEncoding(secret);
        request.setRawHeader("Authorization", "Basic " + credentials.toBase64());
        request.setRawHeader("Accept", "application/json");
        QNetworkReply *grant = nam.post(request, QByteArrayLiteral("grant_type=client_credentials&scope=api%3Aread"));
        QObject::connect(grant, &QNetworkReply::finished, &app, [&, grant] {
            grant->deleteLater();
            const QJsonObject tokens = QJsonDocument::fromJson(grant->readAll()).object();
            finish(grant->error() == QNetworkReply::NoError && tokens.value(QLatin1String("access_token")).isString());
        });
    });
#endif
    QTimer::singleShot(30000, &app, [&] { std::fprintf(stderr, "timeout\n"); app.exit(3); });
    return app.exec();
}

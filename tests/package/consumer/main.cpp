#include <oauth4qt/client.h>
#include <oauth4qt/error.h>
#include <oauth4qt/servermetadata.h>
#include <oauth4qt/version.h>

#include <QtCore/QCoreApplication>
#include <QtCore/QJsonObject>

#include <cstdio>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    OAuth4Qt::Client client;
    client.setIssuer(QUrl(QStringLiteral("https://id.example.com")));
    OAuth4Qt::Error error;
    const auto metadata = OAuth4Qt::ServerMetadata::fromJson(
        QJsonObject{ { QStringLiteral("issuer"), QStringLiteral("https://other.example.com") } },
        client.issuer(), false, &error);
    // The issuer differs, so the metadata must be refused with a typed error.
    if (!metadata.isNull() || error.code() != OAuth4Qt::ErrorCode::IssuerMismatch)
        return 1;
    std::printf("oauth4qt %s: %s\n", OAUTH4QT_VERSION_STRING, qPrintable(error.codeName()));
    return 0;
}

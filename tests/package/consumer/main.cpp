// SPDX-License-Identifier: BSD-3-Clause
#include <oauth4qt/client.h>
#include <oauth4qt/error.h>
#include <oauth4qt/oauth4qtversion.h>
#include <oauth4qt/servermetadata.h>
#include <oauth4qt/tokenstore.h>
#include <oauth4qt/version.h>

#include <QtCore/QJsonObject>
#include <QtWidgets/QApplication>
#include <QtWidgets/QLabel>

#include <cstdio>
#include <cstring>

static_assert(OAUTH4QT_VERSION >= OAUTH4QT_VERSION_CHECK(0, 1, 0), "OAUTH4QT_VERSION_CHECK");
static_assert(OAUTH4QT_VERSION == OAUTH4QT_VERSION_CHECK(OAUTH4QT_VERSION_MAJOR, OAUTH4QT_VERSION_MINOR,
                                                         OAUTH4QT_VERSION_PATCH), "OAUTH4QT_VERSION");

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    OAuth4Qt::Client client;
    client.setIssuer(QUrl(QStringLiteral("https://id.example.com")));
    OAuth4Qt::Error error;
    const auto metadata = OAuth4Qt::ServerMetadata::fromJson(
        QJsonObject{ { QStringLiteral("issuer"), QStringLiteral("https://other.example.com") } },
        client.issuer(), false, &error);
    // The issuer differs, so the metadata must be refused with a typed error.
    if (!metadata.isNull() || error.code() != OAuth4Qt::ErrorCode::IssuerMismatch)
        return 1;
    // The library the program runs with is the one whose headers it was built with.
    if (std::strcmp(OAuth4Qt::version(), OAUTH4QT_VERSION_STR) != 0)
        return 2;
    // A derived type from the public headers, used as its base.
    OAuth4Qt::MemoryTokenStore memoryStore;
    OAuth4Qt::TokenStore *store = &memoryStore;
    if (!store->isAvailable())
        return 3;
    QLabel label(QStringLiteral("oauth4qt ") + QLatin1String(OAuth4Qt::version()));
    label.show();
    std::printf("oauth4qt %s (headers %s): %s\n", OAuth4Qt::version(), OAUTH4QT_VERSION_STRING,
                qPrintable(error.codeName()));
    return 0;
}

// SPDX-License-Identifier: BSD-3-Clause
// Logging defaults: every logging category of the library is at warning level unless the
// application enables more. Whole operations (discovery, a failing token request, a failing
// pushed authorization request) run at default settings; no debug or info message of an
// oauth4qt category may appear, and every oauth4qt category that was registered on the way has
// debug and info off and warnings on.
#include "testhttpserver.h"
#include "waitfinished.h"

#include <oauth4qt/client.h>

#include <QtCore/QCoreApplication>
#include <QtCore/QLoggingCategory>
#include <QtCore/QMutex>
#include <QtTest/QtTest>

using namespace OAuth4Qt;
using namespace OAuth4Qt::Test;

namespace {

struct Recorded
{
    QMutex mutex;
    QStringList lowLevelMessages;           // "category: message" of debug/info messages of oauth4qt.*
    QHash<QString, QLoggingCategory *> categories; // every oauth4qt.* category registered
};

Recorded &recorded()
{
    static Recorded r;
    return r;
}

QtMessageHandler previousHandler = nullptr;
QLoggingCategory::CategoryFilter previousFilter = nullptr;

bool ours(const char *category)
{
    return category && qstrncmp(category, "oauth4qt", 8) == 0;
}

void messageHandler(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    if (ours(context.category) && (type == QtDebugMsg || type == QtInfoMsg)) {
        QMutexLocker lock(&recorded().mutex);
        recorded().lowLevelMessages.append(QString::fromLatin1(context.category) + QStringLiteral(": ") + message);
    }
    if (previousHandler)
        previousHandler(type, context, message);
}

void categoryFilter(QLoggingCategory *category)
{
    if (previousFilter)
        previousFilter(category); // the default rules decide; this filter only records
    if (ours(category->categoryName())) {
        QMutexLocker lock(&recorded().mutex);
        recorded().categories.insert(QString::fromLatin1(category->categoryName()), category);
    }
}

QJsonObject metadataJson(const TestHttpServer &server)
{
    const QString base = server.url().toString();
    return QJsonObject{ { QStringLiteral("issuer"), base },
                        { QStringLiteral("token_endpoint"), QString(base + QLatin1String("/token")) },
                        { QStringLiteral("pushed_authorization_request_endpoint"), QString(base + QLatin1String("/par")) },
                        { QStringLiteral("jwks_uri"), QString(base + QLatin1String("/jwks")) } };
}

} // namespace

class tst_Logging : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void noDebugOutputByDefault();
    void cleanupTestCase();
};

void tst_Logging::initTestCase()
{
    previousHandler = qInstallMessageHandler(messageHandler);
    previousFilter = QLoggingCategory::installFilter(categoryFilter);
}

void tst_Logging::cleanupTestCase()
{
    qInstallMessageHandler(previousHandler);
    QLoggingCategory::installFilter(previousFilter);
}

void tst_Logging::noDebugOutputByDefault()
{
    TestHttpServer server;
    server.on(QStringLiteral("/.well-known/openid-configuration"), Response::json(200, metadataJson(server)));
    server.on(QStringLiteral("/par"), Response::json(400, QJsonObject{ { QStringLiteral("error"), QStringLiteral("invalid_request") } }));
    server.on(QStringLiteral("/token"), Response::json(400, QJsonObject{ { QStringLiteral("error"), QStringLiteral("invalid_grant") } }));

    Client client;
    client.setAllowInsecureHttp(true);
    client.setRequestTimeout(5000);
    client.setIssuer(server.url());
    client.setClientConfig(ClientConfig(QStringLiteral("app"), QStringLiteral("s3cret-value")));

    // A whole pushed authorization request that fails at the server.
    std::unique_ptr<JsonReply> par(client.pushAuthorizationRequest(
        { { QStringLiteral("response_type"), QStringLiteral("code") },
          { QStringLiteral("client_id"), QStringLiteral("app") },
          { QStringLiteral("redirect_uri"), QStringLiteral("http://127.0.0.1/callback") } }));
    QVERIFY(waitFinished(par.get()));
    QCOMPARE(par->error().oauthError(), QStringLiteral("invalid_request"));
    // A token request that fails, and a discovery that fails.
    std::unique_ptr<TokenReply> token(client.refreshToken(QStringLiteral("rt")));
    QVERIFY(waitFinished(token.get()));
    QCOMPARE(token->error().oauthError(), QStringLiteral("invalid_grant"));
    Client other;
    other.setAllowInsecureHttp(true);
    other.setRequestTimeout(5000);
    other.setIssuer(server.url(QStringLiteral("/nothing-here")));
    std::unique_ptr<DiscoveryReply> discovery(other.discover());
    QVERIFY(waitFinished(discovery.get()));
    QVERIFY(discovery->error());

    QMutexLocker lock(&recorded().mutex);
    QVERIFY2(recorded().lowLevelMessages.isEmpty(), qPrintable(recorded().lowLevelMessages.join(QLatin1Char('\n'))));
    // The categories the operations above used were registered (the filter saw them) ...
    QVERIFY(recorded().categories.contains(QStringLiteral("oauth4qt.client.par")));
    QVERIFY(recorded().categories.contains(QStringLiteral("oauth4qt.client")));
    QVERIFY(recorded().categories.contains(QStringLiteral("oauth4qt.transport")));
    // ... and each oauth4qt category is at warning level by default.
    for (auto it = recorded().categories.cbegin(); it != recorded().categories.cend(); ++it) {
        QVERIFY2(!it.value()->isDebugEnabled(), qPrintable(it.key()));
        QVERIFY2(!it.value()->isInfoEnabled(), qPrintable(it.key()));
        QVERIFY2(it.value()->isWarningEnabled(), qPrintable(it.key()));
    }
}

int main(int argc, char **argv)
{
    // Default settings: no rules from the environment of whoever runs the test.
    qunsetenv("QT_LOGGING_RULES");
    qunsetenv("QT_LOGGING_CONF");
    QCoreApplication app(argc, argv);
    tst_Logging test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_logging.moc"

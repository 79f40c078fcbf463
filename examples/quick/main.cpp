// SPDX-License-Identifier: BSD-3-Clause
// oauth4qt-quick-example: Qt Quick sign-in with the OAuth4Qt QML module.
//
//   oauth4qt-quick-example [--issuer URL] [--client-id ID] [--scope S] [--redirect-uri URI]
//                          [--memory-store] [--auto-sign-in [--device-flow]] [--call-api]
//
// The issuer and client id default to the two properties at the top of Main.qml (or the
// environment variables OAUTH4QT_EXAMPLE_ISSUER / OAUTH4QT_EXAMPLE_CLIENT_ID). Register the
// client at your provider as a native/public client with the redirect URI
// http://127.0.0.1/callback (any port, RFC 8252).
//
// OAUTH4QT_EXAMPLE_BROWSER="program args..." opens the sign-in page with that program instead of
// the system browser (used by the screenshot test with headless Chromium).

#include <QtCore/QCommandLineParser>
#include <QtCore/QDir>
#include <QtCore/QLibraryInfo>
#include <QtCore/QProcess>
#include <QtCore/QTranslator>
#include <QtCore/QUrl>
#include <QtGui/QDesktopServices>
#include <QtGui/QGuiApplication>
#include <QtQml/QQmlApplicationEngine>

namespace {

// Opens http(s) URLs with the program named by OAUTH4QT_EXAMPLE_BROWSER (QDesktopServices URL
// handler: the QML module opens the sign-in page with QDesktopServices::openUrl).
class CommandBrowser : public QObject
{
    Q_OBJECT
public:
    explicit CommandBrowser(const QString &command, QObject *parent = nullptr)
        : QObject(parent), m_arguments(QProcess::splitCommand(command))
    {
    }

public Q_SLOTS:
    void openUrl(const QUrl &url)
    {
        if (m_arguments.isEmpty())
            return;
        auto *process = new QProcess(this);
        process->setProgram(m_arguments.constFirst());
        process->setArguments(m_arguments.mid(1) << url.toString(QUrl::FullyEncoded));
        process->setProcessChannelMode(QProcess::ForwardedErrorChannel);
        process->setStandardOutputFile(QProcess::nullDevice());
        connect(process, &QProcess::finished, process, &QObject::deleteLater);
        process->start();
    }

private:
    QStringList m_arguments;
};

} // namespace

int main(int argc, char *argv[])
{
    QGuiApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("oauth4qt-quick-example"));
    QGuiApplication::setApplicationDisplayName(QCoreApplication::translate("main", "OAuth4Qt Quick Example"));

    QTranslator translator;
    if (translator.load(QLocale(), QStringLiteral("quick"), QStringLiteral("_"),
                        QStringLiteral(":/oauth4qt-quick-example/i18n")))
        QCoreApplication::installTranslator(&translator);

    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate("main", "Signs in with OpenID Connect through the system browser."));
    parser.addHelpOption();
    const QCommandLineOption issuerOption(QStringLiteral("issuer"), QCoreApplication::translate("main", "The OpenID Provider (issuer URL)."), QStringLiteral("url"));
    const QCommandLineOption clientIdOption(QStringLiteral("client-id"), QCoreApplication::translate("main", "The client ID registered at the provider."), QStringLiteral("id"));
    const QCommandLineOption scopeOption(QStringLiteral("scope"), QCoreApplication::translate("main", "The scope to request."), QStringLiteral("scope"));
    const QCommandLineOption autoOption(QStringLiteral("auto-sign-in"), QCoreApplication::translate("main", "Start signing in right away."));
    const QCommandLineOption deviceOption(QStringLiteral("device-flow"), QCoreApplication::translate("main", "Sign in with a code entered on another device (with --auto-sign-in)."));
    const QCommandLineOption redirectOption(QStringLiteral("redirect-uri"), QCoreApplication::translate("main", "A private-use URI scheme redirect (e.g. com.example.app:/callback) instead of the loopback one."), QStringLiteral("uri"));
    const QCommandLineOption apiOption(QStringLiteral("call-api"), QCoreApplication::translate("main", "Call the API once signed in (or with the restored session)."));
    const QCommandLineOption memoryOption(QStringLiteral("memory-store"), QCoreApplication::translate("main", "Keep the session in memory only, not in the keychain."));
    parser.addOptions({ issuerOption, clientIdOption, scopeOption, autoOption, deviceOption, redirectOption, memoryOption, apiOption });
    parser.process(app);

    QVariantMap initial;
    const QString issuer = parser.isSet(issuerOption) ? parser.value(issuerOption) : qEnvironmentVariable("OAUTH4QT_EXAMPLE_ISSUER");
    const QString clientId = parser.isSet(clientIdOption) ? parser.value(clientIdOption) : qEnvironmentVariable("OAUTH4QT_EXAMPLE_CLIENT_ID");
    if (!issuer.isEmpty())
        initial.insert(QStringLiteral("issuer"), issuer);
    if (!clientId.isEmpty())
        initial.insert(QStringLiteral("clientId"), clientId);
    if (parser.isSet(scopeOption))
        initial.insert(QStringLiteral("scope"), parser.value(scopeOption));
    if (parser.isSet(redirectOption))
        initial.insert(QStringLiteral("redirectUri"), parser.value(redirectOption));
    initial.insert(QStringLiteral("autoSignIn"), parser.isSet(autoOption));
    initial.insert(QStringLiteral("useDeviceFlow"), parser.isSet(deviceOption));
    initial.insert(QStringLiteral("useKeychain"), !parser.isSet(memoryOption));
    initial.insert(QStringLiteral("callApiWhenSignedIn"), parser.isSet(apiOption));

    const QString browserCommand = qEnvironmentVariable("OAUTH4QT_EXAMPLE_BROWSER");
    CommandBrowser browser(browserCommand);
    if (!browserCommand.isEmpty()) {
        QDesktopServices::setUrlHandler(QStringLiteral("http"), &browser, "openUrl");
        QDesktopServices::setUrlHandler(QStringLiteral("https"), &browser, "openUrl");
    }

    QQmlApplicationEngine engine;
#ifdef OAUTH4QT_EXAMPLE_QML_IMPORT_DIR
    // The build tree's module (built inside oauth4qt) or the installed package's.
    engine.addImportPath(QStringLiteral(OAUTH4QT_EXAMPLE_QML_IMPORT_DIR));
#endif
#ifdef OAUTH4QT_EXAMPLE_QML_RELATIVE_DIR
    // Installed with oauth4qt into a prefix other than Qt's: <prefix>/bin/../<QML directory>.
    engine.addImportPath(QDir(QCoreApplication::applicationDirPath()).absoluteFilePath(QStringLiteral(OAUTH4QT_EXAMPLE_QML_RELATIVE_DIR)));
#endif
    engine.setInitialProperties(initial);
    QObject::connect(&engine, &QQmlApplicationEngine::objectCreated, &app, [](QObject *object, const QUrl &) {
        if (!object)
            QCoreApplication::exit(1);
    }, Qt::QueuedConnection);
    engine.load(QUrl(QStringLiteral("qrc:/qt/qml/OAuth4QtQuickExample/Main.qml")));

    const int rc = app.exec();
    if (!browserCommand.isEmpty()) {
        QDesktopServices::unsetUrlHandler(QStringLiteral("http"));
        QDesktopServices::unsetUrlHandler(QStringLiteral("https"));
    }
    return rc;
}

#include "main.moc"

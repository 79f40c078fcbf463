// SPDX-License-Identifier: BSD-3-Clause
// oauth4qt-desktop-example: sign-in from a Qt Widgets application through the system browser.
//
//   oauth4qt-desktop-example [--issuer URL] [--client-id ID] [--scope S] [--memory-store]
//                            [--auto-sign-in [--device-flow]] [--call-api]
//
// Change the two defaults below (or set OAUTH4QT_EXAMPLE_ISSUER / OAUTH4QT_EXAMPLE_CLIENT_ID).
// Register the client at your provider as a native/public client with the redirect URI
// http://127.0.0.1/callback (any port, RFC 8252) and the grant types authorization_code,
// refresh_token and urn:ietf:params:oauth:grant-type:device_code ("Sign in on another device").
//
// OAUTH4QT_EXAMPLE_BROWSER="program args..." opens the sign-in page with that program instead of
// the system browser (used by the screenshot test with headless Chromium).

#include "mainwindow.h"

#include <QtCore/QCommandLineParser>
#include <QtCore/QProcess>
#include <QtCore/QTimer>
#include <QtCore/QTranslator>
#include <QtGui/QDesktopServices>
#include <QtWidgets/QApplication>

// ---- Your OpenID Provider and client: change these two lines --------------------------------
static const char defaultIssuer[] = "https://id.example.com";
static const char defaultClientId[] = "oauth4qt-desktop-example";
// ----------------------------------------------------------------------------------------------

namespace {

// Opens http(s) URLs with the program named by OAUTH4QT_EXAMPLE_BROWSER (a QDesktopServices URL
// handler, so QDesktopServices::openUrl() ends here).
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
    QApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("oauth4qt-desktop-example"));

    QTranslator translator;
    if (translator.load(QLocale(), QStringLiteral("desktop"), QStringLiteral("_"),
                        QStringLiteral(":/oauth4qt-desktop-example/i18n")))
        QCoreApplication::installTranslator(&translator);

    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate("main", "Signs in with OpenID Connect through the system browser."));
    parser.addHelpOption();
    const QCommandLineOption issuerOption(QStringLiteral("issuer"), QCoreApplication::translate("main", "The OpenID Provider (issuer URL)."), QStringLiteral("url"));
    const QCommandLineOption clientIdOption(QStringLiteral("client-id"), QCoreApplication::translate("main", "The client ID registered at the provider."), QStringLiteral("id"));
    const QCommandLineOption scopeOption(QStringLiteral("scope"), QCoreApplication::translate("main", "The scope to request."), QStringLiteral("scope"));
    const QCommandLineOption autoOption(QStringLiteral("auto-sign-in"), QCoreApplication::translate("main", "Start signing in right away."));
    const QCommandLineOption deviceOption(QStringLiteral("device-flow"), QCoreApplication::translate("main", "Sign in with a code entered on another device (with --auto-sign-in)."));
    const QCommandLineOption apiOption(QStringLiteral("call-api"), QCoreApplication::translate("main", "Call the API once signed in (or with the restored session)."));
    const QCommandLineOption memoryOption(QStringLiteral("memory-store"), QCoreApplication::translate("main", "Keep the session in memory only, not in the keychain."));
    parser.addOptions({ issuerOption, clientIdOption, scopeOption, autoOption, deviceOption, memoryOption, apiOption });
    parser.process(app);

    auto pick = [&parser](const QCommandLineOption &option, const char *env, const char *fallback) {
        if (parser.isSet(option))
            return parser.value(option);
        const QString fromEnv = qEnvironmentVariable(env);
        return fromEnv.isEmpty() ? QString::fromUtf8(fallback) : fromEnv;
    };
    const QUrl issuer(pick(issuerOption, "OAUTH4QT_EXAMPLE_ISSUER", defaultIssuer));
    const QString clientId = pick(clientIdOption, "OAUTH4QT_EXAMPLE_CLIENT_ID", defaultClientId);
    const QString scope = parser.isSet(scopeOption) ? parser.value(scopeOption) : QStringLiteral("openid profile email");

    const QString browserCommand = qEnvironmentVariable("OAUTH4QT_EXAMPLE_BROWSER");
    CommandBrowser browser(browserCommand);
    if (!browserCommand.isEmpty()) {
        QDesktopServices::setUrlHandler(QStringLiteral("http"), &browser, "openUrl");
        QDesktopServices::setUrlHandler(QStringLiteral("https"), &browser, "openUrl");
    }

    int rc = 0;
    {
        MainWindow window(issuer, clientId, scope, !parser.isSet(memoryOption));
        if (parser.isSet(apiOption))
            window.setCallApiWhenSignedIn(true);
        window.resize(560, 720);
        window.show();
        QTimer::singleShot(300, &window, [] { qInfo("oauth4qt-example: ready"); });
        if (parser.isSet(autoOption))
            QTimer::singleShot(0, &window, parser.isSet(deviceOption) ? &MainWindow::signInOnAnotherDevice : &MainWindow::signIn);
        rc = app.exec();
    }
    if (!browserCommand.isEmpty()) {
        QDesktopServices::unsetUrlHandler(QStringLiteral("http"));
        QDesktopServices::unsetUrlHandler(QStringLiteral("https"));
    }
    return rc;
}

#include "main.moc"

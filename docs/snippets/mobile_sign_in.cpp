// SPDX-License-Identifier: BSD-3-Clause
// Snippets of the mobile sign-in guide. Compiled in every build, never run.
#include <oauth4qt/authorizationcodeflow.h>
#include <oauth4qt/desktopservices.h>
#include <oauth4qt/urischemehandler.h>

#include <QtCore/qvariant.h>
#include <QtGui/qdesktopservices.h>
#include <QtGui/qguiapplication.h>
#include <QtQml/qqmlapplicationengine.h>

int customSchemeMain(int argc, char *argv[])
{
//! [custom-scheme]
QGuiApplication app(argc, argv);

// The redirect URI registered for the app at the provider, with the app's private-use scheme
// (declared in Info.plist / AndroidManifest.xml, see below).
auto *redirect = new OAuth4Qt::UriSchemeHandler(
        QUrl(QStringLiteral("com.example.app:/oauth2redirect")), &app);
// Every URL the system opens the app with goes to redirect->handleUrl().
OAuth4Qt::registerUrlHandler(redirect);

auto *flow = new OAuth4Qt::AuthorizationCodeFlow(&app);
flow->setIssuer(QUrl(QStringLiteral("https://id.example.com")));
flow->setClientId(QStringLiteral("my-mobile-app"));
flow->setScope(QStringLiteral("openid profile offline_access"));
flow->setRedirectHandler(redirect);          // instead of the loopback listener
flow->setBrowserOpener(&OAuth4Qt::openUrlWithDesktopServices);

// Hand the configured flow to QML (Main.qml declares: required property var flow).
QQmlApplicationEngine engine;
engine.setInitialProperties({ { QStringLiteral("flow"), QVariant::fromValue(flow) } });
engine.load(QUrl(QStringLiteral("qrc:/qt/qml/MyApp/Main.qml")));
const int rc = app.exec();
OAuth4Qt::unregisterUrlHandler(redirect);
return rc;
//! [custom-scheme]
}

void claimedHttps(OAuth4Qt::AuthorizationCodeFlow *flow, QObject *parent)
{
//! [claimed-https]
auto *redirect = new OAuth4Qt::UriSchemeHandler(
        QUrl(QStringLiteral("https://app.example.com/oauth2redirect")), parent);
OAuth4Qt::registerUrlHandler(redirect);     // the handler for every https URL of the app
flow->setRedirectHandler(redirect);

// QDesktopServices::openUrl(https://...) would now reach the handler instead of the browser:
// step aside while the authorization URL is opened.
flow->setBrowserOpener([redirect](const QUrl &url) {
    OAuth4Qt::unregisterUrlHandler(redirect);
    const bool opened = QDesktopServices::openUrl(url);
    OAuth4Qt::registerUrlHandler(redirect);
    return opened;
});
//! [claimed-https]
}

// SPDX-License-Identifier: BSD-3-Clause
// Snippets of the mobile sign-in guide. Compiled in every build, never run.
#include <oauth4qt/authorizationcodeflow.h>
#include <oauth4qt/desktopservices.h>
#include <oauth4qt/urischemehandler.h>

#include <QtCore/qpointer.h>
#include <QtCore/qvariant.h>
#include <QtGui/qdesktopservices.h>
#include <QtGui/qguiapplication.h>
#include <QtQml/qqmlapplicationengine.h>

#include <functional>

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

//! [in-app-tab]
// The platform's part, written in Objective-C++ (ASWebAuthenticationSession) or against the
// Android Auth Tab through JNI; it is not part of oauth4qt. start() shows the URL and later calls
// finished() on the Qt main thread with the callback URL, or with an empty URL when the user
// closed the sheet; it returns false when it cannot show anything. dismiss() closes the sheet.
struct InAppBrowserTab
{
    std::function<bool(const QUrl &url, const QString &callbackScheme,
                       std::function<void(const QUrl &callback)> finished)> start;
    std::function<void()> dismiss;
};

void useInAppBrowserTab(OAuth4Qt::AuthorizationCodeFlow *flow, OAuth4Qt::UriSchemeHandler *redirect,
                        const InAppBrowserTab &tab)
{
    flow->setRedirectHandler(redirect);
    // The opener: the authorization URL goes to the tab instead of the system browser.
    flow->setBrowserOpener([flow = QPointer(flow), redirect = QPointer(redirect), tab](const QUrl &url) {
        return tab.start(url, redirect->redirectUri().scheme(), [flow, redirect](const QUrl &callback) {
            if (!flow || !redirect)
                return;
            if (callback.isEmpty())
                flow->cancel();               // the user closed the sheet: failed(Cancelled)
            else
                redirect->handleUrl(callback); // the same checks as a URL from the system
        });
    });
    // The sign-in ending any other way (timeout, cancel(), an error) closes the sheet.
    QObject::connect(flow, &OAuth4Qt::AuthorizationCodeFlow::statusChanged, flow, [flow, tab] {
        if (!flow->isRunning())
            tab.dismiss();
    });
}
//! [in-app-tab]

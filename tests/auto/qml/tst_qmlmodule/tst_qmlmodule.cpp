// SPDX-License-Identifier: BSD-3-Clause
// Setup of the QML module's Qt Quick Test: the oidc-provider fixture's info (context property
// "peer") and a minimal "system browser" (context property "browser").
//
// TestBrowser is registered with QDesktopServices for http URLs: when an AuthorizationCodeFlow
// opens the authorization URL through the plugin's default opener (QDesktopServices::openUrl),
// the browser GETs it and follows the redirects with a cookie jar, the way a real browser
// does, until a response that is not a redirect: the loopback listener's page after the
// redirect to the application's callback. The provider's login completes on its own. A redirect
// to a URL that is not http (a private-use scheme, a claimed https link) is what the operating
// system hands to the application: the browser passes it to QDesktopServices::openUrl(), where
// the QML UriSchemeHandler registered its URL handler.

#include <QtCore/QFile>
#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>
#include <QtCore/QObject>
#include <QtCore/QUrl>
#include <QtGui/QDesktopServices>
#include <QtNetwork/QNetworkAccessManager>
#include <QtNetwork/QNetworkCookieJar>
#include <QtNetwork/QNetworkReply>
#include <QtNetwork/QNetworkRequest>
#include <QtQml/QQmlContext>
#include <QtQml/QQmlEngine>
#include <QtQuickTest/quicktest.h>

#include <memory>

class TestBrowser : public QObject
{
    Q_OBJECT
    Q_PROPERTY(int openCount READ openCount NOTIFY openCountChanged FINAL)
    Q_PROPERTY(QUrl lastOpenedUrl READ lastOpenedUrl NOTIFY openCountChanged FINAL)
    Q_PROPERTY(bool enabled READ isEnabled WRITE setEnabled NOTIFY enabledChanged FINAL)
    //! The last redirect to a non-http URL, handed to the application through QDesktopServices.
    Q_PROPERTY(QUrl handedOff READ handedOff NOTIFY handedOffChanged FINAL)

public:
    explicit TestBrowser(QObject *parent = nullptr) : QObject(parent)
    {
        m_nam.setCookieJar(new QNetworkCookieJar(&m_nam));
        m_nam.setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
        m_nam.setTransferTimeout(20000);
    }

    int openCount() const { return m_openCount; }
    QUrl lastOpenedUrl() const { return m_lastOpenedUrl; }
    QUrl handedOff() const { return m_handedOff; }
    //! When false the browser only records the URL (a user who never signs in).
    bool isEnabled() const { return m_enabled; }
    void setEnabled(bool enabled)
    {
        if (m_enabled == enabled)
            return;
        m_enabled = enabled;
        Q_EMIT enabledChanged();
    }

public Q_SLOTS:
    //! A fresh profile: forget every cookie (and so any sign-in session at the provider).
    void clearCookies() { m_nam.setCookieJar(new QNetworkCookieJar(&m_nam)); }

    // Called by QDesktopServices::openUrl() (setUrlHandler below).
    void openUrl(const QUrl &url)
    {
        ++m_openCount;
        m_lastOpenedUrl = url;
        Q_EMIT openCountChanged();
        if (m_enabled)
            get(url, 0);
    }

Q_SIGNALS:
    void openCountChanged();
    void enabledChanged();
    void handedOffChanged();
    //! The browser stopped at \a url with HTTP status \a status (0: network error).
    void finished(const QUrl &url, int status);

private:
    void get(const QUrl &url, int hops)
    {
        QNetworkReply *reply = m_nam.get(QNetworkRequest(url));
        connect(reply, &QNetworkReply::finished, this, [this, reply, url, hops] {
            reply->deleteLater();
            const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            const QByteArray location = reply->rawHeader("Location");
            if (status >= 300 && status < 400 && !location.isEmpty() && hops < 30) {
                const QUrl target = url.resolved(QUrl::fromEncoded(location));
                if (target.scheme() != QLatin1String("http")) {
                    // A private-use scheme or a claimed https link: the system hands it to the
                    // application that registered it (QDesktopServices, as on Android and iOS).
                    m_handedOff = target;
                    Q_EMIT handedOffChanged();
                    QDesktopServices::openUrl(target);
                    Q_EMIT finished(target, 0);
                    return;
                }
                get(target, hops + 1);
                return;
            }
            Q_EMIT finished(url, status);
        });
    }

    QNetworkAccessManager m_nam;
    int m_openCount = 0;
    QUrl m_lastOpenedUrl;
    QUrl m_handedOff;
    bool m_enabled = true;
};

// Counts destroyed objects (context property "tracker"): tells whether the garbage collector
// freed a reply (QML has no destroyed() signal for objects it did not create).
class ObjectTracker : public QObject
{
    Q_OBJECT
    Q_PROPERTY(int destroyedCount READ destroyedCount NOTIFY destroyedCountChanged FINAL)

public:
    int destroyedCount() const { return m_destroyedCount; }
    Q_INVOKABLE void watch(QObject *object)
    {
        if (object)
            connect(object, &QObject::destroyed, this, [this] {
                ++m_destroyedCount;
                Q_EMIT destroyedCountChanged();
            });
    }

Q_SIGNALS:
    void destroyedCountChanged();

private:
    int m_destroyedCount = 0;
};

class Setup : public QObject
{
    Q_OBJECT

public Q_SLOTS:
    // Setup is constructed before the application: create the browser (network) afterwards.
    void applicationAvailable()
    {
        m_browser = std::make_unique<TestBrowser>();
        QDesktopServices::setUrlHandler(QStringLiteral("http"), m_browser.get(), "openUrl");
    }

    void qmlEngineAvailable(QQmlEngine *engine)
    {
        QVariantMap peer;
        const QString infoFile = qEnvironmentVariable("OAUTH4QT_PEER_INFO_FILE");
        QFile file(infoFile);
        if (!infoFile.isEmpty() && file.open(QIODevice::ReadOnly)) {
            const QJsonObject info = QJsonDocument::fromJson(file.readAll()).object();
            peer = info.toVariantMap();
        }
        peer.insert(QStringLiteral("available"), !peer.value(QStringLiteral("issuer")).toString().isEmpty());
        engine->rootContext()->setContextProperty(QStringLiteral("peer"), peer);

        engine->rootContext()->setContextProperty(QStringLiteral("browser"), m_browser.get());
        engine->rootContext()->setContextProperty(QStringLiteral("tracker"), &m_tracker);
    }

    void cleanupTestCase()
    {
        QDesktopServices::unsetUrlHandler(QStringLiteral("http"));
        m_browser.reset();
    }

private:
    std::unique_ptr<TestBrowser> m_browser;
    ObjectTracker m_tracker;
};

QUICK_TEST_MAIN_WITH_SETUP(tst_qmlmodule, Setup)

#include "tst_qmlmodule.moc"

// SPDX-License-Identifier: BSD-3-Clause
// End to end, the way a phone signs in: AuthorizationCodeFlow with a UriSchemeHandler for a
// private-use URI scheme (com.example.app:/callback) or a claimed https link
// (https://app.example.test/callback), the REAL headless Chromium as the browser, the REAL
// oidc-provider (tests/peer, client "mobile"). Chromium follows the provider's redirects
// through its auto-completing login; the provider's final redirect to the app's redirect URI
// is taken out of the browser (CdpChromium) and handed to the application the way Android and
// iOS do it: QDesktopServices::openUrl() reaches the URL handler registered with
// QDesktopServices::setUrlHandler() for the scheme. Through the C++ API
// (OAuth4Qt::registerUrlHandler) and through the QML module (UriSchemeHandler registering
// itself). Hostile hand-offs: a forged state, a code of another sign-in (PKCE), the iss of
// another issuer, a replayed redirect URL.
#include "cdpchromium.h"

#include <oauth4qt/authorizationcodeflow.h>
#include <oauth4qt/desktopservices.h>
#include <oauth4qt/urischemehandler.h>

#include <QtCore/QElapsedTimer>
#include <QtCore/QJsonDocument>
#include <QtCore/QPointer>
#include <QtCore/QUrlQuery>
#include <QtGui/QDesktopServices>
#include <QtTest/QtTest>
#ifdef OAUTH4QT_E2E_QML
#include <QtQml/QQmlComponent>
#include <QtQml/QQmlEngine>
#endif

#include <sys/prctl.h>

using namespace OAuth4Qt;

namespace {

QJsonObject readJson(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(f.readAll()).object();
}

QUrl withQueryItem(const QUrl &url, const QString &name, const QString &value)
{
    QUrlQuery query(url);
    query.removeAllQueryItems(name);
    query.addQueryItem(name, QString::fromLatin1(QUrl::toPercentEncoding(value)));
    QUrl out = url;
    out.setQuery(query.query(QUrl::FullyEncoded), QUrl::StrictMode);
    return out;
}

} // namespace

class tst_E2eMobileRedirect : public QObject
{
    Q_OBJECT
public:
    enum class Api { Cpp, Qml };
    Q_ENUM(Api)
    enum class Attack {
        None,
        ForgedState,  // a URL with another state first: refused, the sign-in goes on
        ForeignCode,  // the code of another (abandoned) sign-in with this sign-in's state
        ForeignIssuer, // iss of another issuer
        Replay,       // the redirect URL of a finished sign-in, again and into the next one
    };
    Q_ENUM(Attack)

private Q_SLOTS:
    void initTestCase();
    void signIn_data();
    void signIn();
    void cleanup();

private:
    // One sign-in through Chromium up to the hand-off; returns the URL the system would open.
    QUrl browseUntilHandOff(AuthorizationCodeFlow *flow, CdpChromium *chromium);

    QJsonObject m_info;
    QUrl m_issuer;
    QString m_clientId;
    // Set in signIn(), undone in cleanup() also when a row fails.
    std::unique_ptr<UriSchemeHandler> m_cppHandler;
#ifdef OAUTH4QT_E2E_QML
    std::unique_ptr<QQmlEngine> m_engine;
#endif
};

void tst_E2eMobileRedirect::initTestCase()
{
    // Chromium's helper processes are reparented to us when its main process ends, so we can
    // reap them and prove that nothing is left behind.
    QCOMPARE(::prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0), 0);
    ::signal(SIGPIPE, SIG_IGN); // a write to the DevTools pipe of an ended Chromium fails instead
    QVERIFY2(QFileInfo(CdpChromium::program()).isExecutable(), qPrintable(CdpChromium::program()));
    const QString infoFile = qEnvironmentVariable("OAUTH4QT_PEER_INFO_FILE");
    QVERIFY2(!infoFile.isEmpty(), "OAUTH4QT_PEER_INFO_FILE is not set (run through ctest: fixture oidc_provider)");
    m_info = readJson(infoFile);
    QVERIFY2(!m_info.isEmpty(), qPrintable(infoFile));
    m_issuer = QUrl(m_info.value(QLatin1String("issuer")).toString());
    const QJsonObject mobile = m_info.value(QLatin1String("clients")).toObject().value(QLatin1String("mobile")).toObject();
    m_clientId = mobile.value(QLatin1String("client_id")).toString();
    QVERIFY2(!m_clientId.isEmpty(), "the fixture has no \"mobile\" client");
    const QJsonArray uris = mobile.value(QLatin1String("redirect_uris")).toArray();
    QVERIFY(uris.contains(QStringLiteral("com.example.app:/callback")));
    QVERIFY(uris.contains(QStringLiteral("https://app.example.test/callback")));
}

void tst_E2eMobileRedirect::signIn_data()
{
    QTest::addColumn<Api>("api");
    QTest::addColumn<QUrl>("redirectUri");
    QTest::addColumn<Attack>("attack");
    const QUrl scheme(QStringLiteral("com.example.app:/callback"));
    const QUrl claimed(QStringLiteral("https://app.example.test/callback"));
    QTest::newRow("C++, private-use scheme") << Api::Cpp << scheme << Attack::None;
    QTest::newRow("C++, claimed https link") << Api::Cpp << claimed << Attack::None;
    QTest::newRow("C++, forged state first") << Api::Cpp << scheme << Attack::ForgedState;
    QTest::newRow("C++, code of another sign-in") << Api::Cpp << scheme << Attack::ForeignCode;
    QTest::newRow("C++, iss of another issuer") << Api::Cpp << scheme << Attack::ForeignIssuer;
    QTest::newRow("C++, replayed redirect URL") << Api::Cpp << scheme << Attack::Replay;
    QTest::newRow("C++, claimed link, replayed redirect URL") << Api::Cpp << claimed << Attack::Replay;
#ifdef OAUTH4QT_E2E_QML
    QTest::newRow("QML, private-use scheme") << Api::Qml << scheme << Attack::None;
    QTest::newRow("QML, claimed https link") << Api::Qml << claimed << Attack::None;
    QTest::newRow("QML, forged state first") << Api::Qml << scheme << Attack::ForgedState;
    QTest::newRow("QML, replayed redirect URL") << Api::Qml << scheme << Attack::Replay;
#endif
}

QUrl tst_E2eMobileRedirect::browseUntilHandOff(AuthorizationCodeFlow *flow, CdpChromium *chromium)
{
    const int before = chromium->handedOffUrls().size();
    flow->start();
    // A sign-in takes a second or two here; the deadline is for slow, shared CI machines.
    if (!QTest::qWaitFor([&] { return chromium->handedOffUrls().size() > before || !flow->isRunning(); }, 200000))
        return {};
    if (chromium->handedOffUrls().size() == before)
        return {};
    return chromium->handedOffUrls().constLast();
}

void tst_E2eMobileRedirect::signIn()
{
    QFETCH(Api, api);
    QFETCH(QUrl, redirectUri);
    QFETCH(Attack, attack);

    CdpChromium chromium;
    chromium.setAppRedirectUri(redirectUri);
    QString why;
    QVERIFY2(chromium.start(&why), qPrintable(why + QLatin1Char('\n') + chromium.logTail()));

    AuthorizationCodeFlow *flow = nullptr;
    std::unique_ptr<AuthorizationCodeFlow> cppFlow;
    UriSchemeHandler *handler = nullptr;
    std::unique_ptr<QObject> qmlFlow;
    if (api == Api::Cpp) {
        cppFlow = std::make_unique<AuthorizationCodeFlow>();
        flow = cppFlow.get();
        flow->setIssuer(m_issuer);
        flow->setAllowInsecureHttp(true);
        flow->setClientId(m_clientId);
        flow->setScope(QStringLiteral("openid profile"));
        m_cppHandler = std::make_unique<UriSchemeHandler>(redirectUri);
        handler = m_cppHandler.get();
        // What an application does at startup: the system's URLs with the scheme go to the handler.
        QVERIFY(registerUrlHandler(handler));
        flow->setRedirectHandler(handler);
    } else {
#ifdef OAUTH4QT_E2E_QML
        m_engine = std::make_unique<QQmlEngine>();
        m_engine->addImportPath(QStringLiteral(OAUTH4QT_E2E_QML_IMPORT_DIR));
        QQmlComponent component(m_engine.get());
        component.setData(QStringLiteral("import QtQml\n"
                                         "import OAuth4Qt\n"
                                         "AuthorizationCodeFlow {\n"
                                         "    issuer: \"%1\"\n"
                                         "    allowInsecureHttp: true\n"
                                         "    clientId: \"%2\"\n"
                                         "    scope: \"openid profile\"\n"
                                         "    redirectHandler: UriSchemeHandler { redirectUri: \"%3\" }\n"
                                         "}\n")
                              .arg(m_issuer.toString(), m_clientId, redirectUri.toString())
                              .toUtf8(),
                          QUrl(QStringLiteral("qrc:/mobile-sign-in.qml")));
        qmlFlow.reset(component.create());
        QVERIFY2(qmlFlow, qPrintable(component.errorString()));
        flow = qobject_cast<AuthorizationCodeFlow *>(qmlFlow.get());
        QVERIFY(flow);
        handler = qobject_cast<UriSchemeHandler *>(flow->redirectHandler());
        QVERIFY(handler);
        // The QML UriSchemeHandler registered itself with QDesktopServices.
        QCOMPARE(handler->property("urlHandlerRegistered").toBool(), true);
#endif
    }
    QVERIFY(flow && handler);
    flow->setTimeout(180000);
    flow->setBrowserOpener([&chromium](const QUrl &url) { return chromium.navigate(url); });

    QSignalSpy granted(flow, &AuthorizationCodeFlow::granted);
    QSignalSpy failed(flow, &AuthorizationCodeFlow::failed);
    QSignalSpy rejected(handler, &RedirectHandler::callbackRejected);
    QElapsedTimer elapsed;
    elapsed.start();

    // The system opening the app with a URL: QDesktopServices dispatches it to the handler
    // registered for its scheme, exactly as on Android and iOS.
    auto handOff = [](const QUrl &url) { return QDesktopServices::openUrl(url); };

    QString foreignCode;
    if (attack == Attack::ForeignCode) {
        // A sign-in that is abandoned before its redirect reaches the app: its code was never
        // exchanged, so only PKCE (and the binding of the code to its request) stops it.
        const QUrl abandoned = browseUntilHandOff(flow, &chromium);
        QVERIFY2(!abandoned.isEmpty(), qPrintable(chromium.logTail()));
        foreignCode = QUrlQuery(abandoned).queryItemValue(QStringLiteral("code"), QUrl::FullyDecoded);
        QVERIFY(!foreignCode.isEmpty());
        flow->cancel();
        QCOMPARE(failed.count(), 1);
        QCOMPARE(failed.takeFirst().first().value<Error>().code(), ErrorCode::Cancelled);
    }

    const QUrl handedOff = browseUntilHandOff(flow, &chromium);
    QVERIFY2(!handedOff.isEmpty(), qPrintable(chromium.logTail()));
    qInfo("redirect reached the app after %lld ms", qlonglong(elapsed.elapsed()));
    QCOMPARE(flow->status(), AuthorizationCodeFlow::Status::AwaitingUser);
    QCOMPARE(handler->isActive(), true);
    QCOMPARE(flow->redirectUri(), redirectUri);
    const QUrlQuery front(flow->authorizationUrl());
    QCOMPARE(QUrl(front.queryItemValue(QStringLiteral("redirect_uri"), QUrl::FullyDecoded)), redirectUri);
    QCOMPARE(front.queryItemValue(QStringLiteral("code_challenge_method")), QStringLiteral("S256"));
    const QUrlQuery back(handedOff);
    QCOMPARE(back.queryItemValue(QStringLiteral("state")), front.queryItemValue(QStringLiteral("state")));
    QCOMPARE(back.queryItemValue(QStringLiteral("iss"), QUrl::FullyDecoded), m_issuer.toString());
    QVERIFY(!back.queryItemValue(QStringLiteral("code")).isEmpty());
    QCOMPARE(granted.count() + failed.count(), 0);

    switch (attack) {
    case Attack::ForgedState: {
        // A link from anywhere with the app's redirect URI: refused, not consumed.
        QVERIFY(handOff(withQueryItem(handedOff, QStringLiteral("state"), QStringLiteral("forged"))));
        QCOMPARE(rejected.count(), 1);
        QCOMPARE(rejected.first().first().value<Error>().code(), ErrorCode::StateMismatch);
        QTest::qWait(200);
        QCOMPARE(granted.count() + failed.count(), 0);
        QCOMPARE(flow->status(), AuthorizationCodeFlow::Status::AwaitingUser);
        QVERIFY(handOff(handedOff)); // the real one still completes the sign-in
        break;
    }
    case Attack::ForeignCode:
        QVERIFY(handOff(withQueryItem(handedOff, QStringLiteral("code"), foreignCode)));
        break;
    case Attack::ForeignIssuer:
        QVERIFY(handOff(withQueryItem(handedOff, QStringLiteral("iss"), QStringLiteral("https://attacker.example.test"))));
        break;
    case Attack::None:
    case Attack::Replay:
        QVERIFY(handOff(handedOff));
        break;
    }
    QTRY_VERIFY_WITH_TIMEOUT(granted.count() + failed.count() >= 1, 60000);
    QTest::qWait(100);
    QCOMPARE(granted.count() + failed.count(), 1);
    QCOMPARE(handler->isActive(), false);

    if (attack == Attack::ForeignCode || attack == Attack::ForeignIssuer) {
        QCOMPARE(failed.count(), 1);
        const Error e = failed.first().first().value<Error>();
        if (attack == Attack::ForeignIssuer) {
            QCOMPARE(e.code(), ErrorCode::IssuerMismatch);
        } else {
            QCOMPARE(e.code(), ErrorCode::OAuthError);
            QCOMPARE(e.oauthError(), QStringLiteral("invalid_grant"));
        }
        QVERIFY(!e.errorString().contains(foreignCode.isEmpty() ? back.queryItemValue(QStringLiteral("code")) : foreignCode));
        QCOMPARE(flow->status(), AuthorizationCodeFlow::Status::Failed);
        QVERIFY(flow->tokens().accessToken().isEmpty());
    } else {
        if (failed.count())
            qWarning() << failed.first().first().value<Error>();
        QCOMPARE(granted.count(), 1);
        QCOMPARE(flow->status(), AuthorizationCodeFlow::Status::Granted);
        const TokenResponse tokens = flow->tokens();
        QVERIFY(!tokens.accessToken().isEmpty());
        const QJsonObject claims = tokens.idTokenClaims();
        QCOMPARE(claims.value(QLatin1String("sub")).toString(), QStringLiteral("alice"));
        QCOMPARE(claims.value(QLatin1String("iss")).toString(), m_issuer.toString());
        QCOMPARE(claims.value(QLatin1String("aud")).toString(), m_clientId);
        QVERIFY(!claims.value(QLatin1String("nonce")).toString().isEmpty());
    }

    if (attack == Attack::Replay) {
        // Once more after the sign-in: the handler is closed, nothing happens.
        rejected.clear();
        QVERIFY(handOff(handedOff));
        QTest::qWait(200);
        QCOMPARE(granted.count(), 1);
        QCOMPARE(failed.count(), 0);
        QCOMPARE(rejected.count(), 0);
        QCOMPARE(flow->status(), AuthorizationCodeFlow::Status::Granted);
        // Into the next sign-in (the provider session signs it in at once): another state,
        // refused; that sign-in's own redirect completes it.
        granted.clear();
        const QUrl next = browseUntilHandOff(flow, &chromium);
        QVERIFY2(!next.isEmpty(), qPrintable(chromium.logTail()));
        QVERIFY(next != handedOff);
        QVERIFY(handOff(handedOff));
        QCOMPARE(rejected.count(), 1);
        QCOMPARE(rejected.first().first().value<Error>().code(), ErrorCode::StateMismatch);
        QTest::qWait(200);
        QCOMPARE(granted.count() + failed.count(), 0);
        QCOMPARE(flow->status(), AuthorizationCodeFlow::Status::AwaitingUser);
        QVERIFY(handOff(next));
        QTRY_COMPARE_WITH_TIMEOUT(granted.count(), 1, 60000);
        QCOMPARE(failed.count(), 0);
        QVERIFY(!flow->tokens().accessToken().isEmpty());
    }

    const int navigations = chromium.navigations();
    chromium.stop();
    QVERIFY2(chromium.lastGroupGone(), "a Chromium process outlived the test");
    QCOMPARE(navigations, (attack == Attack::ForeignCode || attack == Attack::Replay) ? 2 : 1);
    // The browser never loaded the redirect: every hand-off was taken out of it.
    QCOMPARE(chromium.handedOffUrls().size(), navigations);
}

void tst_E2eMobileRedirect::cleanup()
{
    if (m_cppHandler) {
        unregisterUrlHandler(m_cppHandler.get());
        m_cppHandler.reset();
    }
#ifdef OAUTH4QT_E2E_QML
    m_engine.reset();
#endif
}

QTEST_MAIN(tst_E2eMobileRedirect)
#include "tst_e2e_mobileredirect.moc"

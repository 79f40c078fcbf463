// SPDX-License-Identifier: BSD-3-Clause
#include <oauth4qt/urischemehandler.h>

#include <QtTest/QSignalSpy>
#include <QtTest/QTest>

using namespace OAuth4Qt;
using namespace Qt::StringLiterals;
using Params = QList<std::pair<QString, QString>>;

class tst_UriSchemeHandler : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { qRegisterMetaType<OAuth4Qt::Error>(); }

    void startValidatesRedirectUri_data()
    {
        QTest::addColumn<QUrl>("uri");
        QTest::addColumn<bool>("ok");
        QTest::newRow("private-use") << QUrl(u"com.example.app:/oauth2redirect"_s) << true;
        QTest::newRow("private-use authority") << QUrl(u"com.example.app://cb/oauth2redirect"_s) << true;
        QTest::newRow("claimed https") << QUrl(u"https://app.example.com/oauth2redirect"_s) << true;
        QTest::newRow("empty") << QUrl() << false;
        QTest::newRow("relative") << QUrl(u"/oauth2redirect"_s) << false;
        QTest::newRow("http") << QUrl(u"http://127.0.0.1/cb"_s) << false;
        QTest::newRow("query") << QUrl(u"com.example.app:/cb?x=1"_s) << false;
        QTest::newRow("fragment") << QUrl(u"com.example.app:/cb#x"_s) << false;
        QTest::newRow("user info") << QUrl(u"https://u@app.example.com/cb"_s) << false;
    }
    void startValidatesRedirectUri()
    {
        QFETCH(QUrl, uri);
        QFETCH(bool, ok);
        UriSchemeHandler handler(uri);
        Error e;
        QCOMPARE(handler.start(&e), ok);
        QCOMPARE(handler.isActive(), ok);
        if (!ok)
            QCOMPARE(e.code(), ErrorCode::InvalidArgument);
        else
            QCOMPARE(handler.redirectUri(), uri);
    }

    void matching_data()
    {
        QTest::addColumn<QUrl>("redirect");
        QTest::addColumn<QUrl>("url");
        QTest::addColumn<bool>("accepted");
        const QUrl r(u"com.example.app:/oauth2redirect"_s);
        const QUrl h(u"https://app.example.com/oauth2redirect"_s);
        QTest::newRow("exact") << r << QUrl(u"com.example.app:/oauth2redirect?code=c&state=s"_s) << true;
        QTest::newRow("scheme case") << r << QUrl(u"COM.EXAMPLE.APP:/oauth2redirect?code=c&state=s"_s) << true;
        QTest::newRow("fragment ignored") << r << QUrl(u"com.example.app:/oauth2redirect?code=c&state=s#_=_"_s) << true;
        QTest::newRow("other scheme") << r << QUrl(u"com.example.evil:/oauth2redirect?code=c&state=s"_s) << false;
        QTest::newRow("other path") << r << QUrl(u"com.example.app:/other?code=c&state=s"_s) << false;
        QTest::newRow("trailing slash") << r << QUrl(u"com.example.app:/oauth2redirect/?code=c&state=s"_s) << false;
        QTest::newRow("path case") << r << QUrl(u"com.example.app:/OAuth2redirect?code=c&state=s"_s) << false;
        QTest::newRow("https exact") << h << QUrl(u"https://app.example.com/oauth2redirect?code=c&state=s"_s) << true;
        QTest::newRow("https host case") << h << QUrl(u"https://APP.example.com/oauth2redirect?code=c&state=s"_s) << true;
        QTest::newRow("https other host") << h << QUrl(u"https://app.example.com.evil/oauth2redirect?code=c&state=s"_s) << false;
        QTest::newRow("https other port") << h << QUrl(u"https://app.example.com:8443/oauth2redirect?code=c&state=s"_s) << false;
        QTest::newRow("https user info") << h << QUrl(u"https://x@app.example.com/oauth2redirect?code=c&state=s"_s) << false;
        QTest::newRow("http") << h << QUrl(u"http://app.example.com/oauth2redirect?code=c&state=s"_s) << false;
    }
    void matching()
    {
        QFETCH(QUrl, redirect);
        QFETCH(QUrl, url);
        QFETCH(bool, accepted);
        UriSchemeHandler handler(redirect);
        handler.setExpectedState(u"s"_s);
        QVERIFY(handler.start());
        QSignalSpy received(&handler, &RedirectHandler::callbackReceived);
        QSignalSpy rejected(&handler, &RedirectHandler::callbackRejected);
        QCOMPARE(handler.handleUrl(url), accepted);
        QCOMPARE(received.count(), accepted ? 1 : 0);
        QCOMPARE(rejected.count(), accepted ? 0 : 1);
        QCOMPARE(handler.isActive(), !accepted);
        if (accepted) {
            QCOMPARE(received.first().at(1).value<Params>(),
                     Params({ { u"code"_s, u"c"_s }, { u"state"_s, u"s"_s } }));
            QVERIFY(!received.first().at(0).toUrl().hasFragment());
        } else {
            QCOMPARE(rejected.first().at(0).value<Error>().code(), ErrorCode::InvalidArgument);
        }
    }

    void checks_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<int>("code");
        QTest::newRow("wrong state") << u"code=c&state=x"_s << int(ErrorCode::StateMismatch);
        QTest::newRow("missing state") << u"code=c"_s << int(ErrorCode::StateMismatch);
        QTest::newRow("repeated") << u"code=c&code=d&state=s"_s << int(ErrorCode::DuplicateParameter);
        QTest::newRow("invalid utf-8") << u"code=%FF&state=s"_s << int(ErrorCode::InvalidMember);
    }
    void checks()
    {
        QFETCH(QString, query);
        QFETCH(int, code);
        UriSchemeHandler handler(QUrl(u"com.example.app:/cb"_s));
        handler.setExpectedState(u"s"_s);
        QVERIFY(handler.start());
        QSignalSpy received(&handler, &RedirectHandler::callbackReceived);
        QSignalSpy rejected(&handler, &RedirectHandler::callbackRejected);
        QVERIFY(!handler.handleUrl(QUrl(u"com.example.app:/cb?"_s + query)));
        QCOMPARE(rejected.count(), 1);
        QCOMPARE(int(rejected.first().at(0).value<Error>().code()), code);
        QVERIFY(handler.isActive()); // not consumed
        QVERIFY(handler.handleUrl(QUrl(u"com.example.app:/cb?code=ok+1&state=s"_s)));
        QCOMPARE(received.count(), 1);
        QCOMPARE(received.first().at(1).value<Params>().first().second, u"ok 1"_s);
    }

    void oneShot()
    {
        UriSchemeHandler handler(QUrl(u"com.example.app:/cb"_s));
        handler.setExpectedState(u"s"_s);
        QSignalSpy received(&handler, &RedirectHandler::callbackReceived);
        QVERIFY(!handler.handleUrl(QUrl(u"com.example.app:/cb?code=a&state=s"_s))); // not started
        QVERIFY(handler.start());
        QVERIFY(handler.handleUrl(QUrl(u"com.example.app:/cb?code=a&state=s"_s)));
        QVERIFY(!handler.handleUrl(QUrl(u"com.example.app:/cb?code=b&state=s"_s))); // replay
        QCOMPARE(received.count(), 1);
        QVERIFY(!handler.isActive());
    }

    void filterAndAccessDenied()
    {
        UriSchemeHandler handler(QUrl(u"com.example.app:/cb"_s));
        handler.setCallbackFilter([](const Params &p) {
            return p.size() == 1 ? Error(ErrorCode::MalformedJwt) : Error();
        });
        QVERIFY(handler.start());
        QSignalSpy received(&handler, &RedirectHandler::callbackReceived);
        QSignalSpy rejected(&handler, &RedirectHandler::callbackRejected);
        QVERIFY(!handler.handleUrl(QUrl(u"com.example.app:/cb?response=x"_s)));
        QCOMPARE(rejected.first().at(0).value<Error>().code(), ErrorCode::MalformedJwt);
        QVERIFY(handler.handleUrl(QUrl(u"com.example.app:/cb?error=access_denied&state=any"_s)));
        QCOMPARE(received.first().at(1).value<Params>().first(), std::make_pair(u"error"_s, u"access_denied"_s));
    }

    void timeoutAndClose()
    {
        UriSchemeHandler handler(QUrl(u"com.example.app:/cb"_s));
        handler.setTimeout(100);
        QSignalSpy timedOut(&handler, &RedirectHandler::timedOut);
        QVERIFY(handler.start());
        QTRY_COMPARE(timedOut.count(), 1);
        QVERIFY(!handler.isActive());
        QVERIFY(!handler.handleUrl(QUrl(u"com.example.app:/cb?code=a"_s)));

        QVERIFY(handler.start());
        handler.close();
        QVERIFY(!handler.isActive());
        QTest::qWait(200);
        QCOMPARE(timedOut.count(), 1); // close() stops the timeout
    }

    void redirectUriLockedWhileActive()
    {
        UriSchemeHandler handler(QUrl(u"com.example.app:/cb"_s));
        QSignalSpy changed(&handler, &RedirectHandler::redirectUriChanged);
        QVERIFY(handler.start());
        QTest::ignoreMessage(QtWarningMsg, "UriSchemeHandler::setRedirectUri() ignored while active");
        handler.setRedirectUri(QUrl(u"com.example.other:/cb"_s));
        QCOMPARE(handler.redirectUri(), QUrl(u"com.example.app:/cb"_s));
        handler.close();
        handler.setRedirectUri(QUrl(u"com.example.other:/cb"_s));
        QCOMPARE(changed.count(), 1);
    }

    void invokableByName()
    {
        // What QDesktopServices::setUrlHandler(scheme, handler, "handleUrl") does.
        UriSchemeHandler handler(QUrl(u"com.example.app:/cb"_s));
        QVERIFY(handler.start());
        QSignalSpy received(&handler, &RedirectHandler::callbackReceived);
        QVERIFY(QMetaObject::invokeMethod(&handler, "handleUrl", Qt::DirectConnection,
                                          Q_ARG(QUrl, QUrl(u"com.example.app:/cb?code=a"_s))));
        QCOMPARE(received.count(), 1);
    }
};

QTEST_GUILESS_MAIN(tst_UriSchemeHandler)
#include "tst_urischemehandler.moc"

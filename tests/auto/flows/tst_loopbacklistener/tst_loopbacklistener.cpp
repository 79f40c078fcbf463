// SPDX-License-Identifier: BSD-3-Clause
// Security checklist section L (and B8, B11, B12, B13) against raw QTcpSocket clients.
#include <oauth4qt/i18n.h>
#include <oauth4qt/loopbacklistener.h>

#include "flows/httprequestparser_p.h"

#include <QtCore/QCryptographicHash>
#include <QtCore/QElapsedTimer>
#include <QtCore/QEventLoop>
#include <QtCore/QScopeGuard>
#include <QtCore/QTimer>
#include <QtNetwork/QNetworkInterface>
#include <QtNetwork/QTcpServer>
#include <QtNetwork/QTcpSocket>
#include <QtTest/QSignalSpy>
#include <QtTest/QTest>

#include <memory>
#include <vector>

using namespace OAuth4Qt;
using namespace Qt::StringLiterals;
using Params = QList<std::pair<QString, QString>>;

namespace {

struct Reply
{
    bool connected = false;
    bool closedByServer = false;
    int status = 0;
    QList<std::pair<QByteArray, QByteArray>> headers; // lower-case names
    QByteArray body;
    QByteArray raw;

    QByteArray header(const QByteArray &name) const
    {
        for (const auto &h : headers) {
            if (h.first == name)
                return h.second;
        }
        return {};
    }
};

Reply parseReply(const QByteArray &raw)
{
    Reply reply;
    reply.raw = raw;
    const qsizetype end = raw.indexOf("\r\n\r\n");
    if (end < 0)
        return reply;
    const QList<QByteArray> lines = raw.left(end).split('\n');
    const QList<QByteArray> statusLine = lines.first().trimmed().split(' ');
    if (statusLine.size() >= 2 && statusLine.first() == "HTTP/1.1")
        reply.status = statusLine.at(1).toInt();
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines.at(i).trimmed();
        const qsizetype colon = line.indexOf(':');
        reply.headers.append({ line.left(colon).toLower(), line.mid(colon + 1).trimmed() });
    }
    reply.body = raw.mid(end + 4);
    return reply;
}

// Connects, writes \a data (in pieces of \a chunk bytes when > 0), and collects everything until
// the server closes or \a timeoutMs passes. The event loop keeps running so the listener works.
Reply exchange(const QHostAddress &address, quint16 port, const QByteArray &data, int timeoutMs = 5000)
{
    QTcpSocket socket;
    QByteArray received;
    bool connected = false;
    bool closed = false;
    QEventLoop loop;
    QTimer timer;
    timer.setSingleShot(true);
    QObject::connect(&timer, &QTimer::timeout, &loop, &QEventLoop::quit);
    QObject::connect(&socket, &QTcpSocket::connected, &loop, [&] {
        connected = true;
        socket.write(data);
    });
    QObject::connect(&socket, &QTcpSocket::readyRead, &loop, [&] { received += socket.readAll(); });
    QObject::connect(&socket, &QTcpSocket::disconnected, &loop, [&] {
        closed = true;
        loop.quit();
    });
    QObject::connect(&socket, &QTcpSocket::errorOccurred, &loop, [&](QAbstractSocket::SocketError error) {
        if (error == QAbstractSocket::RemoteHostClosedError)
            closed = true;
        if (error != QAbstractSocket::RemoteHostClosedError || socket.state() == QAbstractSocket::UnconnectedState)
            loop.quit();
    });
    socket.connectToHost(address, port);
    timer.start(timeoutMs);
    loop.exec();
    received += socket.readAll();
    Reply reply = parseReply(received);
    reply.connected = connected;
    reply.closedByServer = closed;
    return reply;
}

QByteArray request(const QByteArray &target, const QByteArray &host, const QByteArray &method = "GET")
{
    return method + ' ' + target + " HTTP/1.1\r\nHost: " + host
        + "\r\nUser-Agent: tst_loopbacklistener\r\nAccept: text/html\r\n\r\n";
}

const QByteArray State = QByteArrayLiteral("s-3xQ9_state.value~1");

} // namespace

class tst_LoopbackListener : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<LoopbackListener> makeListener(bool withState = true)
    {
        auto listener = std::make_unique<LoopbackListener>();
        listener->setTimeout(30000); // bounds every test
        if (withState)
            listener->setExpectedState(QString::fromLatin1(State));
        Error error;
        const bool started = listener->start(&error);
        if (!started)
            qWarning() << "start failed:" << error;
        return started ? std::move(listener) : nullptr;
    }
    static quint16 portOf(const LoopbackListener &l) { return quint16(l.redirectUri().port()); }
    static QByteArray hostOf(const LoopbackListener &l)
    {
        return l.redirectUri().host().contains(QLatin1Char(':'))
            ? QByteArray("[::1]:" + QByteArray::number(portOf(l)))
            : QByteArray("127.0.0.1:" + QByteArray::number(portOf(l)));
    }
    static Reply get(const LoopbackListener &l, const QByteArray &target)
    {
        return exchange(QHostAddress(l.redirectUri().host()), portOf(l), request(target, hostOf(l)));
    }
    // The real callback still gets through afterwards (the refused request was not consumed).
    static QByteArray between(const QByteArray &text, const QByteArray &open, const QByteArray &close)
    {
        const qsizetype from = text.indexOf(open);
        const qsizetype to = text.indexOf(close, from);
        return from < 0 || to < 0 ? QByteArray() : text.mid(from + open.size(), to - from - open.size());
    }

    static void expectStillConsumable(LoopbackListener &l, QSignalSpy &received)
    {
        QVERIFY(l.isActive());
        QCOMPARE(received.count(), 0);
        const Reply ok = get(l, "/callback?code=c0de&state=" + State);
        QCOMPARE(ok.status, 200);
        QCOMPARE(received.count(), 1);
        QVERIFY(!l.isActive());
    }

private Q_SLOTS:
    void initTestCase() { qRegisterMetaType<OAuth4Qt::Error>(); }

    // ---- parser (pure) ----------------------------------------------------------------------
    void parser_data()
    {
        using S = Internal::HttpRequestHead::Status;
        QTest::addColumn<QByteArray>("data");
        QTest::addColumn<int>("status");
        QTest::newRow("complete") << QByteArray("GET /cb?a=b HTTP/1.1\r\nHost: x\r\n\r\n") << int(S::Complete);
        QTest::newRow("http/1.0") << QByteArray("GET / HTTP/1.0\r\n\r\n") << int(S::Complete);
        QTest::newRow("partial line") << QByteArray("GET /cb?a=") << int(S::Incomplete);
        QTest::newRow("partial header") << QByteArray("GET / HTTP/1.1\r\nHost: 1") << int(S::Incomplete);
        QTest::newRow("tls hello") << QByteArray::fromHex("160301020001") << int(S::BadRequest);
        QTest::newRow("h2 preface") << QByteArray("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n") << int(S::BadRequest);
        QTest::newRow("nul in line") << QByteArray("GET /\0 HTTP/1.1\r\n\r\n", 20) << int(S::BadRequest);
        QTest::newRow("nul in header") << QByteArray("GET / HTTP/1.1\r\nA: \0\r\n\r\n", 24) << int(S::BadRequest);
        QTest::newRow("no colon") << QByteArray("GET / HTTP/1.1\r\nHost 1\r\n\r\n") << int(S::BadRequest);
        QTest::newRow("space before colon") << QByteArray("GET / HTTP/1.1\r\nHost : 1\r\n\r\n") << int(S::BadRequest);
        QTest::newRow("obs-fold") << QByteArray("GET / HTTP/1.1\r\nA: 1\r\n 2\r\n\r\n") << int(S::BadRequest);
        QTest::newRow("bare LF") << QByteArray("GET / HTTP/1.1\nHost: 1\n\n") << int(S::BadRequest);
        QTest::newRow("double space") << QByteArray("GET  / HTTP/1.1\r\n\r\n") << int(S::BadRequest);
        QTest::newRow("empty line first") << QByteArray("\r\nGET / HTTP/1.1\r\n\r\n") << int(S::BadRequest);
        QTest::newRow("version") << QByteArray("GET / HTTP/1.2\r\n\r\n") << int(S::BadRequest);
        QTest::newRow("no version") << QByteArray("GET /\r\n\r\n") << int(S::BadRequest);
        QTest::newRow("long line") << QByteArray("GET /" + QByteArray(40000, 'a')) << int(S::UriTooLong);
        QTest::newRow("many headers") << QByteArray("GET / HTTP/1.1\r\n" + QByteArray("A: b\r\n").repeated(200) + "\r\n")
                                      << int(S::HeaderFieldsTooLarge);
        QTest::newRow("big header") << QByteArray("GET / HTTP/1.1\r\nA: " + QByteArray(40000, 'b'))
                                    << int(S::HeaderFieldsTooLarge);
    }
    void parser()
    {
        QFETCH(QByteArray, data);
        QFETCH(int, status);
        QCOMPARE(int(Internal::parseHttpRequestHead(data).status), status);
    }

    void parserFields()
    {
        const auto head = Internal::parseHttpRequestHead("GET /cb?x=1 HTTP/1.1\r\nHost:  127.0.0.1:5 \r\nX-A: b\r\n\r\nGET /second");
        QCOMPARE(int(head.status), int(Internal::HttpRequestHead::Status::Complete));
        QCOMPARE(head.method, QByteArray("GET"));
        QCOMPARE(head.target, QByteArray("/cb?x=1"));
        QCOMPARE(head.headerValues("host"), QList<QByteArray>{ "127.0.0.1:5" });
        QCOMPARE(head.headerValues("x-a"), QList<QByteArray>{ "b" });
        QCOMPARE(head.headLength, qsizetype(53)); // 22 + 21 + 8 + 2: the pipelined bytes are not part of it
    }

    void queryDecoding_data()
    {
        QTest::addColumn<QByteArray>("query");
        QTest::addColumn<int>("status");
        QTest::addColumn<Params>("expected");
        using S = Internal::CallbackQuery::Status;
        auto p = [](std::initializer_list<std::pair<QString, QString>> l) { return Params(l); };
        QTest::newRow("plus is space") << QByteArray("a=x+y") << int(S::Ok) << p({ { u"a"_s, u"x y"_s } });
        QTest::newRow("%2B is plus") << QByteArray("a=x%2By") << int(S::Ok) << p({ { u"a"_s, u"x+y"_s } });
        QTest::newRow("utf-8") << QByteArray("a=%C3%A9") << int(S::Ok) << p({ { u"a"_s, QString(QChar(0xe9)) } });
        QTest::newRow("bom kept") << QByteArray("a=%EF%BB%BFz") << int(S::Ok) << p({ { u"a"_s, QString(QChar(0xfeff)) + u"z"_s } });
        QTest::newRow("nul kept") << QByteArray("a=%00") << int(S::Ok) << p({ { u"a"_s, QString(QChar(0)) } });
        QTest::newRow("no value") << QByteArray("a&b=") << int(S::Ok) << p({ { u"a"_s, QString() }, { u"b"_s, QString() } });
        QTest::newRow("empty pieces") << QByteArray("&a=1&&") << int(S::Ok) << p({ { u"a"_s, u"1"_s } });
        QTest::newRow("bad hex") << QByteArray("a=%zz") << int(S::InvalidEncoding) << Params();
        QTest::newRow("short %") << QByteArray("a=%4") << int(S::InvalidEncoding) << Params();
        QTest::newRow("lone %") << QByteArray("a=%") << int(S::InvalidEncoding) << Params();
        QTest::newRow("truncated utf-8") << QByteArray("a=%C3") << int(S::InvalidEncoding) << Params();
        QTest::newRow("overlong") << QByteArray("a=%C0%AF") << int(S::InvalidEncoding) << Params();
        QTest::newRow("surrogate") << QByteArray("a=%ED%A0%80") << int(S::InvalidEncoding) << Params();
        QTest::newRow("0xFF") << QByteArray("a=%FF") << int(S::InvalidEncoding) << Params();
        QTest::newRow("raw non-ascii") << QByteArray("a=\xc3\xa9") << int(S::InvalidEncoding) << Params();
        QTest::newRow("empty name") << QByteArray("=x") << int(S::InvalidEncoding) << Params();
        QTest::newRow("repeated") << QByteArray("code=a&code=b") << int(S::DuplicateParameter) << Params();
        QTest::newRow("repeated encoded") << QByteArray("state=a&st%61te=b") << int(S::DuplicateParameter) << Params();
    }
    void queryDecoding()
    {
        QFETCH(QByteArray, query);
        QFETCH(int, status);
        QFETCH(Params, expected);
        const auto result = Internal::parseCallbackQuery(query);
        QCOMPARE(int(result.status), status);
        QCOMPARE(result.parameters, expected);
    }

    // ---- L1 ---------------------------------------------------------------------------------
    void bindsLoopbackEphemeral()
    {
        auto l = makeListener();
        QVERIFY(l);
        QVERIFY(l->isActive());
        const QUrl uri = l->redirectUri();
        QCOMPARE(uri.scheme(), u"http"_s);
        QCOMPARE(uri.host(), u"127.0.0.1"_s);
        QVERIFY(uri.port() > 0);
        QCOMPARE(uri.path(), u"/callback"_s);
        QCOMPARE(uri.toString(), u"http://127.0.0.1:%1/callback"_s.arg(uri.port()));
    }

    void lanAddressRefused()
    {
        auto l = makeListener();
        QVERIFY(l);
        QHostAddress lan;
        for (const QHostAddress &a : QNetworkInterface::allAddresses()) {
            if (!a.isLoopback() && a.protocol() == QAbstractSocket::IPv4Protocol) {
                lan = a;
                break;
            }
        }
        if (lan.isNull())
            QSKIP("this machine has no non-loopback IPv4 address to connect from");
        const Reply r = exchange(lan, portOf(*l), request("/callback?code=x&state=" + State, hostOf(*l)), 2000);
        QVERIFY(!r.connected);
        QVERIFY(l->isActive());
    }

    void startErrors()
    {
        LoopbackListener l;
        l.setPath(u"/call back"_s);
        Error e;
        QVERIFY(!l.start(&e));
        QCOMPARE(e.code(), ErrorCode::InvalidArgument);
        l.setPath(u"callback"_s);
        QVERIFY(!l.start(&e));
        QCOMPARE(e.code(), ErrorCode::InvalidArgument);
        l.setPath(u"/cb"_s);
        QVERIFY(l.start(&e));
        QVERIFY(!l.start(&e));
        QCOMPARE(e.code(), ErrorCode::InvalidState);

        // A busy fixed port on IPv4 only: NetworkError.
        LoopbackListener busy;
        busy.setAddressFamily(LoopbackListener::AddressFamily::IPv4);
        busy.setPort(l.redirectUri().port());
        QVERIFY(!busy.start(&e));
        QCOMPARE(e.code(), ErrorCode::NetworkError);
        QVERIFY(!busy.isActive());
    }

    // ---- success, L2, L10, B11, L15 ---------------------------------------------------------
    void successfulCallback()
    {
        auto l = makeListener();
        QVERIFY(l);
        QSignalSpy received(l.get(), &RedirectHandler::callbackReceived);
        QSignalSpy active(l.get(), &RedirectHandler::activeChanged);
        const Reply r = get(*l, "/callback?code=c0de%2Fx&state=" + State + "&iss=https%3A%2F%2Fas.example");
        QCOMPARE(r.status, 200);
        QVERIFY(r.closedByServer);
        QCOMPARE(received.count(), 1);
        const Params params = received.first().at(1).value<Params>();
        QCOMPARE(params, Params({ { u"code"_s, u"c0de/x"_s }, { u"state"_s, QString::fromLatin1(State) },
                                  { u"iss"_s, u"https://as.example"_s } }));
        const QUrl url = received.first().at(0).toUrl();
        QCOMPARE(url.path(), u"/callback"_s);
        QCOMPARE(url.port(), l->redirectUri().port());
        QVERIFY(url.query(QUrl::FullyEncoded).contains(u"code=c0de%2Fx"_s));
        QVERIFY(!l->isActive());
        QCOMPARE(active.count(), 1);

        // L10 / B11: the replayed callback finds the port closed; no second signal.
        const Reply again = get(*l, "/callback?code=c0de&state=" + State);
        QVERIFY(again.status != 200);
        QTest::qWait(50);
        QCOMPARE(received.count(), 1);
    }

    void connectionOpenBeforeSuccessIsNotServedAfter()
    {
        auto l = makeListener();
        QVERIFY(l);
        QSignalSpy received(l.get(), &RedirectHandler::callbackReceived);
        QTcpSocket early;
        early.connectToHost(QHostAddress::LocalHost, portOf(*l));
        QTRY_COMPARE(early.state(), QAbstractSocket::ConnectedState);
        QCOMPARE(get(*l, "/callback?code=1&state=" + State).status, 200);
        QTRY_COMPARE(early.state(), QAbstractSocket::UnconnectedState);
        early.write(request("/callback?code=2&state=" + State, hostOf(*l)));
        QTest::qWait(50);
        QCOMPARE(received.count(), 1);
    }

    void pageHeaders_data()
    {
        QTest::addColumn<QByteArray>("target");
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<int>("status");
        QTest::newRow("200") << QByteArray("/callback?code=x&state=" + State) << QByteArray("GET") << 200;
        QTest::newRow("200 error") << QByteArray("/callback?error=access_denied&state=" + State
                                                 + "&error_description=%3Cscript%3Ealert(1)%3C%2Fscript%3EMARKER")
                                   << QByteArray("GET") << 200;
        QTest::newRow("400 state") << QByteArray("/callback?code=x&state=wrong&error_description=MARKER") << QByteArray("GET") << 400;
        QTest::newRow("404") << QByteArray("/MARKER") << QByteArray("GET") << 404;
        QTest::newRow("405") << QByteArray("/callback?MARKER=1") << QByteArray("POST") << 405;
    }
    void pageHeaders()
    {
        QFETCH(QByteArray, target);
        QFETCH(QByteArray, method);
        QFETCH(int, status);
        auto l = makeListener();
        QVERIFY(l);
        const Reply r = exchange(QHostAddress::LocalHost, portOf(*l), request(target, hostOf(*l), method));
        QCOMPARE(r.status, status);
        QVERIFY(r.closedByServer);
        QList<QByteArray> names;
        for (const auto &h : r.headers)
            names.append(h.first);
        QList<QByteArray> expected = { "content-type", "content-length", "cache-control", "referrer-policy",
                                       "x-content-type-options", "content-security-policy", "x-frame-options",
                                       "connection" };
        if (status == 405)
            expected.append("allow");
        std::sort(names.begin(), names.end());
        std::sort(expected.begin(), expected.end());
        QCOMPARE(names, expected);
        QCOMPARE(r.header("content-type"), QByteArray("text/html; charset=utf-8"));
        QCOMPARE(r.header("content-length").toInt(), r.body.size());
        QCOMPARE(r.header("cache-control"), QByteArray("no-store"));
        QCOMPARE(r.header("referrer-policy"), QByteArray("no-referrer"));
        QCOMPARE(r.header("x-content-type-options"), QByteArray("nosniff"));
        // Nothing may load; the page's one inline style sheet is allowed by its hash.
        const QByteArray style = between(r.body, "<style>", "</style>");
        QVERIFY(!style.isEmpty());
        QCOMPARE(r.header("content-security-policy"),
                 "default-src 'none'; style-src 'sha256-"
                     + QCryptographicHash::hash(style, QCryptographicHash::Sha256).toBase64() + '\'');
        QCOMPARE(r.header("connection"), QByteArray("close"));
        if (status == 405)
            QCOMPARE(r.header("allow"), QByteArray("GET"));
        // B13 / L15: nothing from the request is echoed.
        QVERIFY(!r.body.contains("MARKER"));
        QVERIFY(!r.body.contains("script"));
        QVERIFY(r.body.startsWith("<!DOCTYPE html>"));
    }

    // The page the browser shows: success and error variants, its language, no external resources.
    void pageContent_data()
    {
        QTest::addColumn<QByteArray>("target");
        QTest::addColumn<QString>("language"); // of the loaded translation; empty: none
        QTest::addColumn<QByteArray>("lang");
        QTest::addColumn<bool>("success");
        QTest::addColumn<QString>("title");
        QTest::newRow("success") << QByteArray("/callback?code=x&state=" + State) << QString() << QByteArray("en")
                                 << true << u"Authorization response received"_s;
        QTest::newRow("error callback")
            << QByteArray("/callback?error=access_denied&error_description=%3Ca+href%3D%22https%3A%2F%2Fevil.example%2F%22%3EMARKER%3C%2Fa%3E&state=" + State)
            << QString() << QByteArray("en") << false << u"Sign-in not completed"_s;
        QTest::newRow("400") << QByteArray("/callback?code=x&state=wrong") << QString() << QByteArray("en") << false
                             << u"Invalid request"_s;
        QTest::newRow("404") << QByteArray("/https://evil.example/MARKER") << QString() << QByteArray("en") << false
                             << u"Not found"_s;
        QTest::newRow("de success") << QByteArray("/callback?code=x&state=" + State) << u"de"_s << QByteArray("de")
                                    << true << u"Autorisierungsantwort empfangen"_s;
        QTest::newRow("ja error callback") << QByteArray("/callback?error=access_denied&state=" + State) << u"ja"_s
                                           << QByteArray("ja") << false << u"サインインは完了していません"_s;
        QTest::newRow("zh_CN error callback") << QByteArray("/callback?error=access_denied&state=" + State)
                                              << u"zh_CN"_s << QByteArray("zh-CN") << false << u"登录未完成"_s;
    }
    void pageContent()
    {
        QFETCH(QByteArray, target);
        QFETCH(QString, language);
        QFETCH(QByteArray, lang);
        QFETCH(bool, success);
        QFETCH(QString, title);
        unloadTranslations();
        if (!language.isEmpty())
            QVERIFY(loadTranslations(QLocale(language)));
        auto cleanup = qScopeGuard([] { unloadTranslations(); });
        auto l = makeListener();
        QVERIFY(l);
        const Reply r = exchange(QHostAddress::LocalHost, portOf(*l), request(target, hostOf(*l)));
        const QString page = QString::fromUtf8(r.body);
        QVERIFY(page.startsWith(u"<!DOCTYPE html>\n<html lang=\""_s + QString::fromLatin1(lang) + u"\">"_s));
        QVERIFY(page.contains(u"<title>"_s + title + u"</title>"_s));
        QVERIFY(page.contains(u"<h1 id=\"title\">"_s + title + u"</h1>"_s));
        QVERIFY(page.contains(u"<main class=\""_s + (success ? u"success"_s : u"error"_s) + u"\" aria-labelledby=\"title\">"_s));
        QVERIFY(page.contains(success ? u"<p role=\"status\">"_s : u"<p role=\"alert\">"_s));
        QVERIFY(page.contains(u"<meta name=\"viewport\""_s));
        // Self-contained: no URL, no script, no resource of any kind; nothing from the request.
        const QString lower = page.toLower();
        for (const auto &banned : { u"http:"_s, u"https:"_s, u"//"_s, u"<script"_s, u"<link"_s, u"<img"_s,
                                    u"url("_s, u"@import"_s, u"src="_s, u"href="_s, u"marker"_s, u"evil"_s })
            QVERIFY2(!lower.contains(banned), qPrintable(banned));
    }

    void customMessagesAreEscaped()
    {
        auto l = std::make_unique<LoopbackListener>();
        l->setSuccessMessage(u"Done <b>now</b>"_s);
        QVERIFY(l->start());
        const Reply r = get(*l, "/callback?code=x");
        QCOMPARE(r.status, 200);
        QVERIFY(r.body.contains("Done &lt;b&gt;now&lt;/b&gt;"));
    }

    // ---- L6, L7, B1, B2 ---------------------------------------------------------------------
    void wrongStateThenRight_data()
    {
        QTest::addColumn<QByteArray>("target");
        QTest::newRow("wrong state") << QByteArray("/callback?code=x&state=other");
        QTest::newRow("missing state") << QByteArray("/callback?code=x");
        QTest::newRow("state prefix") << QByteArray("/callback?code=x&state=" + State.left(State.size() - 1));
        QTest::newRow("state longer") << QByteArray("/callback?code=x&state=" + State + "x");
        QTest::newRow("error wrong state") << QByteArray("/callback?error=access_denied&state=nope");
        QTest::newRow("empty query") << QByteArray("/callback");
    }
    void wrongStateThenRight()
    {
        QFETCH(QByteArray, target);
        auto l = makeListener();
        QVERIFY(l);
        QSignalSpy received(l.get(), &RedirectHandler::callbackReceived);
        QSignalSpy rejected(l.get(), &RedirectHandler::callbackRejected);
        const Reply r = get(*l, target);
        QCOMPARE(r.status, 400);
        QCOMPARE(rejected.count(), 1);
        QCOMPARE(rejected.first().at(0).value<Error>().code(), ErrorCode::StateMismatch);
        expectStillConsumable(*l, received);
    }

    void accessDeniedIsConsumed()
    {
        auto l = makeListener();
        QVERIFY(l);
        QSignalSpy received(l.get(), &RedirectHandler::callbackReceived);
        const Reply r = get(*l, "/callback?error=access_denied&error_description=User+said+%3Cno%3E&state=" + State);
        QCOMPARE(r.status, 200);
        QVERIFY(!r.body.contains("said"));
        QCOMPARE(received.count(), 1);
        const Params params = received.first().at(1).value<Params>();
        QCOMPARE(params.at(0), std::make_pair(u"error"_s, u"access_denied"_s));
        QCOMPARE(params.at(1), std::make_pair(u"error_description"_s, u"User said <no>"_s));
        QVERIFY(!l->isActive());
    }

    void noExpectedStateAcceptsAny()
    {
        auto l = makeListener(false);
        QVERIFY(l);
        QSignalSpy received(l.get(), &RedirectHandler::callbackReceived);
        QCOMPARE(get(*l, "/callback?response=eyJ.x.y").status, 200);
        QCOMPARE(received.count(), 1);
    }

    void callbackFilter()
    {
        auto l = makeListener();
        QVERIFY(l);
        QSignalSpy received(l.get(), &RedirectHandler::callbackReceived);
        QSignalSpy rejected(l.get(), &RedirectHandler::callbackRejected);
        l->setCallbackFilter([](const Params &params) {
            for (const auto &p : params) {
                if (p.first == u"code"_s && p.second == u"bad"_s)
                    return Error(ErrorCode::InvalidSignature);
            }
            return Error();
        });
        QCOMPARE(get(*l, "/callback?code=bad&state=" + State).status, 400);
        QCOMPARE(rejected.count(), 1);
        QCOMPARE(rejected.first().at(0).value<Error>().code(), ErrorCode::InvalidSignature);
        expectStillConsumable(*l, received);
    }

    // ---- L8, L9, B8, B12 --------------------------------------------------------------------
    void badQueryNotConsumed_data()
    {
        QTest::addColumn<QByteArray>("query");
        QTest::addColumn<int>("code");
        QTest::newRow("repeated code") << QByteArray("code=a&code=b&state=" + State) << int(ErrorCode::DuplicateParameter);
        QTest::newRow("repeated state") << QByteArray("code=a&state=" + State + "&state=" + State) << int(ErrorCode::DuplicateParameter);
        QTest::newRow("repeated iss") << QByteArray("code=a&iss=x&iss=y&state=" + State) << int(ErrorCode::DuplicateParameter);
        QTest::newRow("bad %XX") << QByteArray("code=%zz&state=" + State) << int(ErrorCode::InvalidMember);
        QTest::newRow("truncated %") << QByteArray("code=a%4&state=" + State) << int(ErrorCode::InvalidMember);
        QTest::newRow("invalid utf-8") << QByteArray("code=%FF%FE&state=" + State) << int(ErrorCode::InvalidMember);
        QTest::newRow("overlong utf-8") << QByteArray("code=%C0%80&state=" + State) << int(ErrorCode::InvalidMember);
    }
    void badQueryNotConsumed()
    {
        QFETCH(QByteArray, query);
        QFETCH(int, code);
        auto l = makeListener();
        QVERIFY(l);
        QSignalSpy received(l.get(), &RedirectHandler::callbackReceived);
        QSignalSpy rejected(l.get(), &RedirectHandler::callbackRejected);
        QCOMPARE(get(*l, "/callback?" + query).status, 400);
        QCOMPARE(rejected.count(), 1);
        QCOMPARE(int(rejected.first().at(0).value<Error>().code()), code);
        expectStillConsumable(*l, received);
    }

    void weirdCodesDecoded_data()
    {
        QTest::addColumn<QByteArray>("encoded");
        QTest::addColumn<QString>("decoded");
        QTest::newRow("plus") << QByteArray("a+b") << u"a b"_s;
        QTest::newRow("nul") << QByteArray("a%00b") << QString(u"a"_s + QChar(0) + u"b"_s);
        QTest::newRow("unicode") << QByteArray("%E2%9C%93%F0%9F%98%80") << QString::fromUtf8("\xe2\x9c\x93\xf0\x9f\x98\x80");
        QTest::newRow("4 KiB") << QByteArray(4096, 'k') << QString(4096, QLatin1Char('k'));
        QTest::newRow("reserved") << QByteArray("%26%3D%3F%23%2B") << u"&=?#+"_s;
    }
    void weirdCodesDecoded()
    {
        QFETCH(QByteArray, encoded);
        QFETCH(QString, decoded);
        auto l = makeListener();
        QVERIFY(l);
        QSignalSpy received(l.get(), &RedirectHandler::callbackReceived);
        QCOMPARE(get(*l, "/callback?code=" + encoded + "&state=" + State).status, 200);
        QCOMPARE(received.count(), 1);
        QCOMPARE(received.first().at(1).value<Params>().first().second, decoded);
    }

    // ---- L3 ---------------------------------------------------------------------------------
    void hostHeader_data()
    {
        QTest::addColumn<QByteArray>("hostLines"); // %1 = port
        QTest::newRow("localhost") << QByteArray("Host: localhost:%1\r\n");
        QTest::newRow("no port") << QByteArray("Host: 127.0.0.1\r\n");
        QTest::newRow("other port") << QByteArray("Host: 127.0.0.1:1\r\n");
        QTest::newRow("rebinding") << QByteArray("Host: attacker.example:%1\r\n");
        QTest::newRow("ipv6 on ipv4") << QByteArray("Host: [::1]:%1\r\n");
        QTest::newRow("missing") << QByteArray("");
        QTest::newRow("twice") << QByteArray("Host: 127.0.0.1:%1\r\nHost: 127.0.0.1:%1\r\n");
        QTest::newRow("empty") << QByteArray("Host: \r\n");
        QTest::newRow("trailing dot") << QByteArray("Host: 127.0.0.1.:%1\r\n");
    }
    void hostHeader()
    {
        QFETCH(QByteArray, hostLines);
        auto l = makeListener();
        QVERIFY(l);
        QSignalSpy received(l.get(), &RedirectHandler::callbackReceived);
        hostLines.replace("%1", QByteArray::number(portOf(*l)));
        const Reply r = exchange(QHostAddress::LocalHost, portOf(*l),
                                 "GET /callback?code=x&state=" + State + " HTTP/1.1\r\n" + hostLines + "\r\n");
        QCOMPARE(r.status, 400);
        QVERIFY(r.closedByServer);
        expectStillConsumable(*l, received);
    }

    // ---- L4 ---------------------------------------------------------------------------------
    void wrongPath_data()
    {
        QTest::addColumn<QByteArray>("target"); // %1 = port
        const QByteArray q = "?code=x&state=" + State;
        QTest::newRow("/") << QByteArray("/" + q);
        QTest::newRow("/callback/") << QByteArray("/callback/" + q);
        QTest::newRow("/CALLBACK") << QByteArray("/CALLBACK" + q);
        QTest::newRow("/callback%2F") << QByteArray("/callback%2F" + q);
        QTest::newRow("/%63allback") << QByteArray("/%63allback" + q);
        QTest::newRow("//callback") << QByteArray("//callback" + q);
        QTest::newRow("/callback;x") << QByteArray("/callback;x" + q);
        QTest::newRow("/callback/..") << QByteArray("/callback/.." + q);
        QTest::newRow("/./callback") << QByteArray("/./callback" + q);
        QTest::newRow("absolute-form") << QByteArray("http://127.0.0.1:%1/callback" + q);
        QTest::newRow("asterisk") << QByteArray("*");
        QTest::newRow("favicon") << QByteArray("/favicon.ico");
    }
    void wrongPath()
    {
        QFETCH(QByteArray, target);
        auto l = makeListener();
        QVERIFY(l);
        QSignalSpy received(l.get(), &RedirectHandler::callbackReceived);
        target.replace("%1", QByteArray::number(portOf(*l)));
        const Reply r = get(*l, target);
        QCOMPARE(r.status, 404);
        QVERIFY(r.closedByServer);
        expectStillConsumable(*l, received);
    }

    // ---- L5 ---------------------------------------------------------------------------------
    void methods_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::newRow("HEAD") << QByteArray("HEAD");
        QTest::newRow("OPTIONS") << QByteArray("OPTIONS");
        QTest::newRow("POST") << QByteArray("POST");
        QTest::newRow("PUT") << QByteArray("PUT");
        QTest::newRow("get") << QByteArray("get");
    }
    void methods()
    {
        QFETCH(QByteArray, method);
        auto l = makeListener();
        QVERIFY(l);
        QSignalSpy received(l.get(), &RedirectHandler::callbackReceived);
        const Reply r = exchange(QHostAddress::LocalHost, portOf(*l),
                                 request("/callback?code=x&state=" + State, hostOf(*l), method));
        QCOMPARE(r.status, 405);
        QCOMPARE(r.header("allow"), QByteArray("GET"));
        if (method == "HEAD")
            QVERIFY(r.body.isEmpty());
        expectStillConsumable(*l, received);
    }

    // ---- L13 --------------------------------------------------------------------------------
    void garbage_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::newRow("tls clienthello") << QByteArray::fromHex(
            "16030100c4010000c00303" "0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20"
            "00002c130113021303c02bc02fc02cc030cca9cca8c013c014009c009d002f0035010000");
        QTest::newRow("http/2 preface") << QByteArray("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n");
        QTest::newRow("nul bytes") << QByteArray(64, '\0');
        QTest::newRow("nul in target") << QByteArray("GET /callback\0?code=x HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", 52);
        QTest::newRow("header without colon") << QByteArray("GET /callback HTTP/1.1\r\nHost 127.0.0.1\r\n\r\n");
        QTest::newRow("binary") << QByteArray::fromHex("ff00fe01fd02808182c0c1f5ffdeadbeef0d0a0d0a");
        QTest::newRow("only CRLFs") << QByteArray("\r\n\r\n\r\n");
        QTest::newRow("bare LF") << QByteArray("GET /callback HTTP/1.1\nHost: x\n\n");
        QTest::newRow("ssh banner") << QByteArray("SSH-2.0-OpenSSH_9.2\r\n");
        QTest::newRow("space in target") << QByteArray("GET /call back HTTP/1.1\r\n\r\n");
        QTest::newRow("obs-fold") << QByteArray("GET /callback HTTP/1.1\r\nHost: a\r\n b\r\n\r\n");
        QTest::newRow("control in header") << QByteArray("GET /callback HTTP/1.1\r\nX: a\x01" "b\r\n\r\n");
        QTest::newRow("fragment") << QByteArray("GET /callback#x HTTP/1.1\r\nHost: %H\r\n\r\n");
    }
    void garbage()
    {
        QFETCH(QByteArray, bytes);
        auto l = makeListener();
        QVERIFY(l);
        QSignalSpy received(l.get(), &RedirectHandler::callbackReceived);
        bytes.replace("%H", hostOf(*l));
        const Reply r = exchange(QHostAddress::LocalHost, portOf(*l), bytes);
        QCOMPARE(r.status, 400);
        QVERIFY(r.closedByServer);
        expectStillConsumable(*l, received);
    }

    // ---- L12 --------------------------------------------------------------------------------
    void longRequestLineAccepted()
    {
        auto l = makeListener();
        QVERIFY(l);
        QSignalSpy received(l.get(), &RedirectHandler::callbackReceived);
        const QByteArray code(16 * 1024, 'c');
        const Reply r = get(*l, "/callback?code=" + code + "&state=" + State);
        QCOMPARE(r.status, 200);
        QCOMPARE(received.count(), 1);
        QCOMPARE(received.first().at(1).value<Params>().first().second.size(), code.size());
    }

    void oversized_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<int>("status");
        QTest::newRow("request line") << QByteArray("GET /callback?code=" + QByteArray(40 * 1024, 'c') + " HTTP/1.1\r\n\r\n") << 414;
        QTest::newRow("request line, no end") << QByteArray("GET /callback?code=" + QByteArray(40 * 1024, 'c')) << 414;
        QTest::newRow("one header") << QByteArray("GET /callback HTTP/1.1\r\nCookie: " + QByteArray(40 * 1024, 'c') + "\r\n\r\n") << 431;
        QTest::newRow("many headers") << QByteArray("GET /callback HTTP/1.1\r\n" + QByteArray("X-A: 1\r\n").repeated(500) + "\r\n") << 431;
    }
    void oversized()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(int, status);
        auto l = makeListener();
        QVERIFY(l);
        QSignalSpy received(l.get(), &RedirectHandler::callbackReceived);
        const Reply r = exchange(QHostAddress::LocalHost, portOf(*l), bytes);
        QCOMPARE(r.status, status);
        QVERIFY(r.closedByServer);
        expectStillConsumable(*l, received);
    }

    // ---- L11 --------------------------------------------------------------------------------
    void silentSocketsDoNotBlock()
    {
        auto l = makeListener();
        QVERIFY(l);
        QSignalSpy received(l.get(), &RedirectHandler::callbackReceived);
        std::vector<std::unique_ptr<QTcpSocket>> silent;
        for (int i = 0; i < 40; ++i) { // more than maxConnections (32)
            silent.push_back(std::make_unique<QTcpSocket>());
            silent.back()->connectToHost(QHostAddress::LocalHost, portOf(*l));
            if (i % 2)
                silent.back()->write("GET /callback?code=partial"); // a started, never finished request
        }
        QTRY_VERIFY(std::all_of(silent.begin(), silent.end(), [](const auto &s) {
            return s->state() != QAbstractSocket::ConnectingState && s->state() != QAbstractSocket::HostLookupState;
        }));
        QTest::qWait(50);
        QCOMPARE(get(*l, "/callback?code=real&state=" + State).status, 200);
        QCOMPARE(received.count(), 1);
        QCOMPARE(received.first().at(1).value<Params>().first().second, u"real"_s);
        // The waiting connections are dropped once the callback is in.
        QTRY_VERIFY(std::all_of(silent.begin(), silent.end(), [](const auto &s) {
            return s->state() == QAbstractSocket::UnconnectedState;
        }));
    }

    void connectionCapDropsOldest()
    {
        auto l = std::make_unique<LoopbackListener>();
        l->setMaxConnections(4);
        l->setTimeout(30000);
        QVERIFY(l->start());
        std::vector<std::unique_ptr<QTcpSocket>> silent;
        for (int i = 0; i < 10; ++i) {
            silent.push_back(std::make_unique<QTcpSocket>());
            silent.back()->connectToHost(QHostAddress::LocalHost, portOf(*l));
            QTRY_COMPARE(silent.back()->state(), QAbstractSocket::ConnectedState);
            QTest::qWait(10);
        }
        // The six oldest were dropped, the four newest are kept.
        for (int i = 0; i < 6; ++i)
            QTRY_COMPARE(silent[i]->state(), QAbstractSocket::UnconnectedState);
        QTest::qWait(50);
        for (int i = 6; i < 10; ++i)
            QCOMPARE(silent[i]->state(), QAbstractSocket::ConnectedState);
        QCOMPARE(get(*l, "/callback?code=x").status, 200);
    }

    void headerDeadline()
    {
        auto l = std::make_unique<LoopbackListener>();
        l->setHeaderTimeout(200);
        l->setExpectedState(QString::fromLatin1(State));
        l->setTimeout(30000);
        QVERIFY(l->start());
        QSignalSpy received(l.get(), &RedirectHandler::callbackReceived);
        QTcpSocket silent;
        silent.connectToHost(QHostAddress::LocalHost, portOf(*l));
        // Slowloris: one byte every 50 ms of a request that would be valid.
        QTcpSocket slow;
        slow.connectToHost(QHostAddress::LocalHost, portOf(*l));
        QTRY_COMPARE(slow.state(), QAbstractSocket::ConnectedState);
        const QByteArray slowRequest = request("/callback?code=slow&state=" + State, hostOf(*l));
        QElapsedTimer elapsed;
        elapsed.start();
        int sent = 0;
        while (slow.state() == QAbstractSocket::ConnectedState && sent < slowRequest.size() && elapsed.elapsed() < 5000) {
            slow.write(slowRequest.mid(sent++, 1));
            QTest::qWait(50);
        }
        QCOMPARE(slow.state(), QAbstractSocket::UnconnectedState); // cut off at the header deadline
        QVERIFY(sent < slowRequest.size());
        QTRY_COMPARE(silent.state(), QAbstractSocket::UnconnectedState);
        QCOMPARE(received.count(), 0);
        expectStillConsumable(*l, received);
    }

    // ---- L14 --------------------------------------------------------------------------------
    void pipelinedRequestsIgnored()
    {
        auto l = makeListener();
        QVERIFY(l);
        QSignalSpy received(l.get(), &RedirectHandler::callbackReceived);
        const Reply r = exchange(QHostAddress::LocalHost, portOf(*l),
                                 request("/favicon.ico", hostOf(*l)) + request("/callback?code=x&state=" + State, hostOf(*l)));
        QCOMPARE(r.status, 404);
        QCOMPARE(r.raw.count("HTTP/1.1 "), 1);
        QTest::qWait(50);
        expectStillConsumable(*l, received);

        // Pipelined after the valid callback: one response, one signal.
        auto l2 = makeListener();
        QVERIFY(l2);
        QSignalSpy received2(l2.get(), &RedirectHandler::callbackReceived);
        const Reply r2 = exchange(QHostAddress::LocalHost, portOf(*l2),
                                  request("/callback?code=1&state=" + State, hostOf(*l2))
                                      + request("/callback?code=2&state=" + State, hostOf(*l2)));
        QCOMPARE(r2.status, 200);
        QCOMPARE(r2.raw.count("HTTP/1.1 "), 1);
        QCOMPARE(received2.count(), 1);
        QCOMPARE(received2.first().at(1).value<Params>().first().second, u"1"_s);
    }

    // ---- L2, L16 ----------------------------------------------------------------------------
    void timeout()
    {
        auto l = std::make_unique<LoopbackListener>();
        l->setTimeout(200);
        QVERIFY(l->start());
        const quint16 port = portOf(*l);
        QSignalSpy timedOut(l.get(), &RedirectHandler::timedOut);
        QSignalSpy received(l.get(), &RedirectHandler::callbackReceived);
        QTcpSocket silent;
        silent.connectToHost(QHostAddress::LocalHost, port);
        QTRY_COMPARE(timedOut.count(), 1);
        QVERIFY(!l->isActive());
        QTRY_COMPARE(silent.state(), QAbstractSocket::UnconnectedState);
        const Reply r = exchange(QHostAddress::LocalHost, port, request("/callback?code=x", "127.0.0.1:" + QByteArray::number(port)), 1000);
        QVERIFY(!r.connected);
        QCOMPARE(received.count(), 0);
    }

    void closeCancels()
    {
        auto l = makeListener();
        QVERIFY(l);
        const quint16 port = portOf(*l);
        QSignalSpy received(l.get(), &RedirectHandler::callbackReceived);
        QSignalSpy timedOut(l.get(), &RedirectHandler::timedOut);
        QSignalSpy active(l.get(), &RedirectHandler::activeChanged);
        QTcpSocket silent;
        silent.connectToHost(QHostAddress::LocalHost, port);
        QTRY_COMPARE(silent.state(), QAbstractSocket::ConnectedState);
        QTest::qWait(20);
        l->close();
        QVERIFY(!l->isActive());
        QCOMPARE(active.count(), 1);
        QTRY_COMPARE(silent.state(), QAbstractSocket::UnconnectedState);
        const Reply r = exchange(QHostAddress::LocalHost, port, request("/callback?code=x&state=" + State, "127.0.0.1:" + QByteArray::number(port)), 1000);
        QVERIFY(!r.connected);
        QCOMPARE(received.count(), 0);
        QCOMPARE(timedOut.count(), 0);

        // Restartable for a new authorization request.
        QVERIFY(l->start());
        QCOMPARE(get(*l, "/callback?code=x&state=" + State).status, 200);
        QCOMPARE(received.count(), 1);
    }

    // ---- L1 [::1], L17 ----------------------------------------------------------------------
    void ipv6Listener()
    {
        auto l = std::make_unique<LoopbackListener>();
        l->setAddressFamily(LoopbackListener::AddressFamily::IPv6);
        l->setExpectedState(QString::fromLatin1(State));
        l->setTimeout(30000);
        Error e;
        if (!l->start(&e))
            QSKIP("IPv6 loopback is not available on this machine");
        QCOMPARE(l->redirectUri().toString(), u"http://[::1]:%1/callback"_s.arg(l->redirectUri().port()));
        QSignalSpy received(l.get(), &RedirectHandler::callbackReceived);
        const quint16 port = portOf(*l);
        // IPv4 host header on the IPv6 listener is refused.
        QCOMPARE(exchange(QHostAddress::LocalHostIPv6, port, request("/callback?code=x&state=" + State,
                                                                     "127.0.0.1:" + QByteArray::number(port))).status, 400);
        // Not reachable over IPv4.
        QVERIFY(!exchange(QHostAddress::LocalHost, port, "x", 1000).connected);
        const Reply r = exchange(QHostAddress::LocalHostIPv6, port, request("/callback?code=x&state=" + State,
                                                                            "[::1]:" + QByteArray::number(port)));
        QCOMPARE(r.status, 200);
        QCOMPARE(received.count(), 1);
    }

    void concurrentListeners()
    {
        auto a = std::make_unique<LoopbackListener>();
        auto b = std::make_unique<LoopbackListener>();
        a->setExpectedState(u"state-a"_s);
        b->setExpectedState(u"state-b"_s);
        a->setTimeout(30000);
        b->setTimeout(30000);
        QVERIFY(a->start());
        QVERIFY(b->start());
        QVERIFY(portOf(*a) != portOf(*b));
        QSignalSpy ra(a.get(), &RedirectHandler::callbackReceived);
        QSignalSpy rb(b.get(), &RedirectHandler::callbackReceived);
        QCOMPARE(get(*a, "/callback?code=x&state=state-b").status, 400); // b's state on a
        QCOMPARE(get(*b, "/callback?code=b&state=state-b").status, 200);
        QCOMPARE(get(*a, "/callback?code=a&state=state-a").status, 200);
        QCOMPARE(ra.count(), 1);
        QCOMPARE(rb.count(), 1);
        QCOMPARE(ra.first().at(1).value<Params>().first().second, u"a"_s);
        QCOMPARE(rb.first().at(1).value<Params>().first().second, u"b"_s);
    }

    void customPath()
    {
        auto l = std::make_unique<LoopbackListener>();
        l->setPath(u"/oauth/cb-1"_s);
        l->setTimeout(30000);
        QVERIFY(l->start());
        QCOMPARE(l->redirectUri().path(), u"/oauth/cb-1"_s);
        QCOMPARE(get(*l, "/callback?code=x").status, 404);
        QCOMPARE(get(*l, "/oauth/cb-1?code=x").status, 200);
    }

private:
    // ---- response_mode=form_post (the hybrid response type) --------------------------------
    std::unique_ptr<LoopbackListener> makeFormListener(int headerTimeout = 10000)
    {
        auto listener = std::make_unique<LoopbackListener>();
        listener->setTimeout(30000);
        listener->setHeaderTimeout(headerTimeout);
        listener->setExpectedState(QString::fromLatin1(State));
        QSignalSpy changed(listener.get(), &LoopbackListener::formPostChanged);
        listener->setFormPost(true);
        listener->setFormPost(true); // no change, no signal
        if (changed.count() != 1 || !listener->isFormPost() || !listener->start())
            return nullptr;
        return listener;
    }
    static QByteArray formPost(const QByteArray &host, const QByteArray &body, const QByteArray &headers = {},
                               const QByteArray &target = "/callback")
    {
        return "POST " + target + " HTTP/1.1\r\nHost: " + host
            + "\r\nOrigin: http://127.0.0.1:1\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: "
            + QByteArray::number(body.size()) + "\r\n" + headers + "\r\n" + body;
    }
    static void expectFormStillConsumable(LoopbackListener &l, QSignalSpy &received)
    {
        QVERIFY(l.isActive());
        QCOMPARE(received.count(), 0);
        const Reply ok = exchange(QHostAddress::LocalHost, portOf(l), formPost(hostOf(l), "code=c0de&state=" + State));
        QCOMPARE(ok.status, 200);
        QCOMPARE(received.count(), 1);
        QVERIFY(!l.isActive());
    }

private Q_SLOTS:
    void formPostCallback()
    {
        auto l = makeFormListener();
        QVERIFY(l);
        QSignalSpy received(l.get(), &RedirectHandler::callbackReceived);
        // What a browser sends for an HTML form: '+' for spaces, %XX for the rest.
        const QByteArray body = "code=c0de%2Fx&id_token=eyJ.eyJ.sig&state=" + State + "&error_description=a+b%2Bc";
        const Reply r = exchange(QHostAddress::LocalHost, portOf(*l),
                                 formPost(hostOf(*l), body, "Content-Type-Extra: x\r\n"));
        QCOMPARE(r.status, 200);
        QVERIFY(r.closedByServer);
        QCOMPARE(received.count(), 1);
        const Params params = received.first().at(1).value<Params>();
        QCOMPARE(params, Params({ { u"code"_s, u"c0de/x"_s }, { u"id_token"_s, u"eyJ.eyJ.sig"_s },
                                  { u"state"_s, QString::fromLatin1(State) }, { u"error_description"_s, u"a b+c"_s } }));
        const QUrl url = received.first().at(0).toUrl();
        QCOMPARE(url.path(), u"/callback"_s);
        QVERIFY(!url.hasQuery()); // the parameters were in the body
        QVERIFY(!l->isActive());
        const Reply again = exchange(QHostAddress::LocalHost, portOf(*l), formPost(hostOf(*l), body));
        QVERIFY(again.status != 200);
        QCOMPARE(received.count(), 1);
        // The charset parameter of the media type is allowed.
        auto l2 = makeFormListener();
        QVERIFY(l2);
        QSignalSpy received2(l2.get(), &RedirectHandler::callbackReceived);
        const QByteArray raw = "POST /callback HTTP/1.1\r\nHost: " + hostOf(*l2)
            + "\r\nContent-Type: Application/X-WWW-Form-URLEncoded; charset=UTF-8\r\nContent-Length: "
            + QByteArray::number(("code=1&state=" + State).size()) + "\r\n\r\ncode=1&state=" + State;
        QCOMPARE(exchange(QHostAddress::LocalHost, portOf(*l2), raw).status, 200);
        QCOMPARE(received2.count(), 1);
    }

    void formPostRefused_data()
    {
        QTest::addColumn<QByteArray>("raw"); // {host} is replaced
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("allow");
        const QByteArray good = "code=c0de&state=" + State;
        auto head = [](const QByteArray &lines) -> QByteArray { return "POST /callback HTTP/1.1\r\nHost: {host}\r\n" + lines + "\r\n"; };
        const QByteArray form = "Content-Type: application/x-www-form-urlencoded\r\n";
        QTest::newRow("GET with the parameters in the query")
            << QByteArray("GET /callback?" + good + " HTTP/1.1\r\nHost: {host}\r\n\r\n") << 405 << QByteArray("POST");
        QTest::newRow("HEAD") << QByteArray("HEAD /callback HTTP/1.1\r\nHost: {host}\r\n\r\n") << 405 << QByteArray("POST");
        QTest::newRow("PUT") << QByteArray("PUT /callback HTTP/1.1\r\nHost: {host}\r\n" + form + "Content-Length: "
                                           + QByteArray::number(good.size()) + "\r\n\r\n" + good)
                             << 405 << QByteArray("POST");
        QTest::newRow("another path") << QByteArray("POST /other HTTP/1.1\r\nHost: {host}\r\n" + form + "Content-Length: "
                                                    + QByteArray::number(good.size()) + "\r\n\r\n" + good)
                                      << 404 << QByteArray();
        QTest::newRow("foreign Host") << QByteArray("POST /callback HTTP/1.1\r\nHost: evil.example:80\r\n" + form
                                                    + "Content-Length: " + QByteArray::number(good.size()) + "\r\n\r\n" + good)
                                      << 400 << QByteArray();
        QTest::newRow("text/plain") << QByteArray(head("Content-Type: text/plain\r\nContent-Length: " + QByteArray::number(good.size()) + "\r\n") + good)
                                    << 415 << QByteArray();
        QTest::newRow("multipart") << QByteArray(head("Content-Type: multipart/form-data; boundary=x\r\nContent-Length: "
                                                      + QByteArray::number(good.size()) + "\r\n") + good)
                                   << 415 << QByteArray();
        QTest::newRow("no Content-Type") << QByteArray(head("Content-Length: " + QByteArray::number(good.size()) + "\r\n") + good)
                                         << 415 << QByteArray();
        QTest::newRow("two Content-Types") << QByteArray(head(form + form + "Content-Length: " + QByteArray::number(good.size()) + "\r\n") + good)
                                           << 415 << QByteArray();
        QTest::newRow("no Content-Length") << QByteArray(head(form) + good) << 411 << QByteArray();
        QTest::newRow("chunked") << QByteArray(head(form + "Transfer-Encoding: chunked\r\n") + "5\r\ncode=\r\n0\r\n\r\n")
                                 << 400 << QByteArray();
        QTest::newRow("Content-Length and chunked")
            << QByteArray(head(form + "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n") + "code=") << 400 << QByteArray();
        QTest::newRow("two Content-Lengths") << QByteArray(head(form + "Content-Length: 5\r\nContent-Length: 5\r\n") + "code=")
                                             << 400 << QByteArray();
        QTest::newRow("negative Content-Length") << QByteArray(head(form + "Content-Length: -1\r\n")) << 400 << QByteArray();
        QTest::newRow("Content-Length with a sign") << QByteArray(head(form + "Content-Length: +5\r\n") + "code=") << 400 << QByteArray();
        QTest::newRow("huge Content-Length") << QByteArray(head(form + "Content-Length: 99999999999999999999999\r\n")) << 400 << QByteArray();
        QTest::newRow("body larger than a query may be") << QByteArray(head(form + "Content-Length: 40000\r\n")) << 413 << QByteArray();
        QTest::newRow("wrong state") << QByteArray(head(form + "Content-Length: 24\r\n") + "code=c0de&state=wrong123") << 400 << QByteArray();
        QTest::newRow("no state") << QByteArray(head(form + "Content-Length: 9\r\n") + "code=c0de") << 400 << QByteArray();
        const QByteArray dup = "code=a&code=b&state=" + State;
        QTest::newRow("repeated parameter") << QByteArray(head(form + "Content-Length: " + QByteArray::number(dup.size()) + "\r\n") + dup)
                                            << 400 << QByteArray();
        const QByteArray bad = "code=%zz&state=" + State;
        QTest::newRow("bad percent encoding") << QByteArray(head(form + "Content-Length: " + QByteArray::number(bad.size()) + "\r\n") + bad)
                                              << 400 << QByteArray();
        const QByteArray raw8 = "code=\xff\xfe&state=" + State;
        QTest::newRow("raw bytes in the body") << QByteArray(head(form + "Content-Length: " + QByteArray::number(raw8.size()) + "\r\n") + raw8)
                                               << 400 << QByteArray();
        QTest::newRow("empty body") << QByteArray(head(form + "Content-Length: 0\r\n")) << 400 << QByteArray();
    }
    void formPostRefused()
    {
        QFETCH(QByteArray, raw);
        QFETCH(int, status);
        QFETCH(QByteArray, allow);
        auto l = makeFormListener();
        QVERIFY(l);
        QSignalSpy received(l.get(), &RedirectHandler::callbackReceived);
        raw.replace("{host}", hostOf(*l));
        const Reply r = exchange(QHostAddress::LocalHost, portOf(*l), raw);
        QCOMPARE(r.status, status);
        QCOMPARE(r.header("allow"), allow);
        QVERIFY(r.closedByServer);
        QVERIFY(!r.raw.contains(State)); // nothing echoed
        expectFormStillConsumable(*l, received);
    }

    void formPostBodyInPieces()
    {
        auto l = makeFormListener();
        QVERIFY(l);
        QSignalSpy received(l.get(), &RedirectHandler::callbackReceived);
        // A large body (an encrypted ID Token is a few KiB) in small pieces, the head apart.
        const QByteArray idToken = QByteArray(20000, 'x');
        const QByteArray body = "code=c0de&state=" + State + "&id_token=" + idToken;
        const QByteArray raw = formPost(hostOf(*l), body);
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, portOf(*l));
        QVERIFY(socket.waitForConnected(5000));
        const qsizetype headEnd = raw.indexOf("\r\n\r\n") + 4;
        socket.write(raw.left(headEnd));
        socket.flush();
        QTest::qWait(30);
        for (qsizetype i = headEnd; i < raw.size(); i += 4096) {
            socket.write(raw.mid(i, 4096));
            socket.flush();
            QTest::qWait(10);
        }
        QTRY_COMPARE(received.count(), 1);
        QCOMPARE(received.first().at(1).value<Params>().last(), (std::pair<QString, QString>(u"id_token"_s, QString::fromLatin1(idToken))));
        QTRY_VERIFY(socket.bytesAvailable() > 0 || socket.state() != QAbstractSocket::ConnectedState);
        QVERIFY(socket.readAll().startsWith("HTTP/1.1 200 "));
    }

    void formPostBytesAfterTheBodyIgnored()
    {
        auto l = makeFormListener();
        QVERIFY(l);
        QSignalSpy received(l.get(), &RedirectHandler::callbackReceived);
        // Content-Length says where the body ends: what follows (a second form, pipelined) is not read.
        const QByteArray raw = formPost(hostOf(*l), "code=1&state=" + State) + formPost(hostOf(*l), "code=2&state=" + State);
        const Reply r = exchange(QHostAddress::LocalHost, portOf(*l), raw + "code=3");
        QCOMPARE(r.status, 200);
        QCOMPARE(r.raw.count("HTTP/1.1 "), 1);
        QCOMPARE(received.count(), 1);
        QCOMPARE(received.first().at(1).value<Params>().first().second, u"1"_s);
    }

    void formPostBodyDeadline()
    {
        auto l = makeFormListener(300);
        QVERIFY(l);
        QSignalSpy received(l.get(), &RedirectHandler::callbackReceived);
        // The head promises 200 bytes, 10 come: the connection is cut at the deadline.
        QTcpSocket slow;
        slow.connectToHost(QHostAddress::LocalHost, portOf(*l));
        QVERIFY(slow.waitForConnected(5000));
        slow.write("POST /callback HTTP/1.1\r\nHost: " + hostOf(*l)
                   + "\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 200\r\n\r\ncode=c0de&");
        slow.flush();
        QTRY_COMPARE_WITH_TIMEOUT(slow.state(), QAbstractSocket::UnconnectedState, 5000);
        QCOMPARE(received.count(), 0);
        expectFormStillConsumable(*l, received);
    }

    void formPostTakesEffectAtStart()
    {
        // Set after start(): the running listener still takes GET; the next start() takes POST.
        auto l = makeListener();
        QVERIFY(l);
        l->setFormPost(true);
        QSignalSpy received(l.get(), &RedirectHandler::callbackReceived);
        QCOMPARE(get(*l, "/callback?code=c0de&state=" + State).status, 200);
        QCOMPARE(received.count(), 1);
        QVERIFY(l->start());
        QCOMPARE(get(*l, "/callback?code=c0de&state=" + State).status, 405);
        QCOMPARE(exchange(QHostAddress::LocalHost, portOf(*l), formPost(hostOf(*l), "code=c0de&state=" + State)).status, 200);
        QCOMPARE(received.count(), 2);
    }
};

QTEST_GUILESS_MAIN(tst_LoopbackListener)
#include "tst_loopbacklistener.moc"

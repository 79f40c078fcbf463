// SPDX-License-Identifier: BSD-3-Clause
// HttpTransport against hostile loopback servers: security checklist section K, scheme rules,
// abort / exactly-once semantics, DPoP nonce mechanics (section G).
#include "testhttpserver.h"
#include "transport/httptransport_p.h"

#include <oauth4qt/version.h>

#include <QtCore/QDateTime>
#include <QtCore/QJsonObject>
#include <QtCore/QLocale>
#include <QtCore/QTimeZone>
#include <QtNetwork/QNetworkAccessManager>
#include <QtNetwork/QNetworkCookie>
#include <QtNetwork/QNetworkCookieJar>
#include <QtNetwork/QNetworkReply>
#include <QtNetwork/QNetworkRequest>
#include <QtTest/QSignalSpy>
#include <QtTest/QTest>

using namespace OAuth4Qt;
using namespace OAuth4Qt::Test;

Q_DECLARE_METATYPE(OAuth4Qt::Test::Response)
Q_DECLARE_METATYPE(OAuth4Qt::Test::Headers)

namespace {

HttpRequest get(const QUrl &url)
{
    HttpRequest r;
    r.url = url;
    return r;
}

HttpRequest postForm(const QUrl &url, const QByteArray &body)
{
    HttpRequest r;
    r.method = QByteArrayLiteral("POST");
    r.url = url;
    r.body = body;
    r.setHeader(QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/x-www-form-urlencoded"));
    return r;
}

QJsonObject obj(const char *key, const char *value)
{
    QJsonObject o;
    o.insert(QLatin1String(key), QLatin1String(value));
    return o;
}

// Records every proof call: the nonce passed in, and returns "proof-<n>".
struct ProofRecorder
{
    std::shared_ptr<QList<QByteArray>> nonces = std::make_shared<QList<QByteArray>>();
    std::function<QByteArray(const QByteArray &, Error *)> fn()
    {
        auto list = nonces;
        return [list](const QByteArray &nonce, Error *) -> QByteArray {
            list->append(nonce);
            return QByteArrayLiteral("proof-") + QByteArray::number(list->size());
        };
    }
};

} // namespace

class tst_HttpTransport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    // scheme rules
    void refusedSchemes_data();
    void refusedSchemes();
    void insecureHttpAllowed();
    void ipv6Loopback();

    // defaults and hooks
    void defaultHeaders();
    void userAgentAndAccept_data();
    void userAgentAndAccept();
    void requestModifierRunsLast();
    void appNetworkAccessManagerUsed();

    // K1
    void tlsSelfSignedRefused();
    void tlsTrusted();
    // K2
    void redirectsNeverFollowed_data();
    void redirectsNeverFollowed();
    // K3
    void deadline_data();
    void deadline();
    // K4
    void tooLarge_data();
    void tooLarge();
    void withinCap_data();
    void withinCap();
    void readBufferBoundOnlyWithoutLength_data();
    void readBufferBoundOnlyWithoutLength();
    // K8
    void brokenBody_data();
    void brokenBody();
    void connectionRefused();
    void postNeverResent_data();
    void postNeverResent();
    // K9 + statuses are responses
    void statusesAreResponses_data();
    void statusesAreResponses();
    // K10
    void noCookies();
    void noCookiesWithAppJar();

    // call semantics
    void abortRunsCallbackOnce();
    void abortBeforeStart();
    void cancelRunsNoCallback_data();
    void cancelRunsNoCallback();
    void callbackExactlyOnceAndAsync();
    void destroyTransportWithCallsInFlight();
    void destroyTransportInsideCallback();
    void finishedCallAndReplyDeleted();

    // DPoP (section G)
    void dpopRetryOnce_data();
    void dpopRetryOnce();
    void dpopNoLoop();
    void dpopNonceFromSuccessStoredPerOrigin();
    void dpopInvalidNonceNotUsed_data();
    void dpopInvalidNonceNotUsed();
    void dpopProofError();
    void dpopNonceCacheBounded();

    // helpers
    void retryAfterSeconds_data();
    void retryAfterSeconds();
    void parseRetryAfter_data();
    void parseRetryAfter();
    void mimeType_data();
    void mimeType();
    void originOfUrl_data();
    void originOfUrl();
};

void tst_HttpTransport::initTestCase()
{
    QVERIFY(!TestHttpServer::certificate().isNull());
    QVERIFY(!TestHttpServer::privateKey().isNull());
}

// ---------------------------------------------------------------------------------------------

void tst_HttpTransport::refusedSchemes_data()
{
    QTest::addColumn<QUrl>("url");
    QTest::addColumn<ErrorCode>("code");
    QTest::newRow("file") << QUrl(QStringLiteral("file:///etc/passwd")) << ErrorCode::UnsupportedUrlScheme;
    QTest::newRow("data") << QUrl(QStringLiteral("data:application/json,{}")) << ErrorCode::UnsupportedUrlScheme;
    QTest::newRow("javascript") << QUrl(QStringLiteral("javascript:alert(1)")) << ErrorCode::UnsupportedUrlScheme;
    QTest::newRow("ftp") << QUrl(QStringLiteral("ftp://127.0.0.1/x")) << ErrorCode::UnsupportedUrlScheme;
    QTest::newRow("custom") << QUrl(QStringLiteral("com.example.app://cb")) << ErrorCode::UnsupportedUrlScheme;
    QTest::newRow("http-no-opt-in") << QUrl(QStringLiteral("http://127.0.0.1:1/token")) << ErrorCode::InsecureUrl;
    QTest::newRow("HTTP-upper") << QUrl(QStringLiteral("HTTP://127.0.0.1:1/token")) << ErrorCode::InsecureUrl;
    QTest::newRow("relative") << QUrl(QStringLiteral("/token")) << ErrorCode::InvalidArgument;
}

void tst_HttpTransport::refusedSchemes()
{
    QFETCH(QUrl, url);
    QFETCH(ErrorCode, code);
    HttpTransport transport;
    QCOMPARE(transport.checkUrl(url).code(), code);

    int callbacks = 0;
    Error error;
    transport.send(get(url), [&](const HttpResponse &, const Error &e) {
        ++callbacks;
        error = e;
    });
    QCOMPARE(callbacks, 0); // never inside send()
    QTRY_COMPARE(callbacks, 1);
    QCOMPARE(error.code(), code);
    QTest::qWait(20);
    QCOMPARE(callbacks, 1);
}

void tst_HttpTransport::insecureHttpAllowed()
{
    TestHttpServer server;
    QVERIFY(server.isListening());
    server.on(QStringLiteral("/x"), Response::json(200, obj("a", "b")));
    HttpTransport transport;
    QVERIFY(!transport.allowInsecureHttp());
    transport.setAllowInsecureHttp(true);
    const CallResult r = sendAndWait(transport, get(server.url(QStringLiteral("/x"))));
    QCOMPARE(r.callbacks, 1);
    QVERIFY2(!r.error, qPrintable(r.error.detail()));
    QCOMPARE(r.response.status, 200);
    QCOMPARE(r.response.body, QByteArrayLiteral("{\"a\":\"b\"}"));
    QCOMPARE(r.response.mimeType(), QByteArrayLiteral("application/json"));
}

void tst_HttpTransport::ipv6Loopback()
{
    TestHttpServer server(TestHttpServer::Mode::Plain, QHostAddress(QHostAddress::LocalHostIPv6));
    if (!server.isListening())
        QSKIP("this machine has no IPv6 loopback");
    QCOMPARE(server.url(QStringLiteral("/x")).host(), QStringLiteral("::1"));
    HttpTransport transport;
    server.prepare(transport);
    const CallResult r = sendAndWait(transport, get(server.url(QStringLiteral("/x?a=b+c"))));
    QCOMPARE(r.callbacks, 1);
    QCOMPARE(r.response.status, 404);
    QCOMPARE(server.lastRequest().path, QStringLiteral("/x"));
    QCOMPARE(server.lastRequest().queryValue(QStringLiteral("a")), QStringLiteral("b c"));
    QCOMPARE(server.lastRequest().target, QByteArrayLiteral("/x?a=b+c"));
}

// ---------------------------------------------------------------------------------------------

void tst_HttpTransport::defaultHeaders()
{
    TestHttpServer server;
    HttpTransport transport;
    server.prepare(transport);
    const CallResult r = sendAndWait(transport, postForm(server.url(QStringLiteral("/token")), "a=b"));
    QCOMPARE(r.callbacks, 1);
    const RecordedRequest req = server.lastRequest();
    QCOMPARE(req.method, QByteArrayLiteral("POST"));
    QCOMPARE(req.header("user-agent"), QByteArrayLiteral("oauth4qt/" OAUTH4QT_VERSION_STRING));
    QCOMPARE(req.header("accept"), QByteArrayLiteral("application/json"));
    QCOMPARE(req.formValue(QStringLiteral("a")), QStringLiteral("b"));
    QVERIFY(!req.hasHeader("cookie"));
    QVERIFY(!req.hasHeader("dpop"));
}

void tst_HttpTransport::userAgentAndAccept_data()
{
    QTest::addColumn<QByteArray>("transportUserAgent");
    QTest::addColumn<QByteArray>("requestUserAgent");
    QTest::addColumn<QByteArray>("requestAccept");
    QTest::addColumn<QByteArray>("expectedUserAgent");
    QTest::addColumn<QByteArray>("expectedAccept");
    QTest::newRow("transport-ua") << QByteArray("MyApp/2") << QByteArray() << QByteArray()
                                  << QByteArray("MyApp/2") << QByteArray("application/json");
    QTest::newRow("request-ua") << QByteArray() << QByteArray("Req/1") << QByteArray()
                                << QByteArray("Req/1") << QByteArray("application/json");
    QTest::newRow("request-accept") << QByteArray() << QByteArray() << QByteArray("application/jwk-set+json")
                                    << QByteArray("oauth4qt/" OAUTH4QT_VERSION_STRING)
                                    << QByteArray("application/jwk-set+json");
}

void tst_HttpTransport::userAgentAndAccept()
{
    QFETCH(QByteArray, transportUserAgent);
    QFETCH(QByteArray, requestUserAgent);
    QFETCH(QByteArray, requestAccept);
    QFETCH(QByteArray, expectedUserAgent);
    QFETCH(QByteArray, expectedAccept);
    TestHttpServer server;
    HttpTransport transport;
    server.prepare(transport);
    if (!transportUserAgent.isEmpty())
        transport.setUserAgent(transportUserAgent);
    HttpRequest request = get(server.url(QStringLiteral("/")));
    if (!requestUserAgent.isEmpty())
        request.setHeader("User-Agent", requestUserAgent);
    if (!requestAccept.isEmpty())
        request.setHeader("accept", requestAccept);
    QCOMPARE(sendAndWait(transport, request).callbacks, 1);
    QCOMPARE(server.lastRequest().headerValues("user-agent"), QList<QByteArray>{expectedUserAgent});
    QCOMPARE(server.lastRequest().headerValues("accept"), QList<QByteArray>{expectedAccept});
}

void tst_HttpTransport::requestModifierRunsLast()
{
    TestHttpServer server;
    TestHttpServer elsewhere;
    server.on(QStringLiteral("/r"), Response::redirect(307, elsewhere.url(QStringLiteral("/steal"))));
    HttpTransport transport;
    server.prepare(transport);
    int calls = 0;
    transport.setRequestModifier([&](QNetworkRequest &request) {
        ++calls;
        request.setRawHeader("X-App", "1");
        request.setRawHeader("Accept", "text/plain"); // runs last: wins over the default
        // Trying to re-enable redirects has no effect: the transport enforces Manual again.
        request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::NoLessSafeRedirectPolicy);
    });
    CallResult r = sendAndWait(transport, get(server.url(QStringLiteral("/ok"))));
    QCOMPARE(r.callbacks, 1);
    QCOMPARE(calls, 1);
    QCOMPARE(server.lastRequest().header("x-app"), QByteArrayLiteral("1"));
    QCOMPARE(server.lastRequest().header("accept"), QByteArrayLiteral("text/plain"));

    r = sendAndWait(transport, get(server.url(QStringLiteral("/r"))));
    QCOMPARE(r.error.code(), ErrorCode::RedirectRefused);
    QCOMPARE(elsewhere.requestCount(), 0);
}

void tst_HttpTransport::appNetworkAccessManagerUsed()
{
    TestHttpServer server;
    QNetworkAccessManager app;
    app.setRedirectPolicy(QNetworkRequest::NoLessSafeRedirectPolicy);
    QNetworkCookieJar *jar = app.cookieJar();
    QSignalSpy finished(&app, &QNetworkAccessManager::finished);
    HttpTransport transport;
    transport.setNetworkAccessManager(&app);
    QCOMPARE(transport.networkAccessManager(), &app);
    server.prepare(transport);
    const CallResult r = sendAndWait(transport, get(server.url(QStringLiteral("/x"))));
    QCOMPARE(r.callbacks, 1);
    QCOMPARE(finished.size(), 1);
    // The application's manager keeps its own settings.
    QCOMPARE(app.redirectPolicy(), QNetworkRequest::NoLessSafeRedirectPolicy);
    QCOMPARE(app.cookieJar(), jar);
}

// ---------------------------------------------------------------------------------------------

void tst_HttpTransport::tlsSelfSignedRefused()
{
    TestHttpServer server(TestHttpServer::Mode::Tls);
    QVERIFY(server.isListening());
    QCOMPARE(server.url().scheme(), QStringLiteral("https"));
    HttpTransport transport; // default TLS configuration: the test certificate is not trusted
    const CallResult r = sendAndWait(transport, postForm(server.url(QStringLiteral("/token")), "client_secret=s3cr3t"));
    QCOMPARE(r.callbacks, 1);
    QCOMPARE(r.error.code(), ErrorCode::TlsError);
    QCOMPARE(r.response.status, 0);
    QCOMPARE(server.requestCount(), 0);
}

void tst_HttpTransport::tlsTrusted()
{
    TestHttpServer server(TestHttpServer::Mode::Tls);
    server.on(QStringLiteral("/token"), Response::json(200, obj("access_token", "x")));
    HttpTransport transport;
    server.prepare(transport);
    QVERIFY(!transport.allowInsecureHttp());
    const CallResult r = sendAndWait(transport, postForm(server.url(QStringLiteral("/token")), "a=b"));
    QCOMPARE(r.callbacks, 1);
    QVERIFY2(!r.error, qPrintable(r.error.detail()));
    QCOMPARE(r.response.status, 200);
    QCOMPARE(server.requestCount(QStringLiteral("/token")), 1);
}

// ---------------------------------------------------------------------------------------------

void tst_HttpTransport::redirectsNeverFollowed_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("method");
    for (int status : {301, 302, 303, 307, 308}) {
        for (const char *method : {"GET", "POST"}) {
            QTest::addRow("%d-%s", status, method) << status << QByteArray(method);
        }
    }
}

void tst_HttpTransport::redirectsNeverFollowed()
{
    QFETCH(int, status);
    QFETCH(QByteArray, method);
    TestHttpServer server;
    TestHttpServer attacker;
    server.on(QStringLiteral("/token"), Response::redirect(status, attacker.url(QStringLiteral("/token"))));
    HttpTransport transport;
    server.prepare(transport);
    HttpRequest request = postForm(server.url(QStringLiteral("/token")), "code=abc&client_secret=s3cr3t");
    request.method = method;
    if (method == "GET")
        request.body.clear();
    request.setHeader("Authorization", "Basic c2VjcmV0");
    const CallResult r = sendAndWait(transport, request);
    QCOMPARE(r.callbacks, 1);
    QCOMPARE(r.error.code(), ErrorCode::RedirectRefused);
    QCOMPARE(r.error.httpStatus(), status);
    QVERIFY(r.response.body.isEmpty());
    QVERIFY(!r.error.detail().contains(QLatin1String("s3cr3t")));
    QCOMPARE(server.requestCount(), 1);
    QTest::qWait(50); // give a wrongly followed redirect the chance to arrive
    QCOMPARE(attacker.requestCount(), 0);
    QCOMPARE(attacker.connectionCount(), 0);
}

// ---------------------------------------------------------------------------------------------

void tst_HttpTransport::deadline_data()
{
    QTest::addColumn<Response>("response");
    QTest::newRow("never-answer") << Response::neverAnswer();
    QTest::newRow("trickle") << Response::trickle(QByteArray(2000, 'x'), 20);
    QTest::newRow("late-answer") << Response::json(200, obj("a", "b")).delayed(5000);
}

void tst_HttpTransport::deadline()
{
    QFETCH(Response, response);
    TestHttpServer server;
    server.on(QStringLiteral("/slow"), response);
    HttpTransport transport;
    server.prepare(transport);
    transport.setRequestTimeout(300);
    QCOMPARE(transport.requestTimeout(), 300);
    const CallResult r = sendAndWait(transport, get(server.url(QStringLiteral("/slow"))), 10000);
    QCOMPARE(r.callbacks, 1);
    QCOMPARE(r.error.code(), ErrorCode::Timeout);
    QVERIFY(r.response.body.isEmpty());
}

// ---------------------------------------------------------------------------------------------

void tst_HttpTransport::tooLarge_data()
{
    QTest::addColumn<Response>("response");
    QTest::newRow("10GB-content-length") << Response::hugeContentLength();
    QTest::newRow("endless-chunked") << Response::endlessChunked();
    QTest::newRow("gzip-bomb") << Response::gzipBomb();
    QTest::newRow("gzip-bomb-5MiB") << Response::gzipBomb(5 * 1024 * 1024);
    QTest::newRow("just-above-cap-announced") << Response::json(200, QByteArray(64 * 1024 + 1, 'x'));
    QTest::newRow("just-above-cap-until-close")
        << Response::raw("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n"
                         + QByteArray(64 * 1024 + 1, 'x'));
}

void tst_HttpTransport::tooLarge()
{
    QFETCH(Response, response);
    TestHttpServer server;
    server.on(QStringLiteral("/big"), response);
    HttpTransport transport;
    server.prepare(transport);
    transport.setMaxResponseSize(64 * 1024);
    QCOMPARE(transport.maxResponseSize(), 64 * 1024);
    const CallResult r = sendAndWait(transport, get(server.url(QStringLiteral("/big"))), 20000);
    QCOMPARE(r.callbacks, 1);
    QCOMPARE(r.error.code(), ErrorCode::ResponseTooLarge);
    QVERIFY(r.response.body.isEmpty());
}

void tst_HttpTransport::withinCap_data()
{
    QTest::addColumn<Response>("response");
    QTest::addColumn<QByteArray>("expectedBody");
    const QByteArray exact(64 * 1024, 'y');
    QTest::newRow("exactly-cap") << Response::json(200, exact) << exact;
    QTest::newRow("gzip-small") << Response::json(200, gzip("{\"a\":1}"), {{"Content-Encoding", "gzip"}})
                                << QByteArray("{\"a\":1}");
    QTest::newRow("chunked") << Response::raw("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n"
                                              "Connection: close\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n")
                             << QByteArray("abcde");
}

void tst_HttpTransport::withinCap()
{
    QFETCH(Response, response);
    QFETCH(QByteArray, expectedBody);
    TestHttpServer server;
    server.on(QStringLiteral("/ok"), response);
    HttpTransport transport;
    server.prepare(transport);
    transport.setMaxResponseSize(64 * 1024);
    const CallResult r = sendAndWait(transport, get(server.url(QStringLiteral("/ok"))));
    QCOMPARE(r.callbacks, 1);
    QVERIFY2(!r.error, qPrintable(r.error.detail()));
    QCOMPARE(r.response.body, expectedBody);
}

// Qt signals its HTTP thread on every read of a reply whose read buffer is bounded: the bound is
// set only where the body could outgrow the limit before readAvailable() sees it (no announced
// length, or a body Qt decodes). An announced length within the limit is bounded by HTTP/1.1
// framing already.
void tst_HttpTransport::readBufferBoundOnlyWithoutLength_data()
{
    QTest::addColumn<Response>("response");
    QTest::addColumn<bool>("bounded");
    QTest::newRow("announced-within-cap") << Response::json(200, QByteArray(1000, 'y')) << false;
    QTest::newRow("gzip") << Response::json(200, gzip("{\"a\":1}"), {{"Content-Encoding", "gzip"}}) << true;
    QTest::newRow("chunked") << Response::raw("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n"
                                              "Connection: close\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n")
                             << true;
    QTest::newRow("until-close") << Response::raw("HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nabcde") << true;
}

void tst_HttpTransport::readBufferBoundOnlyWithoutLength()
{
    QFETCH(Response, response);
    QFETCH(bool, bounded);
    TestHttpServer server;
    server.on(QStringLiteral("/r"), response);
    QNetworkAccessManager app;
    qint64 readBufferSize = -1;
    // The manager's finished() comes before the transport's handler of the reply's finished().
    connect(&app, &QNetworkAccessManager::finished, this,
            [&](QNetworkReply *reply) { readBufferSize = reply->readBufferSize(); });
    HttpTransport transport;
    transport.setNetworkAccessManager(&app);
    server.prepare(transport);
    transport.setMaxResponseSize(64 * 1024);
    const CallResult r = sendAndWait(transport, get(server.url(QStringLiteral("/r"))));
    QCOMPARE(r.callbacks, 1);
    QVERIFY2(!r.error, qPrintable(r.error.detail()));
    QCOMPARE(readBufferSize > 0, bounded);
    if (bounded)
        QVERIFY(readBufferSize <= 64 * 1024 + 1);
}

// ---------------------------------------------------------------------------------------------

void tst_HttpTransport::brokenBody_data()
{
    QTest::addColumn<Response>("response");
    QTest::newRow("reset-mid-body") << Response::resetMidBody("{\"access_token\":\"abc", 500);
    QTest::newRow("close-mid-body")
        << Response::raw("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"a\":");
    QTest::newRow("close-immediately") << Response::closeImmediately();
    QTest::newRow("garbage") << Response::raw("this is not HTTP\r\n\r\n");
}

void tst_HttpTransport::brokenBody()
{
    QFETCH(Response, response);
    TestHttpServer server;
    server.on(QStringLiteral("/token"), response);
    HttpTransport transport;
    server.prepare(transport);
    const CallResult r = sendAndWait(transport, get(server.url(QStringLiteral("/token"))));
    QCOMPARE(r.callbacks, 1);
    QCOMPARE(r.error.code(), ErrorCode::NetworkError);
    QCOMPARE(r.response.status, 0);
    QVERIFY(r.response.body.isEmpty());
}

void tst_HttpTransport::postNeverResent_data()
{
    QTest::addColumn<Response>("response");
    // QNetworkAccessManager re-sends a request (any method, up to twice) when the connection
    // closes before the response begins; a GET here arrives 2 and 4 times.
    QTest::newRow("close-immediately") << Response::closeImmediately();
    QTest::newRow("garbage") << Response::raw("this is not HTTP\r\n\r\n");
    QTest::newRow("close-mid-body")
        << Response::raw("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"a\":");
}

// A token request consumes a code or a device code: sent twice, the server may revoke what it
// issued or answer the repeat with invalid_grant. One request, one typed error.
void tst_HttpTransport::postNeverResent()
{
    QFETCH(Response, response);
    TestHttpServer server;
    server.on(QStringLiteral("/token"), response);
    HttpTransport transport;
    server.prepare(transport);
    const CallResult r = sendAndWait(
        transport, postForm(server.url(QStringLiteral("/token")),
                            "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Adevice_code&device_code=abc"));
    QCOMPARE(r.callbacks, 1);
    QCOMPARE(r.error.code(), ErrorCode::NetworkError);
    QCOMPARE(server.requestCount(QStringLiteral("/token")), 1);
}

void tst_HttpTransport::connectionRefused()
{
    quint16 port = 0;
    {
        TestHttpServer server;
        port = server.port();
    }
    HttpTransport transport;
    transport.setAllowInsecureHttp(true);
    const CallResult r = sendAndWait(
        transport, get(QUrl(QStringLiteral("http://127.0.0.1:%1/x?secret=1").arg(port))));
    QCOMPARE(r.callbacks, 1);
    QCOMPARE(r.error.code(), ErrorCode::NetworkError);
    QVERIFY(!r.error.detail().contains(QLatin1String("secret")));
}

// ---------------------------------------------------------------------------------------------

void tst_HttpTransport::statusesAreResponses_data()
{
    QTest::addColumn<Response>("response");
    QTest::addColumn<int>("status");
    QTest::addColumn<int>("retryAfter");
    QTest::newRow("429-delta") << Response::json(429, obj("error", "slow_down"), {{"Retry-After", "30"}}) << 429 << 30;
    const QByteArray date = QLocale::c()
                                .toString(QDateTime::currentDateTimeUtc().addSecs(3600),
                                          QStringLiteral("ddd, dd MMM yyyy HH:mm:ss 'GMT'"))
                                .toLatin1();
    QTest::newRow("503-date") << Response::text(503, "busy", "text/plain", {{"Retry-After", date}}) << 503 << 3600;
    QTest::newRow("503-none") << Response::text(503, "busy") << 503 << -1;
    QTest::newRow("400") << Response::json(400, obj("error", "invalid_grant")) << 400 << -1;
    QTest::newRow("401") << Response::json(401, obj("error", "invalid_client"),
                                           {{"WWW-Authenticate", "Basic realm=\"x\""}}) << 401 << -1;
    QTest::newRow("404") << Response::text(404, "nope") << 404 << -1;
    QTest::newRow("500") << Response::json(500, obj("error", "server_error")) << 500 << -1;
    QTest::newRow("204") << Response::text(204, QByteArray()) << 204 << -1;
}

void tst_HttpTransport::statusesAreResponses()
{
    QFETCH(Response, response);
    QFETCH(int, status);
    QFETCH(int, retryAfter);
    TestHttpServer server;
    server.on(QStringLiteral("/e"), response);
    HttpTransport transport;
    server.prepare(transport);
    const CallResult r = sendAndWait(transport, postForm(server.url(QStringLiteral("/e")), "x=1"));
    QCOMPARE(r.callbacks, 1);
    QVERIFY2(!r.error, qPrintable(r.error.detail()));
    QCOMPARE(r.response.status, status);
    QCOMPARE(r.response.body, response.body);
    if (retryAfter > 60) // an HTTP-date: a few seconds may pass between building and reading it
        QVERIFY(qAbs(r.response.retryAfterSeconds() - retryAfter) <= 5);
    else
        QCOMPARE(r.response.retryAfterSeconds(), retryAfter);
    QCOMPARE(server.requestCount(), 1); // never retried by the transport
}

// ---------------------------------------------------------------------------------------------

void tst_HttpTransport::noCookies()
{
    TestHttpServer server;
    server.on(QStringLiteral("/a"), Response::json(200, obj("a", "b"), {{"Set-Cookie", "session=abc; Path=/"}}));
    HttpTransport transport;
    server.prepare(transport);
    QCOMPARE(sendAndWait(transport, get(server.url(QStringLiteral("/a")))).callbacks, 1);
    QCOMPARE(sendAndWait(transport, get(server.url(QStringLiteral("/a")))).callbacks, 1);
    QCOMPARE(server.requestCount(), 2);
    QVERIFY(!server.lastRequest().hasHeader("cookie"));
}

void tst_HttpTransport::noCookiesWithAppJar()
{
    TestHttpServer server;
    server.on(QStringLiteral("/a"), Response::json(200, obj("a", "b"), {{"Set-Cookie", "session=abc; Path=/"}}));
    QNetworkAccessManager app;
    // The application's jar already holds a cookie for this host: it must not be sent either.
    QNetworkCookie appCookie("app", "1");
    appCookie.setDomain(QStringLiteral("127.0.0.1"));
    appCookie.setPath(QStringLiteral("/"));
    QVERIFY(app.cookieJar()->insertCookie(appCookie));
    HttpTransport transport;
    transport.setNetworkAccessManager(&app);
    server.prepare(transport);
    QCOMPARE(sendAndWait(transport, get(server.url(QStringLiteral("/a")))).callbacks, 1);
    QCOMPARE(sendAndWait(transport, get(server.url(QStringLiteral("/a")))).callbacks, 1);
    QCOMPARE(server.requestCount(), 2);
    for (const RecordedRequest &req : server.requests())
        QVERIFY(!req.hasHeader("cookie"));
    // Nothing the server set went into the application's jar.
    const QList<QNetworkCookie> cookies = app.cookieJar()->cookiesForUrl(server.url(QStringLiteral("/a")));
    QCOMPARE(cookies.size(), 1);
    QCOMPARE(cookies.first().name(), QByteArrayLiteral("app"));
}

// ---------------------------------------------------------------------------------------------

void tst_HttpTransport::abortRunsCallbackOnce()
{
    TestHttpServer server;
    server.on(QStringLiteral("/slow"), Response::neverAnswer());
    HttpTransport transport;
    server.prepare(transport);
    int callbacks = 0;
    Error error;
    QPointer<HttpCall> call = transport.send(get(server.url(QStringLiteral("/slow"))),
                                             [&](const HttpResponse &, const Error &e) {
                                                 ++callbacks;
                                                 error = e;
                                             });
    QTRY_COMPARE(server.requestCount(), 1);
    QVERIFY(call);
    QVERIFY(!call->isFinished());
    call->abort();
    QCOMPARE(callbacks, 1);
    QCOMPARE(error.code(), ErrorCode::Cancelled);
    QCOMPARE(error, Error::cancelled(error.detail()));
    if (call)
        call->abort(); // a second abort is a no-op
    QTRY_VERIFY(call.isNull()); // deleted after the callback
    QTest::qWait(50);
    QCOMPARE(callbacks, 1);
}

void tst_HttpTransport::cancelRunsNoCallback_data()
{
    QTest::addColumn<bool>("inFlight");
    QTest::newRow("before start") << false;
    QTest::newRow("in flight") << true;
}

void tst_HttpTransport::cancelRunsNoCallback()
{
    // For an owner that goes away (a deleted reply): the call ends, its callback never runs.
    QFETCH(bool, inFlight);
    TestHttpServer server;
    server.on(QStringLiteral("/slow"), Response::neverAnswer());
    HttpTransport transport;
    server.prepare(transport);
    int callbacks = 0;
    QPointer<HttpCall> call = transport.send(get(server.url(QStringLiteral("/slow"))),
                                             [&](const HttpResponse &, const Error &) { ++callbacks; });
    if (inFlight)
        QTRY_COMPARE(server.requestCount(), 1);
    call->cancel();
    QVERIFY(call->isFinished());
    call->cancel(); // a second cancel (or abort) does nothing
    call->abort();
    QTRY_VERIFY(call.isNull()); // deleted from the event loop
    QTest::qWait(50);
    QCOMPARE(callbacks, 0);
}

void tst_HttpTransport::abortBeforeStart()
{
    TestHttpServer server;
    HttpTransport transport;
    server.prepare(transport);
    int callbacks = 0;
    Error error;
    HttpCall *call = transport.send(get(server.url(QStringLiteral("/x"))), [&](const HttpResponse &, const Error &e) {
        ++callbacks;
        error = e;
    });
    call->abort();
    QCOMPARE(callbacks, 1);
    QCOMPARE(error.code(), ErrorCode::Cancelled);
    QTest::qWait(100);
    QCOMPARE(callbacks, 1);
    QCOMPARE(server.requestCount(), 0);
}

void tst_HttpTransport::callbackExactlyOnceAndAsync()
{
    TestHttpServer server;
    HttpTransport transport;
    server.prepare(transport);
    QList<int> counts(5, 0);
    for (int i = 0; i < counts.size(); ++i) {
        transport.send(get(server.url(QStringLiteral("/n%1").arg(i))),
                       [&counts, i](const HttpResponse &, const Error &) { ++counts[i]; });
        QCOMPARE(counts.at(i), 0);
    }
    QTRY_COMPARE(server.requestCount(), 5);
    QTRY_COMPARE(counts, QList<int>(5, 1));
    QTest::qWait(50);
    QCOMPARE(counts, QList<int>(5, 1));
}

void tst_HttpTransport::destroyTransportWithCallsInFlight()
{
    TestHttpServer server;
    server.on(QStringLiteral("/slow"), Response::neverAnswer());
    server.on(QStringLiteral("/trickle"), Response::trickle(QByteArray(1000, 'x'), 10));
    int callbacks = 0;
    QPointer<HttpCall> a, b, c;
    {
        auto transport = std::make_unique<HttpTransport>();
        server.prepare(*transport);
        a = transport->send(get(server.url(QStringLiteral("/slow"))), [&](const HttpResponse &, const Error &) { ++callbacks; });
        b = transport->send(get(server.url(QStringLiteral("/trickle"))), [&](const HttpResponse &, const Error &) { ++callbacks; });
        QTRY_COMPARE(server.requestCount(), 2);
        c = transport->send(get(server.url(QStringLiteral("/never-started"))), [&](const HttpResponse &, const Error &) { ++callbacks; });
    }
    QVERIFY(a.isNull());
    QVERIFY(b.isNull());
    QVERIFY(c.isNull());
    QTest::qWait(100);
    QCOMPARE(callbacks, 0);
}

void tst_HttpTransport::destroyTransportInsideCallback()
{
    TestHttpServer server;
    auto *transport = new HttpTransport;
    server.prepare(*transport);
    QPointer<HttpTransport> guard(transport);
    int callbacks = 0;
    transport->send(get(server.url(QStringLiteral("/x"))), [&](const HttpResponse &response, const Error &) {
        ++callbacks;
        QCOMPARE(response.status, 404);
        delete guard.data();
    });
    QTRY_VERIFY(guard.isNull());
    QTest::qWait(20);
    QCOMPARE(callbacks, 1);
}

// A finished call goes from the event loop together with its QNetworkReply (one deferred
// deletion for both); nothing of it stays behind in the application's manager.
void tst_HttpTransport::finishedCallAndReplyDeleted()
{
    TestHttpServer server;
    server.on(QStringLiteral("/x"), Response::json(200, obj("a", "b")));
    QNetworkAccessManager app;
    HttpTransport transport;
    transport.setNetworkAccessManager(&app);
    server.prepare(transport);
    QPointer<QNetworkReply> networkReply;
    connect(&app, &QNetworkAccessManager::finished, this, [&](QNetworkReply *reply) { networkReply = reply; });
    int callbacks = 0;
    bool replyAliveInCallback = false;
    QPointer<HttpCall> call = transport.send(get(server.url(QStringLiteral("/x"))), [&](const HttpResponse &, const Error &) {
        ++callbacks;
        replyAliveInCallback = !networkReply.isNull(); // never deleted under Qt's feet
    });
    QVERIFY(call);
    QTRY_COMPARE(callbacks, 1);
    QVERIFY(replyAliveInCallback);
    QTRY_VERIFY(call.isNull());
    QVERIFY(networkReply.isNull());
    QVERIFY(app.findChildren<QNetworkReply *>().isEmpty());
    QVERIFY(transport.findChildren<HttpCall *>().isEmpty());
    QCOMPARE(callbacks, 1);
}

// ---------------------------------------------------------------------------------------------

void tst_HttpTransport::dpopRetryOnce_data()
{
    QTest::addColumn<Response>("first");
    QTest::addColumn<bool>("retried");
    const Headers nonce{{"DPoP-Nonce", "n-1"}};
    // G1
    QTest::newRow("G1-400-use_dpop_nonce") << Response::json(400, obj("error", "use_dpop_nonce"), nonce) << true;
    // G5: scheme case-insensitive, several challenges
    QTest::newRow("G5-401-dPoP") << Response::json(401, QByteArray(), {{"WWW-Authenticate", "dPoP error=\"use_dpop_nonce\""}, {"DPoP-Nonce", "n-1"}})
                                 << true;
    QTest::newRow("G5-401-token-value") << Response::json(401, QByteArray(), {{"WWW-Authenticate", "DPoP algs=\"ES256 PS256\", error=use_dpop_nonce"}, {"DPoP-Nonce", "n-1"}})
                                        << true;
    QTest::newRow("G5-401-second-challenge")
        << Response::json(401, QByteArray(), {{"WWW-Authenticate", "Bearer realm=\"api\""}, {"WWW-Authenticate", "DPoP error=\"use_dpop_nonce\", error_description=\"x\""}, {"DPoP-Nonce", "n-1"}})
        << true;
    // G3
    QTest::newRow("G3-400-no-nonce-header") << Response::json(400, obj("error", "use_dpop_nonce")) << false;
    QTest::newRow("G3-401-no-nonce-header") << Response::json(401, QByteArray(), {{"WWW-Authenticate", "DPoP error=\"use_dpop_nonce\""}}) << false;
    // G9
    QTest::newRow("G9-invalid_dpop_proof") << Response::json(400, obj("error", "invalid_dpop_proof"), nonce) << false;
    QTest::newRow("G9-401-invalid_dpop_proof") << Response::json(401, QByteArray(), {{"WWW-Authenticate", "DPoP error=\"invalid_dpop_proof\""}, {"DPoP-Nonce", "n-1"}})
                                               << false;
    // Not DPoP challenges / not the right status
    QTest::newRow("401-bearer-use_dpop_nonce") << Response::json(401, QByteArray(), {{"WWW-Authenticate", "Bearer error=\"use_dpop_nonce\""}, {"DPoP-Nonce", "n-1"}})
                                               << false;
    QTest::newRow("403-use_dpop_nonce") << Response::json(403, obj("error", "use_dpop_nonce"), nonce) << false;
    QTest::newRow("400-error-in-array") << Response::json(400, QByteArray("[{\"error\":\"use_dpop_nonce\"}]"), nonce) << false;
}

void tst_HttpTransport::dpopRetryOnce()
{
    QFETCH(Response, first);
    QFETCH(bool, retried);
    TestHttpServer server;
    int hits = 0;
    server.on(QStringLiteral("/token"), [&](const RecordedRequest &) {
        return ++hits == 1 ? first : Response::json(200, obj("access_token", "at"));
    });
    HttpTransport transport;
    server.prepare(transport);
    ProofRecorder proofs;
    HttpRequest request = postForm(server.url(QStringLiteral("/token")), "grant_type=x");
    request.dpopProof = proofs.fn();
    const CallResult r = sendAndWait(transport, request);
    QCOMPARE(r.callbacks, 1);
    QVERIFY(!r.error);
    if (retried) {
        QCOMPARE(r.response.status, 200);
        QCOMPARE(server.requestCount(), 2);
        QCOMPARE(*proofs.nonces, (QList<QByteArray>{QByteArray(), QByteArray("n-1")}));
        QCOMPARE(server.requests().at(0).header("dpop"), QByteArrayLiteral("proof-1"));
        QCOMPARE(server.requests().at(1).header("dpop"), QByteArrayLiteral("proof-2")); // fresh proof
        QCOMPARE(server.requests().at(1).body, QByteArrayLiteral("grant_type=x"));
    } else {
        QCOMPARE(r.response.status, first.status);
        QCOMPARE(server.requestCount(), 1);
        QCOMPARE(proofs.nonces->size(), 1);
    }
}

void tst_HttpTransport::dpopNoLoop()
{
    // G2: the server keeps asking for a new nonce: one retry, then the response is returned.
    TestHttpServer server;
    int hits = 0;
    server.on(QStringLiteral("/token"), [&](const RecordedRequest &) {
        ++hits;
        return Response::json(400, obj("error", "use_dpop_nonce"), {{"DPoP-Nonce", "n-" + QByteArray::number(hits)}});
    });
    HttpTransport transport;
    server.prepare(transport);
    ProofRecorder proofs;
    HttpRequest request = postForm(server.url(QStringLiteral("/token")), "grant_type=x");
    request.dpopProof = proofs.fn();
    const CallResult r = sendAndWait(transport, request);
    QCOMPARE(r.callbacks, 1);
    QVERIFY(!r.error);
    QCOMPARE(r.response.status, 400);
    QTest::qWait(50);
    QCOMPARE(server.requestCount(), 2);
    QCOMPARE(proofs.nonces->size(), 2);
    // The last nonce is kept for next time.
    QCOMPARE(transport.dpopNonce(server.url(QStringLiteral("/other"))), QByteArrayLiteral("n-2"));
}

void tst_HttpTransport::dpopNonceFromSuccessStoredPerOrigin()
{
    // G4
    TestHttpServer server;
    TestHttpServer other;
    server.on(QStringLiteral("/token"), Response::json(200, obj("access_token", "at"), {{"DPoP-Nonce", "n-ok_7"}}));
    HttpTransport transport;
    server.prepare(transport);
    ProofRecorder proofs;
    HttpRequest request = postForm(server.url(QStringLiteral("/token")), "grant_type=x");
    request.dpopProof = proofs.fn();
    QCOMPARE(sendAndWait(transport, request).response.status, 200);
    QCOMPARE(transport.dpopNonce(server.url(QStringLiteral("/anything?x=1"))), QByteArrayLiteral("n-ok_7"));
    QVERIFY(transport.dpopNonce(other.url(QStringLiteral("/token"))).isEmpty());

    // Next request to the same origin (another path) uses it; another origin does not.
    request.url = server.url(QStringLiteral("/resource"));
    QCOMPARE(sendAndWait(transport, request).callbacks, 1);
    request.url = other.url(QStringLiteral("/resource"));
    QCOMPARE(sendAndWait(transport, request).callbacks, 1);
    QCOMPARE(*proofs.nonces, (QList<QByteArray>{QByteArray(), QByteArray("n-ok_7"), QByteArray()}));
    QCOMPARE(server.requestCount(), 2);
    QCOMPARE(other.requestCount(), 1);
}

void tst_HttpTransport::dpopInvalidNonceNotUsed_data()
{
    // G6
    QTest::addColumn<Headers>("nonceHeaders");
    QTest::newRow("space") << Headers{{"DPoP-Nonce", "bad nonce"}};
    QTest::newRow("quote") << Headers{{"DPoP-Nonce", "bad\"nonce"}};
    QTest::newRow("backslash") << Headers{{"DPoP-Nonce", "bad\\nonce"}};
    QTest::newRow("non-ascii") << Headers{{"DPoP-Nonce", "n\xc3\xa9"}};
    QTest::newRow("two-headers") << Headers{{"DPoP-Nonce", "n-1"}, {"DPoP-Nonce", "n-2"}};
}

void tst_HttpTransport::dpopInvalidNonceNotUsed()
{
    QFETCH(Headers, nonceHeaders);
    TestHttpServer server;
    server.on(QStringLiteral("/token"), Response::json(400, obj("error", "use_dpop_nonce"), nonceHeaders));
    server.on(QStringLiteral("/ok"), Response::json(200, obj("a", "b"), nonceHeaders));
    HttpTransport transport;
    server.prepare(transport);
    ProofRecorder proofs;
    HttpRequest request = postForm(server.url(QStringLiteral("/token")), "grant_type=x");
    request.dpopProof = proofs.fn();
    const CallResult r = sendAndWait(transport, request);
    QCOMPARE(r.response.status, 400);
    QTest::qWait(50);
    QCOMPARE(server.requestCount(), 1); // no retry
    request.url = server.url(QStringLiteral("/ok"));
    QCOMPARE(sendAndWait(transport, request).response.status, 200);
    QVERIFY(transport.dpopNonce(server.url()).isEmpty()); // never stored
    QCOMPARE(*proofs.nonces, (QList<QByteArray>{QByteArray(), QByteArray()}));
}

void tst_HttpTransport::dpopProofError()
{
    TestHttpServer server;
    HttpTransport transport;
    server.prepare(transport);
    HttpRequest request = get(server.url(QStringLiteral("/x")));
    request.dpopProof = [](const QByteArray &, Error *error) {
        *error = Error(ErrorCode::SigningFailed, QStringLiteral("no key"));
        return QByteArray();
    };
    const CallResult r = sendAndWait(transport, request);
    QCOMPARE(r.callbacks, 1);
    QCOMPARE(r.error.code(), ErrorCode::SigningFailed);
    QTest::qWait(20);
    QCOMPARE(server.requestCount(), 0);
}

void tst_HttpTransport::dpopNonceCacheBounded()
{
    HttpTransport transport;
    auto url = [](int i) { return QUrl(QStringLiteral("https://host%1.example/").arg(i)); };
    for (int i = 0; i < 200; ++i)
        transport.setDpopNonce(url(i), "n" + QByteArray::number(i));
    QVERIFY(transport.dpopNonce(url(0)).isEmpty());
    QCOMPARE(transport.dpopNonce(url(199)), QByteArrayLiteral("n199"));
    int kept = 0;
    for (int i = 0; i < 200; ++i)
        kept += transport.dpopNonce(url(i)).isEmpty() ? 0 : 1;
    QVERIFY(kept > 0);
    QVERIFY(kept <= 64);
    transport.setDpopNonce(url(199), "bad nonce");
    QCOMPARE(transport.dpopNonce(url(199)), QByteArrayLiteral("n199")); // invalid values ignored
}

// ---------------------------------------------------------------------------------------------

// parseRetryAfter() against a fixed "now": HTTP-dates in the past and future, the extremes.
void tst_HttpTransport::parseRetryAfter_data()
{
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<qint64>("expected");
    QTest::newRow("0") << QByteArray("0") << qint64(0);
    QTest::newRow("leading zeros") << QByteArray("0000000000000000000000000042") << qint64(42);
    QTest::newRow("2^63 digits") << QByteArray("9223372036854775808") << qint64(86400);
    QTest::newRow("1000 digits") << QByteArray(1000, '9') << qint64(86400);
    QTest::newRow("date now") << QByteArray("Tue, 01 Jan 2030 12:00:00 GMT") << qint64(0);
    QTest::newRow("date +90 s") << QByteArray("Tue, 01 Jan 2030 12:01:30 GMT") << qint64(90);
    QTest::newRow("date -1 s") << QByteArray("Tue, 01 Jan 2030 11:59:59 GMT") << qint64(0);
    QTest::newRow("date 1970") << QByteArray("Thu, 01 Jan 1970 00:00:00 GMT") << qint64(0);
    QTest::newRow("date +1 day") << QByteArray("Wed, 02 Jan 2030 12:00:00 GMT") << qint64(86400);
    QTest::newRow("date year 9999") << QByteArray("Fri, 31 Dec 9999 23:59:59 GMT") << qint64(86400);
    QTest::newRow("date not GMT") << QByteArray("Tue, 01 Jan 2030 12:01:30 CET") << qint64(-1);
    QTest::newRow("garbage") << QByteArray("in a minute") << qint64(-1);
    QTest::newRow("hex") << QByteArray("0x10") << qint64(-1);
    QTest::newRow("exponent") << QByteArray("1e9") << qint64(-1);
    QTest::newRow("empty") << QByteArray() << qint64(-1);
}

void tst_HttpTransport::parseRetryAfter()
{
    QFETCH(QByteArray, value);
    QFETCH(qint64, expected);
    const QDateTime now(QDate(2030, 1, 1), QTime(12, 0), QTimeZone::utc());
    QCOMPARE(OAuth4Qt::parseRetryAfter(value, now), expected);
}

void tst_HttpTransport::retryAfterSeconds_data()
{
    QTest::addColumn<QList<QByteArray>>("values");
    QTest::addColumn<int>("expected");
    QTest::newRow("absent") << QList<QByteArray>{} << -1;
    QTest::newRow("delta") << QList<QByteArray>{"120"} << 120;
    QTest::newRow("zero") << QList<QByteArray>{"0"} << 0;
    QTest::newRow("spaces") << QList<QByteArray>{" 5 "} << 5;
    QTest::newRow("negative") << QList<QByteArray>{"-5"} << -1;
    QTest::newRow("plus") << QList<QByteArray>{"+5"} << -1;
    QTest::newRow("fraction") << QList<QByteArray>{"1.5"} << -1;
    QTest::newRow("garbage") << QList<QByteArray>{"soon"} << -1;
    QTest::newRow("empty") << QList<QByteArray>{""} << -1;
    // Clamped to a day (MaxRetryAfterSeconds); parsed in 64 bits, never wrapped.
    QTest::newRow("huge") << QList<QByteArray>{"99999999999999999999"} << 86400;
    QTest::newRow("a day") << QList<QByteArray>{"86400"} << 86400;
    QTest::newRow("a day and a second") << QList<QByteArray>{"86401"} << 86400;
    QTest::newRow("4294968 (x1000 wraps 32 bits)") << QList<QByteArray>{"4294968"} << 86400;
    QTest::newRow("2147484 (x1000 > INT_MAX)") << QList<QByteArray>{"2147484"} << 86400;
    QTest::newRow("past-date") << QList<QByteArray>{"Sun, 06 Nov 1994 08:49:37 GMT"} << 0;
    QTest::newRow("bad-date") << QList<QByteArray>{"Sun, 36 Nov 1994 08:49:37 GMT"} << -1;
    QTest::newRow("two-headers") << QList<QByteArray>{"5", "6"} << -1;
}

void tst_HttpTransport::retryAfterSeconds()
{
    QFETCH(QList<QByteArray>, values);
    QFETCH(int, expected);
    HttpResponse response;
    response.status = 429;
    for (const QByteArray &v : values)
        response.headers.append({"retry-after", v});
    QCOMPARE(response.retryAfterSeconds(), expected);
}

void tst_HttpTransport::mimeType_data()
{
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("plain") << QByteArray("application/json") << QByteArray("application/json");
    QTest::newRow("K5-case-charset") << QByteArray("Application/JSON; charset=utf-8") << QByteArray("application/json");
    QTest::newRow("spaces") << QByteArray("  text/html ;x=y") << QByteArray("text/html");
    QTest::newRow("absent") << QByteArray() << QByteArray();
}

void tst_HttpTransport::mimeType()
{
    QFETCH(QByteArray, contentType);
    QFETCH(QByteArray, expected);
    HttpResponse response;
    if (!contentType.isNull())
        response.headers.append({"Content-Type", contentType});
    QCOMPARE(response.mimeType(), expected);
    QCOMPARE(response.header("content-type"), contentType);
}

void tst_HttpTransport::originOfUrl_data()
{
    QTest::addColumn<QUrl>("url");
    QTest::addColumn<QString>("origin");
    QTest::newRow("https-default") << QUrl(QStringLiteral("https://AS.example.com/token?x=1#f")) << QStringLiteral("https://as.example.com:443");
    QTest::newRow("https-port") << QUrl(QStringLiteral("https://as.example.com:8443/")) << QStringLiteral("https://as.example.com:8443");
    QTest::newRow("http") << QUrl(QStringLiteral("http://127.0.0.1/x")) << QStringLiteral("http://127.0.0.1:80");
    QTest::newRow("userinfo") << QUrl(QStringLiteral("https://u:p@as.example.com/")) << QStringLiteral("https://as.example.com:443");
}

void tst_HttpTransport::originOfUrl()
{
    QFETCH(QUrl, url);
    QFETCH(QString, origin);
    QCOMPARE(originOf(url), origin);
}

QTEST_GUILESS_MAIN(tst_HttpTransport)
#include "tst_httptransport.moc"

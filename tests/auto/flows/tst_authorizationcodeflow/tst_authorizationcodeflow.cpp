// SPDX-License-Identifier: BSD-3-Clause
// AuthorizationCodeFlow against the in-process server (discovery, token endpoint, JWKS, PAR) with
// a test "browser" that GETs the callback URLs each row scripts: section B (callback), section H
// (PAR, JAR, JARM), PKCE, state/nonce, timeout, cancel, restart and exactly one result signal.
#include <oauth4qt/authorizationcodeflow.h>
#include <oauth4qt/idtokenvalidator.h>
#include <oauth4qt/loopbacklistener.h>
#include <oauth4qt/urischemehandler.h>

#include "flows/authorizationrequest_p.h"

#include "testhttpserver.h"

#include "../../validation/jwttestutil.h"

#include <QtCore/QCryptographicHash>
#include <QtCore/QUrlQuery>
#include <QtNetwork/QNetworkAccessManager>
#include <QtNetwork/QNetworkReply>
#include <QtTest/QtTest>

using namespace OAuth4Qt;
using namespace OAuth4Qt::Test;
using namespace JwtTest;

using Status = AuthorizationCodeFlow::Status;

class tst_AuthorizationCodeFlow : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void callback_data();
    void callback();
    void jarm_data();
    void jarm();
    void par_data();
    void par();
    void jarRequestObject();
    void jarAlgorithmFailsClosed();
    void jarWithPar();
    void pkceS256();
    void stateAndNonceAreRandom();
    void noNonceWithoutOpenId();
    void requestParameters();
    void insecureAuthorizationEndpoint();
    void authorizationUrlSchemes_data();
    void authorizationUrlSchemes();
    void openerFails();
    void timeout();
    void cancelWhileAwaitingBrowser();
    void cancelWhileExchanging();
    void restartWhileRunning();
    void tokenErrorFails();
    void hybrid_data();
    void hybrid();
    void hybridConfiguration_data();
    void hybridConfiguration();
    void hybridWithOwnLoopbackListener();
    void hybridEndedMidway_data();
    void hybridEndedMidway();

private:
    struct Run
    {
        std::unique_ptr<QSignalSpy> granted;
        std::unique_ptr<QSignalSpy> failed;
        QList<Status> statuses;
    };
    void setUpServer(const QJsonObject &metadataPatch = {});
    AuthorizationCodeFlow *newFlow();
    //! The opener of the test browser: records the URL, then GETs each scripted callback in turn.
    void scriptCallbacks(AuthorizationCodeFlow *flow, const QStringList &callbacks);
    QString expand(const QString &templ) const;
    //! A hybrid response's ID Token (RS256, c_hash of "c1", s_hash of the state), \a patch applied;
    //! \a variant "none" (unsigned) or "badsig" (a flipped signature byte).
    QString hybridIdToken(const QJsonObject &patch, const QString &variant = {}) const;
    void finishAndCheckOneSignal(AuthorizationCodeFlow *flow);
    QString issuer() const { return m_server->url().toString(); }

    JsonWebKey m_rsa;
    JsonWebKey m_clientKey;
    std::unique_ptr<TestHttpServer> m_server;
    std::unique_ptr<AuthorizationCodeFlow> m_flow;
    std::unique_ptr<QSignalSpy> m_granted;
    std::unique_ptr<QSignalSpy> m_failed;
    QList<Status> m_statuses;
    QNetworkAccessManager m_browser;
    QList<QUrl> m_opened;           //!< every URL the opener was asked to open
    QList<int> m_callbackStatuses;  //!< HTTP status of each scripted callback
    QString m_state;                //!< the state the flow sent (from the URL / request object / PAR)
    QString m_nonce;
    QString m_challenge;
    QJsonObject m_requestObject;    //!< decoded JAR payload, when one was sent
    bool m_formPost = false;        //!< the test browser POSTs the callbacks (form_post); "GET " prefix: a GET
    QString m_tokenSubject = QStringLiteral("alice"); //!< sub of the token endpoint's ID Token
};

void tst_AuthorizationCodeFlow::initTestCase()
{
    m_rsa = JsonWebKey::generate(QStringLiteral("RS256"));
    QVERIFY(!m_rsa.isNull());
    m_rsa.setKeyId(QStringLiteral("server-k1"));
    m_clientKey = JsonWebKey::generate(QStringLiteral("ES256"));
    QVERIFY(!m_clientKey.isNull());
    m_clientKey.setKeyId(QStringLiteral("client-k1"));
}

void tst_AuthorizationCodeFlow::setUpServer(const QJsonObject &metadataPatch)
{
    m_server = std::make_unique<TestHttpServer>();
    const QString base = issuer();
    const QJsonObject md = patched(
        obj({ { "issuer", base },
              { "authorization_endpoint", QString(base + QStringLiteral("/authorize?tenant=t1")) },
              { "token_endpoint", QString(base + QStringLiteral("/token")) },
              { "jwks_uri", QString(base + QStringLiteral("/jwks")) },
              { "pushed_authorization_request_endpoint", QString(base + QStringLiteral("/par")) },
              { "response_types_supported", A({ "code" }) },
              { "response_modes_supported", A({ "query", "jwt" }) },
              { "code_challenge_methods_supported", A({ "S256" }) },
              { "request_object_signing_alg_values_supported", A({ "ES256", "RS256" }) },
              { "authorization_response_iss_parameter_supported", true },
              { "id_token_signing_alg_values_supported", A({ "RS256" }) } }),
        metadataPatch);
    m_server->on(QStringLiteral("/.well-known/openid-configuration"), Response::json(200, md));
    m_server->on(QStringLiteral("/jwks"), Response::json(200, JsonWebKeySet({ m_rsa }).toJson()));
    m_server->on(QStringLiteral("/token"), [this](const RecordedRequest &request) {
        if (request.formValue(QStringLiteral("grant_type")) != QLatin1String("authorization_code")
            || request.formValue(QStringLiteral("code")).isEmpty())
            return Response::json(400, obj({ { "error", "invalid_grant" } }));
        const qint64 now = QDateTime::currentSecsSinceEpoch();
        QJsonObject body = obj({ { "access_token", "at-1" }, { "token_type", "Bearer" }, { "expires_in", 300 } });
        if (!m_nonce.isEmpty()) {
            const QJsonObject claims = obj({ { "iss", issuer() }, { "aud", "client-1" }, { "sub", m_tokenSubject },
                                             { "iat", now }, { "exp", now + 300 }, { "nonce", m_nonce },
                                             { "auth_time", now } });
            body.insert(QStringLiteral("id_token"), QString::fromLatin1(sign(QStringLiteral("RS256"), {}, claims, m_rsa)));
        }
        return Response::json(200, body);
    });
    m_server->on(QStringLiteral("/par"), [this](const RecordedRequest &request) {
        QString state = request.formValue(QStringLiteral("state"));
        QString nonce = request.formValue(QStringLiteral("nonce"));
        const QString ro = request.formValue(QStringLiteral("request"));
        if (!ro.isEmpty()) {
            QJsonObject claims;
            Jws::parseJwt(ro.toLatin1(), &claims);
            state = claims.value(QLatin1String("state")).toString();
            nonce = claims.value(QLatin1String("nonce")).toString();
        }
        m_state = state;
        m_nonce = nonce;
        return Response::json(201, obj({ { "request_uri", "urn:ietf:params:oauth:request_uri:a&b#c d" }, { "expires_in", 60 } }));
    });
}

void tst_AuthorizationCodeFlow::init()
{
    m_opened.clear();
    m_callbackStatuses.clear();
    m_state.clear();
    m_nonce.clear();
    m_challenge.clear();
    m_requestObject = QJsonObject();
    m_statuses.clear();
    m_formPost = false;
    m_tokenSubject = QStringLiteral("alice");
    setUpServer();
}

void tst_AuthorizationCodeFlow::cleanup()
{
    m_granted.reset();
    m_failed.reset();
    m_flow.reset();
    m_server.reset();
}

AuthorizationCodeFlow *tst_AuthorizationCodeFlow::newFlow()
{
    m_flow = std::make_unique<AuthorizationCodeFlow>();
    AuthorizationCodeFlow *flow = m_flow.get();
    flow->setIssuer(QUrl(issuer()));
    flow->setClientId(QStringLiteral("client-1"));
    flow->setAllowInsecureHttp(true);
    flow->setScope(QStringLiteral("openid profile"));
    flow->setTimeout(20000);
    m_granted = std::make_unique<QSignalSpy>(flow, &AuthorizationCodeFlow::granted);
    m_failed = std::make_unique<QSignalSpy>(flow, &AuthorizationCodeFlow::failed);
    connect(flow, &AuthorizationCodeFlow::statusChanged, this, [this, flow] { m_statuses.append(flow->status()); });
    return flow;
}

QString tst_AuthorizationCodeFlow::expand(const QString &templ) const
{
    QString s = templ;
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    const QJsonObject good = obj({ { "iss", issuer() }, { "aud", "client-1" }, { "exp", now + 120 }, { "iat", now },
                                   { "state", m_state }, { "code", "jarm-code" } });
    auto jwt = [&](const QJsonObject &patch, const QString &alg = QStringLiteral("RS256")) {
        return QString::fromLatin1(sign(alg, {}, patched(good, patch), m_rsa));
    };
    QString badSig = jwt({});
    badSig[badSig.size() - 3] = badSig.at(badSig.size() - 3) == QLatin1Char('A') ? QLatin1Char('B') : QLatin1Char('A');
    const QString none = QString::fromLatin1(Base64Url::encode(R"({"alg":"none"})") + '.'
                                             + Base64Url::encode(QJsonDocument(good).toJson(QJsonDocument::Compact)) + '.');
    const QString jwe = QStringLiteral("eyJhbGciOiJSU0EtT0FFUCIsImVuYyI6IkEyNTZHQ00ifQ.a2V5.aXY.Y2lwaGVy.dGFn");
    const QList<std::pair<QString, QString>> map = {
        { QStringLiteral("{jarm}"), jwt({}) },
        { QStringLiteral("{jarm-badsig}"), badSig },
        { QStringLiteral("{jarm-none}"), none },
        { QStringLiteral("{jarm-expired}"), jwt(obj({ { "exp", now - 600 } })) },
        { QStringLiteral("{jarm-aud}"), jwt(obj({ { "aud", "other-client" } })) },
        { QStringLiteral("{jarm-iss}"), jwt(obj({ { "iss", "https://evil.example.test" } })) },
        { QStringLiteral("{jarm-noexp}"), jwt(obj({ { "exp", nullptr } })) },
        { QStringLiteral("{jarm-wrongstate}"), jwt(obj({ { "state", "not-the-state" } })) },
        { QStringLiteral("{jarm-error}"), jwt(obj({ { "code", nullptr }, { "error", "access_denied" }, { "error_description", "no" } })) },
        { QStringLiteral("{jarm-idtoken}"), jwt(obj({ { "id_token", "x.y.z" } })) },
        { QStringLiteral("{jarm-error-code}"), jwt(obj({ { "error", "access_denied" }, { "error_description", "no" } })) },
        { QStringLiteral("{jarm-hs256}"), QString::fromLatin1(sign(QStringLiteral("HS256"), {}, good,
                                                                   JsonWebKey::fromSecret("client-secret-0123456789-0123456789"))) },
        { QStringLiteral("{jwe}"), jwe },
        // Hybrid: the ID Token of the authorization response for code "c1" (c_hash) and the state (s_hash).
        { QStringLiteral("{idt-noch}"), hybridIdToken(obj({ { "c_hash", nullptr } })) },
        { QStringLiteral("{idt-badch}"), hybridIdToken(obj({ { "c_hash", QString::fromLatin1(IdTokenValidator::tokenHash(QStringLiteral("RS256"), "c2")) } })) },
        { QStringLiteral("{idt-badsh}"), hybridIdToken(obj({ { "s_hash", QString::fromLatin1(IdTokenValidator::tokenHash(QStringLiteral("RS256"), "other-state")) } })) },
        { QStringLiteral("{idt-nosh}"), hybridIdToken(obj({ { "s_hash", nullptr } })) },
        { QStringLiteral("{idt-nonce}"), hybridIdToken(obj({ { "nonce", "another-nonce" } })) },
        { QStringLiteral("{idt-nononce}"), hybridIdToken(obj({ { "nonce", nullptr } })) },
        { QStringLiteral("{idt-sub}"), hybridIdToken(obj({ { "sub", "mallory" } })) },
        { QStringLiteral("{idt-aud}"), hybridIdToken(obj({ { "aud", "other-client" } })) },
        { QStringLiteral("{idt-iss}"), hybridIdToken(obj({ { "iss", "https://evil.example.test" } })) },
        { QStringLiteral("{idt-expired}"), hybridIdToken(obj({ { "exp", now - 600 }, { "iat", now - 900 } })) },
        { QStringLiteral("{idt-none}"), hybridIdToken({}, QStringLiteral("none")) },
        { QStringLiteral("{idt-badsig}"), hybridIdToken({}, QStringLiteral("badsig")) },
        { QStringLiteral("{idt}"), hybridIdToken({}) },
        { QStringLiteral("{state}"), m_state },
        { QStringLiteral("{iss}"), QString::fromLatin1(QUrl::toPercentEncoding(issuer())) },
    };
    for (const auto &[key, value] : map)
        s.replace(key, value);
    return s;
}

void tst_AuthorizationCodeFlow::scriptCallbacks(AuthorizationCodeFlow *flow, const QStringList &callbacks)
{
    flow->setBrowserOpener([this, flow, callbacks](const QUrl &url) {
        m_opened.append(url);
        const QUrlQuery query(url);
        if (query.hasQueryItem(QStringLiteral("state")))
            m_state = query.queryItemValue(QStringLiteral("state"), QUrl::FullyDecoded);
        if (query.hasQueryItem(QStringLiteral("nonce")))
            m_nonce = query.queryItemValue(QStringLiteral("nonce"), QUrl::FullyDecoded);
        if (query.hasQueryItem(QStringLiteral("code_challenge")))
            m_challenge = query.queryItemValue(QStringLiteral("code_challenge"), QUrl::FullyDecoded);
        if (query.hasQueryItem(QStringLiteral("request"))) {
            QJsonObject claims;
            Jws::parseJwt(query.queryItemValue(QStringLiteral("request"), QUrl::FullyDecoded).toLatin1(), &claims);
            m_requestObject = claims;
            m_state = claims.value(QLatin1String("state")).toString();
            m_nonce = claims.value(QLatin1String("nonce")).toString();
            m_challenge = claims.value(QLatin1String("code_challenge")).toString();
        }
        // The "browser": one GET per scripted callback, in order, after the opener returned.
        const QString base = flow->redirectUri().toString(QUrl::FullyEncoded);
        auto remaining = std::make_shared<QStringList>(callbacks);
        auto next = std::make_shared<std::function<void()>>();
        // Only what is under way holds the chain (a weak self-reference: no cycle, no leak).
        *next = [this, base, remaining, weak = std::weak_ptr<std::function<void()>>(next)] {
            const auto next = weak.lock();
            if (!next || remaining->isEmpty())
                return;
            QString q = expand(remaining->takeFirst());
            QNetworkReply *reply = nullptr;
            const bool get = !m_formPost || q.startsWith(QLatin1String("GET "));
            if (q.startsWith(QLatin1String("GET ")))
                q = q.mid(4);
            if (get) {
                QNetworkRequest request(QUrl::fromEncoded(QString(base + QLatin1Char('?') + q).toUtf8(), QUrl::StrictMode));
                reply = m_browser.get(request);
            } else { // response_mode=form_post: what the provider's auto-submitting HTML form sends
                QNetworkRequest request(QUrl::fromEncoded(base.toUtf8(), QUrl::StrictMode));
                request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/x-www-form-urlencoded"));
                reply = m_browser.post(request, q.toUtf8());
            }
            connect(reply, &QNetworkReply::finished, this, [this, reply, next] {
                reply->deleteLater();
                m_callbackStatuses.append(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt());
                (*next)();
            });
        };
        QMetaObject::invokeMethod(this, [next] { (*next)(); }, Qt::QueuedConnection);
        return true;
    });
}

void tst_AuthorizationCodeFlow::finishAndCheckOneSignal(AuthorizationCodeFlow *flow)
{
    QTRY_VERIFY_WITH_TIMEOUT(m_granted->count() + m_failed->count() >= 1, 15000);
    QTest::qWait(100); // nothing else may follow
    QCOMPARE(m_granted->count() + m_failed->count(), 1);
    QVERIFY(flow->status() == Status::Granted || flow->status() == Status::Failed
            || flow->status() == Status::Cancelled);
    QVERIFY(!flow->isRunning());
    if (m_failed->count() == 1) // cancel() ends in Cancelled, every other failure in Failed
        QCOMPARE(flow->status() == Status::Cancelled,
                 m_failed->first().first().value<Error>().code() == ErrorCode::Cancelled);
    if (flow->redirectHandler()) // none when the flow failed before binding one
        QVERIFY(!flow->redirectHandler()->isActive()); // L2/L16: closed at the end
}

// ---- Section B --------------------------------------------------------------------------------

void tst_AuthorizationCodeFlow::callback_data()
{
    QTest::addColumn<QStringList>("callbacks");
    QTest::addColumn<QJsonObject>("metadata");
    QTest::addColumn<ErrorCode>("expected");
    QTest::addColumn<QString>("oauthError");
    QTest::addColumn<QList<int>>("statuses"); // HTTP status of each callback at the listener

    const QString valid = QStringLiteral("code=c1&state={state}&iss={iss}");
    auto row = [](const char *name, QStringList cbs, ErrorCode code, QList<int> statuses, QJsonObject md = {},
                  const QString &oauthError = {}) {
        QTest::newRow(name) << cbs << md << code << oauthError << statuses;
    };
    row("valid", { valid }, ErrorCode::NoError, { 200 });
    row("B1 wrong state, then the right one", { QStringLiteral("code=c1&state=wrong&iss={iss}"), valid }, ErrorCode::NoError, { 400, 200 });
    row("B2 state missing, then the right one", { QStringLiteral("code=c1&iss={iss}"), valid }, ErrorCode::NoError, { 400, 200 });
    row("B8 repeated parameter, then the right one", { QStringLiteral("code=a&code=b&state={state}&iss={iss}"), valid },
        ErrorCode::NoError, { 400, 200 });
    row("B11 replayed callback is not consumed twice", { valid, valid }, ErrorCode::NoError, { 200, 0 });
    row("B4 wrong iss", { QStringLiteral("code=c1&state={state}&iss=https%3A%2F%2Fevil.example.test") }, ErrorCode::IssuerMismatch, { 200 });
    row("B4 iss with a trailing slash", { QStringLiteral("code=c1&state={state}&iss={iss}%2F") }, ErrorCode::IssuerMismatch, { 200 });
    row("B5 iss missing although announced", { QStringLiteral("code=c1&state={state}") }, ErrorCode::IssuerMismatch, { 200 });
    row("B5 iss missing, not announced", { QStringLiteral("code=c1&state={state}") }, ErrorCode::NoError, { 200 },
        obj({ { "authorization_response_iss_parameter_supported", nullptr } }));
    row("B5 iss wrong, not announced: still compared", { QStringLiteral("code=c1&state={state}&iss=https%3A%2F%2Fevil.example.test") },
        ErrorCode::IssuerMismatch, { 200 }, obj({ { "authorization_response_iss_parameter_supported", nullptr } }));
    row("B6 access_denied with an HTML description and error_uri",
        { QStringLiteral("error=access_denied&error_description=%3Cscript%3Ealert(1)%3C%2Fscript%3E&error_uri=https%3A%2F%2Fevil.example.test%2Fx&state={state}&iss={iss}") },
        ErrorCode::AuthorizationDenied, { 200 }, {}, QStringLiteral("access_denied"));
    row("B6 error with a wrong iss: iss first", { QStringLiteral("error=access_denied&state={state}&iss=https%3A%2F%2Fevil.example.test") },
        ErrorCode::IssuerMismatch, { 200 });
    row("B6 error with a wrong state is not consumed", { QStringLiteral("error=access_denied&state=wrong&iss={iss}"), valid },
        ErrorCode::NoError, { 400, 200 });
    // B7 (RFC 6749 4.1.2.1): an error wins over a code beside it: the server's error, typed.
    row("B7 code and error: the error wins", { QStringLiteral("code=c1&error=temporarily_unavailable&error_description=busy&state={state}&iss={iss}") },
        ErrorCode::AuthorizationDenied, { 200 }, {}, QStringLiteral("temporarily_unavailable"));
    row("B7 error before code: the error wins", { QStringLiteral("error=server_error&code=c1&state={state}&iss={iss}") },
        ErrorCode::AuthorizationDenied, { 200 }, {}, QStringLiteral("server_error"));
    row("B9 neither code nor error", { QStringLiteral("state={state}&iss={iss}") }, ErrorCode::MissingMember, { 200 });
    row("B9 empty code", { QStringLiteral("code=&state={state}&iss={iss}") }, ErrorCode::MissingMember, { 200 });
    row("B10 id_token in a code-flow response", { QStringLiteral("code=c1&id_token=a.b.c&state={state}&iss={iss}") },
        ErrorCode::UnexpectedParameter, { 200 });
    row("B10 access_token in a code-flow response", { QStringLiteral("code=c1&access_token=at&state={state}&iss={iss}") },
        ErrorCode::UnexpectedParameter, { 200 });
    row("B10 unrequested JARM response", { QStringLiteral("response={jarm}&state={state}") }, ErrorCode::UnexpectedParameter, { 200 });
    row("B12 code with NUL and unicode", { QStringLiteral("code=a%00%E2%82%AC&state={state}&iss={iss}") }, ErrorCode::NoError, { 200 });
    row("B14 login_required", { QStringLiteral("error=login_required&state={state}&iss={iss}") }, ErrorCode::AuthorizationDenied,
        { 200 }, {}, QStringLiteral("login_required"));
    row("B14 interaction_required", { QStringLiteral("error=interaction_required&state={state}&iss={iss}") },
        ErrorCode::AuthorizationDenied, { 200 }, {}, QStringLiteral("interaction_required"));
    row("A10 plain-only PKCE server still gets S256", { valid }, ErrorCode::NoError, { 200 },
        obj({ { "code_challenge_methods_supported", A({ "plain" }) } }));
    row("A10 no code_challenge_methods_supported", { valid }, ErrorCode::NoError, { 200 },
        obj({ { "code_challenge_methods_supported", nullptr } }));
}

void tst_AuthorizationCodeFlow::callback()
{
    QFETCH(QStringList, callbacks);
    QFETCH(QJsonObject, metadata);
    QFETCH(ErrorCode, expected);
    QFETCH(QString, oauthError);
    QFETCH(QList<int>, statuses);
    setUpServer(metadata);
    AuthorizationCodeFlow *flow = newFlow();
    scriptCallbacks(flow, callbacks);
    flow->start();
    QCOMPARE(flow->status(), Status::Requesting); // discovery first
    QVERIFY(flow->isRunning());
    finishAndCheckOneSignal(flow);
    QTRY_COMPARE_WITH_TIMEOUT(m_callbackStatuses.size(), callbacks.size(), 10000);
    // A replayed callback after the listener closed is refused at the TCP level (status 0).
    QCOMPARE(m_callbackStatuses, statuses);
    QCOMPARE(m_opened.size(), 1); // B13: only the authorization URL was ever opened
    QCOMPARE(m_opened.first().path(), QStringLiteral("/authorize"));
    QCOMPARE(QUrlQuery(m_opened.first()).queryItemValue(QStringLiteral("code_challenge_method")), QStringLiteral("S256"));
    if (expected == ErrorCode::NoError) {
        QCOMPARE(m_granted->count(), 1);
        QCOMPARE(flow->status(), Status::Granted);
        QCOMPARE(flow->tokens().accessToken(), QStringLiteral("at-1"));
        QCOMPARE(flow->tokens().idTokenClaims().value(QLatin1String("sub")).toString(), QStringLiteral("alice"));
        QCOMPARE(m_statuses, (QList<Status>{ Status::Requesting, Status::AwaitingUser, Status::Requesting, Status::Granted }));
        QCOMPARE(m_server->requestCount(QStringLiteral("/token")), 1);
        if (QTest::currentDataTag() == QByteArray("B12 code with NUL and unicode"))
            QCOMPARE(m_server->requests(QStringLiteral("/token")).first().formValue(QStringLiteral("code")),
                     QString(QStringLiteral("a") + QChar(0) + QChar(0x20AC)));
    } else {
        QCOMPARE(m_failed->count(), 1);
        const Error e = m_failed->first().first().value<Error>();
        QCOMPARE(e.code(), expected);
        QCOMPARE(flow->error(), e);
        QCOMPARE(flow->status(), Status::Failed);
        QCOMPARE(e.oauthError(), oauthError);
        QCOMPARE(m_server->requestCount(QStringLiteral("/token")), 0); // no token request
        QCOMPARE(m_statuses, (QList<Status>{ Status::Requesting, Status::AwaitingUser, Status::Failed }));
        if (expected == ErrorCode::AuthorizationDenied)
            QCOMPARE(e.category(), ErrorCategory::Server);
        if (QTest::currentDataTag() == QByteArray("B7 code and error: the error wins"))
            QCOMPARE(e.oauthErrorDescription(), QStringLiteral("busy"));
        if (expected == ErrorCode::AuthorizationDenied && oauthError == QLatin1String("access_denied")) {
            QCOMPARE(e.oauthErrorDescription(), QStringLiteral("<script>alert(1)</script>"));
            QCOMPARE(e.oauthErrorUri(), QUrl(QStringLiteral("https://evil.example.test/x")));
            QCOMPARE(e.category(), ErrorCategory::Server);
        }
    }
}

// ---- JARM (H5-H8) ---------------------------------------------------------------------------

void tst_AuthorizationCodeFlow::jarm_data()
{
    QTest::addColumn<QStringList>("callbacks");
    QTest::addColumn<ErrorCode>("expected");
    QTest::addColumn<QList<int>>("statuses");
    auto row = [](const char *name, QStringList cbs, ErrorCode code, QList<int> statuses) {
        QTest::newRow(name) << cbs << code << statuses;
    };
    const QString good = QStringLiteral("response={jarm}");
    row("valid", { good }, ErrorCode::NoError, { 200 });
    row("H5 bad signature", { QStringLiteral("response={jarm-badsig}") }, ErrorCode::InvalidSignature, { 200 });
    row("H5 alg none", { QStringLiteral("response={jarm-none}") }, ErrorCode::AlgorithmNotAllowed, { 200 });
    row("H5 HS256 without a registered HS alg", { QStringLiteral("response={jarm-hs256}") }, ErrorCode::AlgorithmNotAllowed, { 200 });
    row("H5 expired", { QStringLiteral("response={jarm-expired}") }, ErrorCode::TokenExpired, { 200 });
    row("H5 exp missing", { QStringLiteral("response={jarm-noexp}") }, ErrorCode::MissingMember, { 200 });
    row("H5 wrong aud", { QStringLiteral("response={jarm-aud}") }, ErrorCode::AudienceMismatch, { 200 });
    row("H5 wrong iss", { QStringLiteral("response={jarm-iss}") }, ErrorCode::IssuerMismatch, { 200 });
    row("H6 state mismatch is not consumed, then the right one", { QStringLiteral("response={jarm-wrongstate}"), good },
        ErrorCode::NoError, { 400, 200 });
    row("H6 signed error", { QStringLiteral("response={jarm-error}") }, ErrorCode::AuthorizationDenied, { 200 });
    row("B7 signed error beside a signed code: the error wins", { QStringLiteral("response={jarm-error-code}") },
        ErrorCode::AuthorizationDenied, { 200 });
    row("H7 state beside the JWT", { QStringLiteral("response={jarm}&state={state}") }, ErrorCode::UnexpectedParameter, { 200 });
    row("H7 code beside the JWT", { QStringLiteral("response={jarm}&code=c2") }, ErrorCode::UnexpectedParameter, { 200 });
    row("H7 iss beside the JWT", { QStringLiteral("response={jarm}&iss={iss}") }, ErrorCode::UnexpectedParameter, { 200 });
    row("H8 encrypted", { QStringLiteral("response={jwe}") }, ErrorCode::EncryptedJwtUnsupported, { 200 });
    row("B10 id_token inside the JWT", { QStringLiteral("response={jarm-idtoken}") }, ErrorCode::UnexpectedParameter, { 200 });
    row("plain response while JARM was requested", { QStringLiteral("code=c1&state={state}&iss={iss}") },
        ErrorCode::MissingMember, { 200 });
    row("junk response is not consumed, then the right one", { QStringLiteral("response=junk"), good }, ErrorCode::NoError, { 400, 200 });
}

void tst_AuthorizationCodeFlow::jarm()
{
    QFETCH(QStringList, callbacks);
    QFETCH(ErrorCode, expected);
    QFETCH(QList<int>, statuses);
    AuthorizationCodeFlow *flow = newFlow();
    flow->setJarm(true);
    scriptCallbacks(flow, callbacks);
    flow->start();
    finishAndCheckOneSignal(flow);
    QTRY_COMPARE_WITH_TIMEOUT(m_callbackStatuses.size(), callbacks.size(), 10000);
    QCOMPARE(m_callbackStatuses, statuses);
    QCOMPARE(QUrlQuery(m_opened.first()).queryItemValue(QStringLiteral("response_mode")), QStringLiteral("jwt"));
    if (expected == ErrorCode::NoError) {
        QCOMPARE(m_granted->count(), 1);
        QCOMPARE(m_server->requests(QStringLiteral("/token")).first().formValue(QStringLiteral("code")), QStringLiteral("jarm-code"));
    } else {
        QCOMPARE(m_failed->count(), 1);
        QCOMPARE(m_failed->first().first().value<Error>().code(), expected);
        QCOMPARE(m_server->requestCount(QStringLiteral("/token")), 0);
        if (expected == ErrorCode::AuthorizationDenied) {
            QCOMPARE(m_failed->first().first().value<Error>().oauthError(), QStringLiteral("access_denied"));
            QCOMPARE(m_failed->first().first().value<Error>().oauthErrorDescription(), QStringLiteral("no"));
            QCOMPARE(m_failed->first().first().value<Error>().category(), ErrorCategory::Server);
        }
    }
}

// ---- PAR (H1-H3) ------------------------------------------------------------------------------

void tst_AuthorizationCodeFlow::par_data()
{
    QTest::addColumn<bool>("enable");
    QTest::addColumn<QJsonObject>("metadata");
    QTest::addColumn<int>("status");
    QTest::addColumn<QJsonObject>("body");
    QTest::addColumn<ErrorCode>("expected");
    const QJsonObject ok = obj({ { "request_uri", "urn:ietf:params:oauth:request_uri:a&b#c d" }, { "expires_in", 60 } });
    QTest::newRow("201") << true << QJsonObject() << 201 << ok << ErrorCode::NoError;
    QTest::newRow("required by the server") << false << obj({ { "require_pushed_authorization_requests", true } }) << 201 << ok
                                            << ErrorCode::NoError;
    QTest::newRow("A8 required but no endpoint") << false
                                                 << obj({ { "require_pushed_authorization_requests", true },
                                                          { "pushed_authorization_request_endpoint", nullptr } })
                                                 << 201 << ok << ErrorCode::MissingEndpoint;
    QTest::newRow("H1 200 not 201") << true << QJsonObject() << 200 << ok << ErrorCode::UnexpectedStatus;
    QTest::newRow("H1 request_uri missing") << true << QJsonObject() << 201 << obj({ { "expires_in", 60 } }) << ErrorCode::MissingMember;
    QTest::newRow("H1 request_uri empty") << true << QJsonObject() << 201 << obj({ { "request_uri", "" }, { "expires_in", 60 } })
                                          << ErrorCode::InvalidMember;
    QTest::newRow("H1 expires_in missing") << true << QJsonObject() << 201 << obj({ { "request_uri", "urn:x" } }) << ErrorCode::MissingMember;
    QTest::newRow("H1 expires_in negative") << true << QJsonObject() << 201 << obj({ { "request_uri", "urn:x" }, { "expires_in", -5 } })
                                            << ErrorCode::InvalidMember;
    QTest::newRow("H1 expires_in zero") << true << QJsonObject() << 201 << obj({ { "request_uri", "urn:x" }, { "expires_in", 0 } })
                                        << ErrorCode::InvalidMember;
    QTest::newRow("H3 400 invalid_request") << true << QJsonObject() << 400
                                            << obj({ { "error", "invalid_request" }, { "error_description", "bad" } }) << ErrorCode::OAuthError;
    QTest::newRow("H3 413") << true << QJsonObject() << 413 << QJsonObject() << ErrorCode::UnexpectedStatus;
    QTest::newRow("H3 429") << true << QJsonObject() << 429 << QJsonObject() << ErrorCode::RateLimited;
}

void tst_AuthorizationCodeFlow::par()
{
    QFETCH(bool, enable);
    QFETCH(QJsonObject, metadata);
    QFETCH(int, status);
    QFETCH(QJsonObject, body);
    QFETCH(ErrorCode, expected);
    setUpServer(metadata);
    m_server->on(QStringLiteral("/par"), [this, status, body](const RecordedRequest &request) {
        m_state = request.formValue(QStringLiteral("state"));
        m_nonce = request.formValue(QStringLiteral("nonce"));
        if (status == 413)
            return Response::text(413, "too large");
        if (status == 429)
            return Response::text(429, "slow down").withHeader("Retry-After", "7");
        return Response::json(status, body);
    });
    AuthorizationCodeFlow *flow = newFlow();
    flow->setPushedAuthorizationRequest(enable);
    scriptCallbacks(flow, { QStringLiteral("code=c1&state={state}&iss={iss}") });
    flow->start();
    finishAndCheckOneSignal(flow);
    if (expected == ErrorCode::MissingEndpoint) {
        QCOMPARE(m_server->requestCount(QStringLiteral("/par")), 0);
    } else {
        QCOMPARE(m_server->requestCount(QStringLiteral("/par")), 1);
        const RecordedRequest parRequest = m_server->requests(QStringLiteral("/par")).first();
        QCOMPARE(parRequest.method, QByteArray("POST"));
        QCOMPARE(parRequest.formValues(QStringLiteral("client_id")), QStringList{ QStringLiteral("client-1") });
        QCOMPARE(parRequest.formValue(QStringLiteral("code_challenge_method")), QStringLiteral("S256"));
        QCOMPARE(parRequest.formValue(QStringLiteral("response_type")), QStringLiteral("code"));
        QVERIFY(!parRequest.formValue(QStringLiteral("redirect_uri")).isEmpty());
    }
    if (expected == ErrorCode::NoError) {
        QCOMPARE(m_granted->count(), 1);
        QCOMPARE(m_opened.size(), 1);
        // H2: the front channel carries client_id and request_uri only (and the endpoint's own query).
        const QUrlQuery query(m_opened.first());
        QCOMPARE(query.queryItems(QUrl::FullyDecoded).size(), 3);
        QCOMPARE(query.queryItemValue(QStringLiteral("tenant")), QStringLiteral("t1"));
        QCOMPARE(query.queryItemValue(QStringLiteral("client_id")), QStringLiteral("client-1"));
        QCOMPARE(query.queryItemValue(QStringLiteral("request_uri"), QUrl::FullyDecoded),
                 QStringLiteral("urn:ietf:params:oauth:request_uri:a&b#c d"));
        const QByteArray encoded = m_opened.first().toEncoded();
        QVERIFY(!encoded.contains('#'));
        QVERIFY(!encoded.contains(' '));
        QVERIFY(encoded.contains("a%26b%23c%20d"));
    } else {
        const Error e = m_failed->first().first().value<Error>();
        QCOMPARE(e.code(), expected);
        QCOMPARE(m_opened.size(), 0); // nothing opened
        QCOMPARE(m_server->requestCount(QStringLiteral("/token")), 0);
        if (expected == ErrorCode::OAuthError) {
            QCOMPARE(e.oauthError(), QStringLiteral("invalid_request"));
            QCOMPARE(e.httpStatus(), 400);
        }
        if (status == 413)
            QCOMPARE(e.httpStatus(), 413);
        if (expected == ErrorCode::RateLimited)
            QCOMPARE(e.retryAfter(), 7);
    }
}

// ---- JAR (H4) -------------------------------------------------------------------------------

void tst_AuthorizationCodeFlow::jarRequestObject()
{
    AuthorizationCodeFlow *flow = newFlow();
    ClientConfig config = flow->client()->clientConfig();
    config.setPrivateKey(m_clientKey);
    flow->client()->setClientConfig(config);
    flow->setSignedRequestObject(true);
    flow->setResources({ QStringLiteral("https://api.one.test"), QStringLiteral("https://api.two.test") });
    flow->setMaxAge(600);
    flow->setPrompt(QStringLiteral("consent"));
    scriptCallbacks(flow, { QStringLiteral("code=c1&state={state}&iss={iss}") });
    flow->start();
    finishAndCheckOneSignal(flow);
    if (m_failed->count())
        qWarning() << m_failed->first().first().value<Error>();
    QCOMPARE(m_granted->count(), 1);
    const QUrlQuery query(m_opened.first());
    QCOMPARE(query.queryItems().size(), 3); // tenant, client_id, request
    QCOMPARE(query.queryItemValue(QStringLiteral("client_id")), QStringLiteral("client-1"));
    const QByteArray jwt = query.queryItemValue(QStringLiteral("request"), QUrl::FullyDecoded).toLatin1();
    QJsonObject claims;
    Error e;
    const JwsCompact jws = Jws::parseJwt(jwt, &claims, &e);
    QVERIFY(!e);
    QCOMPARE(jws.type(), QStringLiteral("oauth-authz-req+jwt"));
    QCOMPARE(jws.algorithm(), QStringLiteral("ES256"));
    QCOMPARE(jws.keyId(), QStringLiteral("client-k1"));
    QVERIFY(Jws::verify(jws, m_clientKey.publicKey(), &e));
    QCOMPARE(claims.value(QLatin1String("iss")).toString(), QStringLiteral("client-1"));
    QCOMPARE(claims.value(QLatin1String("client_id")).toString(), QStringLiteral("client-1"));
    QCOMPARE(claims.value(QLatin1String("aud")).toString(), issuer());
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    QVERIFY(qAbs(claims.value(QLatin1String("iat")).toInteger() - now) < 60);
    QCOMPARE(claims.value(QLatin1String("nbf")).toInteger(), claims.value(QLatin1String("iat")).toInteger());
    QVERIFY(claims.value(QLatin1String("exp")).toInteger() > claims.value(QLatin1String("iat")).toInteger());
    QVERIFY(claims.value(QLatin1String("jti")).toString().size() >= 32);
    QCOMPARE(claims.value(QLatin1String("response_type")).toString(), QStringLiteral("code"));
    QCOMPARE(claims.value(QLatin1String("redirect_uri")).toString(), flow->redirectUri().toString());
    QCOMPARE(claims.value(QLatin1String("scope")).toString(), QStringLiteral("openid profile"));
    QCOMPARE(claims.value(QLatin1String("code_challenge_method")).toString(), QStringLiteral("S256"));
    QVERIFY(!claims.value(QLatin1String("code_challenge")).toString().isEmpty());
    QVERIFY(!claims.value(QLatin1String("state")).toString().isEmpty());
    QVERIFY(!claims.value(QLatin1String("nonce")).toString().isEmpty());
    QCOMPARE(claims.value(QLatin1String("max_age")).toInt(-1), 600);
    QCOMPARE(claims.value(QLatin1String("prompt")).toString(), QStringLiteral("consent"));
    QCOMPARE(claims.value(QLatin1String("resource")).toArray(), A({ "https://api.one.test", "https://api.two.test" }));
    // The token request repeats the resources (RFC 8707).
    QCOMPARE(m_server->requests(QStringLiteral("/token")).first().formValues(QStringLiteral("resource")),
             (QStringList{ QStringLiteral("https://api.one.test"), QStringLiteral("https://api.two.test") }));
}

void tst_AuthorizationCodeFlow::jarAlgorithmFailsClosed()
{
    setUpServer(obj({ { "request_object_signing_alg_values_supported", A({ "RS256" }) } }));
    AuthorizationCodeFlow *flow = newFlow();
    ClientConfig config = flow->client()->clientConfig();
    config.setPrivateKey(m_clientKey); // ES256 key, server only lists RS256
    flow->client()->setClientConfig(config);
    flow->setSignedRequestObject(true);
    scriptCallbacks(flow, {});
    flow->start();
    finishAndCheckOneSignal(flow);
    QCOMPARE(m_failed->first().first().value<Error>().code(), ErrorCode::AlgorithmNotAllowed);
    QCOMPARE(m_opened.size(), 0);

    // No private key at all.
    init();
    flow = newFlow();
    flow->setSignedRequestObject(true);
    scriptCallbacks(flow, {});
    flow->start();
    finishAndCheckOneSignal(flow);
    QCOMPARE(m_failed->first().first().value<Error>().code(), ErrorCode::InvalidConfiguration);
}

void tst_AuthorizationCodeFlow::jarWithPar()
{
    AuthorizationCodeFlow *flow = newFlow();
    ClientConfig config = flow->client()->clientConfig();
    config.setPrivateKey(m_clientKey);
    flow->client()->setClientConfig(config);
    flow->setSignedRequestObject(true);
    flow->setPushedAuthorizationRequest(true);
    scriptCallbacks(flow, { QStringLiteral("code=c1&state={state}&iss={iss}") });
    flow->start();
    finishAndCheckOneSignal(flow);
    QCOMPARE(m_granted->count(), 1);
    const RecordedRequest parRequest = m_server->requests(QStringLiteral("/par")).first();
    // request + the client authentication (the private key makes it private_key_jwt); nothing else.
    QCOMPARE(parRequest.formValues(QStringLiteral("client_id")), QStringList{ QStringLiteral("client-1") });
    QCOMPARE(parRequest.formValue(QStringLiteral("client_assertion_type")),
             QStringLiteral("urn:ietf:params:oauth:client-assertion-type:jwt-bearer"));
    QCOMPARE(parRequest.form().size(), 4);
    QVERIFY(!parRequest.formValue(QStringLiteral("request")).isEmpty());
    QVERIFY(parRequest.formValue(QStringLiteral("state")).isNull());
    const QUrlQuery query(m_opened.first());
    QVERIFY(query.hasQueryItem(QStringLiteral("request_uri")));
    QVERIFY(!query.hasQueryItem(QStringLiteral("request")));
}

// ---- PKCE, state, nonce ---------------------------------------------------------------------------

void tst_AuthorizationCodeFlow::pkceS256()
{
    AuthorizationCodeFlow *flow = newFlow();
    scriptCallbacks(flow, { QStringLiteral("code=c1&state={state}&iss={iss}") });
    flow->start();
    finishAndCheckOneSignal(flow);
    QCOMPARE(m_granted->count(), 1);
    const RecordedRequest token = m_server->requests(QStringLiteral("/token")).first();
    const QString verifier = token.formValue(QStringLiteral("code_verifier"));
    QVERIFY(verifier.size() >= 43 && verifier.size() <= 128);
    static const QRegularExpression unreserved(QStringLiteral("^[A-Za-z0-9._~-]+$"));
    QVERIFY(unreserved.match(verifier).hasMatch());
    const QByteArray recomputed = QCryptographicHash::hash(verifier.toLatin1(), QCryptographicHash::Sha256)
                                      .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    QCOMPARE(m_challenge, QString::fromLatin1(recomputed));
    QCOMPARE(token.formValue(QStringLiteral("redirect_uri")), flow->redirectUri().toString());
    QCOMPARE(token.formValue(QStringLiteral("code")), QStringLiteral("c1"));
    // RFC 7636 appendix B test vector.
    QCOMPARE(pkceChallengeS256(QStringLiteral("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk")),
             QStringLiteral("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"));
}

void tst_AuthorizationCodeFlow::stateAndNonceAreRandom()
{
    QSet<QString> states, nonces, challenges;
    for (int i = 0; i < 3; ++i) {
        init();
        AuthorizationCodeFlow *flow = newFlow();
        scriptCallbacks(flow, { QStringLiteral("code=c1&state={state}&iss={iss}") });
        flow->start();
        finishAndCheckOneSignal(flow);
        QCOMPARE(m_granted->count(), 1);
        QVERIFY(m_state.size() >= 43);
        QVERIFY(m_nonce.size() >= 43);
        states.insert(m_state);
        nonces.insert(m_nonce);
        challenges.insert(m_challenge);
        QVERIFY(m_state != m_nonce);
    }
    QCOMPARE(states.size(), 3);
    QCOMPARE(nonces.size(), 3);
    QCOMPARE(challenges.size(), 3);
}

void tst_AuthorizationCodeFlow::noNonceWithoutOpenId()
{
    AuthorizationCodeFlow *flow = newFlow();
    flow->setScope(QStringLiteral("api:read"));
    scriptCallbacks(flow, { QStringLiteral("code=c1&state={state}&iss={iss}") });
    flow->start();
    finishAndCheckOneSignal(flow);
    QCOMPARE(m_granted->count(), 1);
    QVERIFY(!QUrlQuery(m_opened.first()).hasQueryItem(QStringLiteral("nonce")));
    QVERIFY(QUrlQuery(m_opened.first()).hasQueryItem(QStringLiteral("state")));
    QVERIFY(flow->tokens().idToken().isEmpty());
}

void tst_AuthorizationCodeFlow::requestParameters()
{
    AuthorizationCodeFlow *flow = newFlow();
    flow->setPrompt(QStringLiteral("login consent"));
    flow->setMaxAge(0);
    flow->setLoginHint(QStringLiteral("alice@example.test"));
    flow->setUiLocales(QStringLiteral("de fr"));
    flow->setResources({ QStringLiteral("https://a.test"), QStringLiteral("https://b.test") });
    flow->setExtraParameters({ { QStringLiteral("acr_values"), QStringLiteral("urn:x a&b") } });
    QSignalSpy urlSpy(flow, &AuthorizationCodeFlow::authorizeWithBrowser);
    scriptCallbacks(flow, { QStringLiteral("code=c1&state={state}&iss={iss}") });
    flow->start();
    finishAndCheckOneSignal(flow);
    QCOMPARE(urlSpy.count(), 1);
    QCOMPARE(urlSpy.first().first().toUrl(), m_opened.first());
    QCOMPARE(flow->authorizationUrl(), m_opened.first());
    const QUrl url = m_opened.first();
    QCOMPARE(url.scheme(), QStringLiteral("http"));
    QCOMPARE(url.path(), QStringLiteral("/authorize"));
    const QUrlQuery q(url);
    QCOMPARE(q.queryItemValue(QStringLiteral("tenant")), QStringLiteral("t1")); // A7: the endpoint's query is kept
    QCOMPARE(q.queryItemValue(QStringLiteral("response_type")), QStringLiteral("code"));
    QCOMPARE(q.queryItemValue(QStringLiteral("client_id")), QStringLiteral("client-1"));
    QCOMPARE(q.queryItemValue(QStringLiteral("redirect_uri"), QUrl::FullyDecoded), flow->redirectUri().toString());
    QVERIFY(flow->redirectUri().toString().startsWith(QLatin1String("http://127.0.0.1:")));
    QCOMPARE(flow->redirectUri().path(), QStringLiteral("/callback"));
    QCOMPARE(q.queryItemValue(QStringLiteral("prompt"), QUrl::FullyDecoded),
             QStringLiteral("login consent"));
    QCOMPARE(q.queryItemValue(QStringLiteral("max_age")), QStringLiteral("0"));
    QCOMPARE(q.queryItemValue(QStringLiteral("login_hint"), QUrl::FullyDecoded), QStringLiteral("alice@example.test"));
    QCOMPARE(q.allQueryItemValues(QStringLiteral("resource"), QUrl::FullyDecoded),
             (QStringList{ QStringLiteral("https://a.test"), QStringLiteral("https://b.test") }));
    QCOMPARE(q.queryItemValue(QStringLiteral("acr_values"), QUrl::FullyDecoded),
             QStringLiteral("urn:x a&b"));
    QVERIFY(!q.hasQueryItem(QStringLiteral("dpop_jkt"))); // no DPoP key
}

void tst_AuthorizationCodeFlow::insecureAuthorizationEndpoint()
{
    // A6: the metadata was accepted for development, then http was switched off again.
    AuthorizationCodeFlow *flow = newFlow();
    Error e;
    const ServerMetadata md = ServerMetadata::fromJson(
        obj({ { "issuer", issuer() }, { "authorization_endpoint", QString(issuer() + QStringLiteral("/authorize")) },
              { "token_endpoint", QString(issuer() + QStringLiteral("/token")) } }),
        QUrl(issuer()), true, &e);
    QVERIFY(!e);
    flow->client()->setMetadata(md);
    flow->setAllowInsecureHttp(false);
    scriptCallbacks(flow, {});
    flow->start();
    finishAndCheckOneSignal(flow);
    QCOMPARE(m_failed->first().first().value<Error>().code(), ErrorCode::InsecureUrl);
    QCOMPARE(m_opened.size(), 0);
}

void tst_AuthorizationCodeFlow::authorizationUrlSchemes_data()
{
    QTest::addColumn<QString>("endpoint");
    QTest::addColumn<bool>("allowHttp");
    QTest::addColumn<ErrorCode>("expected");
    QTest::newRow("https") << QStringLiteral("https://id.example.test/auth?x=1") << false << ErrorCode::NoError;
    QTest::newRow("http refused") << QStringLiteral("http://id.example.test/auth") << false << ErrorCode::InsecureUrl;
    QTest::newRow("http allowed") << QStringLiteral("http://127.0.0.1:1/auth") << true << ErrorCode::NoError;
    QTest::newRow("javascript") << QStringLiteral("javascript:alert(1)") << true << ErrorCode::UnsupportedUrlScheme;
    QTest::newRow("file") << QStringLiteral("file:///etc/passwd") << true << ErrorCode::UnsupportedUrlScheme;
    QTest::newRow("data") << QStringLiteral("data:text/html,x") << true << ErrorCode::UnsupportedUrlScheme;
    QTest::newRow("custom") << QStringLiteral("myapp://auth") << true << ErrorCode::UnsupportedUrlScheme;
    QTest::newRow("fragment") << QStringLiteral("https://id.example.test/auth#f") << false << ErrorCode::InvalidConfiguration;
    QTest::newRow("empty") << QString() << false << ErrorCode::MissingEndpoint;
}

void tst_AuthorizationCodeFlow::authorizationUrlSchemes()
{
    QFETCH(QString, endpoint);
    QFETCH(bool, allowHttp);
    QFETCH(ErrorCode, expected);
    Error e;
    const QUrl url = buildAuthorizationUrl(QUrl(endpoint), { { QStringLiteral("state"), QStringLiteral("a b&c") } }, allowHttp, &e);
    QCOMPARE(e.code(), expected);
    if (expected == ErrorCode::NoError) {
        QVERIFY(url.toString(QUrl::FullyEncoded).endsWith(QLatin1String("state=a%20b%26c")));
        if (endpoint.contains(QLatin1String("x=1")))
            QVERIFY(url.query().startsWith(QLatin1String("x=1&")));
    } else {
        QVERIFY(url.isEmpty());
    }
}

// ---- The opener, timeout, cancel, restart -----------------------------------------------------------

void tst_AuthorizationCodeFlow::openerFails()
{
    AuthorizationCodeFlow *flow = newFlow();
    QSignalSpy urlSpy(flow, &AuthorizationCodeFlow::authorizeWithBrowser);
    flow->setBrowserOpener([](const QUrl &) { return false; });
    flow->start();
    finishAndCheckOneSignal(flow);
    QCOMPARE(urlSpy.count(), 1); // always emitted
    QCOMPARE(m_failed->first().first().value<Error>().code(), ErrorCode::BrowserOpenFailed);
}

void tst_AuthorizationCodeFlow::timeout()
{
    AuthorizationCodeFlow *flow = newFlow();
    flow->setTimeout(500);
    scriptCallbacks(flow, {}); // the browser never comes back
    flow->start();
    finishAndCheckOneSignal(flow);
    const Error e = m_failed->first().first().value<Error>();
    QCOMPARE(e.code(), ErrorCode::Timeout);
    QCOMPARE(flow->status(), Status::Failed);
    QCOMPARE(m_opened.size(), 1);
    // The listener is closed: a late callback finds nobody.
    QNetworkReply *late = m_browser.get(QNetworkRequest(flow->redirectUri()));
    QTRY_VERIFY_WITH_TIMEOUT(late->isFinished(), 10000);
    QVERIFY(late->error() != QNetworkReply::NoError);
    late->deleteLater();
    QCOMPARE(m_server->requestCount(QStringLiteral("/token")), 0);
}

void tst_AuthorizationCodeFlow::cancelWhileAwaitingBrowser()
{
    AuthorizationCodeFlow *flow = newFlow();
    scriptCallbacks(flow, {});
    flow->start();
    QTRY_COMPARE_WITH_TIMEOUT(m_opened.size(), 1, 10000);
    QVERIFY(flow->redirectHandler()->isActive());
    flow->cancel();
    finishAndCheckOneSignal(flow);
    QCOMPARE(m_failed->first().first().value<Error>().code(), ErrorCode::Cancelled);
    flow->cancel(); // nothing more
    QTest::qWait(50);
    QCOMPARE(m_failed->count(), 1);
}

void tst_AuthorizationCodeFlow::cancelWhileExchanging()
{
    m_server->on(QStringLiteral("/token"), Response::json(200, obj({ { "access_token", "late" }, { "token_type", "Bearer" } })).delayed(3000));
    AuthorizationCodeFlow *flow = newFlow();
    flow->setScope(QStringLiteral("api:read"));
    scriptCallbacks(flow, { QStringLiteral("code=c1&state={state}&iss={iss}") });
    flow->start();
    QTRY_COMPARE_WITH_TIMEOUT(flow->status(), Status::Exchanging, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(m_server->requestCount(QStringLiteral("/token")), 1, 10000);
    flow->cancel();
    finishAndCheckOneSignal(flow);
    QCOMPARE(m_failed->first().first().value<Error>().code(), ErrorCode::Cancelled);
    QTest::qWait(3500); // the aborted token request never turns into granted()
    QCOMPARE(m_granted->count(), 0);
    QCOMPARE(m_failed->count(), 1);
}

void tst_AuthorizationCodeFlow::restartWhileRunning()
{
    AuthorizationCodeFlow *flow = newFlow();
    int opened = 0;
    scriptCallbacks(flow, {});
    // First attempt: the browser never answers; the second one succeeds.
    flow->setBrowserOpener([&](const QUrl &url) {
        ++opened;
        if (opened == 1)
            return true;
        m_state = QUrlQuery(url).queryItemValue(QStringLiteral("state"));
        m_nonce = QUrlQuery(url).queryItemValue(QStringLiteral("nonce"));
        const QUrl cb = QUrl::fromEncoded(QString(flow->redirectUri().toString() + QStringLiteral("?code=c2&state=") + m_state
                                                  + QStringLiteral("&iss=") + QString::fromLatin1(QUrl::toPercentEncoding(issuer())))
                                              .toUtf8());
        QMetaObject::invokeMethod(this, [this, cb] { m_browser.get(QNetworkRequest(cb))->setParent(this); }, Qt::QueuedConnection);
        return true;
    });
    flow->start();
    QTRY_COMPARE_WITH_TIMEOUT(opened, 1, 10000);
    const QUrl firstRedirect = flow->redirectUri();
    flow->start();
    QCOMPARE(m_failed->count(), 1); // the first attempt ended at once
    QCOMPARE(m_failed->first().first().value<Error>().code(), ErrorCode::Cancelled);
    QTRY_COMPARE_WITH_TIMEOUT(m_granted->count(), 1, 15000);
    QTest::qWait(100);
    QCOMPARE(m_failed->count(), 1);
    QCOMPARE(m_granted->count(), 1);
    QCOMPARE(opened, 2);
    Q_UNUSED(firstRedirect)
}

void tst_AuthorizationCodeFlow::tokenErrorFails()
{
    m_server->on(QStringLiteral("/token"), Response::json(400, obj({ { "error", "invalid_grant" } })));
    AuthorizationCodeFlow *flow = newFlow();
    scriptCallbacks(flow, { QStringLiteral("code=c1&state={state}&iss={iss}") });
    flow->start();
    finishAndCheckOneSignal(flow);
    const Error e = m_failed->first().first().value<Error>();
    QCOMPARE(e.code(), ErrorCode::OAuthError);
    QCOMPARE(e.oauthError(), QStringLiteral("invalid_grant"));
    QCOMPARE(m_statuses, (QList<Status>{ Status::Requesting, Status::AwaitingUser, Status::Exchanging, Status::Failed }));
}

// ---- Hybrid response type (OpenID Connect Core 3.3), form_post ----------------------------------

QString tst_AuthorizationCodeFlow::hybridIdToken(const QJsonObject &patch, const QString &variant) const
{
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    const QJsonObject claims = patched(
        obj({ { "iss", issuer() }, { "aud", "client-1" }, { "sub", "alice" }, { "iat", now }, { "exp", now + 300 },
              { "nonce", m_nonce }, { "c_hash", QString::fromLatin1(IdTokenValidator::tokenHash(QStringLiteral("RS256"), "c1")) },
              { "s_hash", QString::fromLatin1(IdTokenValidator::tokenHash(QStringLiteral("RS256"), m_state.toUtf8())) } }),
        patch);
    if (variant == QLatin1String("none"))
        return QString::fromLatin1(Base64Url::encode(R"({"alg":"none"})") + '.'
                                   + Base64Url::encode(QJsonDocument(claims).toJson(QJsonDocument::Compact)) + '.');
    QString jwt = QString::fromLatin1(sign(QStringLiteral("RS256"), {}, claims, m_rsa));
    if (variant == QLatin1String("badsig"))
        jwt[jwt.size() - 3] = jwt.at(jwt.size() - 3) == QLatin1Char('A') ? QLatin1Char('B') : QLatin1Char('A');
    return jwt;
}

void tst_AuthorizationCodeFlow::hybrid_data()
{
    QTest::addColumn<QStringList>("callbacks");
    QTest::addColumn<bool>("detached");
    QTest::addColumn<QString>("tokenSubject");
    QTest::addColumn<ErrorCode>("expected");
    QTest::addColumn<QList<int>>("statuses");
    QTest::addColumn<int>("tokenRequests");
    const QString valid = QStringLiteral("code=c1&state={state}&iss={iss}&id_token={idt}");
    auto with = [](const char *idt) { return QString(QLatin1String("code=c1&state={state}&iss={iss}&id_token=") + QLatin1String(idt)); };
    auto row = [](const char *name, const QStringList &cbs, ErrorCode code, const QList<int> &statuses, int tokenRequests,
                  bool detached = false, const char *sub = "alice") {
        QTest::newRow(name) << cbs << detached << QString::fromLatin1(sub) << code << statuses << tokenRequests;
    };
    row("valid", { valid }, ErrorCode::NoError, { 200 }, 1);
    row("valid, parameters in another order", { QStringLiteral("id_token={idt}&iss={iss}&state={state}&code=c1") },
        ErrorCode::NoError, { 200 }, 1);
    // RFC 9207 2.4: with an ID Token in the response, iss may be left out (oidc-provider does):
    // the ID Token's verified iss stands in.
    row("no iss parameter, although announced", { QStringLiteral("code=c1&state={state}&id_token={idt}") }, ErrorCode::NoError,
        { 200 }, 1);
    row("no iss parameter, ID Token of another issuer", { QStringLiteral("code=c1&state={state}&id_token={idt-iss}") },
        ErrorCode::IssuerMismatch, { 200 }, 0);
    row("iss parameter of another issuer", { QStringLiteral("code=c1&state={state}&iss=https%3A%2F%2Fevil.example.test&id_token={idt}") },
        ErrorCode::IssuerMismatch, { 200 }, 0);
    row("s_hash absent: accepted", { with("{idt-nosh}") }, ErrorCode::NoError, { 200 }, 1);
    row("detached signature: s_hash present", { valid }, ErrorCode::NoError, { 200 }, 1, true);
    row("detached signature: s_hash absent", { with("{idt-nosh}") }, ErrorCode::MissingMember, { 200 }, 0, true);
    row("c_hash absent", { with("{idt-noch}") }, ErrorCode::MissingMember, { 200 }, 0);
    row("c_hash of another code", { with("{idt-badch}") }, ErrorCode::HashMismatch, { 200 }, 0);
    row("s_hash of another state", { with("{idt-badsh}") }, ErrorCode::HashMismatch, { 200 }, 0);
    row("nonce differs", { with("{idt-nonce}") }, ErrorCode::NonceMismatch, { 200 }, 0);
    row("nonce absent", { with("{idt-nononce}") }, ErrorCode::MissingMember, { 200 }, 0);
    row("bad signature", { with("{idt-badsig}") }, ErrorCode::InvalidSignature, { 200 }, 0);
    row("alg none", { with("{idt-none}") }, ErrorCode::AlgorithmNotAllowed, { 200 }, 0);
    row("another audience", { with("{idt-aud}") }, ErrorCode::AudienceMismatch, { 200 }, 0);
    row("another issuer", { with("{idt-iss}") }, ErrorCode::IssuerMismatch, { 200 }, 0);
    row("expired", { with("{idt-expired}") }, ErrorCode::TokenExpired, { 200 }, 0);
    row("junk ID Token", { with("junk") }, ErrorCode::MalformedJwt, { 200 }, 0);
    row("token endpoint's ID Token has another subject", { valid }, ErrorCode::SubjectMismatch, { 200 }, 1, false, "bob");
    row("front-channel ID Token has another subject", { with("{idt-sub}") }, ErrorCode::SubjectMismatch, { 200 }, 1);
    row("no id_token", { QStringLiteral("code=c1&state={state}&iss={iss}") }, ErrorCode::MissingMember, { 200 }, 0);
    row("empty id_token", { QStringLiteral("code=c1&state={state}&iss={iss}&id_token=") }, ErrorCode::MissingMember, { 200 }, 0);
    row("access_token beside it", { QString(valid + QLatin1String("&access_token=at")) }, ErrorCode::UnexpectedParameter, { 200 }, 0);
    row("form-posted error wins", { QStringLiteral("error=access_denied&error_description=no&state={state}&iss={iss}&code=c1") },
        ErrorCode::AuthorizationDenied, { 200 }, 0);
    row("wrong state is not consumed, then the right one", { QStringLiteral("code=c1&state=wrong&iss={iss}&id_token={idt}"), valid },
        ErrorCode::NoError, { 400, 200 }, 1);
    row("GET with the response in the query is refused, then the POST", { QString(QLatin1String("GET ") + valid), valid },
        ErrorCode::NoError, { 405, 200 }, 1);
    row("repeated id_token is not consumed, then the right one", { QString(valid + QLatin1String("&id_token={idt}")), valid },
        ErrorCode::NoError, { 400, 200 }, 1);
}

void tst_AuthorizationCodeFlow::hybrid()
{
    QFETCH(QStringList, callbacks);
    QFETCH(bool, detached);
    QFETCH(QString, tokenSubject);
    QFETCH(ErrorCode, expected);
    QFETCH(QList<int>, statuses);
    QFETCH(int, tokenRequests);
    setUpServer(obj({ { "response_types_supported", A({ "code", "code id_token" }) } }));
    m_tokenSubject = tokenSubject;
    AuthorizationCodeFlow *flow = newFlow();
    QSignalSpy typeChanged(flow, &AuthorizationCodeFlow::responseTypeChanged);
    flow->setResponseType(AuthorizationCodeFlow::ResponseType::CodeIdToken);
    flow->setResponseType(AuthorizationCodeFlow::ResponseType::CodeIdToken);
    QCOMPARE(typeChanged.count(), 1);
    flow->setDetachedSignature(detached);
    m_formPost = true;
    scriptCallbacks(flow, callbacks);
    flow->start();
    finishAndCheckOneSignal(flow);
    QTRY_COMPARE_WITH_TIMEOUT(m_callbackStatuses.size(), callbacks.size(), 10000);
    QCOMPARE(m_callbackStatuses, statuses);
    const QUrlQuery query(m_opened.first());
    QCOMPARE(query.queryItemValue(QStringLiteral("response_type"), QUrl::FullyDecoded), QStringLiteral("code id_token"));
    QCOMPARE(query.queryItemValue(QStringLiteral("response_mode")), QStringLiteral("form_post"));
    QVERIFY(!query.queryItemValue(QStringLiteral("nonce")).isEmpty());
    QCOMPARE(query.queryItemValue(QStringLiteral("code_challenge_method")), QStringLiteral("S256")); // PKCE as well
    QCOMPARE(m_server->requestCount(QStringLiteral("/token")), tokenRequests);
    QVERIFY(!flow->redirectHandler()->isActive());
    QVERIFY(!qobject_cast<LoopbackListener *>(flow->redirectHandler())->isFormPost()); // restored after the attempt
    if (expected == ErrorCode::NoError) {
        QCOMPARE(m_granted->count(), 1);
        QCOMPARE(m_server->requests(QStringLiteral("/token")).first().formValue(QStringLiteral("code")), QStringLiteral("c1"));
        QCOMPARE(flow->tokens().idTokenClaims().value(QLatin1String("sub")).toString(), QStringLiteral("alice"));
        QCOMPARE(m_statuses, (QList<Status>{ Status::Requesting, Status::AwaitingUser, Status::Requesting, Status::Granted }));
    } else {
        QCOMPARE(m_failed->count(), 1);
        const Error e = m_failed->first().first().value<Error>();
        QCOMPARE(e.code(), expected);
        QCOMPARE(flow->status(), Status::Failed);
        // Nothing secret in the message: no code, state, nonce or token.
        QVERIFY(!e.errorString().contains(m_state));
        QVERIFY(!e.detail().contains(m_state));
        QVERIFY(!e.detail().contains(QLatin1String("eyJ")));
        if (expected == ErrorCode::AuthorizationDenied) {
            QCOMPARE(e.oauthError(), QStringLiteral("access_denied"));
            QCOMPARE(e.category(), ErrorCategory::Server);
        }
    }
}

void tst_AuthorizationCodeFlow::hybridConfiguration_data()
{
    QTest::addColumn<QString>("setting");
    QTest::addColumn<ErrorCode>("expected");
    QTest::newRow("no openid scope") << QStringLiteral("scope") << ErrorCode::InvalidConfiguration;
    QTest::newRow("with JARM") << QStringLiteral("jarm") << ErrorCode::InvalidConfiguration;
    QTest::newRow("custom URI scheme handler") << QStringLiteral("handler") << ErrorCode::InvalidConfiguration;
    QTest::newRow("FAPI 2.0 profile") << QStringLiteral("profile") << ErrorCode::ProfileViolation;
}

void tst_AuthorizationCodeFlow::hybridConfiguration()
{
    QFETCH(QString, setting);
    QFETCH(ErrorCode, expected);
    AuthorizationCodeFlow *flow = newFlow();
    flow->setResponseType(AuthorizationCodeFlow::ResponseType::CodeIdToken);
    UriSchemeHandler handler(QUrl(QStringLiteral("com.example.app:/callback")));
    if (setting == QLatin1String("scope"))
        flow->setScope(QStringLiteral("profile"));
    else if (setting == QLatin1String("jarm"))
        flow->setJarm(true);
    else if (setting == QLatin1String("handler"))
        flow->setRedirectHandler(&handler);
    else if (setting == QLatin1String("profile"))
        flow->client()->setProfile(Client::Profile::Fapi2Security);
    scriptCallbacks(flow, {});
    flow->start();
    finishAndCheckOneSignal(flow);
    const Error e = m_failed->first().first().value<Error>();
    QCOMPARE(e.code(), expected);
    QVERIFY2(e.detail().contains(QLatin1String("AuthorizationCodeFlow::")), qPrintable(e.detail())); // names the setting
    if (setting != QLatin1String("profile"))
        QVERIFY(e.detail().contains(QLatin1String("code id_token")));
    QCOMPARE(m_server->requestCount(QStringLiteral("/.well-known/openid-configuration")), 0); // before any request
    QCOMPARE(m_opened.size(), 0);
    // Back to "code": the same flow signs in.
    if (setting == QLatin1String("handler"))
        flow->setRedirectHandler(nullptr);
    if (setting == QLatin1String("profile"))
        return; // the profile has requirements of its own (PAR, DPoP, ...)
    flow->setResponseType(AuthorizationCodeFlow::ResponseType::Code);
    flow->setJarm(false);
    flow->setScope(QStringLiteral("openid"));
    m_failed->clear();
    scriptCallbacks(flow, { QStringLiteral("code=c1&state={state}&iss={iss}") });
    flow->start();
    QTRY_COMPARE_WITH_TIMEOUT(m_granted->count(), 1, 15000);
}

void tst_AuthorizationCodeFlow::hybridWithOwnLoopbackListener()
{
    // An application's own LoopbackListener: form_post for the attempt, its setting restored after.
    LoopbackListener listener;
    listener.setHeaderTimeout(5000);
    AuthorizationCodeFlow *flow = newFlow();
    flow->setRedirectHandler(&listener);
    flow->setResponseType(AuthorizationCodeFlow::ResponseType::CodeIdToken);
    QSignalSpy formPostChanged(&listener, &LoopbackListener::formPostChanged);
    m_formPost = true;
    scriptCallbacks(flow, { QStringLiteral("code=c1&state={state}&iss={iss}&id_token={idt}") });
    flow->start();
    finishAndCheckOneSignal(flow);
    QCOMPARE(m_granted->count(), 1);
    QCOMPARE(formPostChanged.count(), 2); // on for the attempt, off again
    QVERIFY(!listener.isFormPost());
}

void tst_AuthorizationCodeFlow::hybridEndedMidway_data()
{
    QTest::addColumn<QString>("stage");
    QTest::addColumn<bool>("deleteFlow"); // else cancel()
    for (const char *stage : { "ID Token validation, JWKS fetch pending", "exchanging" }) {
        QTest::addRow("%s, delete", stage) << QString::fromLatin1(stage) << true;
        QTest::addRow("%s, cancel", stage) << QString::fromLatin1(stage) << false;
    }
}

// A hybrid response's ID Token is validated before the code is redeemed, and that may wait for
// the JWKS. Deleting the flow there (or during the exchange) ends it silently: no signal, no
// callback into the freed flow, no code redeemed; cancel() ends it with one failed(Cancelled).
void tst_AuthorizationCodeFlow::hybridEndedMidway()
{
    QFETCH(QString, stage);
    QFETCH(bool, deleteFlow);
    const bool jwksPending = stage.startsWith(QLatin1String("ID Token"));
    setUpServer(obj({ { "response_types_supported", A({ "code", "code id_token" }) } }));
    if (jwksPending)
        m_server->on(QStringLiteral("/jwks"), Response::neverAnswer());
    else
        m_server->on(QStringLiteral("/token"), Response::neverAnswer());
    AuthorizationCodeFlow *flow = newFlow();
    flow->setResponseType(AuthorizationCodeFlow::ResponseType::CodeIdToken);
    m_formPost = true;
    scriptCallbacks(flow, { QStringLiteral("code=c1&state={state}&iss={iss}&id_token={idt}") });
    int callbacks = 0;
    connect(flow, &AuthorizationCodeFlow::granted, this, [&callbacks] { ++callbacks; });
    connect(flow, &AuthorizationCodeFlow::failed, this, [&callbacks] { ++callbacks; });
    flow->start();
    const QString waitedFor = jwksPending ? QStringLiteral("/jwks") : QStringLiteral("/token");
    QTRY_VERIFY_WITH_TIMEOUT(m_server->requestCount(waitedFor) > 0, 10000);
    // The response is validated while the status still says the browser is out (as for JARM).
    QCOMPARE(flow->status(), jwksPending ? AuthorizationCodeFlow::Status::AwaitingUser : AuthorizationCodeFlow::Status::Requesting);
    QCOMPARE(callbacks, 0);
    if (deleteFlow) {
        m_flow.reset();
    } else {
        flow->cancel();
        QCOMPARE(callbacks, 1);
        QCOMPARE(m_failed->count(), 1);
        QCOMPARE(flow->error().code(), ErrorCode::Cancelled);
    }
    QTest::qWait(300); // anything queued, timed or on the wire comes in
    QCOMPARE(callbacks, deleteFlow ? 0 : 1);
    QCOMPARE(m_granted->count(), 0);
    QCOMPARE(m_failed->count(), deleteFlow ? 0 : 1);
    // While the JWKS was pending the code was never redeemed; the exchange was sent once.
    QCOMPARE(m_server->requestCount(QStringLiteral("/token")), jwksPending ? 0 : 1);
    if (!deleteFlow) {
        QCOMPARE(flow->status(), AuthorizationCodeFlow::Status::Cancelled);
        QVERIFY(!flow->redirectHandler()->isActive());
    }
}

QTEST_GUILESS_MAIN(tst_AuthorizationCodeFlow)
#include "tst_authorizationcodeflow.moc"

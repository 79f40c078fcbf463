// SPDX-License-Identifier: BSD-3-Clause
// Section C of the security checklist: token endpoint response processing.
#include "protocol/endpoints_p.h"

#include <QtTest/QtTest>

using namespace OAuth4Qt;

Q_DECLARE_METATYPE(OAuth4Qt::ErrorCode)

namespace {
HttpResponse response(int status, const QByteArray &body, const QByteArray &contentType = "application/json",
                      const HeaderList &extra = {})
{
    HttpResponse r;
    r.status = status;
    r.body = body;
    if (!contentType.isEmpty())
        r.headers.append({ "Content-Type", contentType });
    r.headers += extra;
    return r;
}
} // namespace

class tst_TokenEndpoint : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void process_data();
    void process();
    void expiry_data();
    void expiry();
    void scope();
    void oauthErrors_data();
    void oauthErrors();
    void idTokenRequired();
    void tokenExchange();
    void dpopBinding();
    void unknownMembersKept();
    void requestBuilding();
};

void tst_TokenEndpoint::process_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<ErrorCode>("expected");

    const QByteArray ok = R"({"access_token":"at","token_type":"Bearer","expires_in":3600})";
    QTest::newRow("valid") << 200 << ok << QByteArray("application/json") << ErrorCode::NoError;
    QTest::newRow("K5 content type case and charset") << 200 << ok << QByteArray("Application/JSON; charset=utf-8") << ErrorCode::NoError;
    QTest::newRow("K5 html") << 200 << ok << QByteArray("text/html") << ErrorCode::InvalidContentType;
    QTest::newRow("no content type") << 200 << ok << QByteArray() << ErrorCode::InvalidContentType;
    // C4
    QTest::newRow("C4 array") << 200 << QByteArray("[]") << QByteArray("application/json") << ErrorCode::InvalidJson;
    QTest::newRow("C4 null") << 200 << QByteArray("null") << QByteArray("application/json") << ErrorCode::InvalidJson;
    QTest::newRow("C4 string") << 200 << QByteArray("\"x\"") << QByteArray("application/json") << ErrorCode::InvalidJson;
    QTest::newRow("C4 truncated") << 200 << QByteArray("{\"access_token\":") << QByteArray("application/json") << ErrorCode::InvalidJson;
    QTest::newRow("K6 trailing garbage") << 200 << ok + "x" << QByteArray("application/json") << ErrorCode::InvalidJson;
    QTest::newRow("K6 single quotes") << 200 << QByteArray("{'access_token':'a'}") << QByteArray("application/json") << ErrorCode::InvalidJson;
    QTest::newRow("K6 comment") << 200 << QByteArray("{/*c*/\"access_token\":\"a\",\"token_type\":\"Bearer\"}") << QByteArray("application/json") << ErrorCode::InvalidJson;
    QTest::newRow("K6 NaN") << 200 << QByteArray(R"({"access_token":"a","token_type":"Bearer","expires_in":NaN})") << QByteArray("application/json") << ErrorCode::InvalidJson;
    QTest::newRow("K6 BOM") << 200 << QByteArray("\xEF\xBB\xBF") + ok << QByteArray("application/json") << ErrorCode::InvalidJson;
    QTest::newRow("K7 1e309") << 200 << QByteArray(R"({"access_token":"a","token_type":"Bearer","expires_in":1e309})") << QByteArray("application/json") << ErrorCode::InvalidJson;
    QTest::newRow("A14 duplicate keys") << 200 << QByteArray(R"({"access_token":"a","access_token":"b","token_type":"Bearer"})") << QByteArray("application/json") << ErrorCode::InvalidJson;
    // C5
    QTest::newRow("C5 missing access_token") << 200 << QByteArray(R"({"token_type":"Bearer"})") << QByteArray("application/json") << ErrorCode::MissingMember;
    QTest::newRow("C5 empty access_token") << 200 << QByteArray(R"({"access_token":"","token_type":"Bearer"})") << QByteArray("application/json") << ErrorCode::InvalidMember;
    QTest::newRow("C5 numeric access_token") << 200 << QByteArray(R"({"access_token":42,"token_type":"Bearer"})") << QByteArray("application/json") << ErrorCode::InvalidMember;
    QTest::newRow("C5 null access_token") << 200 << QByteArray(R"({"access_token":null,"token_type":"Bearer"})") << QByteArray("application/json") << ErrorCode::InvalidMember;
    // C6
    QTest::newRow("C6 missing token_type") << 200 << QByteArray(R"({"access_token":"a"})") << QByteArray("application/json") << ErrorCode::MissingMember;
    QTest::newRow("C6 bEARER") << 200 << QByteArray(R"({"access_token":"a","token_type":"bEARER"})") << QByteArray("application/json") << ErrorCode::NoError;
    QTest::newRow("C6 mac") << 200 << QByteArray(R"({"access_token":"a","token_type":"mac"})") << QByteArray("application/json") << ErrorCode::UnsupportedTokenType;
    QTest::newRow("C6 N_A outside token exchange") << 200 << QByteArray(R"({"access_token":"a","token_type":"N_A"})") << QByteArray("application/json") << ErrorCode::UnsupportedTokenType;
    QTest::newRow("C6 token_type number") << 200 << QByteArray(R"({"access_token":"a","token_type":1})") << QByteArray("application/json") << ErrorCode::InvalidMember;
    // C8
    QTest::newRow("C8 scope number") << 200 << QByteArray(R"({"access_token":"a","token_type":"Bearer","scope":1})") << QByteArray("application/json") << ErrorCode::InvalidMember;
    QTest::newRow("C8 scope empty") << 200 << QByteArray(R"({"access_token":"a","token_type":"Bearer","scope":""})") << QByteArray("application/json") << ErrorCode::NoError;
    // C9
    QTest::newRow("C9 refresh null") << 200 << QByteArray(R"({"access_token":"a","token_type":"Bearer","refresh_token":null})") << QByteArray("application/json") << ErrorCode::InvalidMember;
    QTest::newRow("C9 refresh empty") << 200 << QByteArray(R"({"access_token":"a","token_type":"Bearer","refresh_token":""})") << QByteArray("application/json") << ErrorCode::InvalidMember;
    QTest::newRow("C9 refresh number") << 200 << QByteArray(R"({"access_token":"a","token_type":"Bearer","refresh_token":5})") << QByteArray("application/json") << ErrorCode::InvalidMember;
    // C10
    QTest::newRow("C10 id_token number") << 200 << QByteArray(R"({"access_token":"a","token_type":"Bearer","id_token":5})") << QByteArray("application/json") << ErrorCode::InvalidMember;
    // C12 WWW-Authenticate on 200 is ignored: covered in oauthErrors
    // C2 / C3
    QTest::newRow("C3 500 html") << 500 << QByteArray("<html>oops</html>") << QByteArray("text/html") << ErrorCode::UnexpectedStatus;
    QTest::newRow("C2 400 html") << 400 << QByteArray("<html>bad</html>") << QByteArray("text/html") << ErrorCode::UnexpectedStatus;
    QTest::newRow("C2 400 json without error") << 400 << QByteArray(R"({"message":"bad"})") << QByteArray("application/json") << ErrorCode::UnexpectedStatus;
    QTest::newRow("C2 400 json error not a string") << 400 << QByteArray(R"({"error":5})") << QByteArray("application/json") << ErrorCode::UnexpectedStatus;
    QTest::newRow("201 instead of 200") << 201 << ok << QByteArray("application/json") << ErrorCode::UnexpectedStatus;
    QTest::newRow("204") << 204 << QByteArray() << QByteArray() << ErrorCode::UnexpectedStatus;
}

void tst_TokenEndpoint::process()
{
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, contentType);
    QFETCH(ErrorCode, expected);

    TokenExpectations expectations;
    expectations.grantType = GrantType::clientCredentials();
    Error error;
    const TokenResponse tokens = processTokenResponse(response(status, body, contentType), expectations, &error);
    QCOMPARE(error.code(), expected);
    if (expected == ErrorCode::NoError) {
        QVERIFY(!tokens.isNull());
        QCOMPARE(tokens.tokenType(), QStringLiteral("Bearer"));
    } else {
        QVERIFY(tokens.isNull());
        QVERIFY(!error.errorString().isEmpty());
        // Error strings never echo the token values.
        QVERIFY(!error.errorString().contains(QLatin1String("\"at\"")));
    }
}

void tst_TokenEndpoint::expiry_data()
{
    QTest::addColumn<QByteArray>("expiresIn");
    QTest::addColumn<ErrorCode>("expected");
    QTest::addColumn<qint64>("seconds");

    QTest::newRow("absent") << QByteArray() << ErrorCode::NoError << qint64(-1);
    QTest::newRow("3600") << QByteArray("3600") << ErrorCode::NoError << qint64(3600);
    QTest::newRow("string 3600 (policy: accepted)") << QByteArray("\"3600\"") << ErrorCode::NoError << qint64(3600);
    QTest::newRow("0 is expired") << QByteArray("0") << ErrorCode::NoError << qint64(0);
    const qint64 tenYears = qint64(10) * 365 * 24 * 3600;
    QTest::newRow("1e9 clamped to ten years") << QByteArray("1000000000") << ErrorCode::NoError << tenYears;
    QTest::newRow("K7 2^53 - 1 clamped") << QByteArray("9007199254740991") << ErrorCode::NoError << tenYears;
    QTest::newRow("K7 string 2^53 - 1 clamped") << QByteArray("\"9007199254740991\"") << ErrorCode::NoError << tenYears;
    // Policy: any positive finite lifetime above the cap is clamped to the cap, however large
    // (a server's nonsense lifetime must not lock users out); 2^53 + 1 (rounded by the parser)
    // is far above the cap, so its exact value does not matter.
    QTest::newRow("K7 2^53 + 1 clamped") << QByteArray("9007199254740993") << ErrorCode::NoError << tenYears;
    QTest::newRow("K7 string 2^53 + 1 clamped") << QByteArray("\"9007199254740993\"") << ErrorCode::NoError << tenYears;
    QTest::newRow("1e300 clamped") << QByteArray("1e300") << ErrorCode::NoError << tenYears;
    QTest::newRow("1.7e308 clamped") << QByteArray("1.7e308") << ErrorCode::NoError << tenYears;
    QTest::newRow("string of 40 digits clamped") << QByteArray("\"" + QByteArray(40, '9') + "\"") << ErrorCode::NoError << tenYears;
    QTest::newRow("fraction above the cap clamped") << QByteArray("400000000.5") << ErrorCode::NoError << tenYears;
    QTest::newRow("string of 400 digits (not finite)") << QByteArray("\"" + QByteArray(400, '9') + "\"") << ErrorCode::InvalidMember << qint64(0);
    QTest::newRow("-1e300") << QByteArray("-1e300") << ErrorCode::InvalidMember << qint64(0);
    QTest::newRow("negative") << QByteArray("-1") << ErrorCode::InvalidMember << qint64(0);
    QTest::newRow("fraction") << QByteArray("1.5") << ErrorCode::InvalidMember << qint64(0);
    QTest::newRow("soon") << QByteArray("\"soon\"") << ErrorCode::InvalidMember << qint64(0);
    QTest::newRow("string negative") << QByteArray("\"-5\"") << ErrorCode::InvalidMember << qint64(0);
    QTest::newRow("true") << QByteArray("true") << ErrorCode::InvalidMember << qint64(0);
    QTest::newRow("object") << QByteArray("{}") << ErrorCode::InvalidMember << qint64(0);
    QTest::newRow("null") << QByteArray("null") << ErrorCode::InvalidMember << qint64(0);
}

void tst_TokenEndpoint::expiry()
{
    QFETCH(QByteArray, expiresIn);
    QFETCH(ErrorCode, expected);
    QFETCH(qint64, seconds);

    QByteArray body = R"({"access_token":"a","token_type":"Bearer")";
    if (!expiresIn.isEmpty())
        body += ",\"expires_in\":" + expiresIn;
    body += '}';
    TokenExpectations expectations;
    expectations.receivedAt = QDateTime(QDate(2026, 1, 1), QTime(0, 0), QTimeZone::utc()).toUTC();
    Error error;
    const TokenResponse tokens = processTokenResponse(response(200, body), expectations, &error);
    QCOMPARE(error.code(), expected);
    if (expected != ErrorCode::NoError)
        return;
    QCOMPARE(tokens.expiresIn(), seconds);
    if (seconds < 0) {
        QVERIFY(!tokens.expiresAt().isValid());
        QVERIFY(!tokens.isExpired(expectations.receivedAt));
    } else {
        QCOMPARE(tokens.expiresAt(), expectations.receivedAt.addSecs(seconds));
        QCOMPARE(tokens.expiresAt().timeSpec(), Qt::UTC);
        QCOMPARE(tokens.isExpired(expectations.receivedAt), seconds == 0);
    }
}

void tst_TokenEndpoint::scope()
{
    TokenExpectations expectations;
    expectations.requestedScope = QStringLiteral("api:read");
    Error error;
    // C8: absent -> the requested scope
    TokenResponse tokens = processTokenResponse(response(200, R"({"access_token":"a","token_type":"Bearer"})"), expectations, &error);
    QVERIFY(!error);
    QCOMPARE(tokens.scope(), QStringLiteral("api:read"));
    tokens = processTokenResponse(response(200, R"({"access_token":"a","token_type":"Bearer","scope":"x y"})"), expectations, &error);
    QVERIFY(!error);
    QCOMPARE(tokens.scope(), QStringLiteral("x y"));
    QVERIFY(scopeContains(QStringLiteral("openid  profile"), QStringLiteral("profile")));
    QVERIFY(!scopeContains(QStringLiteral("openidx"), QStringLiteral("openid")));
}

void tst_TokenEndpoint::oauthErrors_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("wwwAuthenticate");
    QTest::addColumn<ErrorCode>("code");
    QTest::addColumn<QString>("oauthError");
    QTest::addColumn<QString>("challengeScheme");

    QTest::newRow("C1 invalid_grant") << 400 << QByteArray(R"({"error":"invalid_grant","error_description":"expired"})") << QByteArray() << ErrorCode::OAuthError << QStringLiteral("invalid_grant") << QString();
    QTest::newRow("C1 401 Basic challenge") << 401 << QByteArray(R"({"error":"invalid_client"})") << QByteArray(R"(Basic realm="token")") << ErrorCode::AuthenticationChallenge << QStringLiteral("invalid_client") << QStringLiteral("Basic");
    QTest::newRow("401 json without challenge") << 401 << QByteArray(R"({"error":"invalid_client"})") << QByteArray() << ErrorCode::OAuthError << QStringLiteral("invalid_client") << QString();
    QTest::newRow("429 without body") << 429 << QByteArray() << QByteArray() << ErrorCode::RateLimited << QString() << QString();
    QTest::newRow("503 json error") << 503 << QByteArray(R"({"error":"temporarily_unavailable"})") << QByteArray() << ErrorCode::OAuthError << QStringLiteral("temporarily_unavailable") << QString();
}

void tst_TokenEndpoint::oauthErrors()
{
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, wwwAuthenticate);
    QFETCH(ErrorCode, code);
    QFETCH(QString, oauthError);
    QFETCH(QString, challengeScheme);

    HeaderList extra;
    if (!wwwAuthenticate.isEmpty())
        extra.append({ "WWW-Authenticate", wwwAuthenticate });
    extra.append({ QByteArray("Retry-After"), QByteArray("7") });
    Error error;
    processTokenResponse(response(status, body, "application/json", extra), TokenExpectations(), &error);
    QCOMPARE(error.code(), code);
    QCOMPARE(error.httpStatus(), status);
    QCOMPARE(error.oauthError(), oauthError);
    QCOMPARE(error.challengeScheme(), challengeScheme);
    QCOMPARE(error.category(), code == ErrorCode::RateLimited ? ErrorCategory::Transport : ErrorCategory::Server);
    if (status == 400)
        QCOMPARE(error.oauthErrorDescription(), QStringLiteral("expired"));
    if (status == 429 || status == 503)
        QCOMPARE(error.retryAfter(), 7);

    // C12: a WWW-Authenticate header on a 200 does not matter.
    Error ok;
    processTokenResponse(response(200, R"({"access_token":"a","token_type":"Bearer"})", "application/json",
                                  { { "WWW-Authenticate", "Bearer error=\"invalid_token\"" } }),
                         TokenExpectations(), &ok);
    QVERIFY(!ok);
}

void tst_TokenEndpoint::idTokenRequired()
{
    TokenExpectations expectations;
    expectations.idTokenRequired = true;
    Error error;
    processTokenResponse(response(200, R"({"access_token":"a","token_type":"Bearer"})"), expectations, &error);
    QCOMPARE(error.code(), ErrorCode::MissingMember); // C10
    const TokenResponse tokens = processTokenResponse(
        response(200, R"({"access_token":"a","token_type":"Bearer","id_token":"x.y.z"})"), expectations, &error);
    QVERIFY(!error);
    QCOMPARE(tokens.idToken(), QStringLiteral("x.y.z"));
}

void tst_TokenEndpoint::tokenExchange()
{
    TokenExpectations expectations;
    expectations.grantType = GrantType::tokenExchange();
    Error error;
    // C14
    processTokenResponse(response(200, R"({"access_token":"a","token_type":"N_A"})"), expectations, &error);
    QCOMPARE(error.code(), ErrorCode::MissingMember);
    const TokenResponse tokens = processTokenResponse(
        response(200, R"({"access_token":"a","token_type":"N_A","issued_token_type":"urn:ietf:params:oauth:token-type:jwt"})"),
        expectations, &error);
    QVERIFY(!error);
    QCOMPARE(tokens.tokenType(), QStringLiteral("N_A"));
    QCOMPARE(tokens.issuedTokenType(), QStringLiteral("urn:ietf:params:oauth:token-type:jwt"));
}

void tst_TokenEndpoint::dpopBinding()
{
    Error error;
    TokenExpectations expectations;
    // G8: a DPoP token without a proof
    processTokenResponse(response(200, R"({"access_token":"a","token_type":"DPoP"})"), expectations, &error);
    QCOMPARE(error.code(), ErrorCode::DPoPBindingMismatch);
    // with a proof: dPoP accepted, case-insensitively
    expectations.dpopProofSent = true;
    const TokenResponse tokens = processTokenResponse(response(200, R"({"access_token":"a","token_type":"dPoP"})"), expectations, &error);
    QVERIFY(!error);
    QVERIFY(tokens.isDPoPBound());
    // proof sent, Bearer back, DPoP required
    expectations.dpopRequired = true;
    processTokenResponse(response(200, R"({"access_token":"a","token_type":"Bearer"})"), expectations, &error);
    QCOMPARE(error.code(), ErrorCode::DPoPBindingMismatch);
}

void tst_TokenEndpoint::unknownMembersKept()
{
    Error error;
    const TokenResponse tokens = processTokenResponse(
        response(200, R"({"access_token":"a","token_type":"Bearer","x-custom":{"n":1},"refresh_token":"r"})"),
        TokenExpectations(), &error);
    QVERIFY(!error); // C11
    QCOMPARE(tokens.toJson().value(QLatin1String("x-custom")).toObject().value(QLatin1String("n")).toInt(), 1);
    QCOMPARE(tokens.refreshToken(), QStringLiteral("r"));
}

void tst_TokenEndpoint::requestBuilding()
{
    EndpointContext context;
    Error error;
    context.metadata = ServerMetadata::fromJson(
        QJsonObject{ { QStringLiteral("issuer"), QStringLiteral("https://as.example") },
                     { QStringLiteral("token_endpoint"), QStringLiteral("https://as.example/token?x=1") } },
        QUrl(QStringLiteral("https://as.example")), false, &error);
    QVERIFY(!error);
    context.client = ClientConfig(QStringLiteral("app"));
    const HttpRequest request = buildTokenRequest(
        GrantType::clientCredentials(),
        { { QStringLiteral("scope"), QStringLiteral("a b") },
          { QStringLiteral("resource"), QStringLiteral("https://r1.example/") },
          { QStringLiteral("resource"), QStringLiteral("https://r2.example/") } },
        context, &error);
    QVERIFY(!error);
    QCOMPARE(request.method, QByteArray("POST"));
    QCOMPARE(request.url.toString(), QStringLiteral("https://as.example/token?x=1")); // A7: query kept
    QCOMPARE(request.body, QByteArray("grant_type=client_credentials&scope=a+b&resource=https%3A%2F%2Fr1.example%2F"
                                      "&resource=https%3A%2F%2Fr2.example%2F&client_id=app"));
    // The library sets grant_type and assertions itself.
    buildTokenRequest(GrantType::clientCredentials(), { { QStringLiteral("grant_type"), QStringLiteral("x") } }, context, &error);
    QCOMPARE(error.code(), ErrorCode::InvalidArgument);
    // A8: no token endpoint -> usage error before any request
    context.metadata = ServerMetadata::fromJson(QJsonObject{ { QStringLiteral("issuer"), QStringLiteral("https://as.example") } });
    buildTokenRequest(GrantType::clientCredentials(), {}, context, &error);
    QCOMPARE(error.code(), ErrorCode::MissingEndpoint);
    QCOMPARE(error.category(), ErrorCategory::Usage);
}

QTEST_GUILESS_MAIN(tst_TokenEndpoint)
#include "tst_tokenendpoint.moc"

// SPDX-License-Identifier: BSD-3-Clause
// Section A of the security checklist: discovery and metadata validation (processor level).
#include "protocol/endpoints_p.h"

#include <QtTest/QtTest>

using namespace OAuth4Qt;

Q_DECLARE_METATYPE(OAuth4Qt::ErrorCode)

namespace {
HttpResponse response(int status, const QByteArray &body, const QByteArray &contentType = "application/json")
{
    HttpResponse r;
    r.status = status;
    r.body = body;
    if (!contentType.isEmpty())
        r.headers.append({ "Content-Type", contentType });
    return r;
}
} // namespace

class tst_Discovery : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void wellKnownUrl_data();
    void wellKnownUrl();
    void metadata_data();
    void metadata();
    void statusAndBody_data();
    void statusAndBody();
    void accessors();
    void insecureHttpOptIn();
};

void tst_Discovery::wellKnownUrl_data()
{
    QTest::addColumn<QString>("issuer");
    QTest::addColumn<bool>("oidc");
    QTest::addColumn<QString>("expected");

    // A16: OIDC appends, RFC 8414 inserts after the host
    QTest::newRow("oidc no path") << "https://as.example" << true << "https://as.example/.well-known/openid-configuration";
    QTest::newRow("oidc trailing slash") << "https://as.example/" << true << "https://as.example/.well-known/openid-configuration";
    QTest::newRow("oidc path") << "https://as.example/realms/x" << true << "https://as.example/realms/x/.well-known/openid-configuration";
    QTest::newRow("oauth2 no path") << "https://as.example" << false << "https://as.example/.well-known/oauth-authorization-server";
    QTest::newRow("oauth2 path") << "https://as.example/realms/x" << false << "https://as.example/.well-known/oauth-authorization-server/realms/x";
    QTest::newRow("port kept") << "http://127.0.0.1:8080/t" << true << "http://127.0.0.1:8080/t/.well-known/openid-configuration";
}

void tst_Discovery::wellKnownUrl()
{
    QFETCH(QString, issuer);
    QFETCH(bool, oidc);
    QFETCH(QString, expected);
    Error error;
    const QUrl url = discoveryUrl(QUrl(issuer), oidc ? DiscoveryKind::OpenIdConnect : DiscoveryKind::OAuth2, &error);
    QVERIFY(!error);
    QCOMPARE(url.toString(), expected);

    discoveryUrl(QUrl(QStringLiteral("https://as.example/?q=1")), DiscoveryKind::OpenIdConnect, &error);
    QCOMPARE(error.code(), ErrorCode::InvalidArgument);
    discoveryUrl(QUrl(QStringLiteral("/relative")), DiscoveryKind::OpenIdConnect, &error);
    QCOMPARE(error.code(), ErrorCode::InvalidArgument);
}

void tst_Discovery::metadata_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<ErrorCode>("expected");

    const QByteArray tail = R"(,"token_endpoint":"https://as.example/token"})";
    QTest::newRow("valid") << QByteArray(R"({"issuer":"https://as.example")") + tail << ErrorCode::NoError;
    // A1
    QTest::newRow("A1 extra char") << QByteArray(R"({"issuer":"https://as.examplex")") + tail << ErrorCode::IssuerMismatch;
    QTest::newRow("A1 trailing slash") << QByteArray(R"({"issuer":"https://as.example/")") + tail << ErrorCode::IssuerMismatch;
    QTest::newRow("A1 host case") << QByteArray(R"({"issuer":"https://AS.example")") + tail << ErrorCode::IssuerMismatch;
    QTest::newRow("A1 http") << QByteArray(R"({"issuer":"http://as.example")") + tail << ErrorCode::InvalidMember;
    QTest::newRow("A1 explicit port") << QByteArray(R"({"issuer":"https://as.example:443")") + tail << ErrorCode::IssuerMismatch;
    // A2
    QTest::newRow("A2 missing") << QByteArray(R"({"token_endpoint":"https://as.example/token"})") << ErrorCode::MissingMember;
    QTest::newRow("A2 empty") << QByteArray(R"({"issuer":""})") << ErrorCode::InvalidMember;
    QTest::newRow("A2 number") << QByteArray(R"({"issuer":5})") << ErrorCode::InvalidMember;
    QTest::newRow("A2 null") << QByteArray(R"({"issuer":null})") << ErrorCode::InvalidMember;
    // A6
    QTest::newRow("A6 http endpoint") << QByteArray(R"({"issuer":"https://as.example","token_endpoint":"http://as.example/token"})") << ErrorCode::InvalidMember;
    QTest::newRow("A6 file") << QByteArray(R"({"issuer":"https://as.example","authorization_endpoint":"file:///etc/passwd"})") << ErrorCode::InvalidMember;
    QTest::newRow("A6 javascript") << QByteArray(R"({"issuer":"https://as.example","authorization_endpoint":"javascript:alert(1)"})") << ErrorCode::InvalidMember;
    QTest::newRow("A6 data") << QByteArray(R"({"issuer":"https://as.example","authorization_endpoint":"data:text/html,x"})") << ErrorCode::InvalidMember;
    QTest::newRow("A6 custom scheme") << QByteArray(R"({"issuer":"https://as.example","authorization_endpoint":"myapp://x"})") << ErrorCode::InvalidMember;
    QTest::newRow("A6 relative") << QByteArray(R"({"issuer":"https://as.example","token_endpoint":"/token"})") << ErrorCode::InvalidMember;
    // A7
    QTest::newRow("A7 fragment") << QByteArray(R"({"issuer":"https://as.example","token_endpoint":"https://as.example/token#x"})") << ErrorCode::InvalidMember;
    QTest::newRow("A7 query kept") << QByteArray(R"({"issuer":"https://as.example","token_endpoint":"https://as.example/token?a=b"})") << ErrorCode::NoError;
    QTest::newRow("user info") << QByteArray(R"({"issuer":"https://as.example","token_endpoint":"https://u:p@as.example/token"})") << ErrorCode::InvalidMember;
    // A9
    QTest::newRow("A9 token_endpoint 42") << QByteArray(R"({"issuer":"https://as.example","token_endpoint":42})") << ErrorCode::InvalidMember;
    QTest::newRow("A9 list not array") << QByteArray(R"({"issuer":"https://as.example","scopes_supported":"openid"})") << ErrorCode::InvalidMember;
    QTest::newRow("A9 list of numbers") << QByteArray(R"({"issuer":"https://as.example","grant_types_supported":[1]})") << ErrorCode::InvalidMember;
    QTest::newRow("A9 bool as string") << QByteArray(R"({"issuer":"https://as.example","require_pushed_authorization_requests":"true"})") << ErrorCode::InvalidMember;
    QTest::newRow("A9 unknown ignored") << QByteArray(R"({"issuer":"https://as.example","x_vendor":{"a":[1,2]}})") << ErrorCode::NoError;
    QTest::newRow("mtls alias not url") << QByteArray(R"({"issuer":"https://as.example","mtls_endpoint_aliases":{"token_endpoint":5}})") << ErrorCode::InvalidMember;
    // A14
    QTest::newRow("A14 duplicate issuer") << QByteArray(R"({"issuer":"https://evil.example","issuer":"https://as.example"})") << ErrorCode::InvalidJson;
}

void tst_Discovery::metadata()
{
    QFETCH(QByteArray, json);
    QFETCH(ErrorCode, expected);
    Error error;
    const ServerMetadata md = processDiscoveryResponse(response(200, json), QUrl(QStringLiteral("https://as.example")),
                                                       false, &error);
    QCOMPARE(error.code(), expected);
    QCOMPARE(md.isNull(), expected != ErrorCode::NoError);
    if (expected != ErrorCode::NoError)
        QCOMPARE(error.category(), expected == ErrorCode::InvalidJson || expected == ErrorCode::InvalidMember
                         || expected == ErrorCode::MissingMember || expected == ErrorCode::IssuerMismatch
                     ? ErrorCategory::InvalidResponse
                     : ErrorCategory::Usage);
}

void tst_Discovery::statusAndBody_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<ErrorCode>("expected");
    // A3 (3xx never reaches here: the transport refuses redirects; a 3xx handed over is still refused)
    QTest::newRow("A3 404") << 404 << QByteArray("not found") << QByteArray("text/plain") << ErrorCode::UnexpectedStatus;
    QTest::newRow("A3 302") << 302 << QByteArray() << QByteArray() << ErrorCode::UnexpectedStatus;
    QTest::newRow("A3 201") << 201 << QByteArray(R"({"issuer":"https://as.example"})") << QByteArray("application/json") << ErrorCode::UnexpectedStatus;
    // A4
    QTest::newRow("A4 {") << 200 << QByteArray("{") << QByteArray("application/json") << ErrorCode::InvalidJson;
    QTest::newRow("A4 null") << 200 << QByteArray("null") << QByteArray("application/json") << ErrorCode::InvalidJson;
    QTest::newRow("A4 []") << 200 << QByteArray("[]") << QByteArray("application/json") << ErrorCode::InvalidJson;
    QTest::newRow("A4 string") << 200 << QByteArray("\"x\"") << QByteArray("application/json") << ErrorCode::InvalidJson;
    QTest::newRow("A4 empty") << 200 << QByteArray() << QByteArray("application/json") << ErrorCode::InvalidJson;
    // A5: policy — valid JSON served as text/html is refused (stricter than oauth4webapi)
    QTest::newRow("A5 text/html") << 200 << QByteArray(R"({"issuer":"https://as.example"})") << QByteArray("text/html") << ErrorCode::InvalidContentType;
    QTest::newRow("A5 +json accepted") << 200 << QByteArray(R"({"issuer":"https://as.example"})") << QByteArray("application/x+json") << ErrorCode::NoError;
}

void tst_Discovery::statusAndBody()
{
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, contentType);
    QFETCH(ErrorCode, expected);
    Error error;
    processDiscoveryResponse(response(status, body, contentType), QUrl(QStringLiteral("https://as.example")), false, &error);
    QCOMPARE(error.code(), expected);
    if (status != 200)
        QCOMPARE(error.httpStatus(), status);
}

void tst_Discovery::accessors()
{
    Error error;
    const ServerMetadata md = ServerMetadata::fromJson(
        QJsonObject{
            { QStringLiteral("issuer"), QStringLiteral("https://as.example/t") },
            { QStringLiteral("token_endpoint"), QStringLiteral("https://as.example/t/token") },
            { QStringLiteral("jwks_uri"), QStringLiteral("https://keys.example/jwks") }, // A13: used as given
            { QStringLiteral("code_challenge_methods_supported"), QJsonArray{ QStringLiteral("plain") } },
            { QStringLiteral("id_token_signing_alg_values_supported"), QJsonArray{ QStringLiteral("none"), QStringLiteral("HS256") } },
            { QStringLiteral("authorization_response_iss_parameter_supported"), true },
            { QStringLiteral("mtls_endpoint_aliases"), QJsonObject{ { QStringLiteral("token_endpoint"), QStringLiteral("https://mtls.as.example/token") } } },
        },
        QUrl(QStringLiteral("https://as.example/t")), false, &error);
    QVERIFY2(!error, qPrintable(error.errorString()));
    QCOMPARE(md.tokenEndpoint().toString(), QStringLiteral("https://as.example/t/token"));
    QCOMPARE(md.jwksUri().toString(), QStringLiteral("https://keys.example/jwks"));
    QCOMPARE(md.endpoint(QStringLiteral("token_endpoint"), true).toString(), QStringLiteral("https://mtls.as.example/token"));
    QVERIFY(md.authorizationResponseIssParameterSupported());
    QVERIFY(!md.requirePushedAuthorizationRequests());
    QVERIFY(md.requestUriParameterSupported()); // OIDC default true when absent
    QCOMPARE(md.codeChallengeMethodsSupported(), QStringList{ QStringLiteral("plain") });
    QVERIFY(md.userinfoEndpoint().isEmpty());
    QCOMPARE(md.toJson().value(QLatin1String("issuer")).toString(), QStringLiteral("https://as.example/t"));
}

void tst_Discovery::insecureHttpOptIn()
{
    const QJsonObject json{ { QStringLiteral("issuer"), QStringLiteral("http://127.0.0.1:3000") },
                            { QStringLiteral("token_endpoint"), QStringLiteral("http://127.0.0.1:3000/token") } };
    Error error;
    QVERIFY(ServerMetadata::fromJson(json, QUrl(QStringLiteral("http://127.0.0.1:3000")), false, &error).isNull());
    QCOMPARE(error.code(), ErrorCode::InvalidMember);
    QVERIFY(!ServerMetadata::fromJson(json, QUrl(QStringLiteral("http://127.0.0.1:3000")), true, &error).isNull());
    QVERIFY(!error);
    // Other schemes stay refused with the opt-in.
    QJsonObject bad = json;
    bad.insert(QStringLiteral("authorization_endpoint"), QStringLiteral("ftp://127.0.0.1/x"));
    QVERIFY(ServerMetadata::fromJson(bad, {}, true, &error).isNull());
    QCOMPARE(error.code(), ErrorCode::InvalidMember);
}

QTEST_GUILESS_MAIN(tst_Discovery)
#include "tst_discovery.moc"

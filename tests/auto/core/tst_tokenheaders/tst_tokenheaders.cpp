// SPDX-License-Identifier: BSD-3-Clause
// Tokens in headers, against in-process hostile servers:
// - a DPoP-bound token is sent to UserInfo (and every resource request) with the DPoP scheme and
//   a proof carrying ath, retried once on use_dpop_nonce, never as Bearer; a DPoP token without
//   the client's key is a usage error before any request;
// - token values are checked against their grammar: an access token (b64token), a refresh token
//   (VSCHAR) or a token type with CR/LF or other characters outside it is refused when received
//   (InvalidMember / UnsupportedTokenType, category InvalidResponse) and never reaches a header;
//   tokens the application passes in are checked before any request (usage error).
#include "testhttpserver.h"
#include "protocol/tokensyntax_p.h"
#include "waitfinished.h"

#include <oauth4qt/client.h>
#include <oauth4qt/dpop.h>
#include <oauth4qt/jws.h>

#include <QtCore/QJsonDocument>
#include <QtTest/QtTest>

using namespace OAuth4Qt;
using namespace OAuth4Qt::Test;

namespace {

QJsonObject metadataJson(const TestHttpServer &server)
{
    const QString base = server.url().toString();
    return QJsonObject{ { QStringLiteral("issuer"), base },
                        { QStringLiteral("token_endpoint"), QString(base + QLatin1String("/token")) },
                        { QStringLiteral("userinfo_endpoint"), QString(base + QLatin1String("/userinfo")) },
                        { QStringLiteral("registration_endpoint"), QString(base + QLatin1String("/register")) },
                        { QStringLiteral("jwks_uri"), QString(base + QLatin1String("/jwks")) } };
}

std::unique_ptr<Client> makeClient(const TestHttpServer &server)
{
    auto client = std::make_unique<Client>();
    client->setAllowInsecureHttp(true);
    client->setRequestTimeout(5000);
    client->setIssuer(server.url());
    client->setClientConfig(ClientConfig(QStringLiteral("app"), QStringLiteral("s3cret-value")));
    return client;
}

TokenResponse tokens(const QString &accessToken, const QString &type)
{
    TokenResponse t;
    t.setAccessToken(accessToken);
    t.setTokenType(type);
    return t;
}

QJsonObject proofClaims(const QByteArray &proof)
{
    QJsonObject claims;
    Error e;
    const JwsCompact jws = Jws::parseJwt(proof, &claims, &e);
    if (e || jws.type() != QLatin1String("dpop+jwt"))
        return {};
    return claims;
}

// Every header line any request carried, as "name: value" (names lower-cased by the server).
QStringList allHeaderLines(const TestHttpServer &server)
{
    QStringList lines;
    const auto requests = server.requests();
    for (const RecordedRequest &r : requests) {
        for (const auto &h : r.headers)
            lines.append(QString::fromLatin1(h.first + ": " + h.second));
    }
    return lines;
}

} // namespace

class tst_TokenHeaders : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void userInfoWithDPoPBoundToken();
    void userInfoDPoPNonceRetriedOnce();
    void userInfoDPoPNonceOutsideGrammarNotUsed_data();
    void userInfoDPoPNonceOutsideGrammarNotUsed();
    void userInfoDPoPWithoutKeyIsUsageError();
    void userInfoBearerToken();
    void resourceRequestDPoPNeverBearer();
    void b64TokenGrammar();
    void receivedTokenSyntax_data();
    void receivedTokenSyntax();
    void hostileTokenNeverReachesResourceServer();
    void applicationTokensCheckedBeforeSending_data();
    void applicationTokensCheckedBeforeSending();
};

void tst_TokenHeaders::initTestCase()
{
    qRegisterMetaType<Error>();
}

void tst_TokenHeaders::userInfoWithDPoPBoundToken()
{
    TestHttpServer server;
    server.on(QStringLiteral("/.well-known/openid-configuration"), Response::json(200, metadataJson(server)));
    server.on(QStringLiteral("/userinfo"), Response::json(200, QJsonObject{ { QStringLiteral("sub"), QStringLiteral("alice") } }));
    auto client = makeClient(server);
    const DPoPKey key = DPoPKey::generate();
    client->setDPoPKey(key);
    std::unique_ptr<JsonReply> reply(client->userInfo(tokens(QStringLiteral("dpop-bound-at"), QStringLiteral("DPoP")),
                                                      QStringLiteral("alice")));
    QVERIFY(waitFinished(reply.get()));
    QVERIFY2(!reply->error(), qPrintable(reply->error().errorString()));
    QCOMPARE(reply->result().value(QLatin1String("sub")).toString(), QStringLiteral("alice"));
    const RecordedRequest request = server.requests(QStringLiteral("/userinfo")).value(0);
    QCOMPARE(request.header("authorization"), QByteArray("DPoP dpop-bound-at"));
    const QJsonObject claims = proofClaims(request.header("dpop"));
    QCOMPARE(claims.value(QLatin1String("htm")).toString(), QStringLiteral("GET"));
    QCOMPARE(claims.value(QLatin1String("htu")).toString(), server.url(QStringLiteral("/userinfo")).toString());
    QCOMPARE(claims.value(QLatin1String("ath")).toString(),
             QString::fromLatin1(DPoPKey::accessTokenHash(QStringLiteral("dpop-bound-at"))));
    // The DPoP token type is case-insensitive (RFC 9449 7.1).
    std::unique_ptr<JsonReply> lower(client->userInfo(tokens(QStringLiteral("dpop-bound-at"), QStringLiteral("dpop"))));
    QVERIFY(waitFinished(lower.get()));
    QVERIFY2(!lower->error(), qPrintable(lower->error().errorString()));
    QCOMPARE(server.requests(QStringLiteral("/userinfo")).value(1).header("authorization"), QByteArray("DPoP dpop-bound-at"));
}

void tst_TokenHeaders::userInfoDPoPNonceRetriedOnce()
{
    TestHttpServer server;
    server.on(QStringLiteral("/.well-known/openid-configuration"), Response::json(200, metadataJson(server)));
    int calls = 0;
    server.on(QStringLiteral("/userinfo"), [&calls](const RecordedRequest &r) {
        ++calls;
        if (proofClaims(r.header("dpop")).value(QLatin1String("nonce")).toString() != QLatin1String("server-nonce-1"))
            return Response::json(401, QByteArray())
                .withHeader("WWW-Authenticate", R"(DPoP error="use_dpop_nonce", error_description="nonce required")")
                .withHeader("DPoP-Nonce", "server-nonce-1");
        return Response::json(200, QJsonObject{ { QStringLiteral("sub"), QStringLiteral("alice") } });
    });
    auto client = makeClient(server);
    client->setDPoPKey(DPoPKey::generate(QStringLiteral("EdDSA")));
    std::unique_ptr<JsonReply> reply(client->userInfo(tokens(QStringLiteral("at-1"), QStringLiteral("DPoP"))));
    QVERIFY(waitFinished(reply.get()));
    QVERIFY2(!reply->error(), qPrintable(reply->error().errorString()));
    QCOMPARE(calls, 2); // exactly one retry
    const auto requests = server.requests(QStringLiteral("/userinfo"));
    for (const RecordedRequest &r : requests) {
        QCOMPARE(r.header("authorization"), QByteArray("DPoP at-1"));
        QCOMPARE(proofClaims(r.header("dpop")).value(QLatin1String("ath")).toString(),
                 QString::fromLatin1(DPoPKey::accessTokenHash(QStringLiteral("at-1"))));
    }
    // A server that keeps asking: one retry, then the challenge as a typed error (no loop).
    server.on(QStringLiteral("/userinfo"), Response::json(401, QByteArray())
                  .withHeader("WWW-Authenticate", R"(DPoP error="use_dpop_nonce")")
                  .withHeader("DPoP-Nonce", "server-nonce-2"));
    server.clearRequests();
    std::unique_ptr<JsonReply> again(client->userInfo(tokens(QStringLiteral("at-1"), QStringLiteral("DPoP"))));
    QVERIFY(waitFinished(again.get()));
    QCOMPARE(again->error().code(), ErrorCode::AuthenticationChallenge);
    QCOMPARE(server.requestCount(QStringLiteral("/userinfo")), 2);
}

void tst_TokenHeaders::userInfoDPoPNonceOutsideGrammarNotUsed_data()
{
    QTest::addColumn<QByteArray>("nonce");
    QTest::newRow("space") << QByteArray("bad nonce");
    QTest::newRow("quote") << QByteArray("bad\"nonce");
    QTest::newRow("backslash") << QByteArray("bad\\nonce");
    QTest::newRow("non-ASCII") << QByteArray("n\xc3\xa9");
}

// RFC 9449 nonce = 1*NQCHAR: a DPoP-Nonce outside it is never put into a proof; no retry.
void tst_TokenHeaders::userInfoDPoPNonceOutsideGrammarNotUsed()
{
    QFETCH(QByteArray, nonce);
    TestHttpServer server;
    server.on(QStringLiteral("/.well-known/openid-configuration"), Response::json(200, metadataJson(server)));
    server.on(QStringLiteral("/userinfo"), Response::json(401, QByteArray())
                  .withHeader("WWW-Authenticate", R"(DPoP error="use_dpop_nonce")")
                  .withHeader("DPoP-Nonce", nonce));
    auto client = makeClient(server);
    client->setDPoPKey(DPoPKey::generate());
    std::unique_ptr<JsonReply> reply(client->userInfo(tokens(QStringLiteral("at-1"), QStringLiteral("DPoP"))));
    QVERIFY(waitFinished(reply.get()));
    QCOMPARE(reply->error().code(), ErrorCode::AuthenticationChallenge);
    QCOMPARE(server.requestCount(QStringLiteral("/userinfo")), 1);
    QVERIFY(!proofClaims(server.lastRequest().header("dpop")).contains(QLatin1String("nonce")));
}

void tst_TokenHeaders::userInfoDPoPWithoutKeyIsUsageError()
{
    TestHttpServer server;
    server.on(QStringLiteral("/.well-known/openid-configuration"), Response::json(200, metadataJson(server)));
    server.on(QStringLiteral("/userinfo"), Response::json(200, QJsonObject{ { QStringLiteral("sub"), QStringLiteral("alice") } }));
    auto client = makeClient(server);
    std::unique_ptr<JsonReply> reply(client->userInfo(tokens(QStringLiteral("at-1"), QStringLiteral("DPoP"))));
    QSignalSpy finished(reply.get(), &Reply::finished);
    QVERIFY(!reply->isFinished()); // never finished inside the call
    QVERIFY(waitFinished(reply.get()));
    QCOMPARE(reply->error().code(), ErrorCode::InvalidConfiguration);
    QCOMPARE(reply->error().category(), ErrorCategory::Usage);
    QCOMPARE(finished.count(), 1);
    QCOMPARE(server.requestCount(), 0); // not even discovery: no Bearer fallback
}

void tst_TokenHeaders::userInfoBearerToken()
{
    TestHttpServer server;
    server.on(QStringLiteral("/.well-known/openid-configuration"), Response::json(200, metadataJson(server)));
    server.on(QStringLiteral("/userinfo"), Response::json(200, QJsonObject{ { QStringLiteral("sub"), QStringLiteral("alice") } }));
    auto client = makeClient(server);
    client->setDPoPKey(DPoPKey::generate()); // a key does not turn a Bearer token into DPoP
    std::unique_ptr<JsonReply> reply(client->userInfo(tokens(QStringLiteral("bearer-at"), QStringLiteral("Bearer"))));
    QVERIFY(waitFinished(reply.get()));
    QVERIFY2(!reply->error(), qPrintable(reply->error().errorString()));
    const RecordedRequest request = server.requests(QStringLiteral("/userinfo")).value(0);
    QCOMPARE(request.header("authorization"), QByteArray("Bearer bearer-at"));
    QVERIFY(!request.hasHeader("dpop"));
    // A token type that cannot be sent is refused, typed, before any request.
    server.clearRequests();
    std::unique_ptr<JsonReply> na(client->userInfo(tokens(QStringLiteral("x"), QStringLiteral("N_A"))));
    QVERIFY(waitFinished(na.get()));
    QCOMPARE(na->error().code(), ErrorCode::UnsupportedTokenType);
    QCOMPARE(server.requestCount(QStringLiteral("/userinfo")), 0);
}

void tst_TokenHeaders::resourceRequestDPoPNeverBearer()
{
    TestHttpServer server;
    server.on(QStringLiteral("/api"), Response::json(200, QJsonObject{ { QStringLiteral("ok"), true } }));
    auto client = makeClient(server);
    // Without a key: a usage error, no request (no downgrade to Bearer).
    std::unique_ptr<ResourceReply> noKey(client->resourceRequest("GET", server.url(QStringLiteral("/api")),
                                                                 tokens(QStringLiteral("at-1"), QStringLiteral("DPoP"))));
    QVERIFY(waitFinished(noKey.get()));
    QCOMPARE(noKey->error().category(), ErrorCategory::Usage);
    QCOMPARE(server.requestCount(), 0);
    client->setDPoPKey(DPoPKey::generate());
    std::unique_ptr<ResourceReply> reply(client->resourceRequest("GET", server.url(QStringLiteral("/api")),
                                                                 tokens(QStringLiteral("at-1"), QStringLiteral("DPoP"))));
    QVERIFY(waitFinished(reply.get()));
    QVERIFY2(!reply->error(), qPrintable(reply->error().errorString()));
    const RecordedRequest request = server.requests(QStringLiteral("/api")).value(0);
    QCOMPARE(request.header("authorization"), QByteArray("DPoP at-1"));
    QCOMPARE(proofClaims(request.header("dpop")).value(QLatin1String("ath")).toString(),
             QString::fromLatin1(DPoPKey::accessTokenHash(QStringLiteral("at-1"))));
}

// isB64Token() against the grammar written out (RFC 6750 2.1), for every UTF-16 code unit at the
// start, in the middle and at the end of a token, and for padding in and after it.
void tst_TokenHeaders::b64TokenGrammar()
{
    auto tokenChar = [](char16_t c) {
        return (c >= u'A' && c <= u'Z') || (c >= u'a' && c <= u'z') || (c >= u'0' && c <= u'9') || c == u'-'
            || c == u'.' || c == u'_' || c == u'~' || c == u'+' || c == u'/';
    };
    int accepted = 0;
    for (uint u = 0; u <= 0xFFFF; ++u) {
        const QChar ch{ char16_t(u) };
        const bool ok = tokenChar(char16_t(u));
        accepted += ok;
        const QString alone(ch);
        QVERIFY2(isB64Token(alone) == ok, qPrintable(QString::number(u, 16)));
        // At the start, in the middle and at the end of short and of long tokens (the long
        // ones are checked eight characters at a time): every lane of a block and the tail.
        for (const qsizetype length : { 6, 19 }) {
            const QString base = QString(length, u'x');
            for (const qsizetype at : { qsizetype(0), qsizetype(3), qsizetype(7), qsizetype(8), qsizetype(13), length }) {
                if (at > length)
                    continue;
                const QString token = base.left(at) + ch + base.mid(at);
                const bool expected = ok || (u == u'=' && at == length);
                if (isB64Token(token) != expected || isB64Token(QString(token + QStringLiteral("=="))) != expected)
                    QFAIL(qPrintable(QStringLiteral("U+%1 at %2 of %3").arg(u, 4, 16, QLatin1Char('0')).arg(at).arg(length + 1)));
            }
        }
    }
    QCOMPARE(accepted, 26 + 26 + 10 + 6);
    QVERIFY(!isB64Token(QString()));
    QVERIFY(!isB64Token(QStringLiteral("=")));
    QVERIFY(!isB64Token(QStringLiteral("a=b")));
    QVERIFY(isB64Token(QStringLiteral("a===")));
    // A long token (a JWT access token is often kilobytes) with one bad character anywhere.
    const QString jwt = QString(2000, u'x') + QStringLiteral(".y_z-~+/");
    QVERIFY(isB64Token(jwt));
    for (const qsizetype at : { qsizetype(0), qsizetype(1), qsizetype(999), jwt.size() - 1 }) {
        QString bad = jwt;
        bad[at] = u'\n';
        QVERIFY2(!isB64Token(bad), qPrintable(QString::number(at)));
        bad[at] = QChar(char16_t(u'A' + 0x100)); // a code unit whose low byte is a token character
        QVERIFY2(!isB64Token(bad), qPrintable(QString::number(at)));
    }
}

void tst_TokenHeaders::receivedTokenSyntax_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<ErrorCode>("expected");
    auto row = [](const char *name, const QByteArray &members, ErrorCode code) {
        QTest::newRow(name) << QByteArray("{" + members + "}") << code;
    };
    const QByteArray bearer = R"("token_type":"Bearer")";
    row("opaque access token", R"("access_token":"2YotnFZFEjr1zCsicMWpAA",)" + bearer, ErrorCode::NoError);
    row("b64token characters", R"("access_token":"aZ09-._~+/==",)" + bearer, ErrorCode::NoError);
    row("JWT access token", R"("access_token":"eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhIn0.c2ln",)" + bearer, ErrorCode::NoError);
    row("refresh token with VSCHAR", R"("access_token":"at","refresh_token":"r t:\"%{}",)" + bearer, ErrorCode::NoError);
    row("access token with CR LF", R"("access_token":"at\r\nX-Injected: 1",)" + bearer, ErrorCode::InvalidMember);
    row("access token with LF", R"("access_token":"at\nX-Injected: 1",)" + bearer, ErrorCode::InvalidMember);
    row("access token with a space", R"("access_token":"a b",)" + bearer, ErrorCode::InvalidMember);
    row("access token with a NUL", R"("access_token":"a\u0000b",)" + bearer, ErrorCode::InvalidMember);
    row("access token with non-ASCII", R"("access_token":"\u00e9t\u00e9",)" + bearer, ErrorCode::InvalidMember);
    row("access token with padding inside", R"("access_token":"a=b",)" + bearer, ErrorCode::InvalidMember);
    row("access token only padding", R"("access_token":"==",)" + bearer, ErrorCode::InvalidMember);
    row("DPoP access token with CR LF", R"("access_token":"at\r\nX: 1","token_type":"DPoP")", ErrorCode::InvalidMember);
    row("refresh token with CR LF", R"("access_token":"at","refresh_token":"rt\r\nX-Injected: 1",)" + bearer, ErrorCode::InvalidMember);
    row("refresh token with a tab", R"("access_token":"at","refresh_token":"r\tt",)" + bearer, ErrorCode::InvalidMember);
    row("refresh token with non-ASCII", R"("access_token":"at","refresh_token":"r\u20act",)" + bearer, ErrorCode::InvalidMember);
    row("token type with CR LF", R"("access_token":"at","token_type":"Bearer\r\nX-Injected: 1")", ErrorCode::UnsupportedTokenType);
}

void tst_TokenHeaders::receivedTokenSyntax()
{
    QFETCH(QByteArray, body);
    QFETCH(ErrorCode, expected);
    TestHttpServer server;
    server.on(QStringLiteral("/.well-known/openid-configuration"), Response::json(200, metadataJson(server)));
    server.on(QStringLiteral("/token"), Response::json(200, body));
    auto client = makeClient(server);
    client->setDPoPKey(DPoPKey::generate()); // so that a DPoP token type is expected
    std::unique_ptr<TokenReply> reply(client->requestClientCredentials());
    QVERIFY(waitFinished(reply.get()));
    QCOMPARE(reply->error().code(), expected);
    if (expected != ErrorCode::NoError) {
        QCOMPARE(reply->error().category(), ErrorCategory::InvalidResponse);
        QVERIFY(reply->tokens().isNull());
        // The error never echoes the token.
        QVERIFY(!reply->error().errorString().contains(QLatin1String("X-Injected")));
        QVERIFY(!reply->error().detail().contains(QLatin1String("X-Injected")));
    }
}

// The regression: a hostile token endpoint's access token with CR/LF must not become an extra
// header at the resource server. The token response is refused, so nothing is ever sent.
void tst_TokenHeaders::hostileTokenNeverReachesResourceServer()
{
    TestHttpServer server;
    server.on(QStringLiteral("/.well-known/openid-configuration"), Response::json(200, metadataJson(server)));
    server.on(QStringLiteral("/token"), Response::json(200, QByteArray(R"({"access_token":"at\r\nX-Injected: yes","token_type":"Bearer"})")));
    server.on(QStringLiteral("/api"), Response::json(200, QJsonObject{ { QStringLiteral("ok"), true } }));
    auto client = makeClient(server);
    std::unique_ptr<TokenReply> reply(client->requestClientCredentials());
    QVERIFY(waitFinished(reply.get()));
    QCOMPARE(reply->error().code(), ErrorCode::InvalidMember);
    // Even if an application builds the TokenResponse itself with that value, it is refused
    // before any request, and no header line of any request ever carried it.
    std::unique_ptr<ResourceReply> api(client->resourceRequest("GET", server.url(QStringLiteral("/api")),
                                                               tokens(QStringLiteral("at\r\nX-Injected: yes"), QStringLiteral("Bearer"))));
    QVERIFY(waitFinished(api.get()));
    QCOMPARE(api->error().code(), ErrorCode::InvalidArgument);
    QCOMPARE(server.requestCount(QStringLiteral("/api")), 0);
    for (const QString &line : allHeaderLines(server))
        QVERIFY2(!line.contains(QLatin1String("x-injected"), Qt::CaseInsensitive), qPrintable(line));
}

void tst_TokenHeaders::applicationTokensCheckedBeforeSending_data()
{
    QTest::addColumn<QString>("token");
    QTest::newRow("CR LF") << QStringLiteral("at\r\nX-Injected: 1");
    QTest::newRow("LF") << QStringLiteral("at\nX-Injected: 1");
    QTest::newRow("space") << QStringLiteral("a b");
    QTest::newRow("NUL") << QString(QStringLiteral("a") + QChar(0) + QStringLiteral("b"));
    QTest::newRow("non-ASCII") << QStringLiteral("\u00e9t\u00e9");
    QTest::newRow("empty") << QString();
}

void tst_TokenHeaders::applicationTokensCheckedBeforeSending()
{
    QFETCH(QString, token);
    TestHttpServer server;
    server.on(QStringLiteral("/.well-known/openid-configuration"), Response::json(200, metadataJson(server)));
    server.on(QStringLiteral("/userinfo"), Response::json(200, QJsonObject{ { QStringLiteral("sub"), QStringLiteral("alice") } }));
    server.on(QStringLiteral("/api"), Response::json(200, QJsonObject()));
    server.on(QStringLiteral("/register"), Response::json(201, QJsonObject{ { QStringLiteral("client_id"), QStringLiteral("c") } }));
    auto client = makeClient(server);
    client->setDPoPKey(DPoPKey::generate());
    const QList<std::pair<const char *, Reply *>> replies = {
        { "userInfo(QString)", client->userInfo(token) },
        { "userInfo(Bearer)", client->userInfo(tokens(token, QStringLiteral("Bearer"))) },
        { "userInfo(DPoP)", client->userInfo(tokens(token, QStringLiteral("DPoP"))) },
        { "resourceRequest(Bearer)", client->resourceRequest("GET", server.url(QStringLiteral("/api")), token) },
        { "resourceRequest(DPoP)", client->resourceRequest("GET", server.url(QStringLiteral("/api")), token, QStringLiteral("DPoP")) },
    };
    for (const auto &[name, reply] : replies) {
        QVERIFY2(waitFinished(reply), name);
        QVERIFY2(reply->error().code() == ErrorCode::InvalidArgument, name);
        QVERIFY2(reply->error().category() == ErrorCategory::Usage, name);
        QVERIFY2(!reply->error().errorString().contains(QLatin1String("X-Injected")), name);
        delete reply;
    }
    QCOMPARE(server.requestCount(QStringLiteral("/userinfo")), 0);
    QCOMPARE(server.requestCount(QStringLiteral("/api")), 0);
    if (!token.isEmpty()) {
        std::unique_ptr<RegistrationReply> reg(client->registerClient(QJsonObject{ { QStringLiteral("client_name"), QStringLiteral("x") } }, token));
        QVERIFY(waitFinished(reg.get()));
        QCOMPARE(reg->error().code(), ErrorCode::InvalidArgument);
        QCOMPARE(server.requestCount(QStringLiteral("/register")), 0);
    }
}

QTEST_GUILESS_MAIN(tst_TokenHeaders)
#include "tst_tokenheaders.moc"

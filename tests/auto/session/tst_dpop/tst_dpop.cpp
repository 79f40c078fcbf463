// SPDX-License-Identifier: BSD-3-Clause
// DPoP (RFC 9449): the key handle, proof contents and section G of the security checklist
// through the Client against the in-process server.
#include <oauth4qt/client.h>
#include <oauth4qt/dpop.h>
#include <oauth4qt/jws.h>

#include "../../jose/mldsavectors.h"
#include "../sessiontestutil.h"
#include "core/client_p.h"

#include <QtCore/QCryptographicHash>
#include <QtTest/QtTest>

using namespace OAuth4Qt;
using namespace SessionTest;

namespace {

// A handler answering requests from a script, then repeating the last entry.
struct Script
{
    QList<Response> responses;
    int index = 0;
    Response next()
    {
        const Response r = responses.value(qMin(index, int(responses.size()) - 1));
        ++index;
        return r;
    }
};

Response useDpopNonce(const QList<QByteArray> &nonces)
{
    Response r = Response::json(400, QJsonObject{ { QStringLiteral("error"), QStringLiteral("use_dpop_nonce") } });
    for (const QByteArray &n : nonces)
        r.withHeader("DPoP-Nonce", n);
    return r;
}

} // namespace

class tst_DPoP : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void proofContents_data();
    void proofContents();
    void freshJti();
    void mlDsaProof_data();
    void mlDsaProof();
    void parNonceRetry();
    void proofEscapesValues_data();
    void proofEscapesValues();
    void generateRejects_data();
    void generateRejects();
    void exportImport();
    void importRejects_data();
    void importRejects();
    void tokenRequestCarriesProof();
    void nonceRetry_data();
    void nonceRetry();
    void nonceRetryNewClientAssertion_data();
    void nonceRetryNewClientAssertion();
    void nonceFromSuccessIsUsedNextTime();
    void resourceServerNonce_data();
    void resourceServerNonce();
    void tokenTypeBinding_data();
    void tokenTypeBinding();
    void refreshUsesSameKey();
    void proofPerEndpoint_data();
    void proofPerEndpoint();
    void noProofOnDeviceAuthorization();
    void resourceRequestSchemes_data();
    void resourceRequestSchemes();
    void resourceChallengeTyped_data();
    void resourceChallengeTyped();
    void advertisedAlgorithms_data();
    void advertisedAlgorithms();
    void dpopJkt();
};

// dpop_signing_alg_values_supported: a key the server does not accept fails before sending.
void tst_DPoP::advertisedAlgorithms_data()
{
    QTest::addColumn<QString>("alg");
    QTest::addColumn<bool>("accepted");
    QTest::newRow("ES256 advertised") << QStringLiteral("ES256") << true;
    QTest::newRow("EdDSA advertised") << QStringLiteral("EdDSA") << true;
    QTest::newRow("PS256 not advertised") << QStringLiteral("PS256") << false;
}

void tst_DPoP::advertisedAlgorithms()
{
    QFETCH(QString, alg);
    QFETCH(bool, accepted);
    TestHttpServer server;
    server.on(QStringLiteral("/token"), Response::json(200, tokenJson()));
    Client *client = makeClient(server, this);
    client->setMetadata(metadataFor(server, QJsonObject{ { QStringLiteral("dpop_signing_alg_values_supported"),
                                                           QJsonArray{ QStringLiteral("ES256"), QStringLiteral("EdDSA") } } }));
    QCOMPARE(client->metadata().dpopSigningAlgValuesSupported().size(), 2);
    client->setDPoPKey(DPoPKey::generate(alg));
    TokenReply *reply = client->requestClientCredentials();
    QVERIFY(waitFinished(reply));
    if (accepted) {
        QVERIFY2(!reply->error(), qPrintable(reply->error().errorString()));
        QCOMPARE(server.requestCount(QStringLiteral("/token")), 1);
    } else {
        QCOMPARE(reply->error().code(), ErrorCode::UnsupportedAlgorithm);
        QCOMPARE(server.requestCount(QStringLiteral("/token")), 0);
    }
    delete client;
}

// G7: typ dpop+jwt; asymmetric alg; public jwk only; htm upper-case; htu without query/fragment;
// ath only when an access token is given; nonce when known.
void tst_DPoP::proofContents_data()
{
    QTest::addColumn<QString>("alg");
    QTest::addColumn<QByteArray>("nonce");
    QTest::addColumn<QString>("accessToken");
    const QStringList algs{ QStringLiteral("ES256"), QStringLiteral("ES384"), QStringLiteral("ES512"),
                            QStringLiteral("RS256"), QStringLiteral("PS256"), QStringLiteral("EdDSA") };
    for (const QString &alg : algs) {
        QTest::addRow("%s token request", qPrintable(alg)) << alg << QByteArray() << QString();
        QTest::addRow("%s resource with nonce", qPrintable(alg)) << alg << QByteArrayLiteral("n-1!~") << QStringLiteral("Kz~8mXK1EalYznwH-LC-1fBAo.4Ljp~zsPE_NeO.gxU");
    }
}

void tst_DPoP::proofContents()
{
    QFETCH(QString, alg);
    QFETCH(QByteArray, nonce);
    QFETCH(QString, accessToken);

    Error e;
    const DPoPKey key = DPoPKey::generate(alg, &e);
    QVERIFY2(!e, qPrintable(e.detail()));
    QVERIFY(!key.isNull());
    QCOMPARE(key.algorithm(), alg);

    const QUrl url(QStringLiteral("https://User:pw@Server.example.com:8443/a%20b/token?x=1&y=2#frag"));
    const QDateTime iat = QDateTime::fromSecsSinceEpoch(1700000000).toUTC();
    const QByteArray compact = key.proof("post", url, nonce, accessToken, iat, &e);
    QVERIFY2(!e, qPrintable(e.detail()));
    const Proof p = decodeProof(compact);
    QVERIFY(p.valid);

    QCOMPARE(p.header.value(QLatin1String("typ")).toString(), QStringLiteral("dpop+jwt"));
    QCOMPARE(p.header.value(QLatin1String("alg")).toString(), alg);
    QVERIFY(Jws::isAsymmetric(p.header.value(QLatin1String("alg")).toString()));
    const QJsonObject jwk = p.header.value(QLatin1String("jwk")).toObject();
    QVERIFY(!jwk.isEmpty());
    for (const char *priv : { "d", "p", "q", "dp", "dq", "qi", "k" })
        QVERIFY2(!jwk.contains(QLatin1String(priv)), priv);
    QCOMPARE(JsonWebKey::fromJson(jwk).thumbprintBase64Url(), key.thumbprint().toLatin1());

    QCOMPARE(p.claims.value(QLatin1String("htm")).toString(), QStringLiteral("POST"));
    QCOMPARE(p.claims.value(QLatin1String("htu")).toString(), QStringLiteral("https://server.example.com:8443/a%20b/token"));
    QCOMPARE(p.claims.value(QLatin1String("iat")).toInteger(), qint64(1700000000));
    QVERIFY(p.claims.value(QLatin1String("jti")).toString().size() >= 16);
    if (nonce.isEmpty())
        QVERIFY(!p.claims.contains(QLatin1String("nonce")));
    else
        QCOMPARE(p.claims.value(QLatin1String("nonce")).toString(), QString::fromLatin1(nonce));
    if (accessToken.isEmpty()) {
        QVERIFY(!p.claims.contains(QLatin1String("ath")));
    } else {
        const QByteArray expected = Base64Url::encode(QCryptographicHash::hash(accessToken.toLatin1(), QCryptographicHash::Sha256));
        QCOMPARE(p.claims.value(QLatin1String("ath")).toString().toLatin1(), expected);
    }
}

// ML-DSA proofs where the OpenSSL in use has ML-DSA (3.5 and later): an AKP public key in the
// header that verifies the proof. Without ML-DSA in OpenSSL: refused as UnsupportedAlgorithm.
void tst_DPoP::mlDsaProof_data()
{
    QTest::addColumn<QString>("alg");
    for (const char *alg : { "ML-DSA-44", "ML-DSA-65", "ML-DSA-87" })
        QTest::addRow("%s (OpenSSL %s ML-DSA)", alg, MlDsaVectors::openSslHasMlDsa() ? "with" : "without") << QString::fromLatin1(alg);
}

void tst_DPoP::mlDsaProof()
{
    QFETCH(QString, alg);
    Error e;
    const DPoPKey key = DPoPKey::generate(alg, &e);
    QCOMPARE(DPoPKey::supportedAlgorithms().contains(alg), MlDsaVectors::openSslHasMlDsa());
    if (!MlDsaVectors::openSslHasMlDsa()) {
        QVERIFY(key.isNull());
        QCOMPARE(e.code(), ErrorCode::UnsupportedAlgorithm);
        return;
    }
    QVERIFY2(!e, qPrintable(e.detail()));
    const QByteArray compact = key.proof("GET", QUrl(QStringLiteral("https://rs.example/api")), {}, QStringLiteral("at"),
                                         QDateTime::currentDateTimeUtc(), &e);
    QVERIFY2(!e, qPrintable(e.detail()));
    const JwsCompact jws = Jws::parse(compact, &e);
    QVERIFY2(!e, qPrintable(e.detail()));
    QCOMPARE(jws.algorithm(), alg);
    const QJsonObject jwk = jws.header.value(QLatin1String("jwk")).toObject();
    QCOMPARE(jwk.value(QLatin1String("kty")).toString(), QStringLiteral("AKP"));
    QCOMPARE(jwk.value(QLatin1String("alg")).toString(), alg);
    QVERIFY(!jwk.contains(QLatin1String("priv")));
    const JsonWebKey publicKey = JsonWebKey::fromJson(jwk, JsonWebKey::PrivatePart::DropPrivate, &e);
    QVERIFY2(!publicKey.isNull(), qPrintable(e.detail()));
    QCOMPARE(publicKey.thumbprintBase64Url(), key.thumbprint().toLatin1());
    QVERIFY2(Jws::verify(jws, publicKey, &e), qPrintable(e.detail()));
}

void tst_DPoP::freshJti()
{
    const DPoPKey key = DPoPKey::generate();
    QSet<QString> seen;
    for (int i = 0; i < 50; ++i) {
        const Proof p = decodeProof(key.proof("GET", QUrl(QStringLiteral("https://rs.example/x"))));
        QVERIFY(p.valid);
        const QString jti = p.claims.value(QLatin1String("jti")).toString();
        QVERIFY(!seen.contains(jti));
        seen.insert(jti);
    }
}

void tst_DPoP::generateRejects_data()
{
    QTest::addColumn<QString>("alg");
    QTest::newRow("HS256") << QStringLiteral("HS256");
    QTest::newRow("none") << QStringLiteral("none");
    QTest::newRow("empty") << QString();
    QTest::newRow("es256 lower-case") << QStringLiteral("es256");
}

void tst_DPoP::generateRejects()
{
    QFETCH(QString, alg);
    Error e;
    const DPoPKey key = DPoPKey::generate(alg, &e);
    QVERIFY(key.isNull());
    QCOMPARE(e.code(), ErrorCode::UnsupportedAlgorithm);
}

void tst_DPoP::exportImport()
{
    for (const QString &alg : { QStringLiteral("ES256"), QStringLiteral("PS256"), QStringLiteral("EdDSA") }) {
        const DPoPKey key = DPoPKey::generate(alg);
        const QJsonObject exported = key.toJson();
        QVERIFY(exported.contains(QLatin1String("d")));
        QCOMPARE(exported.value(QLatin1String("alg")).toString(), alg);
        Error e;
        const DPoPKey imported = DPoPKey::fromJson(exported, &e);
        QVERIFY2(!e, qPrintable(e.detail()));
        QCOMPARE(imported.algorithm(), alg);
        QCOMPARE(imported.thumbprint(), key.thumbprint());
        QVERIFY(imported == key);
        const Proof p = decodeProof(imported.proof("GET", QUrl(QStringLiteral("https://rs.example/"))));
        QVERIFY(p.valid);
        QCOMPARE(JsonWebKey::fromJson(p.header.value(QLatin1String("jwk")).toObject()).thumbprintBase64Url(),
                 key.thumbprint().toLatin1());
    }
}

void tst_DPoP::importRejects_data()
{
    QTest::addColumn<QJsonObject>("jwk");
    QTest::addColumn<ErrorCode>("code");
    const DPoPKey es = DPoPKey::generate();
    QJsonObject publicOnly = es.publicJwk();
    QTest::newRow("public only") << publicOnly << ErrorCode::InvalidKey;
    QJsonObject wrongAlg = es.toJson();
    wrongAlg.insert(QStringLiteral("alg"), QStringLiteral("RS256"));
    QTest::newRow("alg does not fit") << wrongAlg << ErrorCode::UnsupportedAlgorithm;
    QJsonObject hs{ { QStringLiteral("kty"), QStringLiteral("oct") },
                    { QStringLiteral("k"), QStringLiteral("c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0") },
                    { QStringLiteral("alg"), QStringLiteral("HS256") } };
    QTest::newRow("symmetric") << hs << ErrorCode::InvalidKey;
}

void tst_DPoP::importRejects()
{
    QFETCH(QJsonObject, jwk);
    QFETCH(ErrorCode, code);
    Error e;
    QVERIFY(DPoPKey::fromJson(jwk, &e).isNull());
    QCOMPARE(e.code(), code);
}

// G7 at the token endpoint: a proof with htm POST, htu the endpoint, no ath.
void tst_DPoP::tokenRequestCarriesProof()
{
    TestHttpServer server;
    server.on(QStringLiteral("/token"), Response::json(200, tokenJson()));
    Client *client = makeClient(server, this);
    const DPoPKey key = DPoPKey::generate();
    client->setDPoPKey(key);
    TokenReply *reply = client->requestClientCredentials(QStringLiteral("api"));
    QVERIFY(waitFinished(reply));
    QVERIFY2(!reply->error(), qPrintable(reply->error().errorString()));
    QCOMPARE(reply->tokens().tokenType(), QStringLiteral("DPoP"));
    QCOMPARE(server.requestCount(QStringLiteral("/token")), 1);
    const Proof p = decodeProof(server.lastRequest().header("dpop"));
    QVERIFY(p.valid);
    QCOMPARE(p.claims.value(QLatin1String("htm")).toString(), QStringLiteral("POST"));
    QCOMPARE(p.claims.value(QLatin1String("htu")).toString(), server.url(QStringLiteral("/token")).toString());
    QVERIFY(!p.claims.contains(QLatin1String("ath")));
    QVERIFY(!p.claims.contains(QLatin1String("nonce")));
    delete client;
}

// G1, G2, G3, G6, G9 at the token endpoint.
void tst_DPoP::nonceRetry_data()
{
    QTest::addColumn<QList<Response>>("script");
    QTest::addColumn<int>("expectedRequests");
    QTest::addColumn<QString>("expectedOAuthError"); // empty: success
    QTest::addColumn<QByteArray>("expectedRetryNonce");

    const Response ok = Response::json(200, tokenJson());
    QTest::newRow("G1 use_dpop_nonce with DPoP-Nonce: one retry")
        << QList<Response>{ useDpopNonce({ "nonce-1" }), ok } << 2 << QString() << QByteArrayLiteral("nonce-1");
    QTest::newRow("G2 use_dpop_nonce again: error, no loop")
        << QList<Response>{ useDpopNonce({ "nonce-1" }), useDpopNonce({ "nonce-2" }), ok } << 2
        << QStringLiteral("use_dpop_nonce") << QByteArrayLiteral("nonce-1");
    QTest::newRow("G3 use_dpop_nonce without DPoP-Nonce: no retry")
        << QList<Response>{ useDpopNonce({}), ok } << 1 << QStringLiteral("use_dpop_nonce") << QByteArray();
    QTest::newRow("G6 nonce not NQCHAR: not used")
        << QList<Response>{ useDpopNonce({ "bad nonce" }), ok } << 1 << QStringLiteral("use_dpop_nonce") << QByteArray();
    QTest::newRow("G6 nonce with a quote: not used")
        << QList<Response>{ useDpopNonce({ "bad\"nonce" }), ok } << 1 << QStringLiteral("use_dpop_nonce") << QByteArray();
    QTest::newRow("G6 two DPoP-Nonce headers: not used")
        << QList<Response>{ useDpopNonce({ "n-a", "n-b" }), ok } << 1 << QStringLiteral("use_dpop_nonce") << QByteArray();
    Response invalidProof = Response::json(400, QJsonObject{ { QStringLiteral("error"), QStringLiteral("invalid_dpop_proof") } });
    invalidProof.withHeader("DPoP-Nonce", "nonce-x");
    QTest::newRow("G9 invalid_dpop_proof: no retry")
        << QList<Response>{ invalidProof, ok } << 1 << QStringLiteral("invalid_dpop_proof") << QByteArray();
}

void tst_DPoP::nonceRetry()
{
    QFETCH(QList<Response>, script);
    QFETCH(int, expectedRequests);
    QFETCH(QString, expectedOAuthError);
    QFETCH(QByteArray, expectedRetryNonce);

    TestHttpServer server;
    auto state = std::make_shared<Script>();
    state->responses = script;
    server.on(QStringLiteral("/token"), [state](const Test::RecordedRequest &) { return state->next(); });
    Client *client = makeClient(server, this);
    client->setDPoPKey(DPoPKey::generate());
    TokenReply *reply = client->requestClientCredentials();
    QVERIFY(waitFinished(reply));
    QTest::qWait(50); // a loop would show up as more requests
    QCOMPARE(server.requestCount(QStringLiteral("/token")), expectedRequests);
    if (expectedOAuthError.isEmpty()) {
        QVERIFY2(!reply->error(), qPrintable(reply->error().errorString()));
    } else {
        QCOMPARE(reply->error().code(), ErrorCode::OAuthError);
        QCOMPARE(reply->error().oauthError(), expectedOAuthError);
    }
    const auto requests = server.requests(QStringLiteral("/token"));
    const Proof first = decodeProof(requests.first().header("dpop"));
    QVERIFY(first.valid);
    QVERIFY(!first.claims.contains(QLatin1String("nonce")));
    if (requests.size() > 1) {
        const Proof retry = decodeProof(requests.at(1).header("dpop"));
        QVERIFY(retry.valid);
        QCOMPARE(retry.claims.value(QLatin1String("nonce")).toString().toLatin1(), expectedRetryNonce);
        QVERIFY(retry.claims.value(QLatin1String("jti")) != first.claims.value(QLatin1String("jti")));
    }
    delete client;
}

void tst_DPoP::nonceRetryNewClientAssertion_data()
{
    QTest::addColumn<ClientConfig::AuthMethod>("method");
    QTest::addColumn<bool>("newAssertion");
    QTest::newRow("private_key_jwt") << ClientConfig::AuthMethod::PrivateKeyJwt << true;
    QTest::newRow("client_secret_jwt") << ClientConfig::AuthMethod::ClientSecretJwt << true;
    QTest::newRow("client_secret_basic (same request)") << ClientConfig::AuthMethod::ClientSecretBasic << false;
}

// The retry after use_dpop_nonce carries a new client assertion: the first one's jti is spent
// (servers refuse a replayed assertion: invalid_client).
void tst_DPoP::nonceRetryNewClientAssertion()
{
    QFETCH(ClientConfig::AuthMethod, method);
    QFETCH(bool, newAssertion);
    TestHttpServer server;
    auto state = std::make_shared<Script>();
    state->responses = { useDpopNonce({ "nonce-1" }),
                         Response::json(200, QJsonObject{ { QStringLiteral("access_token"), QStringLiteral("at") },
                                                          { QStringLiteral("token_type"), QStringLiteral("DPoP") } }) };
    server.on(QStringLiteral("/token"), [state](const Test::RecordedRequest &) { return state->next(); });
    Client *client = makeClient(server, this);
    ClientConfig config(QStringLiteral("client-1"), QStringLiteral("client-secret-0123456789-0123456789-0123456789"));
    config.setAuthMethod(method);
    config.setPrivateKey(JsonWebKey::generate(QStringLiteral("ES256")));
    client->setClientConfig(config);
    client->setDPoPKey(DPoPKey::generate());
    TokenReply *reply = client->requestClientCredentials();
    QVERIFY(waitFinished(reply));
    QVERIFY2(!reply->error(), qPrintable(reply->error().technicalDetails()));
    const auto requests = server.requests(QStringLiteral("/token"));
    QCOMPARE(requests.size(), 2);
    const QString first = requests.at(0).formValue(QStringLiteral("client_assertion"));
    const QString retry = requests.at(1).formValue(QStringLiteral("client_assertion"));
    if (newAssertion) {
        QVERIFY(!first.isEmpty());
        QVERIFY(!retry.isEmpty());
        QJsonObject firstClaims, retryClaims;
        Jws::parseJwt(first.toLatin1(), &firstClaims);
        Jws::parseJwt(retry.toLatin1(), &retryClaims);
        QVERIFY(!firstClaims.value(QLatin1String("jti")).toString().isEmpty());
        QVERIFY(firstClaims.value(QLatin1String("jti")).toString() != retryClaims.value(QLatin1String("jti")).toString());
        QCOMPARE(requests.at(1).formValue(QStringLiteral("grant_type")), QStringLiteral("client_credentials"));
    } else {
        QCOMPARE(requests.at(1).body, requests.at(0).body);
        QCOMPARE(requests.at(1).header("authorization"), requests.at(0).header("authorization"));
    }
    delete client;
}

// G4: a DPoP-Nonce on a 200 is kept for the origin and used by the next request.
void tst_DPoP::nonceFromSuccessIsUsedNextTime()
{
    TestHttpServer server;
    Response ok = Response::json(200, tokenJson());
    ok.withHeader("DPoP-Nonce", "from-200");
    server.on(QStringLiteral("/token"), ok);
    Client *client = makeClient(server, this);
    client->setDPoPKey(DPoPKey::generate());
    TokenReply *first = client->requestClientCredentials();
    QVERIFY(waitFinished(first));
    QVERIFY(!first->error());
    TokenReply *second = client->requestClientCredentials();
    QVERIFY(waitFinished(second));
    QVERIFY(!second->error());
    const auto requests = server.requests(QStringLiteral("/token"));
    QCOMPARE(requests.size(), 2);
    QVERIFY(!decodeProof(requests.at(0).header("dpop")).claims.contains(QLatin1String("nonce")));
    QCOMPARE(decodeProof(requests.at(1).header("dpop")).claims.value(QLatin1String("nonce")).toString(), QStringLiteral("from-200"));
    delete client;
}

// G5: a resource server's 401 WWW-Authenticate: DPoP error="use_dpop_nonce" (scheme in any case).
void tst_DPoP::resourceServerNonce_data()
{
    QTest::addColumn<QByteArray>("scheme");
    QTest::addColumn<bool>("twice");
    QTest::newRow("DPoP") << QByteArrayLiteral("DPoP") << false;
    QTest::newRow("dPoP") << QByteArrayLiteral("dPoP") << false;
    QTest::newRow("dpop") << QByteArrayLiteral("dpop") << false;
    QTest::newRow("DPoP twice: no loop") << QByteArrayLiteral("DPoP") << true;
}

void tst_DPoP::resourceServerNonce()
{
    QFETCH(QByteArray, scheme);
    QFETCH(bool, twice);
    TestHttpServer server;
    Response challenge = Response::text(401, "");
    challenge.withHeader("WWW-Authenticate", scheme + " error=\"use_dpop_nonce\", error_description=\"Resource server requires nonce in DPoP proof\"");
    challenge.withHeader("DPoP-Nonce", "rs-nonce");
    auto state = std::make_shared<Script>();
    state->responses = twice ? QList<Response>{ challenge } : QList<Response>{ challenge, Response::json(200, QJsonObject{ { QStringLiteral("ok"), true } }) };
    server.on(QStringLiteral("/api"), [state](const Test::RecordedRequest &) { return state->next(); });
    Client *client = makeClient(server, this);
    client->setDPoPKey(DPoPKey::generate());
    ResourceReply *reply = client->resourceRequest("GET", server.url(QStringLiteral("/api?q=1")), QStringLiteral("the-token"), QStringLiteral("DPoP"));
    QVERIFY(waitFinished(reply));
    QTest::qWait(50);
    QCOMPARE(server.requestCount(QStringLiteral("/api")), 2);
    const auto requests = server.requests(QStringLiteral("/api"));
    const Proof retry = decodeProof(requests.at(1).header("dpop"));
    QVERIFY(retry.valid);
    QCOMPARE(retry.claims.value(QLatin1String("nonce")).toString(), QStringLiteral("rs-nonce"));
    QCOMPARE(retry.claims.value(QLatin1String("ath")).toString().toLatin1(), DPoPKey::accessTokenHash(QStringLiteral("the-token")));
    QCOMPARE(retry.claims.value(QLatin1String("htu")).toString(), server.url(QStringLiteral("/api")).toString());
    if (twice) {
        QCOMPARE(reply->error().code(), ErrorCode::AuthenticationChallenge);
        QCOMPARE(reply->error().oauthError(), QStringLiteral("use_dpop_nonce"));
        QCOMPARE(reply->status(), 401);
    } else {
        QVERIFY2(!reply->error(), qPrintable(reply->error().errorString()));
        QCOMPARE(reply->status(), 200);
    }
    delete client;
}

// G8: the token_type must match what was asked for.
void tst_DPoP::tokenTypeBinding_data()
{
    QTest::addColumn<bool>("withKey");
    QTest::addColumn<bool>("required");
    QTest::addColumn<QString>("tokenType");
    QTest::addColumn<bool>("accepted");
    QTest::newRow("proof, DPoP") << true << false << QStringLiteral("DPoP") << true;
    QTest::newRow("proof, dPoP (case-insensitive)") << true << false << QStringLiteral("dPoP") << true;
    QTest::newRow("proof, Bearer, DPoP not required") << true << false << QStringLiteral("Bearer") << true;
    QTest::newRow("proof, Bearer, DPoP required") << true << true << QStringLiteral("Bearer") << false;
    QTest::newRow("proof, bearer, DPoP required") << true << true << QStringLiteral("bearer") << false;
    QTest::newRow("no proof, DPoP") << false << false << QStringLiteral("DPoP") << false;
    QTest::newRow("no proof, Bearer") << false << false << QStringLiteral("Bearer") << true;
}

void tst_DPoP::tokenTypeBinding()
{
    QFETCH(bool, withKey);
    QFETCH(bool, required);
    QFETCH(QString, tokenType);
    QFETCH(bool, accepted);
    TestHttpServer server;
    server.on(QStringLiteral("/token"), Response::json(200, tokenJson(QStringLiteral("at"), tokenType)));
    Client *client = makeClient(server, this);
    if (withKey)
        client->setDPoPKey(DPoPKey::generate());
    client->setDPoPRequired(required);
    TokenReply *reply = client->requestClientCredentials();
    QVERIFY(waitFinished(reply));
    QCOMPARE(server.lastRequest().hasHeader("dpop"), withKey);
    if (accepted)
        QVERIFY2(!reply->error(), qPrintable(reply->error().errorString()));
    else
        QCOMPARE(reply->error().code(), ErrorCode::DPoPBindingMismatch);
    delete client;
}

// G10: a public client's refresh uses the same key (also after an export/import across runs).
void tst_DPoP::refreshUsesSameKey()
{
    TestHttpServer server;
    server.on(QStringLiteral("/token"), Response::json(200, tokenJson(QStringLiteral("at"), QStringLiteral("DPoP"), 3600, QStringLiteral("rt-2"))));
    const DPoPKey key = DPoPKey::generate();
    Client *client = makeClient(server, this);
    client->setDPoPKey(key);
    TokenReply *first = client->requestClientCredentials();
    QVERIFY(waitFinished(first));
    TokenReply *refresh = client->refreshToken(QStringLiteral("rt-1"));
    QVERIFY(waitFinished(refresh));
    QVERIFY(!refresh->error());
    delete client;

    // Next run: the key comes back from storage.
    Client *later = makeClient(server, this);
    later->setDPoPKey(DPoPKey::fromJson(QJsonDocument::fromJson(QJsonDocument(key.toJson()).toJson()).object()));
    TokenReply *again = later->refreshToken(QStringLiteral("rt-2"));
    QVERIFY(waitFinished(again));
    QVERIFY(!again->error());

    const auto requests = server.requests(QStringLiteral("/token"));
    QCOMPARE(requests.size(), 3);
    for (const auto &r : requests) {
        const Proof p = decodeProof(r.header("dpop"));
        QVERIFY(p.valid);
        QCOMPARE(JsonWebKey::fromJson(p.header.value(QLatin1String("jwk")).toObject()).thumbprintBase64Url(),
                 key.thumbprint().toLatin1());
    }
    QCOMPARE(requests.at(1).formValue(QStringLiteral("grant_type")), QStringLiteral("refresh_token"));
    delete later;
}

// Proofs on PAR, UserInfo (with ath), introspection and revocation (where configured).
void tst_DPoP::proofPerEndpoint_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("authorization");
    QTest::addColumn<bool>("introspectionAndRevocation");
    QTest::addColumn<bool>("expectProof");
    QTest::addColumn<bool>("expectAth");
    QTest::newRow("PAR") << QStringLiteral("/par") << QByteArray() << true << true << false;
    QTest::newRow("UserInfo DPoP") << QStringLiteral("/userinfo") << QByteArrayLiteral("DPoP at-9") << true << true << true;
    QTest::newRow("UserInfo Bearer") << QStringLiteral("/userinfo") << QByteArrayLiteral("Bearer at-9") << true << false << false;
    QTest::newRow("introspection") << QStringLiteral("/introspect") << QByteArray() << true << true << false;
    QTest::newRow("revocation") << QStringLiteral("/revoke") << QByteArray() << true << true << false;
    QTest::newRow("introspection, switched off") << QStringLiteral("/introspect") << QByteArray() << false << false << false;
    QTest::newRow("revocation, switched off") << QStringLiteral("/revoke") << QByteArray() << false << false << false;
    QTest::newRow("other URL") << QStringLiteral("/other") << QByteArray() << true << false << false;
}

void tst_DPoP::proofPerEndpoint()
{
    QFETCH(QString, path);
    QFETCH(QByteArray, authorization);
    QFETCH(bool, introspectionAndRevocation);
    QFETCH(bool, expectProof);
    QFETCH(bool, expectAth);
    TestHttpServer server;
    server.on(path, Response::json(200, QJsonObject{ { QStringLiteral("sub"), QStringLiteral("x") } }));
    Client *client = makeClient(server, this);
    client->setDPoPKey(DPoPKey::generate());
    client->setDPoPForIntrospectionAndRevocation(introspectionAndRevocation);
    auto *reply = new JsonReply(client);
    const QUrl url = server.url(path + QStringLiteral("?a=b"));
    ClientPrivate::get(client)->send(
        reply,
        [url, authorization](Error *) {
            HttpRequest request;
            request.method = authorization.isEmpty() ? QByteArrayLiteral("POST") : QByteArrayLiteral("GET");
            request.url = url;
            if (!authorization.isEmpty())
                request.setHeader("Authorization", authorization);
            else
                request.setHeader("Content-Type", "application/x-www-form-urlencoded");
            return request;
        },
        [reply](const HttpResponse &) { ReplyPrivate::get(reply)->finish(); });
    QVERIFY(waitFinished(reply));
    QVERIFY(!reply->error());
    const Test::RecordedRequest r = server.lastRequest();
    QCOMPARE(r.hasHeader("dpop"), expectProof);
    if (expectProof) {
        const Proof p = decodeProof(r.header("dpop"));
        QVERIFY(p.valid);
        QCOMPARE(p.claims.value(QLatin1String("htu")).toString(), server.url(path).toString());
        QCOMPARE(p.claims.value(QLatin1String("htm")).toString(), QString::fromLatin1(r.method));
        QCOMPARE(p.claims.contains(QLatin1String("ath")), expectAth);
        if (expectAth)
            QCOMPARE(p.claims.value(QLatin1String("ath")).toString().toLatin1(), DPoPKey::accessTokenHash(QStringLiteral("at-9")));
    }
    delete client;
}

void tst_DPoP::noProofOnDeviceAuthorization()
{
    TestHttpServer server;
    server.on(QStringLiteral("/device"), Response::json(200, QJsonObject{
        { QStringLiteral("device_code"), QStringLiteral("dc") },
        { QStringLiteral("user_code"), QStringLiteral("ABCD-EFGH") },
        { QStringLiteral("verification_uri"), QStringLiteral("https://id.example/device") },
        { QStringLiteral("expires_in"), 600 } }));
    Client *client = makeClient(server, this);
    client->setDPoPKey(DPoPKey::generate());
    JsonReply *reply = client->requestDeviceAuthorization(QStringLiteral("openid"));
    QVERIFY(waitFinished(reply));
    QVERIFY2(!reply->error(), qPrintable(reply->error().errorString()));
    QCOMPARE(server.requestCount(QStringLiteral("/device")), 1);
    QVERIFY(!server.lastRequest().hasHeader("dpop"));
    QCOMPARE(reply->result().value(QLatin1String("interval")).toInt(), 5);
    delete client;
}

void tst_DPoP::resourceRequestSchemes_data()
{
    QTest::addColumn<QString>("tokenType");
    QTest::addColumn<QByteArray>("expectedAuthorization");
    QTest::addColumn<bool>("expectProof");
    QTest::newRow("Bearer") << QStringLiteral("Bearer") << QByteArrayLiteral("Bearer tok-1") << false;
    QTest::newRow("bearer") << QStringLiteral("bearer") << QByteArrayLiteral("Bearer tok-1") << false;
    QTest::newRow("DPoP") << QStringLiteral("DPoP") << QByteArrayLiteral("DPoP tok-1") << true;
}

void tst_DPoP::resourceRequestSchemes()
{
    QFETCH(QString, tokenType);
    QFETCH(QByteArray, expectedAuthorization);
    QFETCH(bool, expectProof);
    TestHttpServer server;
    server.on(QStringLiteral("/api/items"), Response::json(201, QByteArrayLiteral("{\"id\":1}")));
    Client *client = makeClient(server, this);
    client->setDPoPKey(DPoPKey::generate());
    ResourceReply *reply = client->resourceRequest("put", server.url(QStringLiteral("/api/items?v=2")), QStringLiteral("tok-1"), tokenType,
                                                   QByteArrayLiteral("{\"a\":1}"), { { QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json") } });
    QVERIFY(waitFinished(reply));
    QVERIFY2(!reply->error(), qPrintable(reply->error().errorString()));
    QCOMPARE(reply->status(), 201);
    QCOMPARE(reply->body(), QByteArrayLiteral("{\"id\":1}"));
    QCOMPARE(reply->header("content-type"), QByteArrayLiteral("application/json"));
    const Test::RecordedRequest r = server.lastRequest();
    QCOMPARE(r.method, QByteArrayLiteral("PUT"));
    QCOMPARE(r.body, QByteArrayLiteral("{\"a\":1}"));
    QCOMPARE(r.header("authorization"), expectedAuthorization);
    QCOMPARE(r.hasHeader("dpop"), expectProof);
    if (expectProof) {
        const Proof p = decodeProof(r.header("dpop"));
        QVERIFY(p.valid);
        QCOMPARE(p.claims.value(QLatin1String("htm")).toString(), QStringLiteral("PUT"));
        QCOMPARE(p.claims.value(QLatin1String("htu")).toString(), server.url(QStringLiteral("/api/items")).toString());
        QCOMPARE(p.claims.value(QLatin1String("ath")).toString().toLatin1(), DPoPKey::accessTokenHash(QStringLiteral("tok-1")));
    }
    delete client;
}

void tst_DPoP::resourceChallengeTyped_data()
{
    QTest::addColumn<QByteArray>("challenge");
    QTest::addColumn<QString>("scheme");
    QTest::addColumn<QString>("oauthError");
    QTest::newRow("Bearer invalid_token") << QByteArrayLiteral("Bearer realm=\"api\", error=\"invalid_token\", error_description=\"expired\"")
                                          << QStringLiteral("Bearer") << QStringLiteral("invalid_token");
    QTest::newRow("DPoP invalid_token") << QByteArrayLiteral("DPoP algs=\"ES256\", error=\"invalid_token\"")
                                        << QStringLiteral("DPoP") << QStringLiteral("invalid_token");
    QTest::newRow("Bearer insufficient_scope") << QByteArrayLiteral("Bearer error=\"insufficient_scope\", scope=\"x\"")
                                               << QStringLiteral("Bearer") << QStringLiteral("insufficient_scope");
}

void tst_DPoP::resourceChallengeTyped()
{
    QFETCH(QByteArray, challenge);
    QFETCH(QString, scheme);
    QFETCH(QString, oauthError);
    TestHttpServer server;
    Response r = Response::text(401, "denied");
    r.withHeader("WWW-Authenticate", challenge);
    server.on(QStringLiteral("/api"), r);
    Client *client = makeClient(server, this);
    ResourceReply *reply = client->resourceRequest("GET", server.url(QStringLiteral("/api")), QStringLiteral("tok"));
    QVERIFY(waitFinished(reply));
    QCOMPARE(reply->error().code(), ErrorCode::AuthenticationChallenge);
    QCOMPARE(reply->error().challengeScheme(), scheme);
    QCOMPARE(reply->error().oauthError(), oauthError);
    QCOMPARE(reply->error().httpStatus(), 401);
    QCOMPARE(reply->status(), 401);
    QCOMPARE(reply->body(), QByteArrayLiteral("denied"));
    QCOMPARE(server.requestCount(QStringLiteral("/api")), 1);
    delete client;
}

void tst_DPoP::dpopJkt()
{
    Client client;
    QCOMPARE(client.authorizationDPoPJkt(), QString());
    QSignalSpy spy(&client, &Client::dpopKeyChanged);
    const DPoPKey key = DPoPKey::generate();
    client.setDPoPKey(key);
    client.setDPoPKey(key);
    QCOMPARE(spy.count(), 1);
    QCOMPARE(client.authorizationDPoPJkt(), QString::fromLatin1(key.key().thumbprintBase64Url()));
    QCOMPARE(client.authorizationDPoPJkt().size(), 43);
}

// H3 / G1 at the PAR endpoint: 400 use_dpop_nonce with a DPoP-Nonce -> exactly one retry with a
// fresh proof carrying the nonce; the request_uri then comes back.
void tst_DPoP::parNonceRetry()
{
    TestHttpServer server;
    auto calls = std::make_shared<int>(0);
    server.on(QStringLiteral("/par"), [calls](const Test::RecordedRequest &) {
        if ((*calls)++ == 0)
            return Response::json(400, QJsonObject{ { QStringLiteral("error"), QStringLiteral("use_dpop_nonce") } })
                .withHeader("DPoP-Nonce", "par-nonce-1");
        return Response::json(201, QJsonObject{ { QStringLiteral("request_uri"), QStringLiteral("urn:example:par:1") },
                                                { QStringLiteral("expires_in"), 60 } });
    });
    Client *client = makeClient(server, this);
    client->setDPoPKey(DPoPKey::generate());
    JsonReply *reply = client->pushAuthorizationRequest({ { QStringLiteral("response_type"), QStringLiteral("code") },
                                                          { QStringLiteral("scope"), QStringLiteral("openid") } });
    QVERIFY(waitFinished(reply));
    QVERIFY2(!reply->error(), qPrintable(reply->error().errorString()));
    QCOMPARE(reply->result().value(QLatin1String("request_uri")).toString(), QStringLiteral("urn:example:par:1"));
    const QList<Test::RecordedRequest> requests = server.requests(QStringLiteral("/par"));
    QCOMPARE(requests.size(), 2);
    const Proof first = decodeProof(requests.at(0).header("dpop"));
    const Proof second = decodeProof(requests.at(1).header("dpop"));
    QVERIFY(first.valid && second.valid);
    QVERIFY(!first.claims.contains(QLatin1String("nonce")));
    QCOMPARE(second.claims.value(QLatin1String("nonce")).toString(), QStringLiteral("par-nonce-1"));
    QVERIFY(first.claims.value(QLatin1String("jti")) != second.claims.value(QLatin1String("jti")));
    QVERIFY(!second.claims.contains(QLatin1String("ath"))); // no ath on PAR (G7)
    delete client;
}

// The proof's claims are serialised by hand for speed: hostile nonces, URLs and tokens must
// still produce a JWS whose claims parse back to exactly what went in.
void tst_DPoP::proofEscapesValues_data()
{
    QTest::addColumn<QByteArray>("nonce");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("token");
    QTest::newRow("plain") << QByteArray("n-1") << QStringLiteral("/api") << QStringLiteral("tok");
    QTest::newRow("quote backslash") << QByteArray("a\"b\\c") << QStringLiteral("/a\"b") << QStringLiteral("t\"\\");
    QTest::newRow("control chars") << QByteArray("x\x01\ny") << QStringLiteral("/p") << QString(QChar(0x1f));
    QTest::newRow("non-ascii") << QByteArray("\xc3\xa9") << QString::fromUtf8("/\xc3\xa9\xe2\x82\xac/\xf0\x9f\x94\x91") << QString::fromUtf8("\xe2\x82\xac");
    QTest::newRow("json breakers") << QByteArray("\",\"htm\":\"GET") << QStringLiteral("/x\",\"iat\":0,\"y") << QStringLiteral("}{");
}

void tst_DPoP::proofEscapesValues()
{
    QFETCH(QByteArray, nonce);
    QFETCH(QString, path);
    QFETCH(QString, token);
    Error error;
    const DPoPKey key = DPoPKey::generate(QStringLiteral("ES256"), &error);
    QVERIFY(!error);
    QUrl url(QStringLiteral("https://rs.example"));
    url.setPath(path);
    const QByteArray proof = key.proof("post", url, nonce, token, {}, &error);
    QVERIFY2(!error, qPrintable(error.errorString()));
    QJsonObject claims;
    const JwsCompact jws = Jws::parseJwt(proof, &claims, &error);
    QVERIFY2(!error, qPrintable(error.errorString()));
    QVERIFY(Jws::verify(jws, key.key().publicKey(), &error));
    // Nonce bytes map one to one (valid nonces are ASCII NQCHAR; the transport refuses others).
    QCOMPARE(claims.value(QLatin1String("nonce")).toString(), QString::fromLatin1(nonce));
    QCOMPARE(claims.value(QLatin1String("htu")).toString(), DPoPKey::htu(url));
    QCOMPARE(claims.value(QLatin1String("htm")).toString(), QStringLiteral("POST"));
    QCOMPARE(claims.value(QLatin1String("ath")).toString(), QString::fromLatin1(DPoPKey::accessTokenHash(token)));
    QCOMPARE(claims.size(), 6); // jti, htm, htu, iat, nonce, ath: nothing injected
}

QTEST_GUILESS_MAIN(tst_DPoP)
#include "tst_dpop.moc"

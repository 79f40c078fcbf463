// SPDX-License-Identifier: BSD-3-Clause
// Client authentication (P7 of the checklist, RFC 6749 2.3.1 + Appendix B, RFC 7523).
#include "flows/authorizationrequest_p.h"
#include "protocol/endpoints_p.h"
#include "protocol/formencoding_p.h"

#include <oauth4qt/json.h>
#include <oauth4qt/jws.h>

#include <QtTest/QtTest>
#include "../../jose/mldsavectors.h"

using namespace OAuth4Qt;

Q_DECLARE_METATYPE(OAuth4Qt::ClientConfig::AuthMethod)

namespace {
EndpointContext context(const ClientConfig &client)
{
    EndpointContext c;
    c.metadata = ServerMetadata::fromJson(
        QJsonObject{ { QStringLiteral("issuer"), QStringLiteral("https://as.example/tenant") },
                     { QStringLiteral("token_endpoint"), QStringLiteral("https://as.example/tenant/token") } });
    c.client = client;
    c.now = QDateTime(QDate(2026, 11, 22), QTime(12, 0), QTimeZone::utc()).toUTC();
    return c;
}

// Decodes application/x-www-form-urlencoded the way a server does.
QString formDecode(QByteArray s)
{
    s.replace('+', ' ');
    return QString::fromUtf8(QByteArray::fromPercentEncoding(s));
}

// The form body as a server sees it (values fully decoded).
struct Form
{
    QList<std::pair<QString, QString>> items;
    QString queryItemValue(const QString &name, QUrl::ComponentFormattingOptions = QUrl::FullyDecoded) const
    {
        for (const auto &[n, v] : items) {
            if (n == name)
                return v;
        }
        return {};
    }
    bool hasQueryItem(const QString &name) const
    {
        for (const auto &item : items) {
            if (item.first == name)
                return true;
        }
        return false;
    }
};

Form form(const HttpRequest &r)
{
    Form f;
    for (const QByteArray &pair : r.body.split('&')) {
        const int eq = pair.indexOf('=');
        f.items.append({ formDecode(pair.left(eq)), formDecode(pair.mid(eq + 1)) });
    }
    return f;
}

QByteArray header(const HttpRequest &r, const QByteArray &name)
{
    for (const auto &[n, v] : r.headers) {
        if (n.compare(name, Qt::CaseInsensitive) == 0)
            return v;
    }
    return {};
}
} // namespace

class tst_ClientAuth : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void formEncoding_data();
    void formEncoding();
    void basic_data();
    void basic();
    void post();
    void none();
    void jwtAssertion_data();
    void jwtAssertion();
    void mlDsaAssertion_data();
    void mlDsaAssertion();
    void mlDsaRequestObject();
    void misconfiguration_data();
    void misconfiguration();
    void secretsNotInErrors();
};

void tst_ClientAuth::formEncoding_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QByteArray>("encoded");
    QTest::newRow("plain") << "abcXYZ019" << QByteArray("abcXYZ019");
    QTest::newRow("space") << "a b" << QByteArray("a+b");
    QTest::newRow("plus") << "a+b" << QByteArray("a%2Bb");
    QTest::newRow("colon percent") << ":%" << QByteArray("%3A%25");
    QTest::newRow("non-ascii") << QString::fromUtf8("é") << QByteArray("%C3%A9");
    QTest::newRow("unreserved encoded too") << "-._~" << QByteArray("%2D%2E%5F%7E");
}

void tst_ClientAuth::formEncoding()
{
    QFETCH(QString, input);
    QFETCH(QByteArray, encoded);
    QCOMPARE(formEncodeStrict(input), encoded);
    QCOMPARE(formDecode(encoded), input);
    QCOMPARE(formDecode(formEncode(input)), input);
}

void tst_ClientAuth::basic_data()
{
    QTest::addColumn<QString>("id");
    QTest::addColumn<QString>("secret");
    QTest::newRow("simple") << "client" << "secret";
    QTest::newRow("colon in secret") << "client" << "se:cret";
    QTest::newRow("P7 : % + non-ASCII") << "cli:ent%" << QString::fromUtf8("s:e%c+r é t");
}

void tst_ClientAuth::basic()
{
    QFETCH(QString, id);
    QFETCH(QString, secret);
    ClientConfig client(id, secret);
    QCOMPARE(client.effectiveAuthMethod(), ClientConfig::AuthMethod::ClientSecretBasic);
    Error error;
    const HttpRequest r = buildTokenRequest(GrantType::clientCredentials(), {}, context(client), &error);
    QVERIFY(!error);
    const QByteArray auth = header(r, "Authorization");
    QVERIFY(auth.startsWith("Basic "));
    const QByteArray decoded = QByteArray::fromBase64(auth.mid(6));
    const int colon = decoded.indexOf(':');
    QVERIFY(colon > 0);
    // The id and secret are form-encoded, so the only ':' is the separator.
    QCOMPARE(decoded.count(':'), 1);
    QCOMPARE(formDecode(decoded.left(colon)), id);
    QCOMPARE(formDecode(decoded.mid(colon + 1)), secret);
    QVERIFY(!form(r).hasQueryItem(QStringLiteral("client_secret")));
    QVERIFY(!form(r).hasQueryItem(QStringLiteral("client_id")));
}

void tst_ClientAuth::post()
{
    ClientConfig client(QStringLiteral("client"), QString::fromUtf8("s+e cr%t"));
    client.setAuthMethod(ClientConfig::AuthMethod::ClientSecretPost);
    Error error;
    const HttpRequest r = buildTokenRequest(GrantType::clientCredentials(), {}, context(client), &error);
    QVERIFY(!error);
    QVERIFY(header(r, "Authorization").isEmpty());
    QCOMPARE(header(r, "Content-Type"), QByteArray("application/x-www-form-urlencoded"));
    const Form q = form(r);
    QCOMPARE(q.queryItemValue(QStringLiteral("client_secret")), QString::fromUtf8("s+e cr%t"));
    QCOMPARE(q.queryItemValue(QStringLiteral("client_id")), QStringLiteral("client"));
}

void tst_ClientAuth::none()
{
    ClientConfig client(QStringLiteral("public-app"));
    QCOMPARE(client.effectiveAuthMethod(), ClientConfig::AuthMethod::None);
    Error error;
    const HttpRequest r = buildTokenRequest(GrantType::clientCredentials(), {}, context(client), &error);
    QVERIFY(!error);
    QVERIFY(header(r, "Authorization").isEmpty());
    QCOMPARE(form(r).queryItemValue(QStringLiteral("client_id")), QStringLiteral("public-app"));
    QVERIFY(!form(r).hasQueryItem(QStringLiteral("client_assertion")));
}

void tst_ClientAuth::jwtAssertion_data()
{
    QTest::addColumn<ClientConfig::AuthMethod>("method");
    QTest::addColumn<QString>("alg");
    QTest::newRow("client_secret_jwt HS256") << ClientConfig::AuthMethod::ClientSecretJwt << "HS256";
    QTest::newRow("private_key_jwt RS256") << ClientConfig::AuthMethod::PrivateKeyJwt << "RS256";
    QTest::newRow("private_key_jwt PS256") << ClientConfig::AuthMethod::PrivateKeyJwt << "PS256";
    QTest::newRow("private_key_jwt ES256") << ClientConfig::AuthMethod::PrivateKeyJwt << "ES256";
    QTest::newRow("private_key_jwt EdDSA") << ClientConfig::AuthMethod::PrivateKeyJwt << "EdDSA";
}

void tst_ClientAuth::jwtAssertion()
{
    QFETCH(ClientConfig::AuthMethod, method);
    QFETCH(QString, alg);
    ClientConfig client(QStringLiteral("client-1"));
    JsonWebKey verifyKey;
    if (method == ClientConfig::AuthMethod::ClientSecretJwt) {
        client.setClientSecret(QStringLiteral("a-long-shared-secret-for-hmac-000000"));
        verifyKey = JsonWebKey::fromSecret(client.clientSecret().toUtf8());
    } else {
        Error keyError;
        JsonWebKey key = JsonWebKey::generate(alg, &keyError);
        QVERIFY2(!keyError, qPrintable(keyError.errorString()));
        key.setKeyId(QStringLiteral("k1"));
        client.setPrivateKey(key);
        if (alg != key.defaultAlgorithm())
            client.setSigningAlgorithm(alg);
        verifyKey = key.publicKey();
    }
    client.setAuthMethod(method);
    const EndpointContext ctx = context(client);
    Error error;
    const HttpRequest r = buildTokenRequest(GrantType::clientCredentials(), {}, ctx, &error);
    QVERIFY2(!error, qPrintable(error.errorString()));
    QVERIFY(header(r, "Authorization").isEmpty());
    const Form q = form(r);
    QCOMPARE(q.queryItemValue(QStringLiteral("client_assertion_type")),
             QStringLiteral("urn:ietf:params:oauth:client-assertion-type:jwt-bearer"));
    QVERIFY(!q.hasQueryItem(QStringLiteral("client_secret")));
    const QByteArray assertion = q.queryItemValue(QStringLiteral("client_assertion"), QUrl::FullyDecoded).toLatin1();
    QJsonObject claims;
    const JwsCompact jws = Jws::parseJwt(assertion, &claims, &error);
    QVERIFY2(!error, qPrintable(error.errorString()));
    QCOMPARE(jws.algorithm(), alg);
    QVERIFY(Jws::verify(jws, verifyKey, &error));
    if (method == ClientConfig::AuthMethod::PrivateKeyJwt)
        QCOMPARE(jws.keyId(), QStringLiteral("k1"));
    QCOMPARE(claims.value(QLatin1String("iss")).toString(), QStringLiteral("client-1"));
    QCOMPARE(claims.value(QLatin1String("sub")).toString(), QStringLiteral("client-1"));
    QCOMPARE(claims.value(QLatin1String("aud")).toString(), QStringLiteral("https://as.example/tenant")); // aud = issuer
    const qint64 now = ctx.now.toSecsSinceEpoch();
    QCOMPARE(qint64(claims.value(QLatin1String("iat")).toDouble()), now);
    QCOMPARE(qint64(claims.value(QLatin1String("exp")).toDouble()), now + 60);
    // unique jti per assertion
    const QString jti = claims.value(QLatin1String("jti")).toString();
    QVERIFY(jti.size() >= 32);
    const HttpRequest r2 = buildTokenRequest(GrantType::clientCredentials(), {}, ctx, &error);
    QJsonObject claims2;
    Jws::parseJwt(form(r2).queryItemValue(QStringLiteral("client_assertion"), QUrl::FullyDecoded).toLatin1(), &claims2);
    QVERIFY(claims2.value(QLatin1String("jti")).toString() != jti);
}

// private_key_jwt with an ML-DSA key made by jose 6 (tests/auto/jose/data): where the OpenSSL in
// use has ML-DSA the assertion is signed with it (alg from the key) and jose's public key verifies
// it; without, ML-DSA as the signing algorithm is refused as UnsupportedAlgorithm.
void tst_ClientAuth::mlDsaAssertion_data()
{
    QTest::addColumn<QJsonObject>("vector");
    const QJsonArray vectors = MlDsaVectors::vectors();
    for (const QJsonValue &v : vectors) {
        QTest::addRow("%s (OpenSSL %s ML-DSA)", qPrintable(v.toObject().value(QLatin1String("alg")).toString()),
                      MlDsaVectors::openSslHasMlDsa() ? "with" : "without")
                << v.toObject();
    }
}

void tst_ClientAuth::mlDsaAssertion()
{
    QFETCH(QJsonObject, vector);
    const QString alg = vector.value(QLatin1String("alg")).toString();
    ClientConfig client(QStringLiteral("client-1"));
    client.setAuthMethod(ClientConfig::AuthMethod::PrivateKeyJwt);
    Error error;
    const JsonWebKey key = JsonWebKey::fromJson(vector.value(QLatin1String("jwk")).toObject(),
                                                JsonWebKey::PrivatePart::KeepPrivate, &error);
    if (!MlDsaVectors::openSslHasMlDsa()) {
        QVERIFY(key.isNull());
        QCOMPARE(error.code(), ErrorCode::UnsupportedAlgorithm);
        Error keyError;
        client.setPrivateKey(JsonWebKey::generate(QStringLiteral("ES256"), &keyError));
        QVERIFY(!keyError);
        client.setSigningAlgorithm(alg);
        const HttpRequest r = buildTokenRequest(GrantType::clientCredentials(), {}, context(client), &error);
        QVERIFY(error.isError());
        QCOMPARE(error.code(), ErrorCode::UnsupportedAlgorithm);
        return;
    }
    QVERIFY2(!key.isNull(), qPrintable(error.detail()));
    client.setPrivateKey(key);
    const HttpRequest r = buildTokenRequest(GrantType::clientCredentials(), {}, context(client), &error);
    QVERIFY2(!error, qPrintable(error.errorString()));
    const QByteArray assertion = form(r).queryItemValue(QStringLiteral("client_assertion"), QUrl::FullyDecoded).toLatin1();
    QJsonObject claims;
    const JwsCompact jws = Jws::parseJwt(assertion, &claims, &error);
    QVERIFY2(!error, qPrintable(error.errorString()));
    QCOMPARE(jws.algorithm(), alg);
    QVERIFY2(Jws::verify(jws, JsonWebKey::fromJson(vector.value(QLatin1String("publicJwk")).toObject()), &error),
             qPrintable(error.detail()));
    QCOMPARE(claims.value(QLatin1String("iss")).toString(), QStringLiteral("client-1"));
}

// A JAR request object (RFC 9101) signed with jose's ML-DSA-65 key where the OpenSSL in use has
// ML-DSA; without, ML-DSA-65 is no asymmetric algorithm the library has, so it is refused.
void tst_ClientAuth::mlDsaRequestObject()
{
    const QJsonObject vector = MlDsaVectors::vectors().at(1).toObject();
    ClientConfig client(QStringLiteral("client-1"));
    const Parameters parameters{ { QStringLiteral("response_type"), QStringLiteral("code") },
                                 { QStringLiteral("client_id"), QStringLiteral("client-1") },
                                 { QStringLiteral("state"), QStringLiteral("st") } };
    Error error;
    if (!MlDsaVectors::openSslHasMlDsa()) {
        Error keyError;
        client.setPrivateKey(JsonWebKey::generate(QStringLiteral("ES256"), &keyError));
        QVERIFY(!keyError);
        client.setSigningAlgorithm(QStringLiteral("ML-DSA-65"));
        QVERIFY(buildRequestObject(parameters, context(client), 300, &error).isEmpty());
        QCOMPARE(error.code(), ErrorCode::AlgorithmNotAllowed);
        return;
    }
    const JsonWebKey key = JsonWebKey::fromJson(vector.value(QLatin1String("jwk")).toObject(),
                                                JsonWebKey::PrivatePart::KeepPrivate, &error);
    QVERIFY2(!key.isNull(), qPrintable(error.detail()));
    client.setPrivateKey(key);
    const QByteArray requestObject = buildRequestObject(parameters, context(client), 300, &error);
    QVERIFY2(!error, qPrintable(error.errorString()));
    QJsonObject claims;
    const JwsCompact jws = Jws::parseJwt(requestObject, &claims, &error);
    QVERIFY2(!error, qPrintable(error.errorString()));
    QCOMPARE(jws.algorithm(), QStringLiteral("ML-DSA-65"));
    QVERIFY2(Jws::verify(jws, JsonWebKey::fromJson(vector.value(QLatin1String("publicJwk")).toObject()), &error),
             qPrintable(error.detail()));
    QCOMPARE(claims.value(QLatin1String("state")).toString(), QStringLiteral("st"));
}

void tst_ClientAuth::misconfiguration_data()
{
    QTest::addColumn<ClientConfig::AuthMethod>("method");
    QTest::newRow("basic without secret") << ClientConfig::AuthMethod::ClientSecretBasic;
    QTest::newRow("post without secret") << ClientConfig::AuthMethod::ClientSecretPost;
    QTest::newRow("secret_jwt without secret") << ClientConfig::AuthMethod::ClientSecretJwt;
    QTest::newRow("private_key_jwt without key") << ClientConfig::AuthMethod::PrivateKeyJwt;
}

void tst_ClientAuth::misconfiguration()
{
    QFETCH(ClientConfig::AuthMethod, method);
    ClientConfig client(QStringLiteral("c"));
    client.setAuthMethod(method);
    Error error;
    buildTokenRequest(GrantType::clientCredentials(), {}, context(client), &error);
    QCOMPARE(error.code(), ErrorCode::InvalidConfiguration);
    QCOMPARE(error.category(), ErrorCategory::Usage);

    // A public key only cannot sign
    if (method == ClientConfig::AuthMethod::PrivateKeyJwt) {
        client.setPrivateKey(JsonWebKey::generate(QStringLiteral("ES256")).publicKey());
        buildTokenRequest(GrantType::clientCredentials(), {}, context(client), &error);
        QCOMPARE(error.code(), ErrorCode::InvalidConfiguration);
    }
    ClientConfig noId;
    buildTokenRequest(GrantType::clientCredentials(), {}, context(noId), &error);
    QCOMPARE(error.code(), ErrorCode::InvalidConfiguration);
}

void tst_ClientAuth::secretsNotInErrors()
{
    ClientConfig client(QStringLiteral("c"), QStringLiteral("TOP-SECRET-VALUE"));
    client.setAuthMethod(ClientConfig::AuthMethod::PrivateKeyJwt);
    Error error;
    buildTokenRequest(GrantType::clientCredentials(), {}, context(client), &error);
    QVERIFY(error);
    QVERIFY(!error.errorString().contains(QLatin1String("TOP-SECRET-VALUE")));
    QVERIFY(!error.detail().contains(QLatin1String("TOP-SECRET-VALUE")));
}

QTEST_GUILESS_MAIN(tst_ClientAuth)
#include "tst_clientauth.moc"

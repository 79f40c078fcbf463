// SPDX-License-Identifier: BSD-3-Clause
// The one signing-algorithm precedence for signed responses (docs/algorithms.md): the configured
// algorithm; else the server's advertised *_signing_alg_values_supported as far as the library
// verifies them (never none; HMAC only with a client secret); else RS256. "Not configured" is
// representable (empty), and a provider that signs ID Tokens with ES256 or EdDSA and advertises
// it works with no algorithm configured.
#include "testhttpserver.h"
#include "../../jose/mldsavectors.h"
#include "waitfinished.h"

#include "flows/authorizationrequest_p.h"
#include "validation/algorithmpolicy_p.h"
#include "validation/oidcendpoints_p.h"

#include <oauth4qt/client.h>
#include <oauth4qt/idtokenvalidator.h>
#include <oauth4qt/jws.h>

#include <QtCore/QJsonArray>
#include <QtCore/QJsonDocument>
#include <QtTest/QtTest>

using namespace OAuth4Qt;
using namespace OAuth4Qt::Test;

namespace {

const QByteArray kSecret = "client-secret-0123456789-0123456789-0123456789";

QJsonArray array(const QStringList &list)
{
    QJsonArray a;
    for (const QString &s : list)
        a.append(s);
    return a;
}

} // namespace

class tst_AlgorithmPolicy : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void precedence_data();
    void precedence();
    void unsetIsRepresentable();
    void everySignedResponseUsesThePrecedence();
    void idTokenFromServer_data();
    void idTokenFromServer();

private:
    JsonWebKey m_rsa, m_ec, m_ed;
};

void tst_AlgorithmPolicy::initTestCase()
{
    qRegisterMetaType<Error>();
    Error e;
    m_rsa = JsonWebKey::generate(QStringLiteral("RS256"), &e);
    QVERIFY(!e);
    m_rsa.setKeyId(QStringLiteral("rsa1"));
    m_ec = JsonWebKey::generate(QStringLiteral("ES256"), &e);
    QVERIFY(!e);
    m_ec.setKeyId(QStringLiteral("ec1"));
    m_ed = JsonWebKey::generate(QStringLiteral("EdDSA"), &e);
    QVERIFY(!e);
    m_ed.setKeyId(QStringLiteral("ed1"));
}

void tst_AlgorithmPolicy::precedence_data()
{
    QTest::addColumn<QString>("configured");
    QTest::addColumn<QStringList>("advertised");
    QTest::addColumn<bool>("secret");
    QTest::addColumn<QStringList>("expected");
    const QStringList none;
    auto L = [](std::initializer_list<const char *> l) {
        QStringList r;
        for (const char *s : l)
            r.append(QString::fromLatin1(s));
        return r;
    };
    QTest::newRow("nothing: RS256") << QString() << none << false << L({ "RS256" });
    QTest::newRow("nothing, with a secret: RS256") << QString() << none << true << L({ "RS256" });
    QTest::newRow("advertised ES256 only") << QString() << L({ "ES256" }) << false << L({ "ES256" });
    QTest::newRow("advertised EdDSA only") << QString() << L({ "EdDSA" }) << false << L({ "EdDSA" });
    QTest::newRow("advertised list, order kept") << QString() << L({ "PS256", "ES256", "RS256" }) << false << L({ "PS256", "ES256", "RS256" });
    QTest::newRow("advertised none dropped") << QString() << L({ "none", "ES256" }) << false << L({ "ES256" });
    QTest::newRow("advertised NONE dropped") << QString() << L({ "NONE", "RS256" }) << false << L({ "RS256" });
    QTest::newRow("advertised unknown dropped") << QString() << L({ "ES256K", "RS256" }) << false << L({ "RS256" });
    QTest::newRow("advertised only unusable: nothing") << QString() << L({ "none", "XS999" }) << false << none;
    QTest::newRow("advertised HS256 without a secret dropped") << QString() << L({ "HS256", "ES256" }) << false << L({ "ES256" });
    QTest::newRow("advertised HS256 with a secret kept") << QString() << L({ "HS256", "ES256" }) << true << L({ "HS256", "ES256" });
    QTest::newRow("advertised only HS256 without a secret: nothing") << QString() << L({ "HS256" }) << false << none;
    QTest::newRow("advertised duplicates once") << QString() << L({ "ES256", "ES256" }) << false << L({ "ES256" });
    QTest::newRow("configured wins over advertised") << QStringLiteral("ES256") << L({ "RS256", "ES256" }) << false << L({ "ES256" });
    QTest::newRow("configured, nothing advertised") << QStringLiteral("EdDSA") << none << false << L({ "EdDSA" });
    QTest::newRow("configured RS256 explicitly") << QStringLiteral("RS256") << L({ "RS256", "ES256" }) << false << L({ "RS256" });
    QTest::newRow("configured but not advertised: nothing") << QStringLiteral("PS256") << L({ "RS256" }) << false << none;
    QTest::newRow("configured none: nothing") << QStringLiteral("none") << none << false << none;
    QTest::newRow("configured HS256 with a secret") << QStringLiteral("HS256") << none << true << L({ "HS256" });
    QTest::newRow("configured HS256 without a secret: nothing") << QStringLiteral("HS256") << none << false << none;
    QTest::newRow("configured unknown: nothing") << QStringLiteral("XS999") << none << false << none;
    // ML-DSA like EdDSA where the OpenSSL in use has it (3.5 and later); else unknown.
    const bool mlDsa = MlDsaVectors::openSslHasMlDsa();
    QTest::newRow("advertised ML-DSA-65 and RS256") << QString() << L({ "ML-DSA-65", "RS256" }) << false
                                                    << (mlDsa ? L({ "ML-DSA-65", "RS256" }) : L({ "RS256" }));
    QTest::newRow("configured ML-DSA-44") << QStringLiteral("ML-DSA-44") << none << false
                                          << (mlDsa ? L({ "ML-DSA-44" }) : none);
    QTest::newRow("configured ML-DSA-87 but not advertised: nothing") << QStringLiteral("ML-DSA-87") << L({ "ML-DSA-65" })
                                                                       << false << none;
}

void tst_AlgorithmPolicy::precedence()
{
    QFETCH(QString, configured);
    QFETCH(QStringList, advertised);
    QFETCH(bool, secret);
    QFETCH(QStringList, expected);
    QCOMPARE(acceptedSigningAlgorithms(configured, advertised, secret), expected);
    // The ID Token validator uses exactly this.
    IdTokenValidator v;
    v.setAlgorithm(configured);
    v.setServerAlgorithms(advertised);
    v.setClientSecret(secret ? QString::fromLatin1(kSecret) : QString());
    QCOMPARE(v.allowedAlgorithms(), expected);
}

void tst_AlgorithmPolicy::unsetIsRepresentable()
{
    const ClientConfig config(QStringLiteral("app"));
    QVERIFY(config.idTokenSignedResponseAlg().isEmpty());
    QVERIFY(config.authorizationSignedResponseAlg().isEmpty());
    QVERIFY(config.userinfoSignedResponseAlg().isEmpty());
    QVERIFY(config.introspectionSignedResponseAlg().isEmpty());
    QVERIFY(IdTokenValidator().algorithm().isEmpty());
    ClientConfig rs256 = config;
    rs256.setIdTokenSignedResponseAlg(QStringLiteral("RS256"));
    QCOMPARE(rs256.idTokenSignedResponseAlg(), QStringLiteral("RS256")); // explicit differs from unset
}

// JARM, signed UserInfo and JWT introspection take their algorithms from the same function.
void tst_AlgorithmPolicy::everySignedResponseUsesThePrecedence()
{
    const QStringList advertised{ QStringLiteral("none"), QStringLiteral("ES256"), QStringLiteral("HS256") };
    QCOMPARE(jarmValidator(QStringLiteral("https://as"), QStringLiteral("app"), QString(), {}, advertised).allowedAlgorithms(),
             QStringList{ QStringLiteral("ES256") });
    QCOMPARE(jarmValidator(QStringLiteral("https://as"), QStringLiteral("app"), QString(), kSecret, advertised).allowedAlgorithms(),
             (QStringList{ QStringLiteral("ES256"), QStringLiteral("HS256") }));
    QCOMPARE(jarmValidator(QStringLiteral("https://as"), QStringLiteral("app"), QString(), {}, {}).allowedAlgorithms(),
             QStringList{ QStringLiteral("RS256") });
    QCOMPARE(jarmValidator(QStringLiteral("https://as"), QStringLiteral("app"), QStringLiteral("EdDSA"), {}, {}).allowedAlgorithms(),
             QStringList{ QStringLiteral("EdDSA") });
    QCOMPARE(userInfoJwtValidator(QStringLiteral("ES256"), {}, advertised).allowedAlgorithms(), QStringList{ QStringLiteral("ES256") });
    QCOMPARE(userInfoJwtValidator(QStringLiteral("PS256"), {}, advertised).allowedAlgorithms(), QStringList());
    QCOMPARE(userInfoJwtValidator(QStringLiteral("HS256"), {}, {}).allowedAlgorithms(), QStringList());
    QCOMPARE(introspectionJwtValidator(QStringLiteral("https://as"), QStringLiteral("app"), QStringLiteral("ES256"), {}, advertised)
                 .allowedAlgorithms(),
             QStringList{ QStringLiteral("ES256") });
    QCOMPARE(introspectionJwtValidator(QStringLiteral("https://as"), QStringLiteral("app"), QStringLiteral("none"), {}, {})
                 .allowedAlgorithms(),
             QStringList());
}

void tst_AlgorithmPolicy::idTokenFromServer_data()
{
    QTest::addColumn<QString>("signAlg");
    QTest::addColumn<QStringList>("advertised");
    QTest::addColumn<QString>("configured");
    QTest::addColumn<bool>("withSecret");
    QTest::addColumn<ErrorCode>("expected");
    const QStringList none;
    QTest::newRow("ES256 provider advertising ES256, nothing configured")
        << QStringLiteral("ES256") << QStringList{ QStringLiteral("ES256") } << QString() << true << ErrorCode::NoError;
    QTest::newRow("EdDSA provider advertising EdDSA, nothing configured")
        << QStringLiteral("EdDSA") << QStringList{ QStringLiteral("EdDSA") } << QString() << true << ErrorCode::NoError;
    QTest::newRow("ES256 among several advertised")
        << QStringLiteral("ES256") << QStringList{ QStringLiteral("RS256"), QStringLiteral("ES256"), QStringLiteral("EdDSA") }
        << QString() << false << ErrorCode::NoError;
    QTest::newRow("RS256 with nothing advertised or configured")
        << QStringLiteral("RS256") << none << QString() << false << ErrorCode::NoError;
    QTest::newRow("ES256 with nothing advertised or configured: RS256 only")
        << QStringLiteral("ES256") << none << QString() << false << ErrorCode::AlgorithmNotAllowed;
    QTest::newRow("ES256 not advertised")
        << QStringLiteral("ES256") << QStringList{ QStringLiteral("RS256") } << QString() << false << ErrorCode::AlgorithmNotAllowed;
    QTest::newRow("configured RS256 refuses an advertised ES256")
        << QStringLiteral("ES256") << QStringList{ QStringLiteral("RS256"), QStringLiteral("ES256") } << QStringLiteral("RS256")
        << false << ErrorCode::AlgorithmNotAllowed;
    QTest::newRow("HS256 advertised, confidential client")
        << QStringLiteral("HS256") << QStringList{ QStringLiteral("HS256"), QStringLiteral("RS256") } << QString() << true
        << ErrorCode::NoError;
    QTest::newRow("HS256 advertised, public client")
        << QStringLiteral("HS256") << QStringList{ QStringLiteral("HS256"), QStringLiteral("RS256") } << QString() << false
        << ErrorCode::AlgorithmNotAllowed;
}

// A whole token request whose response carries an ID Token, through the Client.
void tst_AlgorithmPolicy::idTokenFromServer()
{
    QFETCH(QString, signAlg);
    QFETCH(QStringList, advertised);
    QFETCH(QString, configured);
    QFETCH(bool, withSecret);
    QFETCH(ErrorCode, expected);
    TestHttpServer server;
    const QString base = server.url().toString();
    QJsonObject md{ { QStringLiteral("issuer"), base },
                    { QStringLiteral("token_endpoint"), QString(base + QLatin1String("/token")) },
                    { QStringLiteral("jwks_uri"), QString(base + QLatin1String("/jwks")) } };
    if (!advertised.isEmpty())
        md.insert(QStringLiteral("id_token_signing_alg_values_supported"), array(advertised));
    server.on(QStringLiteral("/.well-known/openid-configuration"), Response::json(200, md));
    server.on(QStringLiteral("/jwks"), Response::json(200, QJsonObject{ { QStringLiteral("keys"),
        QJsonArray{ m_rsa.publicKey().toJson(), m_ec.publicKey().toJson(), m_ed.publicKey().toJson() } } }));
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    const QJsonObject claims{ { QStringLiteral("iss"), base }, { QStringLiteral("aud"), QStringLiteral("app") },
                              { QStringLiteral("sub"), QStringLiteral("alice") }, { QStringLiteral("iat"), now },
                              { QStringLiteral("exp"), now + 300 } };
    JsonWebKey key = signAlg == QLatin1String("ES256") ? m_ec : signAlg == QLatin1String("EdDSA") ? m_ed : m_rsa;
    QJsonObject header{ { QStringLiteral("kid"), key.keyId() } };
    if (signAlg.startsWith(QLatin1String("HS"))) {
        key = JsonWebKey::fromSecret(kSecret);
        header = {};
    }
    const QByteArray idToken = Jws::sign(signAlg, header, QJsonDocument(claims).toJson(QJsonDocument::Compact), key);
    QVERIFY(!idToken.isEmpty());
    server.on(QStringLiteral("/token"), Response::json(200, QJsonObject{ { QStringLiteral("access_token"), QStringLiteral("at") },
                                                                        { QStringLiteral("token_type"), QStringLiteral("Bearer") },
                                                                        { QStringLiteral("id_token"), QString::fromLatin1(idToken) } }));
    Client client;
    client.setAllowInsecureHttp(true);
    client.setRequestTimeout(5000);
    client.setIssuer(server.url());
    ClientConfig config(QStringLiteral("app"), withSecret ? QString::fromLatin1(kSecret) : QString());
    if (!withSecret)
        config.setAuthMethod(ClientConfig::AuthMethod::None);
    if (!configured.isEmpty())
        config.setIdTokenSignedResponseAlg(configured);
    client.setClientConfig(config);
    std::unique_ptr<TokenReply> reply(client.requestToken(QStringLiteral("refresh_token"),
                                                          { { QStringLiteral("refresh_token"), QStringLiteral("rt") } }));
    QVERIFY(waitFinished(reply.get()));
    QCOMPARE(reply->error().code(), expected);
    if (expected == ErrorCode::NoError)
        QCOMPARE(reply->tokens().idTokenClaims().value(QLatin1String("sub")).toString(), QStringLiteral("alice"));
}

QTEST_GUILESS_MAIN(tst_AlgorithmPolicy)
#include "tst_algorithmpolicy.moc"

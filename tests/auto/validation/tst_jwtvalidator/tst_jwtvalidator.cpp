// SPDX-License-Identifier: BSD-3-Clause
// JwtValidator for the other signed JWTs: JARM responses (H5, H8), RFC 9068 access tokens,
// JWT introspection responses (I2), signed UserInfo (E2).
#include <oauth4qt/jwtvalidator.h>

#include "validation/oidcendpoints_p.h"

#include "../jwttestutil.h"

#include <QtTest/QtTest>

using namespace OAuth4Qt;
using namespace JwtTest;

namespace {
const QString kIssuer = QStringLiteral("https://op.example.test");
const QString kClient = QStringLiteral("client-1");
const QString kResource = QStringLiteral("https://api.example.test");
const qint64 kNow = 1700000000;
} // namespace

class tst_JwtValidator : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void jarm_data();
    void jarm();
    void accessToken_data();
    void accessToken();
    void introspection_data();
    void introspection();
    void userInfo_data();
    void userInfo();
    void types();

private:
    void addColumns();
    JwtValidator withKeysAndClock(JwtValidator v) const;
    JsonWebKey m_rsa, m_ec;
};

void tst_JwtValidator::initTestCase()
{
    Error e;
    m_rsa = JsonWebKey::generate(QStringLiteral("RS256"), &e);
    QVERIFY(!e);
    m_rsa.setKeyId(QStringLiteral("rsa1"));
    m_ec = JsonWebKey::generate(QStringLiteral("ES256"), &e);
    QVERIFY(!e);
    m_ec.setKeyId(QStringLiteral("ec1"));
}

JwtValidator tst_JwtValidator::withKeysAndClock(JwtValidator v) const
{
    v.setKeys(JsonWebKeySet({ m_rsa.publicKey(), m_ec.publicKey() }));
    v.setClock([] { return QDateTime::fromSecsSinceEpoch(kNow).toUTC(); });
    return v;
}

void tst_JwtValidator::addColumns()
{
    QTest::addColumn<QString>("alg");
    QTest::addColumn<QJsonObject>("header");
    QTest::addColumn<QJsonObject>("claims");
    QTest::addColumn<ErrorCode>("expected");
}

// JARM (H5): iss, aud, exp required, signature, alg allow-list; the state check (H6) is the flow's.
void tst_JwtValidator::jarm_data()
{
    addColumns();
    const QString RS = QStringLiteral("RS256");
    auto row = [](const char *name, const QString &alg, O header, O claims, ErrorCode e) {
        QTest::newRow(name) << alg << obj(header) << obj(claims) << e;
    };
    row("valid", RS, {}, {}, ErrorCode::NoError);
    row("H5 iss wrong", RS, {}, { { "iss", "https://evil.example.test" } }, ErrorCode::IssuerMismatch);
    row("H5 iss missing", RS, {}, { { "iss", nullptr } }, ErrorCode::MissingMember);
    row("H5 aud wrong", RS, {}, { { "aud", "other" } }, ErrorCode::AudienceMismatch);
    row("H5 aud missing", RS, {}, { { "aud", nullptr } }, ErrorCode::MissingMember);
    row("H5 exp missing", RS, {}, { { "exp", nullptr } }, ErrorCode::MissingMember);
    row("H5 expired", RS, {}, { { "exp", kNow - 600 } }, ErrorCode::TokenExpired);
    row("H5 alg not registered", QStringLiteral("ES256"), {}, {}, ErrorCode::AlgorithmNotAllowed);
    row("H5 typ of another JWT", RS, { { "typ", "logout+jwt" } }, {}, ErrorCode::UnexpectedJwtType);
}

void tst_JwtValidator::jarm()
{
    QFETCH(QString, alg);
    QFETCH(QJsonObject, header);
    QFETCH(QJsonObject, claims);
    QFETCH(ErrorCode, expected);
    const QJsonObject base = obj({ { "iss", kIssuer }, { "aud", kClient }, { "exp", kNow + 300 },
                                   { "code", "abc" }, { "state", "xyz" } });
    const JsonWebKey &key = alg.startsWith(QLatin1String("ES")) ? m_ec : m_rsa;
    const QByteArray jwt = sign(alg, header, patched(base, claims), key);
    JwtValidator v;
    v.setAllowedAlgorithms({ QStringLiteral("RS256") });
    v.setExpectedIssuer(kIssuer);
    v.setExpectedAudience(kClient);
    Error error;
    const QJsonObject result = withKeysAndClock(v).validate(jwt, &error);
    QCOMPARE(error.code(), expected);
    if (expected == ErrorCode::NoError)
        QCOMPARE(result.value(QLatin1String("state")).toString(), QStringLiteral("xyz"));

    // Bad signature and alg none are refused too.
    if (expected == ErrorCode::NoError) {
        QByteArray forged = jwt;
        forged[forged.size() - 3] = forged[forged.size() - 3] == 'A' ? 'B' : 'A';
        withKeysAndClock(v).validate(forged, &error);
        QCOMPARE(error.code(), ErrorCode::InvalidSignature);
        const QList<QByteArray> parts = jwt.split('.');
        const QByteArray none = Base64Url::encode(R"({"alg":"none"})") + '.' + parts[1] + '.';
        withKeysAndClock(v).validate(none, &error);
        QCOMPARE(error.code(), ErrorCode::AlgorithmNotAllowed);
        // H8: an encrypted JARM response without decryption configured.
        withKeysAndClock(v).validate(Base64Url::encode(R"({"alg":"RSA-OAEP","enc":"A256GCM"})") + ".a.b.c.d", &error);
        QCOMPARE(error.code(), ErrorCode::EncryptedJwtUnsupported);
    }
}

// RFC 9068
void tst_JwtValidator::accessToken_data()
{
    addColumns();
    const QString RS = QStringLiteral("RS256"), ES = QStringLiteral("ES256");
    auto row = [](const char *name, const QString &alg, O header, O claims, ErrorCode e) {
        QTest::newRow(name) << alg << obj(header) << obj(claims) << e;
    };
    row("valid at+jwt", RS, { { "typ", "at+jwt" } }, {}, ErrorCode::NoError);
    row("valid application/at+jwt ES256", ES, { { "typ", "application/at+jwt" } }, {}, ErrorCode::NoError);
    row("typ missing", RS, {}, {}, ErrorCode::UnexpectedJwtType);
    row("typ JWT", RS, { { "typ", "JWT" } }, {}, ErrorCode::UnexpectedJwtType);
    row("aud other resource", RS, { { "typ", "at+jwt" } }, { { "aud", "https://other.example.test" } }, ErrorCode::AudienceMismatch);
    row("aud array with resource", RS, { { "typ", "at+jwt" } }, { { "aud", A({ "x", kResource }) } }, ErrorCode::NoError);
    row("iss wrong", RS, { { "typ", "at+jwt" } }, { { "iss", "https://evil.example.test" } }, ErrorCode::IssuerMismatch);
    row("exp missing", RS, { { "typ", "at+jwt" } }, { { "exp", nullptr } }, ErrorCode::MissingMember);
    row("expired", RS, { { "typ", "at+jwt" } }, { { "exp", kNow - 100 } }, ErrorCode::TokenExpired);
    row("iat missing", RS, { { "typ", "at+jwt" } }, { { "iat", nullptr } }, ErrorCode::MissingMember);
    // K7: a NumericDate beyond 2^53 - 1 is no exact time: refused, not rounded into the far future.
    row("K7 exp 2^53 + 1", RS, { { "typ", "at+jwt" } }, { { "exp", 9007199254740993.0 } }, ErrorCode::InvalidMember);
    row("K7 exp 2^53 - 1 (far future, exact)", RS, { { "typ", "at+jwt" } }, { { "exp", 9007199254740991.0 } }, ErrorCode::NoError);
    row("K7 nbf -1e300", RS, { { "typ", "at+jwt" } }, { { "nbf", -1e300 } }, ErrorCode::InvalidMember);
    row("K7 iat 1e300", RS, { { "typ", "at+jwt" } }, { { "iat", 1e300 } }, ErrorCode::InvalidMember);
    row("sub missing", RS, { { "typ", "at+jwt" } }, { { "sub", nullptr } }, ErrorCode::MissingMember);
    row("client_id missing", RS, { { "typ", "at+jwt" } }, { { "client_id", nullptr } }, ErrorCode::MissingMember);
    row("jti missing", RS, { { "typ", "at+jwt" } }, { { "jti", nullptr } }, ErrorCode::MissingMember);
    row("HS256 never", QStringLiteral("HS256"), { { "typ", "at+jwt" } }, {}, ErrorCode::AlgorithmNotAllowed);
}

void tst_JwtValidator::accessToken()
{
    QFETCH(QString, alg);
    QFETCH(QJsonObject, header);
    QFETCH(QJsonObject, claims);
    QFETCH(ErrorCode, expected);
    const QJsonObject base = obj({ { "iss", kIssuer }, { "aud", kResource }, { "exp", kNow + 300 }, { "iat", kNow },
                                   { "sub", "user-1" }, { "client_id", kClient }, { "jti", "j-1" }, { "scope", "api:read" } });
    JsonWebKey key = alg.startsWith(QLatin1String("ES")) ? m_ec : m_rsa;
    if (alg.startsWith(QLatin1String("HS")))
        key = JsonWebKey::fromSecret("0123456789012345678901234567890123456789");
    const QByteArray jwt = sign(alg, header, patched(base, claims), key);
    Error error;
    const QJsonObject result = withKeysAndClock(accessTokenJwtValidator(kIssuer, kResource, {})).validate(jwt, &error);
    QCOMPARE(error.code(), expected);
    if (!error)
        QCOMPARE(result.value(QLatin1String("scope")).toString(), QStringLiteral("api:read"));
}

// RFC 9701 (I2)
void tst_JwtValidator::introspection_data()
{
    addColumns();
    const QString RS = QStringLiteral("RS256");
    auto row = [](const char *name, const QString &alg, O header, O claims, ErrorCode e) {
        QTest::newRow(name) << alg << obj(header) << obj(claims) << e;
    };
    row("valid", RS, { { "typ", "token-introspection+jwt" } }, {}, ErrorCode::NoError);
    row("typ missing", RS, {}, {}, ErrorCode::UnexpectedJwtType);
    row("typ at+jwt", RS, { { "typ", "at+jwt" } }, {}, ErrorCode::UnexpectedJwtType);
    row("iss wrong", RS, { { "typ", "token-introspection+jwt" } }, { { "iss", "https://evil.example.test" } }, ErrorCode::IssuerMismatch);
    row("aud wrong", RS, { { "typ", "token-introspection+jwt" } }, { { "aud", "other" } }, ErrorCode::AudienceMismatch);
    row("iat missing", RS, { { "typ", "token-introspection+jwt" } }, { { "iat", nullptr } }, ErrorCode::MissingMember);
    row("token_introspection missing", RS, { { "typ", "token-introspection+jwt" } }, { { "token_introspection", nullptr } }, ErrorCode::MissingMember);
    row("token_introspection not an object", RS, { { "typ", "token-introspection+jwt" } }, { { "token_introspection", "yes" } }, ErrorCode::InvalidMember);
    row("active a string", RS, { { "typ", "token-introspection+jwt" } }, { { "token_introspection", obj({ { "active", "true" } }) } }, ErrorCode::InvalidMember);
    row("alg not registered", QStringLiteral("ES256"), { { "typ", "token-introspection+jwt" } }, {}, ErrorCode::AlgorithmNotAllowed);
}

void tst_JwtValidator::introspection()
{
    QFETCH(QString, alg);
    QFETCH(QJsonObject, header);
    QFETCH(QJsonObject, claims);
    QFETCH(ErrorCode, expected);
    const QJsonObject base = obj({ { "iss", kIssuer }, { "aud", kClient }, { "iat", kNow },
                                   { "token_introspection", obj({ { "active", true }, { "sub", "user-1" } }) } });
    const QByteArray jwt = sign(alg, header, patched(base, claims), alg.startsWith(QLatin1String("ES")) ? m_ec : m_rsa);
    Error error;
    const QJsonObject verified = withKeysAndClock(introspectionJwtValidator(kIssuer, kClient, QStringLiteral("RS256"), {})).validate(jwt, &error);
    QJsonObject result;
    if (!error)
        result = introspectionFromJwtClaims(verified, &error);
    QCOMPARE(error.code(), expected);
    if (!error)
        QCOMPARE(result.value(QLatin1String("sub")).toString(), QStringLiteral("user-1"));
}

// E2: signed UserInfo: alg, signature, iss/aud when present; exp not required.
void tst_JwtValidator::userInfo_data()
{
    addColumns();
    const QString ES = QStringLiteral("ES256");
    auto row = [](const char *name, const QString &alg, O header, O claims, ErrorCode e) {
        QTest::newRow(name) << alg << obj(header) << obj(claims) << e;
    };
    row("valid without iss/aud/exp", ES, {}, {}, ErrorCode::NoError);
    row("valid with iss/aud", ES, {}, { { "iss", kIssuer }, { "aud", kClient } }, ErrorCode::NoError);
    row("E2 iss wrong", ES, {}, { { "iss", "https://evil.example.test" } }, ErrorCode::IssuerMismatch);
    row("E2 aud wrong", ES, {}, { { "aud", "other" } }, ErrorCode::AudienceMismatch);
    row("E2 alg other than registered", QStringLiteral("RS256"), {}, {}, ErrorCode::AlgorithmNotAllowed);
    row("E1 sub other", ES, {}, { { "sub", "user-2" } }, ErrorCode::SubjectMismatch);
    row("E1 sub missing", ES, {}, { { "sub", nullptr } }, ErrorCode::MissingMember);
}

void tst_JwtValidator::userInfo()
{
    QFETCH(QString, alg);
    QFETCH(QJsonObject, header);
    QFETCH(QJsonObject, claims);
    QFETCH(ErrorCode, expected);
    const QJsonObject base = obj({ { "sub", "user-1" }, { "email", "alice@example.test" } });
    const QByteArray jwt = sign(alg, header, patched(base, claims), alg.startsWith(QLatin1String("ES")) ? m_ec : m_rsa);
    Error error;
    const QJsonObject verified = withKeysAndClock(userInfoJwtValidator(QStringLiteral("ES256"), {})).validate(jwt, &error);
    if (!error)
        error = checkUserInfoClaims(verified, QStringLiteral("user-1"), kIssuer, kClient);
    QCOMPARE(error.code(), expected);
}

void tst_JwtValidator::types()
{
    QVERIFY(JwtValidator::typeMatches(QStringLiteral("application/AT+JWT"), QStringLiteral("at+jwt")));
    QVERIFY(!JwtValidator::typeMatches(QStringLiteral("at+jwt+x"), QStringLiteral("at+jwt")));
    QVERIFY(JwtValidator::isOtherJwtType(QStringLiteral("logout+jwt")));
    QVERIFY(JwtValidator::isOtherJwtType(QStringLiteral("application/dpop+jwt")));
    QVERIFY(!JwtValidator::isOtherJwtType(QStringLiteral("JWT")));
    QVERIFY(!JwtValidator::isOtherJwtType(QString()));
}

QTEST_GUILESS_MAIN(tst_JwtValidator)
#include "tst_jwtvalidator.moc"

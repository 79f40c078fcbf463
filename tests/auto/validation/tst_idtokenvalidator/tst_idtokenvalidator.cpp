// SPDX-License-Identifier: BSD-3-Clause
// Section D of the security checklist, one row per line, plus P4 (clock skew) and C13.
#include <oauth4qt/idtokenvalidator.h>
#include <oauth4qt/jws.h>

#include <QtCore/QCryptographicHash>
#include <QtCore/QJsonArray>
#include <QtCore/QJsonDocument>
#include <QtTest/QtTest>
#include "../../jose/mldsavectors.h"

using namespace OAuth4Qt;

namespace {
// JSON literals in test rows without QT_NO_CAST_FROM_ASCII getting in the way.
struct V
{
    QJsonValue v;
    V(const char *s) : v(QString::fromUtf8(s)) {}
    V(const QString &s) : v(s) {}
    V(int i) : v(i) {}
    V(double d) : v(d) {}
    V(bool b) : v(b) {}
    V(std::nullptr_t) : v(QJsonValue::Null) {}
    V(const QJsonArray &a) : v(a) {}
    V(const QJsonObject &o) : v(o) {}
};
using O = std::initializer_list<std::pair<const char *, V>>;
QJsonObject obj(O members)
{
    QJsonObject o;
    for (const auto &m : members)
        o.insert(QString::fromUtf8(m.first), m.second.v);
    return o;
}
QJsonArray A(std::initializer_list<V> values)
{
    QJsonArray a;
    for (const V &x : values)
        a.append(x.v);
    return a;
}
const QString kIssuer = QStringLiteral("https://op.example.test");
const QString kClient = QStringLiteral("client-1");
const QString kSecret = QStringLiteral("a-client-secret-that-is-long-enough-for-hs256!");
const qint64 kNow = 1700000000;
} // namespace

class tst_IdTokenValidator : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void validate_data();
    void validate();
    void clockSkew_data();
    void clockSkew();
    void allowedAlgorithms_data();
    void allowedAlgorithms();
    void tokenHash();
    void claimsReturned();
    void mlDsaIdToken_data();
    void mlDsaIdToken();

private:
    QByteArray makeToken(const QString &alg, const QJsonObject &headerPatch, const QJsonObject &claimsPatch,
                         const QString &mutation = {}) const;
    QJsonObject baseClaims() const;
    IdTokenValidator validator(const QString &alg, const QJsonObject &options) const;

    JsonWebKey m_rsa, m_rsaOther, m_ec, m_ed;
};

void tst_IdTokenValidator::initTestCase()
{
    Error e;
    m_rsa = JsonWebKey::generate(QStringLiteral("RS256"), &e);
    QVERIFY2(!e, qPrintable(e.errorString()));
    m_rsa.setKeyId(QStringLiteral("rsa1"));
    m_rsaOther = JsonWebKey::generate(QStringLiteral("RS256"), &e);
    QVERIFY(!e);
    m_rsaOther.setKeyId(QStringLiteral("rsa1")); // same kid, other key: a forged token
    m_ec = JsonWebKey::generate(QStringLiteral("ES256"), &e);
    QVERIFY(!e);
    m_ec.setKeyId(QStringLiteral("ec1"));
    m_ed = JsonWebKey::generate(QStringLiteral("EdDSA"), &e);
    QVERIFY(!e);
    m_ed.setKeyId(QStringLiteral("ed1"));
}

QJsonObject tst_IdTokenValidator::baseClaims() const
{
    return QJsonObject{
        { QStringLiteral("iss"), kIssuer },
        { QStringLiteral("aud"), kClient },
        { QStringLiteral("sub"), QStringLiteral("user-1") },
        { QStringLiteral("exp"), double(kNow + 300) },
        { QStringLiteral("iat"), double(kNow) },
        { QStringLiteral("nonce"), QStringLiteral("n-1") },
    };
}

QByteArray tst_IdTokenValidator::makeToken(const QString &alg, const QJsonObject &headerPatch,
                                           const QJsonObject &claimsPatch, const QString &mutation) const
{
    QJsonObject claims = baseClaims();
    for (auto it = claimsPatch.begin(); it != claimsPatch.end(); ++it) {
        if (it->isNull())
            claims.remove(it.key());
        else
            claims.insert(it.key(), *it);
    }
    QJsonObject header;
    JsonWebKey key;
    if (alg.startsWith(QLatin1String("RS")) || alg.startsWith(QLatin1String("PS")))
        key = m_rsa;
    else if (alg.startsWith(QLatin1String("ES")))
        key = m_ec;
    else if (alg == QLatin1String("EdDSA"))
        key = m_ed;
    else if (alg.startsWith(QLatin1String("HS")))
        key = JsonWebKey::fromSecret(kSecret.toUtf8());
    if (!key.keyId().isEmpty() && !alg.startsWith(QLatin1String("HS")))
        header.insert(QStringLiteral("kid"), key.keyId());
    for (auto it = headerPatch.begin(); it != headerPatch.end(); ++it) {
        if (it->isNull())
            header.remove(it.key());
        else
            header.insert(it.key(), *it);
    }
    if (mutation == QLatin1String("otherKey"))
        key = m_rsaOther;
    if (mutation == QLatin1String("hsWithPublicKey"))
        key = JsonWebKey::fromSecret(m_rsa.toPem(false));
    QByteArray payload = QJsonDocument(claims).toJson(QJsonDocument::Compact);
    if (mutation == QLatin1String("duplicateClaim"))
        payload.insert(1, "\"sub\":\"evil\",");
    if (mutation == QLatin1String("payloadArray"))
        payload = "[1,2]";
    if (mutation == QLatin1String("none")) {
        header.insert(QStringLiteral("alg"), QStringLiteral("none"));
        return Base64Url::encode(QJsonDocument(header).toJson(QJsonDocument::Compact)) + '.'
            + Base64Url::encode(payload) + '.';
    }
    Error e;
    QByteArray token = Jws::sign(alg, header, payload, key, &e);
    if (e)
        qWarning() << "signing failed" << e;
    QList<QByteArray> parts = token.split('.');
    if (mutation == QLatin1String("badSignature")) {
        QByteArray sig = Base64Url::decode(parts[2], nullptr);
        sig[sig.size() / 2] = char(sig[sig.size() / 2] ^ 0x01);
        parts[2] = Base64Url::encode(sig);
    } else if (mutation == QLatin1String("tamperedPayload")) {
        claims.insert(QStringLiteral("sub"), QStringLiteral("admin"));
        parts[1] = Base64Url::encode(QJsonDocument(claims).toJson(QJsonDocument::Compact));
    } else if (mutation == QLatin1String("twoSegments")) {
        parts.removeLast();
    } else if (mutation == QLatin1String("fourSegments")) {
        parts.append(parts.last());
    } else if (mutation == QLatin1String("padded")) {
        parts[1] += "==";
    } else if (mutation == QLatin1String("invalidBase64")) {
        parts[1].insert(2, '*');
    } else if (mutation == QLatin1String("jwe")) {
        const QByteArray jweHeader = Base64Url::encode(R"({"alg":"RSA-OAEP","enc":"A256GCM"})");
        return jweHeader + ".AAAA.AAAA.AAAA.AAAA";
    } else if (mutation == QLatin1String("rsa15")) {
        const QByteArray jweHeader = Base64Url::encode(R"({"alg":"RSA1_5","enc":"A128CBC-HS256"})");
        return jweHeader + ".AAAA.AAAA.AAAA.AAAA";
    } else if (mutation == QLatin1String("headerNotObject")) {
        parts[0] = Base64Url::encode("\"x\"");
    }
    return parts.join('.');
}

IdTokenValidator tst_IdTokenValidator::validator(const QString &alg, const QJsonObject &options) const
{
    IdTokenValidator v;
    v.setIssuer(kIssuer);
    v.setClientId(kClient);
    v.setAlgorithm(options.value(QLatin1String("algorithm")).toString(alg));
    if (options.contains(QLatin1String("secret")))
        v.setClientSecret(options.value(QLatin1String("secret")).toString());
    else if (alg.startsWith(QLatin1String("HS")))
        v.setClientSecret(kSecret);
    QStringList serverAlgs;
    for (const QJsonValue &a : options.value(QLatin1String("serverAlgs")).toArray())
        serverAlgs.append(a.toString());
    v.setServerAlgorithms(serverAlgs);
    QList<JsonWebKey> keys{ m_rsa.publicKey(), m_ec.publicKey(), m_ed.publicKey() };
    if (options.value(QLatin1String("duplicateKid")).toBool())
        keys.append(m_rsaOther.publicKey());
    if (options.value(QLatin1String("twoRsaNoKid")).toBool()) {
        JsonWebKey a = m_rsa.publicKey();
        a.setKeyId(QString());
        JsonWebKey b = m_rsaOther.publicKey();
        b.setKeyId(QString());
        keys = { a, b };
    }
    if (options.value(QLatin1String("singleNoKid")).toBool()) {
        JsonWebKey a = m_rsa.publicKey();
        a.setKeyId(QString());
        keys = { a };
    }
    v.setKeys(JsonWebKeySet(keys));
    v.setNonce(options.value(QLatin1String("nonce")).toString(QStringLiteral("n-1")));
    v.setMaxAge(options.value(QLatin1String("maxAge")).toInt(-1));
    v.setAccessToken(options.value(QLatin1String("accessToken")).toString());
    v.setAuthorizationCode(options.value(QLatin1String("code")).toString());
    v.setState(options.value(QLatin1String("state")).toString());
    v.setRefresh(options.value(QLatin1String("refresh")).toBool());
    v.setPreviousIssuer(options.value(QLatin1String("prevIss")).toString());
    v.setPreviousSubject(options.value(QLatin1String("prevSub")).toString());
    const qint64 now = kNow + options.value(QLatin1String("clockOffset")).toInteger();
    v.setClock([now] { return QDateTime::fromSecsSinceEpoch(now).toUTC(); });
    return v;
}

void tst_IdTokenValidator::validate_data()
{
    QTest::addColumn<QString>("alg");
    QTest::addColumn<QJsonObject>("header");
    QTest::addColumn<QJsonObject>("claims");
    QTest::addColumn<QString>("mutation");
    QTest::addColumn<QJsonObject>("options");
    QTest::addColumn<ErrorCode>("expected");

    const std::nullptr_t remove = nullptr;
    const QJsonObject jwkHeader{ { QStringLiteral("kty"), QStringLiteral("oct") }, { QStringLiteral("k"), QStringLiteral("AAAA") } };
    auto row = [&](const char *name, const QString &alg, O header, O claims, const QString &mutation, O options,
                   ErrorCode expected) {
        QTest::newRow(name) << alg << obj(header) << obj(claims) << mutation << obj(options) << expected;
    };
    const QString RS = QStringLiteral("RS256"), ES = QStringLiteral("ES256"), HS = QStringLiteral("HS256");
    const QString Ed = QStringLiteral("EdDSA");

    // Positive
    row("valid RS256", RS, {}, {}, {}, {}, ErrorCode::NoError);
    row("valid ES256", ES, {}, {}, {}, {}, ErrorCode::NoError);
    row("valid HS256 with secret", HS, {}, {}, {}, {}, ErrorCode::NoError);
    row("valid EdDSA", Ed, {}, {}, {}, {}, ErrorCode::NoError);
    row("typ JWT accepted", RS, { { "typ", "JWT" } }, {}, {}, {}, ErrorCode::NoError);
    // D1
    row("D1 alg none", RS, {}, {}, QStringLiteral("none"), {}, ErrorCode::AlgorithmNotAllowed);
    row("D1 alg none configured", RS, {}, {}, QStringLiteral("none"), { { "algorithm", "none" } }, ErrorCode::AlgorithmNotAllowed);
    // D2
    row("D2 ES256 when RS256 registered", ES, {}, {}, {}, { { "algorithm", "RS256" } }, ErrorCode::AlgorithmNotAllowed);
    row("D2 RS256 when ES256 registered", RS, {}, {}, {}, { { "algorithm", "ES256" } }, ErrorCode::AlgorithmNotAllowed);
    row("D2 default RS256", ES, {}, {}, {}, { { "algorithm", "" } }, ErrorCode::AlgorithmNotAllowed);
    row("D2/A12 server list never widens", ES, {}, {}, {}, { { "algorithm", "RS256" }, { "serverAlgs", A({ "RS256", "ES256", "HS256", "none" }) } }, ErrorCode::AlgorithmNotAllowed);
    row("D2 registered alg not advertised", RS, {}, {}, {}, { { "serverAlgs", A({ "ES256" }) } }, ErrorCode::AlgorithmNotAllowed);
    row("D2 registered alg advertised", RS, {}, {}, {}, { { "serverAlgs", A({ "RS256", "ES256" }) } }, ErrorCode::NoError);
    // D3
    row("D3 bad signature RS256", RS, {}, {}, QStringLiteral("badSignature"), {}, ErrorCode::InvalidSignature);
    row("D3 bad signature ES256", ES, {}, {}, QStringLiteral("badSignature"), {}, ErrorCode::InvalidSignature);
    row("D3 bad signature HS256", HS, {}, {}, QStringLiteral("badSignature"), {}, ErrorCode::InvalidSignature);
    row("D3 tampered payload", RS, {}, {}, QStringLiteral("tamperedPayload"), {}, ErrorCode::InvalidSignature);
    row("D3 signed by another key with the same kid", RS, {}, {}, QStringLiteral("otherKey"), {}, ErrorCode::InvalidSignature);
    row("D3 HS256 with wrong secret", HS, {}, {}, {}, { { "secret", "another-secret-another-secret-another" } }, ErrorCode::InvalidSignature);
    // D4
    row("D4 HS256 with kid of the RSA key, RS256 registered", HS, { { "kid", "rsa1" } }, {}, {}, { { "algorithm", "RS256" } }, ErrorCode::AlgorithmNotAllowed);
    row("D4 HS256 keyed with the RSA public key", HS, { { "kid", "rsa1" } }, {}, QStringLiteral("hsWithPublicKey"), {}, ErrorCode::InvalidSignature);
    row("D4 HS256 registered without a secret", HS, {}, {}, {}, { { "secret", "" } }, ErrorCode::AlgorithmNotAllowed);
    row("D4 RS256 token with kid of the EC key", RS, { { "kid", "ec1" } }, {}, {}, {}, ErrorCode::KeyNotFound);
    // D5
    row("D5 wrong iss", RS, {}, { { "iss", "https://evil.example.test" } }, {}, {}, ErrorCode::IssuerMismatch);
    row("D5 iss with trailing slash", RS, {}, { { "iss", "https://op.example.test/" } }, {}, {}, ErrorCode::IssuerMismatch);
    row("D5 iss missing", RS, {}, { { "iss", remove } }, {}, {}, ErrorCode::MissingMember);
    row("D5 iss not a string", RS, {}, { { "iss", 42 } }, {}, {}, ErrorCode::InvalidMember);
    // D6
    row("D6 wrong aud", RS, {}, { { "aud", "other" } }, {}, {}, ErrorCode::AudienceMismatch);
    row("D6 aud missing", RS, {}, { { "aud", remove } }, {}, {}, ErrorCode::MissingMember);
    row("D6 aud array with client", RS, {}, { { "aud", A({ "client-1" }) } }, {}, {}, ErrorCode::NoError);
    row("D6 two audiences without azp", RS, {}, { { "aud", A({ "client-1", "other" }) } }, {}, {}, ErrorCode::AudienceMismatch);
    row("D6 two audiences with azp", RS, {}, { { "aud", A({ "client-1", "other" }) }, { "azp", "client-1" } }, {}, {}, ErrorCode::NoError);
    row("D6 two audiences, azp other", RS, {}, { { "aud", A({ "client-1", "other" }) }, { "azp", "other" } }, {}, {}, ErrorCode::AudienceMismatch);
    row("D6 azp present and different", RS, {}, { { "azp", "other" } }, {}, {}, ErrorCode::AudienceMismatch);
    row("D6 aud numeric", RS, {}, { { "aud", 7 } }, {}, {}, ErrorCode::InvalidMember);
    row("D6 aud array with number", RS, {}, { { "aud", A({ "client-1", 7 }) } }, {}, {}, ErrorCode::InvalidMember);
    // D7
    row("D7 exp missing", RS, {}, { { "exp", remove } }, {}, {}, ErrorCode::MissingMember);
    row("D7 exp 6 min ago", RS, {}, { { "exp", double(kNow - 360) } }, {}, {}, ErrorCode::TokenExpired);
    row("D7 exp 20 s ago", RS, {}, { { "exp", double(kNow - 20) } }, {}, {}, ErrorCode::NoError);
    row("D7 exp string", RS, {}, { { "exp", QString::number(kNow + 300) } }, {}, {}, ErrorCode::InvalidMember);
    // D8
    row("D8 iat missing", RS, {}, { { "iat", remove } }, {}, {}, ErrorCode::MissingMember);
    row("D8 iat a week old", RS, {}, { { "iat", double(kNow - 7 * 86400) }, { "exp", double(kNow + 300) } }, {}, {}, ErrorCode::TokenTooOld);
    row("D8 iat far future", RS, {}, { { "iat", double(kNow + 3600) }, { "exp", double(kNow + 7200) } }, {}, {}, ErrorCode::TokenNotYetValid);
    row("D8 iat string", RS, {}, { { "iat", "now" } }, {}, {}, ErrorCode::InvalidMember);
    // D9
    row("D9 nbf future", RS, {}, { { "nbf", double(kNow + 120) } }, {}, {}, ErrorCode::TokenNotYetValid);
    row("D9 nbf within tolerance", RS, {}, { { "nbf", double(kNow + 20) } }, {}, {}, ErrorCode::NoError);
    // D10
    row("D10 sub missing", RS, {}, { { "sub", remove } }, {}, {}, ErrorCode::MissingMember);
    row("D10 sub empty", RS, {}, { { "sub", "" } }, {}, {}, ErrorCode::InvalidMember);
    row("D10 sub number", RS, {}, { { "sub", 5 } }, {}, {}, ErrorCode::InvalidMember);
    // D11
    row("D11 nonce wrong", RS, {}, { { "nonce", "other" } }, {}, {}, ErrorCode::NonceMismatch);
    row("D11 nonce missing when sent", RS, {}, { { "nonce", remove } }, {}, {}, ErrorCode::MissingMember);
    row("D11 nonce present when none sent", RS, {}, {}, {}, { { "nonce", "" } }, ErrorCode::NonceMismatch);
    row("D11 no nonce, none sent", RS, {}, { { "nonce", remove } }, {}, { { "nonce", "" } }, ErrorCode::NoError);
    row("D11 refresh may repeat the nonce", RS, {}, {}, {}, { { "nonce", "" }, { "refresh", true } }, ErrorCode::NoError);
    // D12
    row("D12 auth_time missing with max_age", RS, {}, {}, {}, { { "maxAge", 600 } }, ErrorCode::MissingMember);
    row("D12 auth_time too old", RS, {}, { { "auth_time", double(kNow - 700) } }, {}, { { "maxAge", 600 } }, ErrorCode::AuthTimeTooOld);
    row("D12 auth_time recent", RS, {}, { { "auth_time", double(kNow - 500) } }, {}, { { "maxAge", 600 } }, ErrorCode::NoError);
    row("D12 auth_time string", RS, {}, { { "auth_time", "yesterday" } }, {}, { { "maxAge", 600 } }, ErrorCode::InvalidMember);
    row("D12 auth_time string without max_age", RS, {}, { { "auth_time", "yesterday" } }, {}, {}, ErrorCode::InvalidMember);
    // D13
    const QString at = QStringLiteral("access-token-value");
    const QString atHash256 = QString::fromLatin1(IdTokenValidator::tokenHash(RS, at.toUtf8()));
    const QString atHashEd = QString::fromLatin1(IdTokenValidator::tokenHash(Ed, at.toUtf8()));
    row("D13 at_hash right", RS, {}, { { "at_hash", atHash256 } }, {}, { { "accessToken", at } }, ErrorCode::NoError);
    row("D13 at_hash wrong", RS, {}, { { "at_hash", "AAAAAAAAAAAAAAAAAAAAAA" } }, {}, { { "accessToken", at } }, ErrorCode::HashMismatch);
    row("D13 at_hash absent in code flow", RS, {}, {}, {}, { { "accessToken", at } }, ErrorCode::NoError);
    row("D13 EdDSA at_hash uses SHA-512", Ed, {}, { { "at_hash", atHashEd } }, {}, { { "accessToken", at } }, ErrorCode::NoError);
    row("D13 EdDSA at_hash with SHA-256 refused", Ed, {}, { { "at_hash", atHash256 } }, {}, { { "accessToken", at } }, ErrorCode::HashMismatch);
    row("D13 c_hash wrong", RS, {}, { { "c_hash", atHash256 } }, {}, { { "code", "the-code" } }, ErrorCode::HashMismatch);
    row("D13 c_hash right", RS, {}, { { "c_hash", QString::fromLatin1(IdTokenValidator::tokenHash(RS, "the-code")) } }, {}, { { "code", "the-code" } }, ErrorCode::NoError);
    row("D13 s_hash wrong", ES, {}, { { "s_hash", atHash256 } }, {}, { { "state", "st" } }, ErrorCode::HashMismatch);
    // D14
    row("D14 two segments", RS, {}, {}, QStringLiteral("twoSegments"), {}, ErrorCode::MalformedJwt);
    row("D14 four segments", RS, {}, {}, QStringLiteral("fourSegments"), {}, ErrorCode::MalformedJwt);
    row("D14 padded base64url", RS, {}, {}, QStringLiteral("padded"), {}, ErrorCode::MalformedJwt);
    row("D14 invalid base64url", RS, {}, {}, QStringLiteral("invalidBase64"), {}, ErrorCode::MalformedJwt);
    row("D14 header not an object", RS, {}, {}, QStringLiteral("headerNotObject"), {}, ErrorCode::MalformedJwt);
    row("D14 payload not an object", RS, {}, {}, QStringLiteral("payloadArray"), {}, ErrorCode::MalformedJwt);
    // D15
    row("D15 crit", RS, { { "crit", A({ "exp" }) } }, {}, {}, {}, ErrorCode::UnsupportedCriticalHeader);
    row("D15 jku ignored", RS, { { "jku", "https://evil.example.test/jwks" } }, {}, {}, {}, ErrorCode::NoError);
    row("D15 jwk header not trusted", RS, { { "jwk", jwkHeader }, { "kid", "unknown" } }, {}, {}, {}, ErrorCode::KeyNotFound);
    // D16
    row("D16 JWE", RS, {}, {}, QStringLiteral("jwe"), {}, ErrorCode::EncryptedJwtUnsupported);
    row("D16 JWE RSA1_5", RS, {}, {}, QStringLiteral("rsa15"), {}, ErrorCode::EncryptedJwtUnsupported);
    // D17
    row("D17 logout+jwt", RS, { { "typ", "logout+jwt" } }, {}, {}, {}, ErrorCode::UnexpectedJwtType);
    row("D17 at+jwt", RS, { { "typ", "at+jwt" } }, {}, {}, {}, ErrorCode::UnexpectedJwtType);
    row("D17 application/at+JWT", RS, { { "typ", "application/at+JWT" } }, {}, {}, {}, ErrorCode::UnexpectedJwtType);
    row("D17 dpop+jwt", RS, { { "typ", "dpop+jwt" } }, {}, {}, {}, ErrorCode::UnexpectedJwtType);
    row("D17 token-introspection+jwt", RS, { { "typ", "token-introspection+jwt" } }, {}, {}, {}, ErrorCode::UnexpectedJwtType);
    row("D17 oauth-authz-req+jwt", RS, { { "typ", "oauth-authz-req+jwt" } }, {}, {}, {}, ErrorCode::UnexpectedJwtType);
    // D18
    row("D18 duplicate claim", RS, {}, {}, QStringLiteral("duplicateClaim"), {}, ErrorCode::MalformedJwt);
    // F3 / F4
    row("F3 no kid, one key", RS, { { "kid", remove } }, {}, {}, { { "singleNoKid", true } }, ErrorCode::NoError);
    row("F3 no kid, several keys", RS, { { "kid", remove } }, {}, {}, { { "twoRsaNoKid", true } }, ErrorCode::AmbiguousKey);
    row("F4 two keys with the same kid", RS, {}, {}, {}, { { "duplicateKid", true } }, ErrorCode::AmbiguousKey);
    row("F1 unknown kid", RS, { { "kid", "rotated" } }, {}, {}, {}, ErrorCode::KeyNotFound);
    // C13
    row("C13 refresh same iss and sub", RS, {}, {}, {}, { { "refresh", true }, { "prevIss", kIssuer }, { "prevSub", "user-1" } }, ErrorCode::NoError);
    row("C13 refresh other sub", RS, {}, {}, {}, { { "refresh", true }, { "prevIss", kIssuer }, { "prevSub", "user-2" } }, ErrorCode::SubjectMismatch);
    row("C13 refresh other iss", RS, {}, {}, {}, { { "refresh", true }, { "prevIss", "https://old.example.test" }, { "prevSub", "user-1" } }, ErrorCode::IssuerMismatch);
}

void tst_IdTokenValidator::validate()
{
    QFETCH(QString, alg);
    QFETCH(QJsonObject, header);
    QFETCH(QJsonObject, claims);
    QFETCH(QString, mutation);
    QFETCH(QJsonObject, options);
    QFETCH(ErrorCode, expected);

    const QByteArray token = makeToken(alg, header, claims, mutation);
    QVERIFY(!token.isEmpty());
    Error error;
    const QJsonObject result = validator(alg, options).validate(token, &error);
    if (error.code() != expected)
        qWarning() << error;
    QCOMPARE(error.code(), expected);
    QCOMPARE(result.isEmpty(), expected != ErrorCode::NoError);
    // Never a token in an error detail.
    QVERIFY(!error.detail().contains(QString::fromLatin1(token)));
}

void tst_IdTokenValidator::clockSkew_data()
{
    QTest::addColumn<QString>("claim");
    QTest::addColumn<qint64>("offset");
    QTest::addColumn<ErrorCode>("expected");
    // P4: tolerance (30 s) - 5 accepted, tolerance + 5 refused, in both directions.
    QTest::newRow("exp past tolerance-5") << QStringLiteral("exp") << qint64(-25) << ErrorCode::NoError;
    QTest::newRow("exp past tolerance+5") << QStringLiteral("exp") << qint64(-35) << ErrorCode::TokenExpired;
    QTest::newRow("iat future tolerance-5") << QStringLiteral("iat") << qint64(25) << ErrorCode::NoError;
    QTest::newRow("iat future tolerance+5") << QStringLiteral("iat") << qint64(35) << ErrorCode::TokenNotYetValid;
    QTest::newRow("nbf future tolerance-5") << QStringLiteral("nbf") << qint64(25) << ErrorCode::NoError;
    QTest::newRow("nbf future tolerance+5") << QStringLiteral("nbf") << qint64(35) << ErrorCode::TokenNotYetValid;
}

void tst_IdTokenValidator::clockSkew()
{
    QFETCH(QString, claim);
    QFETCH(qint64, offset);
    QFETCH(ErrorCode, expected);
    const QByteArray token = makeToken(QStringLiteral("RS256"), {}, { { claim, double(kNow + offset) } });
    Error error;
    validator(QStringLiteral("RS256"), {}).validate(token, &error);
    QCOMPARE(error.code(), expected);
}

void tst_IdTokenValidator::allowedAlgorithms_data()
{
    QTest::addColumn<QString>("alg");
    QTest::addColumn<QString>("secret");
    QTest::addColumn<QStringList>("server");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("default") << QString() << QString() << QStringList() << QStringList{ QStringLiteral("RS256") };
    QTest::newRow("none") << QStringLiteral("none") << QString() << QStringList() << QStringList();
    QTest::newRow("HS256 without secret") << QStringLiteral("HS256") << QString() << QStringList() << QStringList();
    QTest::newRow("HS256 with secret") << QStringLiteral("HS256") << kSecret << QStringList() << QStringList{ QStringLiteral("HS256") };
    QTest::newRow("not advertised") << QStringLiteral("PS256") << QString() << QStringList{ QStringLiteral("RS256") } << QStringList();
    QTest::newRow("unknown alg") << QStringLiteral("XS999") << QString() << QStringList() << QStringList();
}

void tst_IdTokenValidator::allowedAlgorithms()
{
    QFETCH(QString, alg);
    QFETCH(QString, secret);
    QFETCH(QStringList, server);
    QFETCH(QStringList, expected);
    IdTokenValidator v;
    v.setAlgorithm(alg);
    v.setClientSecret(secret);
    v.setServerAlgorithms(server);
    QCOMPARE(v.allowedAlgorithms(), expected);
}

void tst_IdTokenValidator::tokenHash()
{
    // OpenID Connect Core A.3 example: at_hash of "jHkWEdUXMU1BwAsC4vtUsZwnNvTIxEl0z9K3vx5KF0Y" with RS256.
    QCOMPARE(IdTokenValidator::tokenHash(QStringLiteral("RS256"), "jHkWEdUXMU1BwAsC4vtUsZwnNvTIxEl0z9K3vx5KF0Y"),
             QByteArrayLiteral("77QmUPtjPfzWtF2AnpK9RQ"));
    QCOMPARE(IdTokenValidator::tokenHash(QStringLiteral("ES384"), "x").size(), 32); // 24 bytes
    QCOMPARE(IdTokenValidator::tokenHash(QStringLiteral("EdDSA"), "x").size(), 43); // 32 bytes
    QVERIFY(IdTokenValidator::tokenHash(QStringLiteral("none"), "x").isEmpty());
    // ML-DSA: SHAKE256 with 512 bits of output, left half (as oauth4webapi 3.8); expected values
    // from Node's crypto.createHash("shake256", { outputLength: 64 }). Any OpenSSL 3 has SHAKE256.
    for (const char *alg : { "ML-DSA-44", "ML-DSA-65", "ML-DSA-87" }) {
        QCOMPARE(IdTokenValidator::tokenHash(QLatin1String(alg), "jHkWEdUXMU1BwAsC4vtUsZwnNvTIxEl0z9K3vx5KF0Y"),
                 QByteArrayLiteral("W6Ie3EoycJT-JESJ2WSAWX7LRP3FuHvmvNycBMeL-Nk"));
    }
    QCOMPARE(IdTokenValidator::tokenHash(QStringLiteral("ML-DSA-65"), "Qcb0Orv1zh30vL1MPRsbm-diHiMwcLyZvn1arpZv-Jxf_11jnpEX3Tgfvk"),
             QByteArrayLiteral("07UgYISe6yaAzmTIBr_f2vchFCIs6bAGk1-36iEH00c"));
    QVERIFY(IdTokenValidator::tokenHash(QStringLiteral("ML-DSA-99"), "x").isEmpty());
}

void tst_IdTokenValidator::claimsReturned()
{
    const QByteArray token = makeToken(QStringLiteral("ES256"), {}, { { QStringLiteral("email"), QStringLiteral("a@b.test") } });
    Error error;
    const QJsonObject claims = validator(QStringLiteral("ES256"), {}).validate(token, &error);
    QVERIFY(!error);
    QCOMPARE(claims.value(QLatin1String("email")).toString(), QStringLiteral("a@b.test"));
    QCOMPARE(claims.value(QLatin1String("sub")).toString(), QStringLiteral("user-1"));
    // Missing configuration is a usage error, not a pass.
    IdTokenValidator empty;
    empty.validate(token, &error);
    QCOMPARE(error.code(), ErrorCode::InvalidConfiguration);
}

// An ID Token signed with ML-DSA (by a jose 6 key, tests/auto/jose/data) and its at_hash: valid
// where the OpenSSL in use has ML-DSA, whether ML-DSA was configured or advertised; never when
// only something else was. Without ML-DSA in OpenSSL the token is refused.
void tst_IdTokenValidator::mlDsaIdToken_data()
{
    QTest::addColumn<QString>("configured");
    QTest::addColumn<QStringList>("advertised");
    QTest::addColumn<bool>("allowed");
    QTest::newRow("configured ML-DSA-65") << QStringLiteral("ML-DSA-65") << QStringList() << true;
    QTest::newRow("advertised ML-DSA-65") << QString() << QStringList{ QStringLiteral("ML-DSA-65"), QStringLiteral("RS256") } << true;
    QTest::newRow("nothing configured or advertised (RS256)") << QString() << QStringList() << false;
    QTest::newRow("configured EdDSA") << QStringLiteral("EdDSA") << QStringList() << false;
}

void tst_IdTokenValidator::mlDsaIdToken()
{
    QFETCH(QString, configured);
    QFETCH(QStringList, advertised);
    QFETCH(bool, allowed);
    const QJsonObject vector = MlDsaVectors::vectors().at(1).toObject();
    QCOMPARE(vector.value(QLatin1String("alg")).toString(), QStringLiteral("ML-DSA-65"));
    const bool mlDsa = MlDsaVectors::openSslHasMlDsa();
    Error e;
    JsonWebKey signer = JsonWebKey::fromJson(vector.value(QLatin1String("jwk")).toObject(), JsonWebKey::PrivatePart::KeepPrivate, &e);
    if (!mlDsa) {
        QVERIFY(signer.isNull());
        QCOMPARE(e.code(), ErrorCode::UnsupportedAlgorithm);
        // The jose-made JWT (as an ID Token) is refused: the algorithm is not one the library has.
        IdTokenValidator v = validator(QStringLiteral("RS256"), {});
        v.setAlgorithm(configured);
        v.setServerAlgorithms(advertised);
        QVERIFY(v.validate(vector.value(QLatin1String("jwt")).toString().toLatin1(), &e).isEmpty());
        QVERIFY(e.isError());
        return;
    }
    QVERIFY2(!signer.isNull(), qPrintable(e.detail()));
    signer.setKeyId(QStringLiteral("pq1"));
    const QString at = QStringLiteral("access-token-value");
    QJsonObject claims = baseClaims();
    claims.insert(QStringLiteral("at_hash"), QString::fromLatin1(IdTokenValidator::tokenHash(QStringLiteral("ML-DSA-65"), at.toUtf8())));
    const QByteArray token = Jws::sign(QStringLiteral("ML-DSA-65"), { { QStringLiteral("kid"), QStringLiteral("pq1") } },
                                       QJsonDocument(claims).toJson(QJsonDocument::Compact), signer, &e);
    QVERIFY2(!token.isEmpty(), qPrintable(e.detail()));
    IdTokenValidator v = validator(QStringLiteral("RS256"), {});
    v.setAlgorithm(configured);
    v.setServerAlgorithms(advertised);
    v.setKeys(JsonWebKeySet({ m_rsa.publicKey(), signer.publicKey() }));
    v.setAccessToken(at);
    const QJsonObject validated = v.validate(token, &e);
    if (!allowed) {
        QVERIFY(validated.isEmpty());
        QCOMPARE(e.code(), ErrorCode::AlgorithmNotAllowed);
        return;
    }
    QVERIFY2(!e, qPrintable(e.technicalDetails()));
    QCOMPARE(validated.value(QLatin1String("sub")).toString(), QStringLiteral("user-1"));
    // A wrong at_hash (SHA-256 instead of SHAKE256) is refused.
    claims.insert(QStringLiteral("at_hash"), QString::fromLatin1(IdTokenValidator::tokenHash(QStringLiteral("RS256"), at.toUtf8())));
    const QByteArray wrongHash = Jws::sign(QStringLiteral("ML-DSA-65"), { { QStringLiteral("kid"), QStringLiteral("pq1") } },
                                           QJsonDocument(claims).toJson(QJsonDocument::Compact), signer);
    QVERIFY(v.validate(wrongHash, &e).isEmpty());
    QCOMPARE(e.code(), ErrorCode::HashMismatch);
}

QTEST_GUILESS_MAIN(tst_IdTokenValidator)
#include "tst_idtokenvalidator.moc"

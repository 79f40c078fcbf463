// SPDX-License-Identifier: BSD-3-Clause
#include <oauth4qt/jwtvalidator.h>

#include "protocol/jsonmembers_p.h"
#include "validation/jwtclaims_p.h"

#include <oauth4qt/json.h>
#include <oauth4qt/jws.h>

#include <QtCore/QJsonArray>

#include <cmath>

namespace OAuth4Qt {

class JwtValidatorData : public QSharedData
{
public:
    QStringList algorithms{ QStringLiteral("RS256") };
    JsonWebKeySet keys;
    QByteArray secret;
    QString issuer;
    QString audience;
    QStringList types;
    QStringList requiredClaims;
    bool requireExp = true;
    int tolerance = 30;
    int maxAge = -1;
    JwtValidator::Clock clock;
    QList<JsonWebKey> decryptionKeys;
    QString encryptionAlg;
    QString encryptionEnc;
    bool requireNestedSignature = true;
};

namespace JwtClaims {

Error numericDate(const QJsonObject &claims, QLatin1String name, double *out, bool required)
{
    const auto it = claims.constFind(name);
    if (it == claims.constEnd()) {
        if (required)
            return Error(ErrorCode::MissingMember, QStringLiteral("\"%1\" is missing").arg(name));
        return {};
    }
    if (!it->isDouble() || !std::isfinite(it->toDouble()))
        return Error(ErrorCode::InvalidMember, QStringLiteral("\"%1\" must be a number").arg(name));
    // K7: beyond +-(2^53 - 1) seconds a JSON number is no exact time (and no time at all).
    if (std::fabs(it->toDouble()) > Members::MaxSafeInteger)
        return Error(ErrorCode::InvalidMember, QStringLiteral("\"%1\" is out of range").arg(name));
    if (out)
        *out = it->toDouble();
    return {};
}

Error audience(const QJsonObject &claims, QStringList *out, bool required)
{
    const auto it = claims.constFind(QLatin1String("aud"));
    if (it == claims.constEnd()) {
        if (required)
            return Error(ErrorCode::MissingMember, QStringLiteral("\"aud\" is missing"));
        return {};
    }
    QStringList list;
    if (it->isString()) {
        list.append(it->toString());
    } else if (it->isArray()) {
        const QJsonArray array = it->toArray();
        for (const QJsonValue &v : array) {
            if (!v.isString())
                return Error(ErrorCode::InvalidMember, QStringLiteral("\"aud\" must be a string or an array of strings"));
            list.append(v.toString());
        }
        if (list.isEmpty())
            return Error(ErrorCode::InvalidMember, QStringLiteral("\"aud\" is an empty array"));
    } else {
        return Error(ErrorCode::InvalidMember, QStringLiteral("\"aud\" must be a string or an array of strings"));
    }
    if (out)
        *out = list;
    return {};
}

Error stringClaim(const QJsonObject &claims, QLatin1String name, QString *out, bool required)
{
    const auto it = claims.constFind(name);
    if (it == claims.constEnd()) {
        if (required)
            return Error(ErrorCode::MissingMember, QStringLiteral("\"%1\" is missing").arg(name));
        return {};
    }
    if (!it->isString())
        return Error(ErrorCode::InvalidMember, QStringLiteral("\"%1\" must be a string").arg(name));
    if (it->toString().isEmpty())
        return Error(ErrorCode::InvalidMember, QStringLiteral("\"%1\" must not be empty").arg(name));
    if (out)
        *out = it->toString();
    return {};
}

QJsonObject verifySignature(const QByteArray &jwt, const VerifyOptions &options,
                            QJsonObject *headerOut, Error *error)
{
    auto fail = [error](const Error &e) {
        if (error)
            *error = e;
        return QJsonObject();
    };
    Error e;
    QJsonObject claims;

    // Encrypted (JWE): decrypted first; inside is a signed JWT (nested, RFC 7519 5.2) or, where
    // accepted, a JSON object.
    QByteArray decrypted;
    const bool encrypted = Jwe::isCompactJwe(jwt);
    if (encrypted) {
        QJsonObject jweHeader;
        decrypted = Jwe::decrypt(jwt, options.decryption, &jweHeader, &e);
        if (e)
            return fail(e);
        const bool nestedJwt = jweHeader.value(QLatin1String("cty")).toString().compare(QLatin1String("JWT"), Qt::CaseInsensitive) == 0;
        if (!nestedJwt && options.allowUnsignedEncrypted && decrypted.trimmed().startsWith('{')) {
            Error jsonError;
            claims = Json::parseObject(decrypted, &jsonError);
            if (jsonError)
                return fail(Error(ErrorCode::InvalidJson, QStringLiteral("decrypted claims: ") + jsonError.detail()));
            if (headerOut)
                *headerOut = jweHeader;
            return claims;
        }
        if (Jwe::isCompactJwe(decrypted))
            return fail(Error(ErrorCode::MalformedJwt, QStringLiteral("an encrypted JWT inside an encrypted JWT")));
    } else if (options.decryption.isConfigured() && options.decryption.required) {
        return fail(Error(ErrorCode::EncryptionRequired, QStringLiteral("the JWT is not encrypted, but encryption (%1) is configured")
                                                                 .arg(options.decryption.algorithms.join(QLatin1String(", ")))));
    }
    const JwsCompact jws = Jws::parseJwt(encrypted ? decrypted : jwt, &claims, &e);
    if (e) {
        if (encrypted && e.code() == ErrorCode::MalformedJwt)
            e.setDetail(QStringLiteral("the encrypted JWT does not contain a signed JWT: ") + e.detail());
        return fail(e);
    }
    const QJsonObject &header = jws.header;
    if (headerOut)
        *headerOut = header;

    // Encrypted (a JWE header in three segments is still a JWE).
    if (header.contains(QLatin1String("enc")))
        return fail(Error(ErrorCode::EncryptedJwtUnsupported, QStringLiteral("the JWT is encrypted (\"enc\" header)")));

    // typ (explicit typing, RFC 8725 3.11).
    const QJsonValue typValue = header.value(QLatin1String("typ"));
    if (!typValue.isUndefined() && !typValue.isString())
        return fail(Error(ErrorCode::MalformedJwt, QStringLiteral("the \"typ\" header must be a string")));
    const QString typ = typValue.toString();
    if (!options.types.isEmpty()) {
        bool ok = false;
        for (const QString &t : options.types)
            ok = ok || JwtValidator::typeMatches(typ, t);
        if (!ok)
            return fail(Error(ErrorCode::UnexpectedJwtType,
                              QStringLiteral("typ \"%1\" where \"%2\" is expected")
                                  .arg(typ.left(64), options.types.join(QLatin1String("\", \"")))));
    } else if (JwtValidator::isOtherJwtType(typ)) {
        return fail(Error(ErrorCode::UnexpectedJwtType, QStringLiteral("typ \"%1\" is another kind of JWT").arg(typ.left(64))));
    }

    // crit: no extension is understood.
    if (header.contains(QLatin1String("crit")))
        return fail(Error(ErrorCode::UnsupportedCriticalHeader, QStringLiteral("the JWT has a \"crit\" header")));

    // alg.
    const QJsonValue algValue = header.value(QLatin1String("alg"));
    if (!algValue.isString())
        return fail(Error(ErrorCode::MalformedJwt, QStringLiteral("the \"alg\" header is missing or not a string")));
    const QString alg = algValue.toString();
    if (alg.compare(QLatin1String("none"), Qt::CaseInsensitive) == 0)
        return fail(Error(ErrorCode::AlgorithmNotAllowed, QStringLiteral("alg \"none\" is never accepted")));
    if (!options.algorithms.contains(alg))
        return fail(Error(ErrorCode::AlgorithmNotAllowed,
                          QStringLiteral("alg \"%1\" is not allowed (allowed: %2)")
                              .arg(alg.left(32), options.algorithms.join(QLatin1String(", ")))));

    const QJsonValue kidValue = header.value(QLatin1String("kid"));
    if (!kidValue.isUndefined() && !kidValue.isString())
        return fail(Error(ErrorCode::MalformedJwt, QStringLiteral("the \"kid\" header must be a string")));
    const QString kid = kidValue.toString();

    JsonWebKey key;
    if (alg.startsWith(QLatin1String("HS"))) {
        // HMAC: only ever the shared secret, never a JWKS key (D4: kid confusion).
        if (options.secret.isEmpty())
            return fail(Error(ErrorCode::AlgorithmNotAllowed, QStringLiteral("alg \"%1\" needs a client secret").arg(alg)));
        key = JsonWebKey::fromSecret(options.secret);
    } else {
        const QList<JsonWebKey> candidates = options.keys.candidates(alg, kid);
        if (candidates.isEmpty()) {
            return fail(Error(ErrorCode::KeyNotFound,
                              kid.isEmpty() ? QStringLiteral("no key in the JWKS fits alg %1").arg(alg)
                                            : QStringLiteral("no key in the JWKS has kid \"%1\" for alg %2").arg(kid.left(128), alg)));
        }
        if (candidates.size() > 1) {
            return fail(Error(ErrorCode::AmbiguousKey,
                              kid.isEmpty() ? QStringLiteral("several keys fit alg %1 and the JWT has no kid").arg(alg)
                                            : QStringLiteral("several keys have kid \"%1\"").arg(kid.left(128))));
        }
        key = candidates.constFirst();
    }
    if (!Jws::verify(jws, key, &e)) {
        if (!e || e.code() != ErrorCode::AlgorithmNotAllowed)
            e = Error(ErrorCode::InvalidSignature, e ? e.detail() : QStringLiteral("the signature does not verify"));
        return fail(e);
    }
    return claims;
}

Error checkTimes(const QJsonObject &claims, const TimeOptions &options)
{
    const double now = double(options.now.toSecsSinceEpoch());
    const double tol = options.tolerance;
    double exp = 0, iat = 0, nbf = 0;
    if (Error e = numericDate(claims, QLatin1String("exp"), &exp, options.requireExp))
        return e;
    if (Error e = numericDate(claims, QLatin1String("iat"), &iat, options.requireIat))
        return e;
    if (Error e = numericDate(claims, QLatin1String("nbf"), &nbf, false))
        return e;
    if (claims.contains(QLatin1String("exp")) && exp <= now - tol)
        return Error(ErrorCode::TokenExpired, QStringLiteral("exp is %1 s in the past (tolerance %2 s)").arg(qint64(now - exp)).arg(options.tolerance));
    if (claims.contains(QLatin1String("nbf")) && nbf > now + tol)
        return Error(ErrorCode::TokenNotYetValid, QStringLiteral("nbf is %1 s in the future (tolerance %2 s)").arg(qint64(nbf - now)).arg(options.tolerance));
    if (claims.contains(QLatin1String("iat"))) {
        if (iat > now + tol)
            return Error(ErrorCode::TokenNotYetValid, QStringLiteral("iat is %1 s in the future (tolerance %2 s)").arg(qint64(iat - now)).arg(options.tolerance));
        if (options.maxAge >= 0 && iat < now - tol - options.maxAge)
            return Error(ErrorCode::TokenTooOld, QStringLiteral("iat is %1 s in the past (limit %2 s)").arg(qint64(now - iat)).arg(options.maxAge));
    }
    return {};
}

} // namespace JwtClaims

// ---- JwtValidator ----------------------------------------------------------------------------

JwtValidator::JwtValidator() : d(new JwtValidatorData) {}
JwtValidator::JwtValidator(const JwtValidator &other) = default;
JwtValidator::JwtValidator(JwtValidator &&other) noexcept = default;
JwtValidator &JwtValidator::operator=(const JwtValidator &other) = default;
JwtValidator &JwtValidator::operator=(JwtValidator &&other) noexcept = default;
JwtValidator::~JwtValidator() = default;

QStringList JwtValidator::allowedAlgorithms() const { return d->algorithms; }
void JwtValidator::setAllowedAlgorithms(const QStringList &algorithms) { d->algorithms = algorithms; }
JsonWebKeySet JwtValidator::keys() const { return d->keys; }
void JwtValidator::setKeys(const JsonWebKeySet &keys) { d->keys = keys; }
QByteArray JwtValidator::secret() const { return d->secret; }
void JwtValidator::setSecret(const QByteArray &secret) { d->secret = secret; }
QString JwtValidator::expectedIssuer() const { return d->issuer; }
void JwtValidator::setExpectedIssuer(const QString &issuer) { d->issuer = issuer; }
QString JwtValidator::expectedAudience() const { return d->audience; }
void JwtValidator::setExpectedAudience(const QString &audience) { d->audience = audience; }
QStringList JwtValidator::expectedTypes() const { return d->types; }
void JwtValidator::setExpectedTypes(const QStringList &types) { d->types = types; }
QStringList JwtValidator::requiredClaims() const { return d->requiredClaims; }
void JwtValidator::setRequiredClaims(const QStringList &claims) { d->requiredClaims = claims; }
bool JwtValidator::requireExpiration() const { return d->requireExp; }
void JwtValidator::setRequireExpiration(bool require) { d->requireExp = require; }
int JwtValidator::clockTolerance() const { return d->tolerance; }
void JwtValidator::setClockTolerance(int seconds) { d->tolerance = qMax(0, seconds); }
int JwtValidator::maxTokenAge() const { return d->maxAge; }
void JwtValidator::setMaxTokenAge(int seconds) { d->maxAge = seconds; }
void JwtValidator::setClock(const Clock &clock) { d->clock = clock; }
QList<JsonWebKey> JwtValidator::decryptionKeys() const { return d->decryptionKeys; }
void JwtValidator::setDecryptionKeys(const QList<JsonWebKey> &keys) { d->decryptionKeys = keys; }
QString JwtValidator::encryptionAlgorithm() const { return d->encryptionAlg; }
void JwtValidator::setEncryptionAlgorithm(const QString &alg) { d->encryptionAlg = alg; }
QString JwtValidator::contentEncryptionAlgorithm() const
{
    return d->encryptionEnc.isEmpty() && !d->encryptionAlg.isEmpty() ? QStringLiteral("A128CBC-HS256") : d->encryptionEnc;
}
void JwtValidator::setContentEncryptionAlgorithm(const QString &enc) { d->encryptionEnc = enc; }
bool JwtValidator::requireNestedSignature() const { return d->requireNestedSignature; }
void JwtValidator::setRequireNestedSignature(bool require) { d->requireNestedSignature = require; }
QDateTime JwtValidator::currentTime() const
{
    return d->clock ? d->clock().toUTC() : QDateTime::currentDateTimeUtc();
}

QJsonObject JwtValidator::validate(const QByteArray &jwt, Error *error) const
{
    return validate(jwt, nullptr, error);
}

QJsonObject JwtValidator::validate(const QByteArray &jwt, QJsonObject *header, Error *error) const
{
    auto fail = [error](const Error &e) {
        if (error)
            *error = e;
        return QJsonObject();
    };
    JwtClaims::VerifyOptions options;
    options.algorithms = d->algorithms;
    options.keys = d->keys;
    options.secret = d->secret;
    options.types = d->types;
    options.decryption = Jwe::optionsFor(d->decryptionKeys, d->encryptionAlg, d->encryptionEnc, d->secret);
    options.allowUnsignedEncrypted = !d->requireNestedSignature;
    Error e;
    const QJsonObject claims = JwtClaims::verifySignature(jwt, options, header, &e);
    if (e)
        return fail(e);

    QString iss;
    if (Error e = JwtClaims::stringClaim(claims, QLatin1String("iss"), &iss, !d->issuer.isEmpty()))
        return fail(e);
    if (!d->issuer.isEmpty() && iss != d->issuer)
        return fail(Error(ErrorCode::IssuerMismatch, QStringLiteral("expected iss \"%1\", got \"%2\"").arg(d->issuer.left(256), iss.left(256))));

    QStringList aud;
    if (Error e = JwtClaims::audience(claims, &aud, !d->audience.isEmpty()))
        return fail(e);
    if (!d->audience.isEmpty() && !aud.contains(d->audience))
        return fail(Error(ErrorCode::AudienceMismatch, QStringLiteral("aud does not contain \"%1\"").arg(d->audience.left(256))));

    JwtClaims::TimeOptions times;
    times.now = currentTime();
    times.tolerance = d->tolerance;
    times.maxAge = d->maxAge;
    times.requireExp = d->requireExp;
    times.requireIat = d->requiredClaims.contains(QLatin1String("iat"));
    if (Error e = JwtClaims::checkTimes(claims, times))
        return fail(e);

    for (const QString &name : d->requiredClaims) {
        if (!claims.contains(name))
            return fail(Error(ErrorCode::MissingMember, QStringLiteral("\"%1\" is missing").arg(name)));
    }
    if (error)
        *error = Error();
    return claims;
}

namespace {
// The media type without an "application/" prefix (RFC 7515 4.1.9), as a view.
QStringView withoutApplicationPrefix(QStringView t)
{
    if (t.startsWith(QLatin1String("application/"), Qt::CaseInsensitive))
        return t.mid(12);
    return t;
}
} // namespace

bool JwtValidator::typeMatches(const QString &type, const QString &expected)
{
    return withoutApplicationPrefix(type).compare(withoutApplicationPrefix(expected), Qt::CaseInsensitive) == 0;
}

bool JwtValidator::isOtherJwtType(const QString &type)
{
    if (type.isEmpty())
        return false;
    const QStringView t = withoutApplicationPrefix(type);
    // Every other kind ends in "+jwt" or starts with "jwt-"; plain "JWT" (the usual) is none.
    if (t.compare(QLatin1String("jwt"), Qt::CaseInsensitive) == 0)
        return false;
    static const char *const others[] = {
        "logout+jwt", "at+jwt", "dpop+jwt", "token-introspection+jwt", "oauth-authz-req+jwt",
        "secevent+jwt", "jwt-bearer", "client-authentication+jwt", "jwk-set+jwt", "kb+jwt",
        "entity-statement+jwt", "rc+jwt", "vc+jwt", "vp+jwt", "oauth-client-attestation+jwt",
        "oauth-client-attestation-pop+jwt", "jwt-authorization-grant", "txn+jwt",
    };
    for (const char *other : others) {
        if (t.compare(QLatin1String(other), Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

} // namespace OAuth4Qt

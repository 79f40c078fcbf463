// SPDX-License-Identifier: BSD-3-Clause
#include <oauth4qt/idtokenvalidator.h>

#include "validation/algorithmpolicy_p.h"
#include "validation/jwtclaims_p.h"

#include <oauth4qt/jws.h>

#include <QtCore/QCryptographicHash>

#include <openssl/evp.h>

namespace OAuth4Qt {

class IdTokenValidatorData : public QSharedData
{
public:
    QString issuer;
    QString clientId;
    QString clientSecret;
    QString algorithm;
    QStringList serverAlgorithms;
    JsonWebKeySet keys;
    QString nonce;
    int maxAge = -1;
    QString accessToken;
    QString code;
    QString state;
    bool refresh = false;
    QString previousIssuer;
    QString previousSubject;
    int tolerance = 30;
    int maxTokenAge = 86400;
    JwtValidator::Clock clock;
    QList<JsonWebKey> decryptionKeys;
    QString encryptionAlg;
    QString encryptionEnc;
};

IdTokenValidator::IdTokenValidator() : d(new IdTokenValidatorData) {}
IdTokenValidator::IdTokenValidator(const IdTokenValidator &other) = default;
IdTokenValidator::IdTokenValidator(IdTokenValidator &&other) noexcept = default;
IdTokenValidator &IdTokenValidator::operator=(const IdTokenValidator &other) = default;
IdTokenValidator &IdTokenValidator::operator=(IdTokenValidator &&other) noexcept = default;
IdTokenValidator::~IdTokenValidator() = default;

QString IdTokenValidator::issuer() const { return d->issuer; }
void IdTokenValidator::setIssuer(const QString &issuer) { d->issuer = issuer; }
QString IdTokenValidator::clientId() const { return d->clientId; }
void IdTokenValidator::setClientId(const QString &clientId) { d->clientId = clientId; }
QString IdTokenValidator::clientSecret() const { return d->clientSecret; }
void IdTokenValidator::setClientSecret(const QString &secret) { d->clientSecret = secret; }
QString IdTokenValidator::algorithm() const { return d->algorithm; }
void IdTokenValidator::setAlgorithm(const QString &alg) { d->algorithm = alg; }
QStringList IdTokenValidator::serverAlgorithms() const { return d->serverAlgorithms; }
void IdTokenValidator::setServerAlgorithms(const QStringList &algorithms) { d->serverAlgorithms = algorithms; }
JsonWebKeySet IdTokenValidator::keys() const { return d->keys; }
void IdTokenValidator::setKeys(const JsonWebKeySet &keys) { d->keys = keys; }
QString IdTokenValidator::nonce() const { return d->nonce; }
void IdTokenValidator::setNonce(const QString &nonce) { d->nonce = nonce; }
int IdTokenValidator::maxAge() const { return d->maxAge; }
void IdTokenValidator::setMaxAge(int seconds) { d->maxAge = seconds < 0 ? -1 : seconds; }
void IdTokenValidator::setAccessToken(const QString &accessToken) { d->accessToken = accessToken; }
void IdTokenValidator::setAuthorizationCode(const QString &code) { d->code = code; }
void IdTokenValidator::setState(const QString &state) { d->state = state; }
bool IdTokenValidator::isRefresh() const { return d->refresh; }
void IdTokenValidator::setRefresh(bool refresh) { d->refresh = refresh; }
QString IdTokenValidator::previousIssuer() const { return d->previousIssuer; }
void IdTokenValidator::setPreviousIssuer(const QString &issuer) { d->previousIssuer = issuer; }
QString IdTokenValidator::previousSubject() const { return d->previousSubject; }
void IdTokenValidator::setPreviousSubject(const QString &subject) { d->previousSubject = subject; }
int IdTokenValidator::clockTolerance() const { return d->tolerance; }
void IdTokenValidator::setClockTolerance(int seconds) { d->tolerance = qMax(0, seconds); }
int IdTokenValidator::maxTokenAge() const { return d->maxTokenAge; }
void IdTokenValidator::setMaxTokenAge(int seconds) { d->maxTokenAge = seconds; }
void IdTokenValidator::setClock(const JwtValidator::Clock &clock) { d->clock = clock; }
QList<JsonWebKey> IdTokenValidator::decryptionKeys() const { return d->decryptionKeys; }
void IdTokenValidator::setDecryptionKeys(const QList<JsonWebKey> &keys) { d->decryptionKeys = keys; }
QString IdTokenValidator::encryptionAlgorithm() const { return d->encryptionAlg; }
void IdTokenValidator::setEncryptionAlgorithm(const QString &alg) { d->encryptionAlg = alg; }
QString IdTokenValidator::contentEncryptionAlgorithm() const
{
    return d->encryptionEnc.isEmpty() && !d->encryptionAlg.isEmpty() ? QStringLiteral("A128CBC-HS256") : d->encryptionEnc;
}
void IdTokenValidator::setContentEncryptionAlgorithm(const QString &enc) { d->encryptionEnc = enc; }

QStringList IdTokenValidator::allowedAlgorithms() const
{
    return acceptedSigningAlgorithms(d->algorithm, d->serverAlgorithms, !d->clientSecret.isEmpty());
}

QByteArray IdTokenValidator::tokenHash(const QString &alg, const QByteArray &value)
{
    if (alg == QLatin1String("ML-DSA-44") || alg == QLatin1String("ML-DSA-65") || alg == QLatin1String("ML-DSA-87")) {
        // As oauth4webapi: SHAKE256 with 512 bits of output, the left half (32 bytes). SHAKE256
        // is in every OpenSSL 3, with or without ML-DSA.
        unsigned char digest[64];
        EVP_MD_CTX *ctx = EVP_MD_CTX_new();
        const bool ok = ctx && EVP_DigestInit_ex(ctx, EVP_shake256(), nullptr) == 1
                && EVP_DigestUpdate(ctx, value.constData(), size_t(value.size())) == 1
                && EVP_DigestFinalXOF(ctx, digest, sizeof digest) == 1;
        EVP_MD_CTX_free(ctx);
        if (!ok)
            return {};
        return Base64Url::encode(QByteArray(reinterpret_cast<const char *>(digest), 32));
    }
    QCryptographicHash::Algorithm hash;
    if (alg == QLatin1String("EdDSA") || alg.endsWith(QLatin1String("512")))
        hash = QCryptographicHash::Sha512;
    else if (alg.endsWith(QLatin1String("384")))
        hash = QCryptographicHash::Sha384;
    else if (alg.endsWith(QLatin1String("256")))
        hash = QCryptographicHash::Sha256;
    else
        return {};
    const QByteArray digest = QCryptographicHash::hash(value, hash);
    return Base64Url::encode(digest.left(digest.size() / 2));
}

QJsonObject IdTokenValidator::validate(const QByteArray &idToken, Error *error) const
{
    auto fail = [error](const Error &e) {
        if (error)
            *error = e;
        return QJsonObject();
    };
    if (d->issuer.isEmpty() || d->clientId.isEmpty())
        return fail(Error(ErrorCode::InvalidConfiguration, QStringLiteral("ID Token validation needs the issuer and the client_id")));

    JwtClaims::VerifyOptions options;
    options.algorithms = allowedAlgorithms();
    if (options.algorithms.isEmpty()) {
        return fail(Error(ErrorCode::AlgorithmNotAllowed,
                          d->algorithm.isEmpty()
                              ? QStringLiteral("none of the server's ID Token algorithms is usable (supported, not none, HS* only with a client secret)")
                              : QStringLiteral("the ID Token algorithm \"%1\" is not usable (not supported, not advertised by the server, or HS* without a client secret)")
                                    .arg(d->algorithm.left(32))));
    }
    options.keys = d->keys;
    options.secret = d->clientSecret.toUtf8();
    options.decryption = Jwe::optionsFor(d->decryptionKeys, d->encryptionAlg, d->encryptionEnc, options.secret);
    QJsonObject header;
    Error e;
    const QJsonObject claims = JwtClaims::verifySignature(idToken, options, &header, &e);
    if (e)
        return fail(e);
    const QString alg = header.value(QLatin1String("alg")).toString();

    // iss (D5)
    QString iss;
    if (Error e = JwtClaims::stringClaim(claims, QLatin1String("iss"), &iss, true))
        return fail(e);
    if (iss != d->issuer)
        return fail(Error(ErrorCode::IssuerMismatch, QStringLiteral("expected iss \"%1\", got \"%2\"").arg(d->issuer.left(256), iss.left(256))));

    // aud / azp (D6)
    QStringList aud;
    if (Error e = JwtClaims::audience(claims, &aud, true))
        return fail(e);
    if (!aud.contains(d->clientId))
        return fail(Error(ErrorCode::AudienceMismatch, QStringLiteral("aud does not contain the client_id")));
    QString azp;
    if (Error e = JwtClaims::stringClaim(claims, QLatin1String("azp"), &azp, aud.size() > 1))
        return fail(e.code() == ErrorCode::MissingMember
                        ? Error(ErrorCode::AudienceMismatch, QStringLiteral("several audiences and no azp"))
                        : e);
    if (claims.contains(QLatin1String("azp")) && azp != d->clientId)
        return fail(Error(ErrorCode::AudienceMismatch, QStringLiteral("azp is not the client_id")));

    // exp / iat / nbf (D7 D8 D9)
    JwtClaims::TimeOptions times;
    times.now = d->clock ? d->clock().toUTC() : QDateTime::currentDateTimeUtc();
    times.tolerance = d->tolerance;
    times.maxAge = d->maxTokenAge;
    times.requireExp = true;
    times.requireIat = true;
    if (Error e = JwtClaims::checkTimes(claims, times))
        return fail(e);

    // sub (D10)
    QString sub;
    if (Error e = JwtClaims::stringClaim(claims, QLatin1String("sub"), &sub, true))
        return fail(e);

    // nonce (D11)
    const auto nonceIt = claims.constFind(QLatin1String("nonce"));
    if (nonceIt != claims.constEnd() && !nonceIt->isString())
        return fail(Error(ErrorCode::InvalidMember, QStringLiteral("\"nonce\" must be a string")));
    if (!d->nonce.isEmpty()) {
        if (nonceIt == claims.constEnd())
            return fail(Error(ErrorCode::MissingMember, QStringLiteral("\"nonce\" is missing although one was sent")));
        if (nonceIt->toString() != d->nonce)
            return fail(Error(ErrorCode::NonceMismatch, QStringLiteral("the nonce differs from the one sent")));
    } else if (nonceIt != claims.constEnd() && !d->refresh) {
        return fail(Error(ErrorCode::NonceMismatch, QStringLiteral("the ID Token has a nonce although none was sent")));
    }

    // auth_time / max_age (D12)
    double authTime = 0;
    if (Error e = JwtClaims::numericDate(claims, QLatin1String("auth_time"), &authTime, d->maxAge >= 0))
        return fail(e);
    if (d->maxAge >= 0) {
        const double now = double(times.now.toSecsSinceEpoch());
        if (authTime + d->maxAge < now - d->tolerance)
            return fail(Error(ErrorCode::AuthTimeTooOld, QStringLiteral("auth_time is %1 s ago, max_age is %2 s").arg(qint64(now - authTime)).arg(d->maxAge)));
    }

    // at_hash / c_hash / s_hash (D13)
    const struct
    {
        const char *claim;
        const QString &value;
    } hashes[] = { { "at_hash", d->accessToken }, { "c_hash", d->code }, { "s_hash", d->state } };
    for (const auto &h : hashes) {
        const QLatin1String name(h.claim);
        QString got;
        if (Error e = JwtClaims::stringClaim(claims, name, &got, false))
            return fail(e);
        if (got.isEmpty() || h.value.isEmpty())
            continue;
        if (got != QString::fromLatin1(tokenHash(alg, h.value.toUtf8())))
            return fail(Error(ErrorCode::HashMismatch, QStringLiteral("%1 does not match").arg(name)));
    }

    // Refresh: same issuer and subject as the original ID Token (C13).
    if (!d->previousIssuer.isEmpty() && iss != d->previousIssuer)
        return fail(Error(ErrorCode::IssuerMismatch, QStringLiteral("the ID Token has another issuer than the earlier one (refresh, hybrid response)")));
    if (!d->previousSubject.isEmpty() && sub != d->previousSubject)
        return fail(Error(ErrorCode::SubjectMismatch, QStringLiteral("the ID Token has another subject than the earlier one (refresh, hybrid response)")));

    if (error)
        *error = Error();
    return claims;
}

} // namespace OAuth4Qt

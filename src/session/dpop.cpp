// SPDX-License-Identifier: BSD-3-Clause
#include <oauth4qt/dpop.h>
#include <oauth4qt/jws.h>

#include "jose/compactjws_p.h"
#include "protocol/endpoints_p.h"

#include <QtCore/QCryptographicHash>
#include <QtCore/QJsonDocument>

namespace OAuth4Qt {

class DPoPKeyData : public QSharedData
{
public:
    JsonWebKey key;
    QString alg;
    QJsonObject publicJwk;
    QString thumbprint;
    QByteArray headerPrefix; // base64url({"alg","jwk","typ"}) + '.': the same for every proof
};

DPoPKey::DPoPKey() = default;
DPoPKey::DPoPKey(const DPoPKey &other) = default;
DPoPKey::DPoPKey(DPoPKey &&other) noexcept = default;
DPoPKey &DPoPKey::operator=(const DPoPKey &other) = default;
DPoPKey &DPoPKey::operator=(DPoPKey &&other) noexcept = default;
DPoPKey::~DPoPKey() = default;

QStringList DPoPKey::supportedAlgorithms()
{
    QStringList algorithms{ QStringLiteral("ES256"), QStringLiteral("ES384"), QStringLiteral("ES512"),
                            QStringLiteral("RS256"), QStringLiteral("RS384"), QStringLiteral("RS512"),
                            QStringLiteral("PS256"), QStringLiteral("PS384"), QStringLiteral("PS512"),
                            QStringLiteral("EdDSA") };
    // ML-DSA-44/65/87 where the OpenSSL in use has ML-DSA.
    const QStringList jws = Jws::supportedAlgorithms();
    for (const QString &alg : jws) {
        if (alg.startsWith(QLatin1String("ML-DSA-")))
            algorithms.append(alg);
    }
    return algorithms;
}

static void setError(Error *error, const Error &e)
{
    if (error)
        *error = e;
}

DPoPKey DPoPKey::generate(const QString &algorithm, Error *error)
{
    if (!supportedAlgorithms().contains(algorithm)) {
        setError(error, Error(ErrorCode::UnsupportedAlgorithm,
                              QStringLiteral("\"%1\" is not an asymmetric JWS algorithm usable for DPoP").arg(algorithm.left(16))));
        return {};
    }
    Error e;
    const JsonWebKey key = JsonWebKey::generate(algorithm, &e);
    if (e || key.isNull()) {
        setError(error, e ? e : Error(ErrorCode::KeyGenerationFailed));
        return {};
    }
    return fromJsonWebKey(key, algorithm, error);
}

DPoPKey DPoPKey::fromJsonWebKey(const JsonWebKey &key, const QString &algorithm, Error *error)
{
    if (key.isNull() || key.keyType() == JsonWebKey::KeyType::Oct || !key.hasPrivateKey()) {
        setError(error, Error(ErrorCode::InvalidKey, QStringLiteral("a DPoP key must be an asymmetric private key")));
        return {};
    }
    QString alg = algorithm;
    if (alg.isEmpty())
        alg = key.algorithm().isEmpty() ? key.defaultAlgorithm() : key.algorithm();
    if (!supportedAlgorithms().contains(alg) || !key.supportsAlgorithm(alg)) {
        setError(error, Error(ErrorCode::UnsupportedAlgorithm,
                              QStringLiteral("the key does not fit DPoP algorithm \"%1\"").arg(alg.left(16))));
        return {};
    }
    DPoPKey result;
    result.d = new DPoPKeyData;
    result.d->key = key;
    result.d->alg = alg;
    // Only the members that define the public key (RFC 7638 required members): no private part,
    // no kid/use/key_ops the server has no use for.
    const QJsonObject full = key.publicKey().toJson(false);
    static const char *const members[] = { "kty", "crv", "x", "y", "n", "e", "pub" };
    for (const char *m : members) {
        const QString name = QString::fromLatin1(m);
        if (full.contains(name))
            result.d->publicJwk.insert(name, full.value(name));
    }
    // An AKP (ML-DSA) key's "alg" names its parameter set: one of its required members.
    if (key.keyType() == JsonWebKey::KeyType::AKP)
        result.d->publicJwk.insert(QStringLiteral("alg"), full.value(QLatin1String("alg")));
    result.d->thumbprint = QString::fromLatin1(key.thumbprintBase64Url());
    const QJsonObject header{
        { QStringLiteral("typ"), QStringLiteral("dpop+jwt") },
        { QStringLiteral("alg"), alg },
        { QStringLiteral("jwk"), result.d->publicJwk },
    };
    Internal::appendBase64Url(result.d->headerPrefix, QJsonDocument(header).toJson(QJsonDocument::Compact));
    result.d->headerPrefix += '.';
    setError(error, Error());
    return result;
}

DPoPKey DPoPKey::fromJson(const QJsonObject &jwk, Error *error)
{
    Error e;
    const JsonWebKey key = JsonWebKey::fromJson(jwk, JsonWebKey::PrivatePart::KeepPrivate, &e);
    if (e || key.isNull()) {
        setError(error, e ? e : Error(ErrorCode::InvalidKey));
        return {};
    }
    return fromJsonWebKey(key, jwk.value(QLatin1String("alg")).toString(), error);
}

QJsonObject DPoPKey::toJson() const
{
    if (!d)
        return {};
    QJsonObject jwk = d->key.toJson(true);
    jwk.insert(QStringLiteral("alg"), d->alg);
    return jwk;
}

bool DPoPKey::isNull() const { return !d || d->key.isNull(); }
QString DPoPKey::algorithm() const { return d ? d->alg : QString(); }
JsonWebKey DPoPKey::key() const { return d ? d->key : JsonWebKey(); }
QJsonObject DPoPKey::publicJwk() const { return d ? d->publicJwk : QJsonObject(); }
QString DPoPKey::thumbprint() const { return d ? d->thumbprint : QString(); }

QString DPoPKey::htu(const QUrl &url)
{
    return url.adjusted(QUrl::RemoveQuery | QUrl::RemoveFragment | QUrl::RemoveUserInfo)
        .toString(QUrl::FullyEncoded);
}

QByteArray DPoPKey::accessTokenHash(const QString &accessToken)
{
    return Base64Url::encode(QCryptographicHash::hash(accessToken.toUtf8(), QCryptographicHash::Sha256));
}

QByteArray DPoPKey::proof(const QByteArray &method, const QUrl &url, const QByteArray &nonce,
                          const QString &accessToken, const QDateTime &issuedAt, Error *error) const
{
    if (isNull()) {
        setError(error, Error(ErrorCode::InvalidState, QStringLiteral("no DPoP key")));
        return {};
    }
    if (method.isEmpty() || !url.isValid() || url.isRelative()) {
        setError(error, Error(ErrorCode::InvalidArgument, QStringLiteral("a DPoP proof needs a method and an absolute URL")));
        return {};
    }
    const qint64 iat = (issuedAt.isValid() ? issuedAt : QDateTime::currentDateTimeUtc()).toSecsSinceEpoch();
    // The claims written directly as compact JSON; the header is the pre-serialised one.
    QByteArray claims;
    claims.reserve(160 + nonce.size());
    claims += "{\"jti\":\"";
    Internal::appendRandomBase64Url(claims, 24); // fresh for every proof
    claims += "\",\"htm\":";
    Internal::appendJsonLatin1(claims, method.toUpper());
    claims += ",\"htu\":";
    Internal::appendJsonString(claims, htu(url));
    claims += ",\"iat\":";
    claims += QByteArray::number(iat);
    if (!nonce.isEmpty()) {
        claims += ",\"nonce\":";
        Internal::appendJsonLatin1(claims, nonce);
    }
    if (!accessToken.isEmpty()) {
        claims += ",\"ath\":";
        Internal::appendJsonLatin1(claims, accessTokenHash(accessToken));
    }
    claims += '}';
    return Internal::signCompact(d->headerPrefix, claims, d->alg, d->key, error);
}

bool DPoPKey::operator==(const DPoPKey &other) const
{
    if (isNull() || other.isNull())
        return isNull() == other.isNull();
    return d->alg == other.d->alg && d->key == other.d->key;
}

} // namespace OAuth4Qt

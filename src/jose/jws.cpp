// SPDX-License-Identifier: BSD-3-Clause
#include <oauth4qt/json.h>
#include <oauth4qt/jws.h>

#include "openssl_p.h"

#include <QtCore/QJsonDocument>

namespace OAuth4Qt {
namespace Jws {

namespace {

bool setError(Error *error, ErrorCode code, const QString &detail)
{
    if (error)
        *error = Error(code, detail);
    return false;
}

} // namespace

QStringList supportedAlgorithms()
{
    static const QStringList algorithms = [] {
        QStringList list{ QStringLiteral("RS256"), QStringLiteral("RS384"), QStringLiteral("RS512"),
                          QStringLiteral("PS256"), QStringLiteral("PS384"), QStringLiteral("PS512"),
                          QStringLiteral("ES256"), QStringLiteral("ES384"), QStringLiteral("ES512"),
                          QStringLiteral("EdDSA"),
                          QStringLiteral("HS256"), QStringLiteral("HS384"), QStringLiteral("HS512") };
        // Post-quantum: only where the OpenSSL in use implements ML-DSA (3.5 and later).
        if (OpenSsl::mlDsaAvailable())
            list << QStringLiteral("ML-DSA-44") << QStringLiteral("ML-DSA-65") << QStringLiteral("ML-DSA-87");
        return list;
    }();
    return algorithms;
}

bool isAsymmetric(const QString &alg)
{
    return supportedAlgorithms().contains(alg) && !alg.startsWith(QLatin1String("HS"));
}

QByteArray sign(const QString &alg, QJsonObject header, const QByteArray &payload,
                const JsonWebKey &key, Error *error)
{
    if (alg == QLatin1String("none") || !supportedAlgorithms().contains(alg))
        return setError(error, ErrorCode::UnsupportedAlgorithm, QStringLiteral("unsupported algorithm")), QByteArray();
    header.insert(QLatin1String("alg"), alg);
    const QByteArray signingInput = Base64Url::encode(QJsonDocument(header).toJson(QJsonDocument::Compact))
            + '.' + Base64Url::encode(payload);
    const QByteArray signature = key.sign(alg, signingInput, error);
    if (signature.isEmpty())
        return {};
    return signingInput + '.' + Base64Url::encode(signature);
}

JwsCompact parse(const QByteArray &compact, Error *error)
{
    // Segments by position, without copying them out first.
    const qsizetype dot1 = compact.indexOf('.');
    const qsizetype dot2 = dot1 < 0 ? -1 : compact.indexOf('.', dot1 + 1);
    if (dot2 >= 0 && compact.indexOf('.', dot2 + 1) >= 0) {
        if (compact.count('.') == 4)
            return setError(error, ErrorCode::EncryptedJwtUnsupported, QStringLiteral("the token is a JWE")), JwsCompact();
        return setError(error, ErrorCode::MalformedJwt, QStringLiteral("a JWS has three segments")), JwsCompact();
    }
    if (dot2 < 0)
        return setError(error, ErrorCode::MalformedJwt, QStringLiteral("a JWS has three segments")), JwsCompact();
    bool okHeader = false, okPayload = false, okSignature = false;
    const char *data = compact.constData();
    const QByteArray headerBytes = Base64Url::decode(QByteArray::fromRawData(data, dot1), &okHeader);
    JwsCompact jws;
    jws.payload = Base64Url::decode(QByteArray::fromRawData(data + dot1 + 1, dot2 - dot1 - 1), &okPayload);
    jws.signature = Base64Url::decode(QByteArray::fromRawData(data + dot2 + 1, compact.size() - dot2 - 1), &okSignature);
    if (!okHeader || !okPayload || !okSignature)
        return setError(error, ErrorCode::MalformedJwt, QStringLiteral("a segment is not strict base64url")), JwsCompact();
    Error jsonError;
    jws.header = Json::parseObject(headerBytes, &jsonError);
    if (jsonError)
        return setError(error, ErrorCode::MalformedJwt, QStringLiteral("JOSE header: ") + jsonError.detail()), JwsCompact();
    if (!jws.header.value(QLatin1String("alg")).isString())
        return setError(error, ErrorCode::MalformedJwt, QStringLiteral("JOSE header \"alg\" missing or not a string")), JwsCompact();
    jws.signingInput = compact.left(dot2);
    if (error)
        *error = Error();
    return jws;
}

JwsCompact parseJwt(const QByteArray &compact, QJsonObject *claims, Error *error)
{
    Error parseError;
    JwsCompact jws = parse(compact, &parseError);
    if (parseError) {
        if (error)
            *error = parseError;
        return {};
    }
    Error jsonError;
    const QJsonObject payload = Json::parseObject(jws.payload, &jsonError);
    if (jsonError)
        return setError(error, ErrorCode::MalformedJwt, QStringLiteral("JWT claims: ") + jsonError.detail()), JwsCompact();
    if (claims)
        *claims = payload;
    if (error)
        *error = Error();
    return jws;
}

bool verify(const JwsCompact &jws, const JsonWebKey &key, Error *error)
{
    const QString alg = jws.algorithm();
    if (alg == QLatin1String("none"))
        return setError(error, ErrorCode::AlgorithmNotAllowed, QStringLiteral("alg none"));
    if (!supportedAlgorithms().contains(alg))
        return setError(error, ErrorCode::UnsupportedAlgorithm, QStringLiteral("unsupported algorithm"));
    if (jws.signingInput.isEmpty())
        return setError(error, ErrorCode::MalformedJwt, QStringLiteral("not a parsed JWS"));
    return key.verify(alg, jws.signingInput, jws.signature, error);
}

} // namespace Jws
} // namespace OAuth4Qt

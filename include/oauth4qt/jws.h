// SPDX-License-Identifier: BSD-3-Clause
#pragma once

#include <oauth4qt/error.h>
#include <oauth4qt/jsonwebkey.h>

#include <QtCore/qbytearray.h>
#include <QtCore/qjsonobject.h>
#include <QtCore/qstringlist.h>

namespace OAuth4Qt {

//! Strict base64url (RFC 4648 section 5) without padding.
namespace Base64Url {
OAUTH4QT_EXPORT QByteArray encode(const QByteArray &data);
//! Decodes strictly: rejects padding, whitespace and any character outside the alphabet,
//! and non-canonical trailing bits. Sets \a ok.
OAUTH4QT_EXPORT QByteArray decode(const QByteArray &text, bool *ok);
} // namespace Base64Url

/*!
    A parsed JWS in compact serialization. Parsing is strict: exactly three segments, strict
    base64url, header and (for JWTs) payload JSON objects without duplicate member names.
*/
struct OAUTH4QT_EXPORT JwsCompact
{
    QJsonObject header;
    QByteArray payload;        //!< decoded payload bytes
    QByteArray signingInput;   //!< "<header b64>.<payload b64>" as received
    QByteArray signature;      //!< decoded signature

    QString algorithm() const { return header.value(QLatin1String("alg")).toString(); }
    QString keyId() const { return header.value(QLatin1String("kid")).toString(); }
    QString type() const { return header.value(QLatin1String("typ")).toString(); }
};

namespace Jws {

//! The algorithms the library implements: RS/PS/ES 256/384/512, EdDSA, HS256/384/512, and
//! ML-DSA-44/65/87 where the OpenSSL in use has ML-DSA (3.5 and later).
OAUTH4QT_EXPORT QStringList supportedAlgorithms();
OAUTH4QT_EXPORT bool isAsymmetric(const QString &alg);

//! Signs \a payload. \a header must not contain "alg": it is set from \a alg.
//! Returns the compact serialization, or an empty array and \a error.
OAUTH4QT_EXPORT QByteArray sign(const QString &alg, QJsonObject header, const QByteArray &payload,
                                const JsonWebKey &key, Error *error = nullptr);

//! Parses a compact JWS; a JWE (5 segments) fails with EncryptedJwtUnsupported, anything else
//! malformed with MalformedJwt.
OAUTH4QT_EXPORT JwsCompact parse(const QByteArray &compact, Error *error = nullptr);

//! Parses a JWT: parse() plus the payload must be a JSON object with unique member names.
OAUTH4QT_EXPORT JwsCompact parseJwt(const QByteArray &compact, QJsonObject *claims, Error *error = nullptr);

//! Verifies \a jws with \a key using the header's alg; "none" and algorithms that do not fit the
//! key fail with AlgorithmNotAllowed / UnsupportedAlgorithm; a bad signature with InvalidSignature.
OAUTH4QT_EXPORT bool verify(const JwsCompact &jws, const JsonWebKey &key, Error *error = nullptr);

} // namespace Jws


} // namespace OAuth4Qt

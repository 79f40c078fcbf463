// SPDX-License-Identifier: BSD-3-Clause
//
//  W A R N I N G
//  -------------
// Internal API of oauth4qt (exported for its tests only). Not part of the public API.
#pragma once

#include <oauth4qt/error.h>
#include <oauth4qt/jsonwebkey.h>

#include "jose/jwe_p.h"

#include <QtCore/QDateTime>
#include <QtCore/QJsonObject>
#include <QtCore/QStringList>

namespace OAuth4Qt {

//! The pieces JwtValidator and IdTokenValidator share.
namespace JwtClaims {

struct VerifyOptions
{
    QStringList algorithms;
    JsonWebKeySet keys;
    QByteArray secret;
    QStringList types;  //!< accepted typ values; empty: not another kind of JWT
    //! Decryption of an encrypted (JWE) JWT; configured: a JWT that is not encrypted is refused
    //! (EncryptionRequired). Not configured: a JWE is refused (EncryptedJwtUnsupported).
    Jwe::DecryptOptions decryption;
    //! An encrypted JSON object without a signed JWT inside is accepted (UserInfo registered
    //! with encryption but no signature); otherwise the plaintext must be a signed JWT.
    bool allowUnsignedEncrypted = false;
};

/*!
    Decrypts \a jwt when it is a JWE (options.decryption; a nested JWT is validated as below,
    \a header then gives the nested JWT's header), parses it strictly, checks the header (enc, typ, crit, alg against the allow-list),
    selects the key (HS*: the secret only; otherwise JsonWebKeySet::candidates, exactly one) and
    verifies the signature. Returns the claims.
*/
OAUTH4QT_TESTS_EXPORT QJsonObject verifySignature(const QByteArray &jwt, const VerifyOptions &options,
                                                  QJsonObject *header, Error *error);

struct TimeOptions
{
    QDateTime now;
    int tolerance = 30;
    int maxAge = -1;        //!< iat age limit in seconds, -1: none
    bool requireExp = true;
    bool requireIat = false;
};
//! exp / nbf / iat: numbers, exp > now - tolerance, nbf and iat <= now + tolerance, iat age.
OAUTH4QT_TESTS_EXPORT Error checkTimes(const QJsonObject &claims, const TimeOptions &options);

//! A NumericDate claim: a finite JSON number.
OAUTH4QT_TESTS_EXPORT Error numericDate(const QJsonObject &claims, QLatin1String name, double *out, bool required);
//! aud: a string or a non-empty array of strings.
OAUTH4QT_TESTS_EXPORT Error audience(const QJsonObject &claims, QStringList *out, bool required);
//! A non-empty string claim.
OAUTH4QT_TESTS_EXPORT Error stringClaim(const QJsonObject &claims, QLatin1String name, QString *out, bool required);

} // namespace JwtClaims
} // namespace OAuth4Qt

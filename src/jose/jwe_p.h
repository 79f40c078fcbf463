// SPDX-License-Identifier: BSD-3-Clause
//
//  W A R N I N G
//  -------------
// Internal API of oauth4qt (exported for its tests only). Not part of the public API.
//
// JWE decryption (RFC 7516, algorithms of RFC 7518): the compact serialization only.
#pragma once

#include <oauth4qt/error.h>
#include <oauth4qt/jsonwebkey.h>

#include <QtCore/QByteArray>
#include <QtCore/QJsonObject>
#include <QtCore/QList>
#include <QtCore/QStringList>

namespace OAuth4Qt {
namespace Jwe {

//! The largest compact JWE accepted (bytes); anything longer is refused before any parsing.
constexpr qsizetype MaxCompactSize = 512 * 1024;

/*!
    What the application configured for one kind of response. A JWE is decrypted only when its
    "alg" is in algorithms and its "enc" in encryptions; with algorithms empty any JWE is refused
    (EncryptedJwtUnsupported).
*/
struct DecryptOptions
{
    QList<JsonWebKey> keys;   //!< private keys (RSA, EC, X25519) and "oct" secrets
    QStringList algorithms;   //!< accepted "alg" (never RSA1_5)
    QStringList encryptions;  //!< accepted "enc"
    QByteArray clientSecret;  //!< for A*KW and dir: a key derived from it (OpenID Connect Core 10.2)
    //! An unencrypted JWT is refused (EncryptionRequired): true for a registered alg, false when
    //! only keys are configured.
    bool required = true;

    bool isConfigured() const { return !algorithms.isEmpty(); }
};

//! The key management algorithms the library decrypts (RSA1_5 is never one of them).
OAUTH4QT_TESTS_EXPORT QStringList supportedAlgorithms();
//! The content encryption algorithms the library decrypts.
OAUTH4QT_TESTS_EXPORT QStringList supportedEncryptions();

//! DecryptOptions for one registered *_encrypted_response_alg / *_encrypted_response_enc pair:
//! \a enc empty means A128CBC-HS256 (the OpenID Connect default). \a alg empty: with private
//! keys, the keys' own algorithms (RSA: RSA-OAEP, RSA-OAEP-256; EC and X25519: ECDH-ES and
//! ECDH-ES+A*KW) with \a enc (empty: every supported enc), encryption not required; without
//! private keys, not configured.
OAUTH4QT_TESTS_EXPORT DecryptOptions optionsFor(const QList<JsonWebKey> &keys, const QString &alg,
                                                const QString &enc, const QByteArray &clientSecret);

//! True when optionsFor(\a keys, \a alg, ...) would be configured: a registered \a alg, or a
//! private key that can decrypt (RSA, EC, X25519). Builds nothing.
OAUTH4QT_TESTS_EXPORT bool canDecrypt(const QList<JsonWebKey> &keys, const QString &alg);

//! True when \a compact has the shape of a compact JWE (five segments).
OAUTH4QT_TESTS_EXPORT bool isCompactJwe(const QByteArray &compact);

/*!
    Decrypts the compact JWE \a compact and returns the plaintext; \a header receives the
    protected header. Failures, each with one code:
    \list
    \li not configured (options.algorithms empty): EncryptedJwtUnsupported;
    \li too large, not five strict base64url segments, header not a JSON object, "alg"/"enc" not
        strings: MalformedJwt;
    \li "alg" RSA1_5, or "alg"/"enc" not configured, or "zip" present: AlgorithmNotAllowed;
    \li "crit" present: UnsupportedCriticalHeader;
    \li no configured key fits "alg" (and "kid"): KeyNotFound;
    \li everything the cryptography decides (key unwrap, ECDH public key, IV, tag, padding,
        lengths of the segments): JweDecryptionFailed, always the same detail.
    \endlist
*/
OAUTH4QT_TESTS_EXPORT QByteArray decrypt(const QByteArray &compact, const DecryptOptions &options,
                                         QJsonObject *header, Error *error);

/*!
    Encrypts \a plaintext for \a recipient (a public key, or an "oct" key for A*KW and dir) with
    \a alg / \a enc; \a extraHeader members are added to the protected header ("cty", "kid", ...).
    For tests, benchmarks and fuzz seeds. Empty and \a error on failure.
*/
OAUTH4QT_TESTS_EXPORT QByteArray encrypt(const QByteArray &plaintext, const JsonWebKey &recipient,
                                         const QString &alg, const QString &enc,
                                         const QJsonObject &extraHeader = {}, Error *error = nullptr);

//! The key derived from a client secret for \a alg / \a enc (OpenID Connect Core 10.2).
OAUTH4QT_TESTS_EXPORT QByteArray deriveSecretKey(const QByteArray &clientSecret, const QString &alg, const QString &enc);

} // namespace Jwe
} // namespace OAuth4Qt

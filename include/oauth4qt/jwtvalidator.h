// SPDX-License-Identifier: BSD-3-Clause
#pragma once

#include <oauth4qt/error.h>
#include <oauth4qt/jsonwebkey.h>

#include <QtCore/qdatetime.h>
#include <QtCore/qjsonobject.h>
#include <QtCore/qshareddata.h>
#include <QtCore/qstringlist.h>

#include <functional>

namespace OAuth4Qt {

class JwtValidatorData;

/*!
    \class OAuth4Qt::JwtValidator
    Synchronous validation of a signed JWT (JWS compact serialization) against a set of keys:
    the building block of ID Token, JARM, signed UserInfo, JWT introspection response and
    RFC 9068 access token validation. A value type: configure it, then call validate().

    The checks, in this order, each failing with one ErrorCode:
    \list
    \li strict parsing (three base64url segments, JSON object header and payload, no duplicate
        member names): MalformedJwt; five segments (JWE) without encryptionAlgorithm():
        EncryptedJwtUnsupported;
    \li with encryptionAlgorithm() set, the JWT must be a JWE (EncryptionRequired otherwise) with
        that "alg" and contentEncryptionAlgorithm() as "enc" (AlgorithmNotAllowed otherwise; RSA1_5
        and "zip" never), decrypted with decryptionKeys() (or a key derived from secret() for
        A128KW/A192KW/A256KW and dir, OpenID Connect Core 10.2): no fitting key: KeyNotFound;
        anything the decryption itself finds wrong: JweDecryptionFailed. The plaintext is a
        signed JWT (nested) that the checks below then apply to, or, with
        requireNestedSignature() false and no "cty":"JWT", a JSON object of claims;
    \li \c typ: with expectedTypes() set it must be one of them (compared case-insensitively,
        an "application/" prefix allowed), otherwise it must not name another kind of JWT
        (logout+jwt, at+jwt, dpop+jwt, token-introspection+jwt, oauth-authz-req+jwt,
        secevent+jwt, jwt-bearer...): UnexpectedJwtType;
    \li \c crit present: UnsupportedCriticalHeader (no extension is understood);
        \c jku, \c x5u, \c jwk and \c x5c headers are ignored (never trusted);
    \li \c alg: "none" never, otherwise one of allowedAlgorithms(): AlgorithmNotAllowed;
        HS256/384/512 verify with secret() only (never with a JWKS key), and only when listed;
    \li key selection: JsonWebKeySet::candidates(alg, kid); with a kid exactly one
        key must match (none: KeyNotFound, several: AmbiguousKey); without a kid a single
        candidate is used and several are refused (AmbiguousKey: a kid is then required);
    \li the signature, always: InvalidSignature;
    \li \c iss == expectedIssuer() when set (missing: MissingMember, not a string:
        InvalidMember, different: IssuerMismatch);
    \li \c aud (string or array of strings) contains expectedAudience() when set
        (AudienceMismatch);
    \li \c exp (required unless setRequireExpiration(false)), \c nbf, \c iat: JSON numbers
        (InvalidMember otherwise); exp <= now - tolerance: TokenExpired; nbf or iat beyond now +
        tolerance: TokenNotYetValid; iat older than maxTokenAge() (when >= 0): TokenTooOld;
    \li every name of requiredClaims() present: MissingMember.
    \endlist

    validate() returns the claims, or an empty object and the error.
*/
class OAUTH4QT_EXPORT JwtValidator
{
public:
    using Clock = std::function<QDateTime()>;

    JwtValidator();
    JwtValidator(const JwtValidator &other);
    JwtValidator(JwtValidator &&other) noexcept;
    JwtValidator &operator=(const JwtValidator &other);
    JwtValidator &operator=(JwtValidator &&other) noexcept;
    ~JwtValidator();

    //! JWS algorithms accepted (default: RS256). "none" is never accepted.
    QStringList allowedAlgorithms() const;
    void setAllowedAlgorithms(const QStringList &algorithms);

    //! The verification keys (a JWKS, public parts).
    JsonWebKeySet keys() const;
    void setKeys(const JsonWebKeySet &keys);
    //! The shared secret for HS256/384/512 (the client secret); empty: HS* never verifies.
    QByteArray secret() const;
    void setSecret(const QByteArray &secret);

    //! Exact \c iss expected; empty: iss is not checked (but must be a string when present).
    QString expectedIssuer() const;
    void setExpectedIssuer(const QString &issuer);
    //! A value \c aud must contain; empty: aud is not checked (but must be well-formed when present).
    QString expectedAudience() const;
    void setExpectedAudience(const QString &audience);
    //! Accepted \c typ values ("at+jwt"); empty: any typ but another kind of JWT.
    QStringList expectedTypes() const;
    void setExpectedTypes(const QStringList &types);
    //! Claims that must be present.
    QStringList requiredClaims() const;
    void setRequiredClaims(const QStringList &claims);
    //! Whether \c exp is required (default true).
    bool requireExpiration() const;
    void setRequireExpiration(bool require);

    //! Allowed clock skew in seconds (default 30).
    int clockTolerance() const;
    void setClockTolerance(int seconds);
    //! Maximum age of \c iat in seconds; -1 (the default) disables the check.
    int maxTokenAge() const;
    void setMaxTokenAge(int seconds);
    //! The clock (default: the system clock in UTC).
    void setClock(const Clock &clock);
    QDateTime currentTime() const;

    //! Private keys (RSA, EC, X25519) and "oct" secrets for decrypting an encrypted JWT (JWE).
    QList<JsonWebKey> decryptionKeys() const;
    void setDecryptionKeys(const QList<JsonWebKey> &keys);
    //! The JWE "alg" the JWT must be encrypted with (a registered *_encrypted_response_alg);
    //! empty (the default): encrypted JWTs are refused.
    QString encryptionAlgorithm() const;
    void setEncryptionAlgorithm(const QString &alg);
    //! The JWE "enc" (a registered *_encrypted_response_enc); A128CBC-HS256 when not set and
    //! encryptionAlgorithm() is.
    QString contentEncryptionAlgorithm() const;
    void setContentEncryptionAlgorithm(const QString &enc);
    //! Whether an encrypted JWT must contain a signed JWT (default true); false also accepts an
    //! encrypted JSON object (a UserInfo response registered as encrypted but not signed).
    bool requireNestedSignature() const;
    void setRequireNestedSignature(bool require);

    //! Validates \a jwt; returns its claims, or an empty object and \a error.
    QJsonObject validate(const QByteArray &jwt, Error *error = nullptr) const;
    //! Same, and gives the protected header in \a header (for typ / kid inspection).
    QJsonObject validate(const QByteArray &jwt, QJsonObject *header, Error *error) const;

    //! True when \a type (a JOSE typ value) names a kind of JWT other than a plain JWT / ID Token.
    static bool isOtherJwtType(const QString &type);
    //! True when \a type equals \a expected case-insensitively, with or without "application/".
    static bool typeMatches(const QString &type, const QString &expected);

private:
    QSharedDataPointer<JwtValidatorData> d;
};

} // namespace OAuth4Qt

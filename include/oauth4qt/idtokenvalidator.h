// SPDX-License-Identifier: BSD-3-Clause
#pragma once

#include <oauth4qt/jwtvalidator.h>

#include <QtCore/qshareddata.h>

namespace OAuth4Qt {

class IdTokenValidatorData;

/*!
    \class OAuth4Qt::IdTokenValidator
    Synchronous OpenID Connect ID Token validation (OpenID Connect Core 3.1.3.7)
    given the keys. The Client runs it on every token response carrying
    an ID Token, after fetching the issuer's JWKS; applications can use it directly.

    The signature is always verified. An encrypted ID Token (JWE) is decrypted first when
    encryptionAlgorithm() is set (and then must be encrypted, with that alg and
    contentEncryptionAlgorithm()); inside must be a signed ID Token (see JwtValidator for the
    decryption errors). On top of JwtValidator's checks:
    \list
    \li algorithms (allowedAlgorithms(), docs/algorithms.md): the client's registered algorithm
        when set, and then, when the server advertises id_token_signing_alg_values_supported,
        only if listed there (the server's list never widens what is accepted); with no
        registered algorithm, the server's advertised algorithms that the library verifies; with
        neither, RS256. "none" never; HS256/384/512 only with a client secret, verified with the
        secret (a JWKS key is never used for HMAC, whatever the kid says);
    \li \c iss equals the issuer exactly (IssuerMismatch); \c sub a non-empty string
        (MissingMember / InvalidMember);
    \li \c aud a string or an array of strings containing the client_id (AudienceMismatch);
        several audiences need \c azp == client_id; \c azp when present must equal the client_id;
    \li \c exp and \c iat required numbers; \c iat at most maxTokenAge() old (default one day:
        an ID Token is checked right after it was issued; a week-old one is refused);
    \li \c nonce: when one was sent it must be present (MissingMember) and equal
        (NonceMismatch); when none was sent it must be absent (NonceMismatch), except for
        ID Tokens from a refresh (OpenID Connect Core 12.2 lets them repeat the original nonce);
    \li max_age: with maxAge() >= 0, \c auth_time is required and auth_time + max_age must not
        be before now - tolerance (AuthTimeTooOld); auth_time must always be a number;
    \li \c at_hash / \c c_hash / \c s_hash, when present and the value is known, must match
        (HashMismatch): left half of SHA-256/384/512 by the alg's size, SHA-512 for EdDSA;
    \li refresh: \c iss and \c sub must equal the original ID Token's (IssuerMismatch /
        SubjectMismatch) when previousIssuer()/previousSubject() are set.
    \endlist
*/
class OAUTH4QT_EXPORT IdTokenValidator
{
public:
    IdTokenValidator();
    IdTokenValidator(const IdTokenValidator &other);
    IdTokenValidator(IdTokenValidator &&other) noexcept;
    IdTokenValidator &operator=(const IdTokenValidator &other);
    IdTokenValidator &operator=(IdTokenValidator &&other) noexcept;
    ~IdTokenValidator();

    QString issuer() const;
    void setIssuer(const QString &issuer);
    QString clientId() const;
    void setClientId(const QString &clientId);
    //! Never logged. Needed only for HS* ID Tokens.
    QString clientSecret() const;
    void setClientSecret(const QString &secret);

    //! The registered id_token_signed_response_alg; empty (the default) means not configured.
    QString algorithm() const;
    void setAlgorithm(const QString &alg);
    //! The server's id_token_signing_alg_values_supported (may be empty).
    QStringList serverAlgorithms() const;
    void setServerAlgorithms(const QStringList &algorithms);
    /*!
        The algorithms actually accepted: algorithm() when set (and listed by the server, when
        it advertises a list); else the server's list as far as the library verifies it; else
        RS256. Never "none"; HS* only with a client secret.
    */
    QStringList allowedAlgorithms() const;

    JsonWebKeySet keys() const;
    void setKeys(const JsonWebKeySet &keys);

    //! The client's decryption keys for encrypted ID Tokens (see JwtValidator::setDecryptionKeys()).
    QList<JsonWebKey> decryptionKeys() const;
    void setDecryptionKeys(const QList<JsonWebKey> &keys);
    //! The registered id_token_encrypted_response_alg; empty (the default): not encrypted.
    QString encryptionAlgorithm() const;
    void setEncryptionAlgorithm(const QString &alg);
    //! The registered id_token_encrypted_response_enc; A128CBC-HS256 when empty.
    QString contentEncryptionAlgorithm() const;
    void setContentEncryptionAlgorithm(const QString &enc);

    QString nonce() const;
    void setNonce(const QString &nonce);
    int maxAge() const;
    void setMaxAge(int seconds); //!< -1 (default): no max_age was sent

    //! Values for at_hash / c_hash / s_hash (checked when the claim is present).
    void setAccessToken(const QString &accessToken);
    void setAuthorizationCode(const QString &code);
    void setState(const QString &state);

    //! The ID Token comes from a refresh_token grant.
    bool isRefresh() const;
    void setRefresh(bool refresh);
    QString previousIssuer() const;
    void setPreviousIssuer(const QString &issuer);
    QString previousSubject() const;
    void setPreviousSubject(const QString &subject);

    int clockTolerance() const;
    void setClockTolerance(int seconds); //!< default 30
    int maxTokenAge() const;
    void setMaxTokenAge(int seconds);    //!< iat age limit, default 86400
    void setClock(const JwtValidator::Clock &clock);

    //! Validates \a idToken; returns its claims, or an empty object and \a error.
    QJsonObject validate(const QByteArray &idToken, Error *error = nullptr) const;

    //! The OpenID Connect hash of \a value for \a alg: base64url of the left half of its digest
    //! (SHA-256 for *256, SHA-384 for *384, SHA-512 for *512 and EdDSA, SHAKE256 with 512 bits of
    //! output for ML-DSA-44/65/87). Empty for an unknown alg.
    static QByteArray tokenHash(const QString &alg, const QByteArray &value);

private:
    QSharedDataPointer<IdTokenValidatorData> d;
};

} // namespace OAuth4Qt

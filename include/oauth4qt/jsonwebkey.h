// SPDX-License-Identifier: BSD-3-Clause
#pragma once

#include <oauth4qt/error.h>

#include <QtCore/qbytearray.h>
#include <QtCore/qjsonobject.h>
#include <QtCore/qlist.h>
#include <QtCore/qshareddata.h>
#include <QtCore/qstring.h>
#include <QtCore/qstringlist.h>

namespace OAuth4Qt {

class JsonWebKeyData;

/*!
    \class OAuth4Qt::JsonWebKey
    A JSON Web Key (RFC 7517) backed by OpenSSL 3: RSA (>= 2048 bits), EC (P-256, P-384, P-521),
    OKP (Ed25519; X25519 for decrypting JWEs only), AKP (ML-DSA-44, ML-DSA-65, ML-DSA-87; needs
    OpenSSL 3.5 or later) or a symmetric "oct" secret. Implicitly shared; a null key isNull().

    Importing never trusts more than it needs: fromJson() of a key with private members keeps
    them only when \c{KeepPrivate} is passed (JWKS documents are always imported public-only).
*/
class OAUTH4QT_EXPORT JsonWebKey
{
    Q_GADGET
    Q_PROPERTY(bool isNull READ isNull CONSTANT FINAL)
    Q_PROPERTY(QString keyType READ keyTypeName CONSTANT FINAL)
    Q_PROPERTY(QString keyId READ keyId CONSTANT FINAL)
    Q_PROPERTY(QString algorithm READ algorithm CONSTANT FINAL)
public:
    enum class KeyType { None, RSA, EC, OKP, Oct, AKP };
    Q_ENUM(KeyType)
    enum class PrivatePart { DropPrivate, KeepPrivate };
    Q_ENUM(PrivatePart)

    JsonWebKey();
    JsonWebKey(const JsonWebKey &other);
    JsonWebKey(JsonWebKey &&other) noexcept;
    JsonWebKey &operator=(const JsonWebKey &other);
    JsonWebKey &operator=(JsonWebKey &&other) noexcept;
    ~JsonWebKey();

    //! Imports a JWK. Strict: members base64url without padding, required members present,
    //! EC points on the curve, RSA modulus >= 2048 bits. Returns a null key and sets \a error otherwise.
    static JsonWebKey fromJson(const QJsonObject &jwk, PrivatePart privatePart = PrivatePart::DropPrivate,
                               Error *error = nullptr);
    //! Imports a PEM key: PKCS#8 or traditional private key, or SubjectPublicKeyInfo public key.
    static JsonWebKey fromPem(const QByteArray &pem, Error *error = nullptr);
    //! A symmetric key for HS256/384/512 (for example a client secret for client_secret_jwt).
    static JsonWebKey fromSecret(const QByteArray &secret);
    //! Generates a key pair suited to \a algorithm ("ES256" -> P-256, "RS256"/"PS256" -> RSA 2048,
    //! "EdDSA" -> Ed25519, "ES384" -> P-384, "ES512" -> P-521, "ML-DSA-44/65/87" -> an ML-DSA key
    //! of that parameter set where OpenSSL has ML-DSA; "HS256/384/512" -> a random secret
    //! of the hash length). The generated key has no "alg" member (see setAlgorithm()), except
    //! that of an AKP key, which names its parameter set.
    static JsonWebKey generate(const QString &algorithm, Error *error = nullptr);
    //! Generates an RSA key pair of \a bits (2048 to 16384; smaller sizes fail with InvalidKey).
    static JsonWebKey generateRsa(int bits, Error *error = nullptr);

    bool isNull() const;
    KeyType keyType() const;
    QString keyTypeName() const; //!< "RSA", "EC", "OKP", "oct", "AKP" or empty
    bool hasPrivateKey() const;  //!< private key or symmetric secret present
    QString curve() const;       //!< "P-256", "P-384", "P-521", "Ed25519", "X25519" or empty
    int keySizeBits() const;
    //! The secret of an "oct" key (as fromSecret() took it, or the JWK's decoded "k"); empty for
    //! any other key.
    QByteArray symmetricSecret() const;

    QString keyId() const;
    void setKeyId(const QString &kid);
    QString algorithm() const;  //!< the JWK's "alg" member, if any
    void setAlgorithm(const QString &alg);
    QString use() const;        //!< the JWK's "use" member, if any
    QStringList keyOperations() const; //!< "key_ops"

    //! True when this key can sign/verify with JWS \a alg (key type, curve and size fit, and the
    //! JWK's own "alg"/"use"/"key_ops" restrictions, when present, allow it).
    bool supportsAlgorithm(const QString &alg) const;
    //! True when the key type, curve and size fit JWS \a alg (ignores the JWK's alg/use/key_ops).
    bool fitsAlgorithm(const QString &alg) const;
    //! True when the JWK's own restrictions allow \a alg and \a operation ("sign", "verify";
    //! empty: any): "alg" equal when present, "use" == "sig" when present, "key_ops" containing
    //! \a operation when present.
    bool allowsOperation(const QString &alg, const QString &operation) const;
    //! RS256 for RSA, ES256/ES384/ES512 by curve, EdDSA for Ed25519, the parameter set
    //! (ML-DSA-44/65/87) for AKP, HS256 for oct (empty for X25519: no signing algorithm).
    QString defaultAlgorithm() const;

    //! The public part only (for oct keys: a null key).
    JsonWebKey publicKey() const;
    //! The JWK members (kty, crv, x, y, n, e, kid, alg, use, ...); private members only with
    //! \a withPrivate. Symmetric keys are exported only with \a withPrivate.
    QJsonObject toJson(bool withPrivate = false) const;
    //! RFC 7638 JWK thumbprint with SHA-256 (raw 32 bytes); thumbprintBase64Url() is the usual form.
    QByteArray thumbprint() const;
    QByteArray thumbprintBase64Url() const;
    //! PEM export: the private key as PKCS#8 when \a withPrivate, else SubjectPublicKeyInfo.
    QByteArray toPem(bool withPrivate = false) const;

    //! Low level: signs \a data with JWS algorithm \a alg; JWS signature format (raw r||s for EC).
    QByteArray sign(const QString &alg, const QByteArray &data, Error *error = nullptr) const;
    //! Low level: verifies a JWS-format \a signature over \a data with \a alg.
    bool verify(const QString &alg, const QByteArray &data, const QByteArray &signature,
                Error *error = nullptr) const;

    //! Native handle (EVP_PKEY *) for advanced use; nullptr for oct keys. Owned by this object.
    void *nativeHandle() const;

    bool operator==(const JsonWebKey &other) const; //!< same public key material (or same secret)
    bool operator!=(const JsonWebKey &other) const { return !(*this == other); }

private:
    QExplicitlySharedDataPointer<JsonWebKeyData> d;
};

/*!
    \class OAuth4Qt::JsonWebKeySet
    A JWK Set (RFC 7517 section 5). fromJson() imports public parts only, skips keys it cannot
    use (unknown kty/crv, weak RSA) and rejects a document whose "keys" is not an array of objects.
*/
class OAUTH4QT_EXPORT JsonWebKeySet
{
public:
    JsonWebKeySet() = default;
    explicit JsonWebKeySet(const QList<JsonWebKey> &keys) : m_keys(keys) {}

    static JsonWebKeySet fromJson(const QJsonObject &jwks, Error *error = nullptr);
    QJsonObject toJson(bool withPrivate = false) const;

    QList<JsonWebKey> keys() const { return m_keys; }
    void addKey(const JsonWebKey &key) { m_keys.append(key); }
    bool isEmpty() const { return m_keys.isEmpty(); }
    qsizetype size() const { return m_keys.size(); }

    /*!
        Keys usable to verify a JWS with \a alg and optional \a kid:
        filters on kty/crv/size for alg, "use" (sig), "key_ops" (verify), "alg", and kid when given.
        With a kid, exactly the keys with that kid; without one, every candidate.
    */
    QList<JsonWebKey> candidates(const QString &alg, const QString &kid = {}) const;

private:
    QList<JsonWebKey> m_keys;
};

} // namespace OAuth4Qt

Q_DECLARE_METATYPE(OAuth4Qt::JsonWebKey)

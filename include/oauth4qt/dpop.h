// SPDX-License-Identifier: BSD-3-Clause
#pragma once

#include <oauth4qt/error.h>
#include <oauth4qt/jsonwebkey.h>

#include <QtCore/qbytearray.h>
#include <QtCore/qdatetime.h>
#include <QtCore/qjsonobject.h>
#include <QtCore/qshareddata.h>
#include <QtCore/qstring.h>
#include <QtCore/qstringlist.h>
#include <QtCore/qurl.h>

namespace OAuth4Qt {

class DPoPKeyData;

/*!
    \class OAuth4Qt::DPoPKey
    The key pair a client proves possession of with DPoP (RFC 9449), and the maker of DPoP
    proofs. ES256 by default; RS256/384/512, PS256/384/512, ES384/ES512 and EdDSA also work.
    Implicitly shared; a null key means "no DPoP".

    A public client keeps its key across runs (DPoP-bound refresh tokens only work with the same
    key): toJson() exports the private JWK (plus "alg"), fromJson() imports it again. Store that
    JWK like a secret (TokenStore does).

    \code
    OAuth4Qt::DPoPKey key = OAuth4Qt::DPoPKey::generate();   // ES256
    client->setDPoPKey(key);
    \endcode
*/
class OAUTH4QT_EXPORT DPoPKey
{
    Q_GADGET
    Q_PROPERTY(bool isNull READ isNull CONSTANT FINAL)
    Q_PROPERTY(QString algorithm READ algorithm CONSTANT FINAL)
    Q_PROPERTY(QString thumbprint READ thumbprint CONSTANT FINAL)
public:
    DPoPKey();
    DPoPKey(const DPoPKey &other);
    DPoPKey(DPoPKey &&other) noexcept;
    DPoPKey &operator=(const DPoPKey &other);
    DPoPKey &operator=(DPoPKey &&other) noexcept;
    ~DPoPKey();

    //! The JWS algorithms a DPoP key may use (asymmetric only; ML-DSA-44/65/87 where the
    //! OpenSSL in use has ML-DSA).
    static QStringList supportedAlgorithms();

    //! A fresh key pair for \a algorithm (default ES256). Null key and \a error on failure
    //! (UnsupportedAlgorithm for a symmetric or unknown algorithm).
    static DPoPKey generate(const QString &algorithm = QStringLiteral("ES256"), Error *error = nullptr);
    /*!
        Wraps an existing private \a key. \a algorithm defaults to the key's "alg" member or its
        default algorithm. Fails with InvalidKey when the key has no private part or is
        symmetric, UnsupportedAlgorithm when \a algorithm does not fit the key.
    */
    static DPoPKey fromJsonWebKey(const JsonWebKey &key, const QString &algorithm = {}, Error *error = nullptr);
    //! Imports what toJson() exported (a private JWK; "alg" selects the algorithm).
    static DPoPKey fromJson(const QJsonObject &jwk, Error *error = nullptr);
    //! The private JWK with "alg": for persistence only, a secret.
    QJsonObject toJson() const;

    bool isNull() const;
    QString algorithm() const;
    JsonWebKey key() const;
    //! The public JWK as it appears in proofs (kty and key members only).
    QJsonObject publicJwk() const;
    //! The RFC 7638 SHA-256 thumbprint, base64url: the value of dpop_jkt and of cnf.jkt.
    QString thumbprint() const;

    /*!
        A DPoP proof JWT: header {typ "dpop+jwt", alg, jwk (public)}, claims {jti (fresh random),
        htm (upper-cased \a method), htu (\a url without query and fragment), iat (\a issuedAt,
        default now), nonce (when \a nonce is not empty), ath (base64url SHA-256 of
        \a accessToken, when not empty: requests to protected resources)}.
        Empty and \a error on failure.
    */
    QByteArray proof(const QByteArray &method, const QUrl &url, const QByteArray &nonce = {},
                     const QString &accessToken = {}, const QDateTime &issuedAt = {},
                     Error *error = nullptr) const;

    //! The htu of \a url: without query, fragment and user info (RFC 9449 section 4.2).
    static QString htu(const QUrl &url);
    //! The ath of \a accessToken: base64url(SHA-256(ASCII(access token))).
    static QByteArray accessTokenHash(const QString &accessToken);

    //! Same key material and algorithm.
    bool operator==(const DPoPKey &other) const;
    bool operator!=(const DPoPKey &other) const { return !(*this == other); }

private:
    QSharedDataPointer<DPoPKeyData> d;
};

} // namespace OAuth4Qt

Q_DECLARE_METATYPE(OAuth4Qt::DPoPKey)

// SPDX-License-Identifier: BSD-3-Clause
#pragma once

#include <oauth4qt/error.h>
#include <oauth4qt/jsonwebkey.h>

#include <QtCore/qjsonobject.h>
#include <QtCore/qlist.h>
#include <QtCore/qshareddata.h>
#include <QtCore/qstring.h>
#include <QtCore/qurl.h>

#include <utility>

namespace OAuth4Qt {

//! Request parameters in order; a name may repeat (e.g. "resource").
using Parameters = QList<std::pair<QString, QString>>;

class ClientConfigData;

/*!
    \class OAuth4Qt::ClientConfig
    The client's registration as the library uses it: identifier, authentication and the
    algorithms it expects from the server. A value type; set it on a Client.
*/
class OAUTH4QT_EXPORT ClientConfig
{
    Q_GADGET
    Q_PROPERTY(QString clientId READ clientId WRITE setClientId FINAL)
    Q_PROPERTY(OAuth4Qt::ClientConfig::AuthMethod authMethod READ authMethod WRITE setAuthMethod FINAL)
public:
    //! How the client authenticates at the token, PAR, introspection, revocation, device and
    //! backchannel endpoints.
    enum class AuthMethod {
        Automatic,          //!< client_secret_basic with a secret, none without (the default)
        None,               //!< "none": public client, only client_id is sent
        ClientSecretBasic,  //!< "client_secret_basic" (RFC 6749 2.3.1, id and secret form-encoded first)
        ClientSecretPost,   //!< "client_secret_post"
        ClientSecretJwt,    //!< "client_secret_jwt" (RFC 7523, HMAC with the secret)
        PrivateKeyJwt,      //!< "private_key_jwt" (RFC 7523, the client's private key)
        TlsClientAuth,      //!< "tls_client_auth" (RFC 8705): the certificate comes from the
                            //!< application's QSslConfiguration (Client::setSslConfiguration)
        SelfSignedTlsClientAuth, //!< "self_signed_tls_client_auth"
    };
    Q_ENUM(AuthMethod)

    static QString authMethodName(AuthMethod method);
    //! Parses "client_secret_basic" etc.; \a ok is false for an unknown name.
    static AuthMethod authMethodFromName(const QString &name, bool *ok = nullptr);

    ClientConfig();
    explicit ClientConfig(const QString &clientId, const QString &clientSecret = {});
    ClientConfig(const ClientConfig &other);
    ClientConfig(ClientConfig &&other) noexcept;
    ClientConfig &operator=(const ClientConfig &other);
    ClientConfig &operator=(ClientConfig &&other) noexcept;
    ~ClientConfig();

    QString clientId() const;
    void setClientId(const QString &id);

    //! Never logged, never part of an error string.
    QString clientSecret() const;
    void setClientSecret(const QString &secret);

    AuthMethod authMethod() const;
    void setAuthMethod(AuthMethod method);
    //! authMethod() with Automatic resolved.
    AuthMethod effectiveAuthMethod() const;

    //! The private key for private_key_jwt (and for signing request objects, JAR).
    JsonWebKey privateKey() const;
    void setPrivateKey(const JsonWebKey &key);

    //! JWS alg for client assertions and request objects; empty = from the key (RS256, ES256,
    //! EdDSA, ...) or HS256 for client_secret_jwt.
    QString signingAlgorithm() const;
    void setSigningAlgorithm(const QString &alg);

    //! Expected ID Token alg (registered id_token_signed_response_alg); empty (the default):
    //! not configured, the server's advertised algorithms are accepted (docs/algorithms.md).
    QString idTokenSignedResponseAlg() const;
    void setIdTokenSignedResponseAlg(const QString &alg);
    //! Registered userinfo_signed_response_alg; empty = JSON UserInfo expected. When set, a
    //! signed response must use it (and the server must list it, when it advertises a list).
    QString userinfoSignedResponseAlg() const;
    void setUserinfoSignedResponseAlg(const QString &alg);
    //! Registered introspection_signed_response_alg (RFC 9701); empty = JSON.
    QString introspectionSignedResponseAlg() const;
    void setIntrospectionSignedResponseAlg(const QString &alg);
    //! Registered authorization_signed_response_alg (JARM); empty (the default): not configured,
    //! the server's authorization_signing_alg_values_supported are accepted (docs/algorithms.md).
    QString authorizationSignedResponseAlg() const;
    void setAuthorizationSignedResponseAlg(const QString &alg);

    //! The client's private keys (RSA, EC P-256/384/521, X25519) and "oct" secrets for decrypting
    //! encrypted responses (JWE); several at once, selected by the JWE's kid and alg.
    QList<JsonWebKey> decryptionKeys() const;
    void setDecryptionKeys(const QList<JsonWebKey> &keys);
    //! Registered *_encrypted_response_alg / *_encrypted_response_enc (OpenID Connect
    //! registration, JARM, RFC 9701). Set: the response must be encrypted with that alg (an
    //! unencrypted one fails with EncryptionRequired) and enc (empty: A128CBC-HS256). Empty alg
    //! (the default): with no asymmetric decryptionKeys() an encrypted response is refused; with
    //! them, a response may come encrypted or not, and an encrypted one is decrypted with an alg
    //! that one of the keys can do (RSA: RSA-OAEP, RSA-OAEP-256; EC and X25519: ECDH-ES and
    //! ECDH-ES+A128KW/A192KW/A256KW) and the enc set here (empty: any of the six). Keys derived
    //! from the client secret (A*KW, dir) need the alg set. RSA1_5 is never accepted.
    QString idTokenEncryptedResponseAlg() const;
    void setIdTokenEncryptedResponseAlg(const QString &alg);
    QString idTokenEncryptedResponseEnc() const;
    void setIdTokenEncryptedResponseEnc(const QString &enc);
    QString userinfoEncryptedResponseAlg() const;
    void setUserinfoEncryptedResponseAlg(const QString &alg);
    QString userinfoEncryptedResponseEnc() const;
    void setUserinfoEncryptedResponseEnc(const QString &enc);
    QString authorizationEncryptedResponseAlg() const;
    void setAuthorizationEncryptedResponseAlg(const QString &alg);
    QString authorizationEncryptedResponseEnc() const;
    void setAuthorizationEncryptedResponseEnc(const QString &enc);
    QString introspectionEncryptedResponseAlg() const;
    void setIntrospectionEncryptedResponseAlg(const QString &alg);
    QString introspectionEncryptedResponseEnc() const;
    void setIntrospectionEncryptedResponseEnc(const QString &enc);

    //! Any other registered metadata (from dynamic registration), kept as received.
    QJsonObject extraMetadata() const;
    void setExtraMetadata(const QJsonObject &metadata);

    bool isNull() const { return clientId().isEmpty(); }

private:
    QSharedDataPointer<ClientConfigData> d;
};

} // namespace OAuth4Qt

Q_DECLARE_METATYPE(OAuth4Qt::ClientConfig)

// SPDX-License-Identifier: BSD-3-Clause
#include <oauth4qt/clientconfig.h>
#include "protocol/sharedempty_p.h"

namespace OAuth4Qt {

class ClientConfigData : public QSharedData
{
public:
    QString clientId;
    QString clientSecret;
    ClientConfig::AuthMethod authMethod = ClientConfig::AuthMethod::Automatic;
    JsonWebKey privateKey;
    QString signingAlgorithm;
    QString idTokenAlg;
    QString userinfoAlg;
    QString introspectionAlg;
    QString authorizationAlg;
    QJsonObject extra;
    QList<JsonWebKey> decryptionKeys;
    QString idTokenEncAlg, idTokenEncEnc;
    QString userinfoEncAlg, userinfoEncEnc;
    QString authorizationEncAlg, authorizationEncEnc;
    QString introspectionEncAlg, introspectionEncEnc;
};

namespace {
const struct
{
    ClientConfig::AuthMethod method;
    const char *name;
} methodNames[] = {
    { ClientConfig::AuthMethod::None, "none" },
    { ClientConfig::AuthMethod::ClientSecretBasic, "client_secret_basic" },
    { ClientConfig::AuthMethod::ClientSecretPost, "client_secret_post" },
    { ClientConfig::AuthMethod::ClientSecretJwt, "client_secret_jwt" },
    { ClientConfig::AuthMethod::PrivateKeyJwt, "private_key_jwt" },
    { ClientConfig::AuthMethod::TlsClientAuth, "tls_client_auth" },
    { ClientConfig::AuthMethod::SelfSignedTlsClientAuth, "self_signed_tls_client_auth" },
};
} // namespace

QString ClientConfig::authMethodName(AuthMethod method)
{
    for (const auto &m : methodNames) {
        if (m.method == method)
            return QString::fromLatin1(m.name);
    }
    return QString();
}

ClientConfig::AuthMethod ClientConfig::authMethodFromName(const QString &name, bool *ok)
{
    for (const auto &m : methodNames) {
        if (name == QLatin1String(m.name)) {
            if (ok)
                *ok = true;
            return m.method;
        }
    }
    if (ok)
        *ok = false;
    return AuthMethod::Automatic;
}

ClientConfig::ClientConfig() : d(sharedEmptyData<ClientConfigData>()) {}

ClientConfig::ClientConfig(const QString &clientId, const QString &clientSecret)
    : d(new ClientConfigData)
{
    d->clientId = clientId;
    d->clientSecret = clientSecret;
}

ClientConfig::ClientConfig(const ClientConfig &other) = default;
ClientConfig::ClientConfig(ClientConfig &&other) noexcept = default;
ClientConfig &ClientConfig::operator=(const ClientConfig &other) = default;
ClientConfig &ClientConfig::operator=(ClientConfig &&other) noexcept = default;
ClientConfig::~ClientConfig() = default;

QString ClientConfig::clientId() const { return d->clientId; }
void ClientConfig::setClientId(const QString &id) { d->clientId = id; }
QString ClientConfig::clientSecret() const { return d->clientSecret; }
void ClientConfig::setClientSecret(const QString &secret) { d->clientSecret = secret; }
ClientConfig::AuthMethod ClientConfig::authMethod() const { return d->authMethod; }
void ClientConfig::setAuthMethod(AuthMethod method) { d->authMethod = method; }

ClientConfig::AuthMethod ClientConfig::effectiveAuthMethod() const
{
    if (d->authMethod != AuthMethod::Automatic)
        return d->authMethod;
    if (!d->privateKey.isNull() && d->clientSecret.isEmpty())
        return AuthMethod::PrivateKeyJwt;
    return d->clientSecret.isEmpty() ? AuthMethod::None : AuthMethod::ClientSecretBasic;
}

JsonWebKey ClientConfig::privateKey() const { return d->privateKey; }
void ClientConfig::setPrivateKey(const JsonWebKey &key) { d->privateKey = key; }
QString ClientConfig::signingAlgorithm() const { return d->signingAlgorithm; }
void ClientConfig::setSigningAlgorithm(const QString &alg) { d->signingAlgorithm = alg; }
QString ClientConfig::idTokenSignedResponseAlg() const { return d->idTokenAlg; }
void ClientConfig::setIdTokenSignedResponseAlg(const QString &alg) { d->idTokenAlg = alg; }
QString ClientConfig::userinfoSignedResponseAlg() const { return d->userinfoAlg; }
void ClientConfig::setUserinfoSignedResponseAlg(const QString &alg) { d->userinfoAlg = alg; }
QString ClientConfig::introspectionSignedResponseAlg() const { return d->introspectionAlg; }
void ClientConfig::setIntrospectionSignedResponseAlg(const QString &alg) { d->introspectionAlg = alg; }
QString ClientConfig::authorizationSignedResponseAlg() const { return d->authorizationAlg; }
void ClientConfig::setAuthorizationSignedResponseAlg(const QString &alg) { d->authorizationAlg = alg; }

QList<JsonWebKey> ClientConfig::decryptionKeys() const { return d->decryptionKeys; }
void ClientConfig::setDecryptionKeys(const QList<JsonWebKey> &keys) { d->decryptionKeys = keys; }
QString ClientConfig::idTokenEncryptedResponseAlg() const { return d->idTokenEncAlg; }
void ClientConfig::setIdTokenEncryptedResponseAlg(const QString &alg) { d->idTokenEncAlg = alg; }
QString ClientConfig::idTokenEncryptedResponseEnc() const { return d->idTokenEncEnc; }
void ClientConfig::setIdTokenEncryptedResponseEnc(const QString &enc) { d->idTokenEncEnc = enc; }
QString ClientConfig::userinfoEncryptedResponseAlg() const { return d->userinfoEncAlg; }
void ClientConfig::setUserinfoEncryptedResponseAlg(const QString &alg) { d->userinfoEncAlg = alg; }
QString ClientConfig::userinfoEncryptedResponseEnc() const { return d->userinfoEncEnc; }
void ClientConfig::setUserinfoEncryptedResponseEnc(const QString &enc) { d->userinfoEncEnc = enc; }
QString ClientConfig::authorizationEncryptedResponseAlg() const { return d->authorizationEncAlg; }
void ClientConfig::setAuthorizationEncryptedResponseAlg(const QString &alg) { d->authorizationEncAlg = alg; }
QString ClientConfig::authorizationEncryptedResponseEnc() const { return d->authorizationEncEnc; }
void ClientConfig::setAuthorizationEncryptedResponseEnc(const QString &enc) { d->authorizationEncEnc = enc; }
QString ClientConfig::introspectionEncryptedResponseAlg() const { return d->introspectionEncAlg; }
void ClientConfig::setIntrospectionEncryptedResponseAlg(const QString &alg) { d->introspectionEncAlg = alg; }
QString ClientConfig::introspectionEncryptedResponseEnc() const { return d->introspectionEncEnc; }
void ClientConfig::setIntrospectionEncryptedResponseEnc(const QString &enc) { d->introspectionEncEnc = enc; }
QJsonObject ClientConfig::extraMetadata() const { return d->extra; }
void ClientConfig::setExtraMetadata(const QJsonObject &metadata) { d->extra = metadata; }

} // namespace OAuth4Qt

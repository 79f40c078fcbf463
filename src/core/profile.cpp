// SPDX-License-Identifier: BSD-3-Clause
// Security profiles (Client::setProfile()): the FAPI 2.0 Security Profile's client requirements.
#include "core/profile_p.h"

#include <oauth4qt/jsonwebkey.h>

namespace OAuth4Qt {

namespace {

Error violation(const QString &detail)
{
    return Error(ErrorCode::ProfileViolation, detail);
}

QString effectiveSigningAlgorithm(const ClientConfig &config)
{
    if (!config.signingAlgorithm().isEmpty())
        return config.signingAlgorithm();
    const JsonWebKey key = config.privateKey();
    if (key.keyType() == JsonWebKey::KeyType::RSA)
        return QStringLiteral("PS256");
    return key.defaultAlgorithm();
}

} // namespace

QStringList profileAlgorithms(Client::Profile profile)
{
    if (profile == Client::Profile::Fapi2Security)
        return { QStringLiteral("PS256"), QStringLiteral("ES256"), QStringLiteral("EdDSA") };
    return {};
}

Error checkProfileConfiguration(const ProfileInputs &inputs, ProfileOperation operation)
{
    if (inputs.profile == Client::Profile::None)
        return Error();
    const QStringList allowed = profileAlgorithms(inputs.profile);
    const QString list = allowed.join(QStringLiteral(", "));
    const ClientConfig &config = inputs.config;
    using M = ClientConfig::AuthMethod;

    // Client authentication: private_key_jwt or mutual TLS only.
    const M method = config.effectiveAuthMethod();
    switch (method) {
    case M::PrivateKeyJwt: {
        const JsonWebKey key = config.privateKey();
        if (key.isNull() || !key.hasPrivateKey() || key.keyType() == JsonWebKey::KeyType::Oct)
            return violation(QStringLiteral("FAPI 2.0: private_key_jwt needs the client's private key (ClientConfig::privateKey)"));
        const QString alg = effectiveSigningAlgorithm(config);
        if (!allowed.contains(alg))
            return violation(QStringLiteral("FAPI 2.0: the client assertion algorithm %1 is not one of %2 (ClientConfig::signingAlgorithm)")
                                 .arg(alg.left(32), list));
        break;
    }
    case M::TlsClientAuth:
    case M::SelfSignedTlsClientAuth:
        if (!inputs.clientCertificate)
            return violation(QStringLiteral("FAPI 2.0: %1 needs a TLS client certificate (Client::setSslConfiguration)")
                                 .arg(ClientConfig::authMethodName(method)));
        break;
    default:
        return violation(QStringLiteral("FAPI 2.0: the client authentication method %1 is not allowed; use private_key_jwt, "
                                        "tls_client_auth or self_signed_tls_client_auth (ClientConfig::authMethod)")
                             .arg(ClientConfig::authMethodName(method)));
    }
    // A request object signed with another key type than the assertion's.
    if (method != M::PrivateKeyJwt && !config.privateKey().isNull() && config.privateKey().hasPrivateKey()
        && config.privateKey().keyType() != JsonWebKey::KeyType::Oct) {
        const QString alg = effectiveSigningAlgorithm(config);
        if (!allowed.contains(alg))
            return violation(QStringLiteral("FAPI 2.0: the signing algorithm %1 is not one of %2 (ClientConfig::signingAlgorithm)")
                                 .arg(alg.left(32), list));
    }

    // The registered algorithms of signed responses.
    const struct
    {
        const char *setting;
        QString alg;
    } registered[] = {
        { "ClientConfig::idTokenSignedResponseAlg", config.idTokenSignedResponseAlg() },
        { "ClientConfig::authorizationSignedResponseAlg", config.authorizationSignedResponseAlg() },
        { "ClientConfig::userinfoSignedResponseAlg", config.userinfoSignedResponseAlg() },
        { "ClientConfig::introspectionSignedResponseAlg", config.introspectionSignedResponseAlg() },
    };
    for (const auto &r : registered) {
        if (!r.alg.isEmpty() && !allowed.contains(r.alg))
            return violation(QStringLiteral("FAPI 2.0: %1 is not one of %2 (%3)")
                                 .arg(r.alg.left(32), list, QLatin1String(r.setting)));
    }

    // DPoP proofs.
    if (!inputs.dpopAlgorithm.isEmpty() && !allowed.contains(inputs.dpopAlgorithm))
        return violation(QStringLiteral("FAPI 2.0: the DPoP key's algorithm %1 is not one of %2 (Client::dpopKey)")
                             .arg(inputs.dpopAlgorithm.left(32), list));

    // Sender-constrained tokens.
    if (operation != ProfileOperation::Any && inputs.dpopAlgorithm.isEmpty() && !inputs.clientCertificate)
        return violation(QStringLiteral("FAPI 2.0: tokens must be sender-constrained: set a DPoP key (Client::dpopKey) "
                                        "or a TLS client certificate (Client::setSslConfiguration)"));
    return Error();
}

Error checkProfileMetadata(Client::Profile profile, const ServerMetadata &metadata, ProfileOperation operation)
{
    if (profile == Client::Profile::None)
        return Error();
    if (operation == ProfileOperation::Authorization && metadata.pushedAuthorizationRequestEndpoint().isEmpty())
        return violation(QStringLiteral("FAPI 2.0: authorization requests are pushed, and the server has no "
                                        "pushed_authorization_request_endpoint"));
    return Error();
}

ClientConfig profileClientConfig(Client::Profile profile, const ClientConfig &config)
{
    if (profile == Client::Profile::None || !config.signingAlgorithm().isEmpty())
        return config;
    if (config.privateKey().keyType() != JsonWebKey::KeyType::RSA)
        return config;
    ClientConfig c = config;
    c.setSigningAlgorithm(QStringLiteral("PS256"));
    return c;
}

void restrictAlgorithmsToProfile(Client::Profile profile, QString *configured, QStringList *advertised)
{
    const QStringList allowed = profileAlgorithms(profile);
    if (allowed.isEmpty() || !configured->isEmpty())
        return;
    QStringList narrowed;
    if (advertised->isEmpty()) {
        narrowed = allowed;
    } else {
        for (const QString &alg : std::as_const(*advertised)) {
            if (allowed.contains(alg))
                narrowed.append(alg);
        }
    }
    if (narrowed.isEmpty()) {
        // Not advertised: acceptedSigningAlgorithms() then accepts nothing.
        *configured = allowed.first();
        return;
    }
    *advertised = narrowed;
}

} // namespace OAuth4Qt

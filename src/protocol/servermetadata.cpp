// SPDX-License-Identifier: BSD-3-Clause
#include <oauth4qt/servermetadata.h>
#include "protocol/sharedempty_p.h"

#include "jsonmembers_p.h"

namespace OAuth4Qt {

class ServerMetadataData : public QSharedData
{
public:
    QJsonObject json;
    QUrl issuer;
    QHash<QString, QUrl> endpoints;      // member name -> validated URL
    QHash<QString, QUrl> mtlsAliases;
    QHash<QString, QStringList> lists;
    QHash<QString, bool> flags;
};

namespace {

const char *const endpointMembers[] = {
    "authorization_endpoint", "token_endpoint", "userinfo_endpoint", "jwks_uri",
    "registration_endpoint", "introspection_endpoint", "revocation_endpoint",
    "device_authorization_endpoint", "pushed_authorization_request_endpoint",
    "backchannel_authentication_endpoint", "end_session_endpoint", "check_session_iframe",
    "op_policy_uri", "op_tos_uri", "service_documentation",
};

const char *const listMembers[] = {
    "scopes_supported", "response_types_supported", "response_modes_supported",
    "grant_types_supported", "code_challenge_methods_supported",
    "token_endpoint_auth_methods_supported", "token_endpoint_auth_signing_alg_values_supported",
    "id_token_signing_alg_values_supported", "userinfo_signing_alg_values_supported",
    "request_object_signing_alg_values_supported", "authorization_signing_alg_values_supported",
    "introspection_signing_alg_values_supported", "dpop_signing_alg_values_supported",
    "backchannel_token_delivery_modes_supported", "subject_types_supported",
    "claims_supported", "acr_values_supported", "ui_locales_supported",
    "revocation_endpoint_auth_methods_supported", "introspection_endpoint_auth_methods_supported",
    "backchannel_authentication_request_signing_alg_values_supported",
    "id_token_encryption_alg_values_supported", "id_token_encryption_enc_values_supported",
    "prompt_values_supported", "claim_types_supported",
};

const char *const boolMembers[] = {
    "require_pushed_authorization_requests", "authorization_response_iss_parameter_supported",
    "request_parameter_supported", "request_uri_parameter_supported",
    "require_request_uri_registration", "claims_parameter_supported",
    "backchannel_user_code_parameter_supported", "frontchannel_logout_supported",
    "backchannel_logout_supported", "tls_client_certificate_bound_access_tokens",
    "require_signed_request_object",
};

} // namespace

ServerMetadata::ServerMetadata() : d(sharedEmptyData<ServerMetadataData>()) {}
ServerMetadata::ServerMetadata(const ServerMetadata &other) = default;
ServerMetadata::ServerMetadata(ServerMetadata &&other) noexcept = default;
ServerMetadata &ServerMetadata::operator=(const ServerMetadata &other) = default;
ServerMetadata &ServerMetadata::operator=(ServerMetadata &&other) noexcept = default;
ServerMetadata::~ServerMetadata() = default;

ServerMetadata ServerMetadata::fromJson(const QJsonObject &json, const QUrl &expectedIssuer,
                                        bool allowInsecureHttp, Error *error)
{
    auto fail = [error](Error e) {
        if (error)
            *error = std::move(e);
        return ServerMetadata();
    };
    ServerMetadata md;
    QString issuerString;
    if (Error e = Members::string(json, QLatin1String("issuer"), &issuerString, Members::Presence::Required))
        return fail(e);
    if (Error e = Members::checkUrlString(issuerString, QStringLiteral("\"issuer\""), &md.d->issuer,
                                          allowInsecureHttp, Members::UrlKind::Issuer))
        return fail(e);
    if (expectedIssuer.isValid()) {
        // Exact comparison of the strings (OpenID Connect Discovery 4.3, RFC 8414 3.3): no
        // normalisation of case, trailing slash, default port or percent-encoding.
        const QString expected = expectedIssuer.toString(QUrl::FullyEncoded);
        if (issuerString != expected) {
            return fail(Error(ErrorCode::IssuerMismatch,
                              QStringLiteral("expected issuer \"%1\", the metadata says \"%2\"")
                                  .arg(expected.left(256), issuerString.left(256))));
        }
    }
    for (const char *member : endpointMembers) {
        const QLatin1String name(member);
        QUrl url;
        if (Error e = Members::url(json, name, &url, allowInsecureHttp))
            return fail(e);
        if (url.isValid())
            md.d->endpoints.insert(name, url);
    }
    for (const char *member : listMembers) {
        const QLatin1String name(member);
        QStringList list;
        if (Error e = Members::stringArray(json, name, &list))
            return fail(e);
        if (json.contains(name))
            md.d->lists.insert(name, list);
    }
    for (const char *member : boolMembers) {
        const QLatin1String name(member);
        bool flag = false;
        if (Error e = Members::boolean(json, name, &flag))
            return fail(e);
        if (json.contains(name))
            md.d->flags.insert(name, flag);
    }
    const QJsonValue aliases = json.value(QLatin1String("mtls_endpoint_aliases"));
    if (!aliases.isUndefined()) {
        if (!aliases.isObject())
            return fail(Error(ErrorCode::InvalidMember, QStringLiteral("\"mtls_endpoint_aliases\" must be an object")));
        const QJsonObject aliasObject = aliases.toObject();
        for (auto it = aliasObject.begin(); it != aliasObject.end(); ++it) {
            QUrl url;
            if (Error e = Members::checkUrlString(it->isString() ? it->toString() : QString(),
                                                  QStringLiteral("mtls_endpoint_aliases.%1").arg(it.key().left(64)),
                                                  &url, allowInsecureHttp))
                return fail(e);
            md.d->mtlsAliases.insert(it.key(), url);
        }
    }
    md.d->json = json;
    if (error)
        *error = Error();
    return md;
}

bool ServerMetadata::isNull() const { return !d->issuer.isValid(); }
QJsonObject ServerMetadata::toJson() const { return d->json; }
QUrl ServerMetadata::issuer() const { return d->issuer; }

QUrl ServerMetadata::endpoint(const QString &member, bool mtls) const
{
    if (mtls) {
        const auto it = d->mtlsAliases.constFind(member);
        if (it != d->mtlsAliases.constEnd())
            return *it;
    }
    return d->endpoints.value(member);
}

ServerMetadata ServerMetadata::withMutualTlsAliases() const
{
    static const char *const backChannel[] = {
        "token_endpoint", "userinfo_endpoint", "introspection_endpoint", "revocation_endpoint",
        "device_authorization_endpoint", "pushed_authorization_request_endpoint",
        "backchannel_authentication_endpoint",
    };
    ServerMetadata md = *this;
    for (const char *member : backChannel) {
        const QString name = QLatin1String(member);
        const auto alias = d->mtlsAliases.constFind(name);
        if (alias != d->mtlsAliases.constEnd())
            md.d->endpoints.insert(name, *alias);
    }
    return md;
}

QUrl ServerMetadata::authorizationEndpoint() const { return endpoint(QStringLiteral("authorization_endpoint")); }
QUrl ServerMetadata::tokenEndpoint() const { return endpoint(QStringLiteral("token_endpoint")); }
QUrl ServerMetadata::userinfoEndpoint() const { return endpoint(QStringLiteral("userinfo_endpoint")); }
QUrl ServerMetadata::jwksUri() const { return endpoint(QStringLiteral("jwks_uri")); }
QUrl ServerMetadata::registrationEndpoint() const { return endpoint(QStringLiteral("registration_endpoint")); }
QUrl ServerMetadata::introspectionEndpoint() const { return endpoint(QStringLiteral("introspection_endpoint")); }
QUrl ServerMetadata::revocationEndpoint() const { return endpoint(QStringLiteral("revocation_endpoint")); }
QUrl ServerMetadata::deviceAuthorizationEndpoint() const { return endpoint(QStringLiteral("device_authorization_endpoint")); }
QUrl ServerMetadata::pushedAuthorizationRequestEndpoint() const { return endpoint(QStringLiteral("pushed_authorization_request_endpoint")); }
QUrl ServerMetadata::backchannelAuthenticationEndpoint() const { return endpoint(QStringLiteral("backchannel_authentication_endpoint")); }
QUrl ServerMetadata::endSessionEndpoint() const { return endpoint(QStringLiteral("end_session_endpoint")); }

#define LIST(fn, member) \
    QStringList ServerMetadata::fn() const { return d->lists.value(QStringLiteral(member)); }
LIST(scopesSupported, "scopes_supported")
LIST(responseTypesSupported, "response_types_supported")
LIST(responseModesSupported, "response_modes_supported")
LIST(grantTypesSupported, "grant_types_supported")
LIST(codeChallengeMethodsSupported, "code_challenge_methods_supported")
LIST(tokenEndpointAuthMethodsSupported, "token_endpoint_auth_methods_supported")
LIST(tokenEndpointAuthSigningAlgValuesSupported, "token_endpoint_auth_signing_alg_values_supported")
LIST(idTokenSigningAlgValuesSupported, "id_token_signing_alg_values_supported")
LIST(userinfoSigningAlgValuesSupported, "userinfo_signing_alg_values_supported")
LIST(requestObjectSigningAlgValuesSupported, "request_object_signing_alg_values_supported")
LIST(authorizationSigningAlgValuesSupported, "authorization_signing_alg_values_supported")
LIST(introspectionSigningAlgValuesSupported, "introspection_signing_alg_values_supported")
LIST(dpopSigningAlgValuesSupported, "dpop_signing_alg_values_supported")
LIST(backchannelTokenDeliveryModesSupported, "backchannel_token_delivery_modes_supported")
#undef LIST

bool ServerMetadata::requirePushedAuthorizationRequests() const { return d->flags.value(QStringLiteral("require_pushed_authorization_requests")); }
bool ServerMetadata::authorizationResponseIssParameterSupported() const { return d->flags.value(QStringLiteral("authorization_response_iss_parameter_supported")); }
bool ServerMetadata::requestParameterSupported() const { return d->flags.value(QStringLiteral("request_parameter_supported")); }
bool ServerMetadata::requestUriParameterSupported() const { return d->flags.value(QStringLiteral("request_uri_parameter_supported"), true); }

QJsonValue ServerMetadata::value(const QString &member) const { return d->json.value(member); }

} // namespace OAuth4Qt

// SPDX-License-Identifier: BSD-3-Clause
#pragma once

#include <oauth4qt/error.h>

#include <QtCore/qjsonobject.h>
#include <QtCore/qshareddata.h>
#include <QtCore/qstringlist.h>
#include <QtCore/qurl.h>

namespace OAuth4Qt {

class ServerMetadataData;

/*!
    \class OAuth4Qt::ServerMetadata
    Authorization server metadata (RFC 8414 / OpenID Connect Discovery 1.0), validated.

    A ServerMetadata is either discovered (Client::discover()) or built from a static JSON
    document with fromJson(). Either way every member the library uses is type-checked and every
    endpoint URL is checked (absolute, http or https, no fragment, no user info): a document that
    fails is refused as a whole. Unknown members are kept (toJson()) and ignored.
*/
class OAUTH4QT_EXPORT ServerMetadata
{
    Q_GADGET
    Q_PROPERTY(bool isNull READ isNull CONSTANT FINAL)
    Q_PROPERTY(QUrl issuer READ issuer CONSTANT FINAL)
    Q_PROPERTY(QUrl authorizationEndpoint READ authorizationEndpoint CONSTANT FINAL)
    Q_PROPERTY(QUrl tokenEndpoint READ tokenEndpoint CONSTANT FINAL)
    Q_PROPERTY(QUrl userinfoEndpoint READ userinfoEndpoint CONSTANT FINAL)
    Q_PROPERTY(QUrl jwksUri READ jwksUri CONSTANT FINAL)
    Q_PROPERTY(QUrl endSessionEndpoint READ endSessionEndpoint CONSTANT FINAL)
public:
    ServerMetadata();
    ServerMetadata(const ServerMetadata &other);
    ServerMetadata(ServerMetadata &&other) noexcept;
    ServerMetadata &operator=(const ServerMetadata &other);
    ServerMetadata &operator=(ServerMetadata &&other) noexcept;
    ~ServerMetadata();

    /*!
        Validates \a json. When \a expectedIssuer is valid, the document's "issuer" must equal it
        exactly (string comparison of the URL as sent: no normalisation of case, trailing slash
        or port). Endpoint URLs must be https, or http to a loopback host (127.0.0.0/8,
        ::1, localhost) when \a allowInsecureHttp (local development). A null metadata is returned and \a error set on failure.
    */
    static ServerMetadata fromJson(const QJsonObject &json, const QUrl &expectedIssuer = {},
                                   bool allowInsecureHttp = false, Error *error = nullptr);

    bool isNull() const;
    QJsonObject toJson() const;

    QUrl issuer() const;
    QUrl authorizationEndpoint() const;
    QUrl tokenEndpoint() const;
    QUrl userinfoEndpoint() const;
    QUrl jwksUri() const;
    QUrl registrationEndpoint() const;
    QUrl introspectionEndpoint() const;
    QUrl revocationEndpoint() const;
    QUrl deviceAuthorizationEndpoint() const;
    QUrl pushedAuthorizationRequestEndpoint() const;
    QUrl backchannelAuthenticationEndpoint() const;
    QUrl endSessionEndpoint() const;
    //! An endpoint by its metadata member name ("token_endpoint"), also from
    //! "mtls_endpoint_aliases" when \a mtls is true and the alias exists.
    QUrl endpoint(const QString &member, bool mtls = false) const;
    /*!
        A copy in which the back-channel endpoints (token, UserInfo, introspection, revocation,
        device authorization, PAR, backchannel authentication) are their "mtls_endpoint_aliases"
        where the server lists one (RFC 8705 section 5). Client uses it for every request when
        the client authenticates with tls_client_auth or self_signed_tls_client_auth.
    */
    ServerMetadata withMutualTlsAliases() const;

    QStringList scopesSupported() const;
    QStringList responseTypesSupported() const;
    QStringList responseModesSupported() const;
    QStringList grantTypesSupported() const;
    QStringList codeChallengeMethodsSupported() const;
    QStringList tokenEndpointAuthMethodsSupported() const;
    QStringList tokenEndpointAuthSigningAlgValuesSupported() const;
    QStringList idTokenSigningAlgValuesSupported() const;
    QStringList userinfoSigningAlgValuesSupported() const;
    QStringList requestObjectSigningAlgValuesSupported() const;
    QStringList authorizationSigningAlgValuesSupported() const; //!< JARM
    QStringList introspectionSigningAlgValuesSupported() const;
    QStringList dpopSigningAlgValuesSupported() const;
    QStringList backchannelTokenDeliveryModesSupported() const;

    bool requirePushedAuthorizationRequests() const;
    bool authorizationResponseIssParameterSupported() const;
    bool requestParameterSupported() const;
    bool requestUriParameterSupported() const;

    //! Any other member, unvalidated.
    QJsonValue value(const QString &member) const;

private:
    QSharedDataPointer<ServerMetadataData> d;
};

} // namespace OAuth4Qt

Q_DECLARE_METATYPE(OAuth4Qt::ServerMetadata)

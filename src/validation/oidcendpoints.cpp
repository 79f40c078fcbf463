// SPDX-License-Identifier: BSD-3-Clause
#include "protocol/tokensyntax_p.h"
#include "validation/algorithmpolicy_p.h"
#include "validation/oidcendpoints_p.h"
#include "jose/jwe_p.h"

#include "protocol/formencoding_p.h"
#include "protocol/jsonmembers_p.h"
#include "validation/jwtclaims_p.h"

#include <oauth4qt/jws.h>

#include <QtCore/QJsonArray>
#include <QtCore/QJsonDocument>

namespace OAuth4Qt {

namespace {
template <typename T>
T failWith(Error *error, Error e, T value = T())
{
    if (error)
        *error = std::move(e);
    return value;
}

bool isJwtMimeType(const QByteArray &mime, const QByteArray &expected)
{
    return mime == expected;
}
} // namespace

QString issuerString(const ServerMetadata &metadata)
{
    const QJsonValue raw = metadata.value(QStringLiteral("issuer"));
    if (raw.isString())
        return raw.toString();
    return metadata.issuer().toString(QUrl::FullyEncoded);
}

// ---- UserInfo --------------------------------------------------------------------------------

HttpRequest buildUserInfoRequest(const QUrl &endpoint, const QString &accessToken, Error *error)
{
    HttpRequest request;
    request.method = QByteArrayLiteral("GET");
    request.url = endpoint;
    if (!endpoint.isValid() || endpoint.isEmpty())
        return failWith(error, Error(ErrorCode::MissingEndpoint, QStringLiteral("the server has no userinfo_endpoint")), request);
    if (Error e = checkAccessTokenForHeader(accessToken))
        return failWith(error, e, request);
    request.setHeader(QByteArrayLiteral("Authorization"), QByteArrayLiteral("Bearer ") + accessToken.toLatin1());
    request.setHeader(QByteArrayLiteral("Accept"), QByteArrayLiteral("application/json, application/jwt"));
    return request;
}

UserInfoBody processUserInfoResponse(const HttpResponse &response, const QString &signedAlg, Error *error,
                                     bool encrypted, bool decryptable)
{
    UserInfoBody body;
    if (response.status != 200)
        return failWith(error, errorFromResponse(response), body);
    const QByteArray mime = response.mimeType();
    if (isJwtMimeType(mime, QByteArrayLiteral("application/jwt"))) {
        if (signedAlg.isEmpty() && !encrypted && !(decryptable && Jwe::isCompactJwe(response.body.trimmed())))
            return failWith(error, Error(ErrorCode::InvalidContentType, QStringLiteral("a signed UserInfo response, but JSON was registered")), body);
        body.jwt = response.body.trimmed();
        return body;
    }
    if (encrypted)
        return failWith(error, Error(ErrorCode::EncryptionRequired, QStringLiteral("an unencrypted UserInfo response, but encryption was registered")), body);
    if (!signedAlg.isEmpty())
        return failWith(error, Error(ErrorCode::InvalidContentType, QStringLiteral("an unsigned UserInfo response, but %1 was registered").arg(signedAlg)), body);
    Error e;
    body.claims = processJsonResponse(response, &e);
    if (e)
        return failWith(error, e, body);
    return body;
}

JwtValidator userInfoJwtValidator(const QString &signedAlg, const QByteArray &clientSecret,
                                  const QStringList &serverAlgorithms)
{
    JwtValidator v;
    v.setAllowedAlgorithms(acceptedSigningAlgorithms(signedAlg, serverAlgorithms, !clientSecret.isEmpty()));
    v.setSecret(clientSecret);
    v.setRequireExpiration(false);
    return v;
}

Error checkUserInfoClaims(const QJsonObject &claims, const QString &expectedSubject, const QString &issuer,
                          const QString &clientId)
{
    QString sub;
    if (Error e = JwtClaims::stringClaim(claims, QLatin1String("sub"), &sub, true))
        return e;
    if (!expectedSubject.isEmpty() && sub != expectedSubject)
        return Error(ErrorCode::SubjectMismatch, QStringLiteral("the UserInfo sub differs from the ID Token's"));
    if (!issuer.isEmpty() && claims.contains(QLatin1String("iss"))) {
        QString iss;
        if (Error e = JwtClaims::stringClaim(claims, QLatin1String("iss"), &iss, true))
            return e;
        if (iss != issuer)
            return Error(ErrorCode::IssuerMismatch, QStringLiteral("expected iss \"%1\", got \"%2\"").arg(issuer.left(256), iss.left(256)));
    }
    if (!clientId.isEmpty() && claims.contains(QLatin1String("aud"))) {
        QStringList aud;
        if (Error e = JwtClaims::audience(claims, &aud, true))
            return e;
        if (!aud.contains(clientId))
            return Error(ErrorCode::AudienceMismatch, QStringLiteral("aud does not contain the client_id"));
    }
    return {};
}

// ---- Introspection ---------------------------------------------------------------------------

HttpRequest buildIntrospectionRequest(const QString &token, const QString &tokenTypeHint, bool jwtResponse,
                                      const EndpointContext &context, Error *error)
{
    if (token.isEmpty())
        return failWith(error, Error(ErrorCode::InvalidArgument, QStringLiteral("the token is empty")), HttpRequest());
    Parameters parameters{ { QStringLiteral("token"), token } };
    if (!tokenTypeHint.isEmpty())
        parameters.append({ QStringLiteral("token_type_hint"), tokenTypeHint });
    const QUrl endpoint = context.metadata.introspectionEndpoint();
    if (!endpoint.isValid() || endpoint.isEmpty())
        return failWith(error, Error(ErrorCode::MissingEndpoint, QStringLiteral("the server has no introspection_endpoint")), HttpRequest());
    HttpRequest request = buildAuthenticatedPost(endpoint, parameters, context, error);
    request.setHeader(QByteArrayLiteral("Accept"), jwtResponse ? QByteArrayLiteral("application/token-introspection+jwt")
                                                                : QByteArrayLiteral("application/json"));
    return request;
}

QJsonObject checkIntrospectionResult(const QJsonObject &result, Error *error)
{
    bool active = false;
    if (Error e = Members::boolean(result, QLatin1String("active"), &active, Members::Presence::Required))
        return failWith(error, e, QJsonObject());
    if (!active)
        return QJsonObject{ { QStringLiteral("active"), false } };
    return result;
}

IntrospectionBody processIntrospectionResponse(const HttpResponse &response, bool jwtResponse, Error *error)
{
    IntrospectionBody body;
    if (response.status != 200)
        return failWith(error, errorFromResponse(response), body);
    const QByteArray mime = response.mimeType();
    if (jwtResponse) {
        if (mime != QByteArrayLiteral("application/token-introspection+jwt"))
            return failWith(error, Error(ErrorCode::InvalidContentType, QStringLiteral("expected application/token-introspection+jwt")), body);
        body.jwt = response.body.trimmed();
        return body;
    }
    Error e;
    const QJsonObject json = processJsonResponse(response, &e);
    if (e)
        return failWith(error, e, body);
    body.result = checkIntrospectionResult(json, &e);
    if (e)
        return failWith(error, e, body);
    return body;
}

JwtValidator introspectionJwtValidator(const QString &issuer, const QString &clientId, const QString &alg,
                                       const QByteArray &clientSecret, const QStringList &serverAlgorithms)
{
    JwtValidator v;
    v.setAllowedAlgorithms(acceptedSigningAlgorithms(alg, serverAlgorithms, !clientSecret.isEmpty()));
    v.setSecret(clientSecret);
    v.setExpectedTypes({ QStringLiteral("token-introspection+jwt") });
    v.setExpectedIssuer(issuer);
    v.setExpectedAudience(clientId);
    v.setRequireExpiration(false);
    v.setRequiredClaims({ QStringLiteral("iat"), QStringLiteral("token_introspection") });
    return v;
}

QJsonObject introspectionFromJwtClaims(const QJsonObject &claims, Error *error)
{
    const QJsonValue ti = claims.value(QLatin1String("token_introspection"));
    if (ti.isUndefined())
        return failWith(error, Error(ErrorCode::MissingMember, QStringLiteral("\"token_introspection\" is missing")), QJsonObject());
    if (!ti.isObject())
        return failWith(error, Error(ErrorCode::InvalidMember, QStringLiteral("\"token_introspection\" must be an object")), QJsonObject());
    return checkIntrospectionResult(ti.toObject(), error);
}

// ---- Revocation ------------------------------------------------------------------------------

HttpRequest buildRevocationRequest(const QString &token, const QString &tokenTypeHint, const EndpointContext &context,
                                   Error *error)
{
    if (token.isEmpty())
        return failWith(error, Error(ErrorCode::InvalidArgument, QStringLiteral("the token is empty")), HttpRequest());
    const QUrl endpoint = context.metadata.revocationEndpoint();
    if (!endpoint.isValid() || endpoint.isEmpty())
        return failWith(error, Error(ErrorCode::MissingEndpoint, QStringLiteral("the server has no revocation_endpoint")), HttpRequest());
    Parameters parameters{ { QStringLiteral("token"), token } };
    if (!tokenTypeHint.isEmpty())
        parameters.append({ QStringLiteral("token_type_hint"), tokenTypeHint });
    return buildAuthenticatedPost(endpoint, parameters, context, error);
}

Error processRevocationResponse(const HttpResponse &response)
{
    if (response.status == 200 || response.status == 204)
        return {};
    return errorFromResponse(response);
}

// ---- Registration ----------------------------------------------------------------------------

HttpRequest buildRegistrationRequest(const QUrl &endpoint, const QJsonObject &metadata,
                                     const QString &initialAccessToken, Error *error)
{
    HttpRequest request;
    request.method = QByteArrayLiteral("POST");
    request.url = endpoint;
    if (!endpoint.isValid() || endpoint.isEmpty())
        return failWith(error, Error(ErrorCode::MissingEndpoint, QStringLiteral("the server has no registration_endpoint")), request);
    request.setHeader(QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json"));
    request.setHeader(QByteArrayLiteral("Accept"), QByteArrayLiteral("application/json"));
    if (!initialAccessToken.isEmpty()) {
        if (Error e = checkAccessTokenForHeader(initialAccessToken))
            return failWith(error, e, request);
        request.setHeader(QByteArrayLiteral("Authorization"), QByteArrayLiteral("Bearer ") + initialAccessToken.toLatin1());
    }
    request.body = QJsonDocument(metadata).toJson(QJsonDocument::Compact);
    return request;
}

ClientConfig clientConfigFromRegistration(const QJsonObject &json, Error *error)
{
    ClientConfig config;
    QString value;
    if (Error e = Members::string(json, QLatin1String("client_id"), &value, Members::Presence::Required))
        return failWith(error, e, ClientConfig());
    config.setClientId(value);
    value.clear();
    if (Error e = Members::string(json, QLatin1String("client_secret"), &value))
        return failWith(error, e, ClientConfig());
    config.setClientSecret(value);
    qint64 expiresAt = 0;
    bool present = false;
    if (Error e = Members::nonNegativeInteger(json, QLatin1String("client_secret_expires_at"), &expiresAt, &present))
        return failWith(error, e, ClientConfig());
    value.clear();
    if (Error e = Members::string(json, QLatin1String("token_endpoint_auth_method"), &value))
        return failWith(error, e, ClientConfig());
    if (!value.isEmpty()) {
        bool ok = false;
        const ClientConfig::AuthMethod method = ClientConfig::authMethodFromName(value, &ok);
        if (!ok)
            return failWith(error, Error(ErrorCode::InvalidMember, QStringLiteral("unknown token_endpoint_auth_method \"%1\"").arg(value.left(64))), ClientConfig());
        config.setAuthMethod(method);
    }
    const struct
    {
        const char *name;
        void (ClientConfig::*setter)(const QString &);
    } algs[] = {
        { "id_token_signed_response_alg", &ClientConfig::setIdTokenSignedResponseAlg },
        { "userinfo_signed_response_alg", &ClientConfig::setUserinfoSignedResponseAlg },
        { "introspection_signed_response_alg", &ClientConfig::setIntrospectionSignedResponseAlg },
        { "authorization_signed_response_alg", &ClientConfig::setAuthorizationSignedResponseAlg },
        { "token_endpoint_auth_signing_alg", &ClientConfig::setSigningAlgorithm },
        { "id_token_encrypted_response_alg", &ClientConfig::setIdTokenEncryptedResponseAlg },
        { "id_token_encrypted_response_enc", &ClientConfig::setIdTokenEncryptedResponseEnc },
        { "userinfo_encrypted_response_alg", &ClientConfig::setUserinfoEncryptedResponseAlg },
        { "userinfo_encrypted_response_enc", &ClientConfig::setUserinfoEncryptedResponseEnc },
        { "authorization_encrypted_response_alg", &ClientConfig::setAuthorizationEncryptedResponseAlg },
        { "authorization_encrypted_response_enc", &ClientConfig::setAuthorizationEncryptedResponseEnc },
        { "introspection_encrypted_response_alg", &ClientConfig::setIntrospectionEncryptedResponseAlg },
        { "introspection_encrypted_response_enc", &ClientConfig::setIntrospectionEncryptedResponseEnc },
    };
    for (const auto &a : algs) {
        value.clear();
        if (Error e = Members::string(json, QLatin1String(a.name), &value))
            return failWith(error, e, ClientConfig());
        if (value == QLatin1String("none"))
            return failWith(error, Error(ErrorCode::AlgorithmNotAllowed, QStringLiteral("%1 \"none\" is not accepted").arg(QLatin1String(a.name))), ClientConfig());
        if (!value.isEmpty())
            (config.*a.setter)(value);
    }
    config.setExtraMetadata(json);
    return config;
}

QJsonObject processRegistrationResponse(const HttpResponse &response, ClientConfig *config, Error *error)
{
    Error e;
    if (response.status != 201)
        return failWith(error, response.status == 200 ? Error(ErrorCode::UnexpectedStatus, QStringLiteral("registration answered 200 instead of 201")).setHttpStatus(200)
                                                      : errorFromResponse(response),
                        QJsonObject());
    const QJsonObject json = processJsonResponse(response, &e, { 201 });
    if (e)
        return failWith(error, e, QJsonObject());
    const ClientConfig c = clientConfigFromRegistration(json, &e);
    if (e)
        return failWith(error, e, QJsonObject());
    if (config)
        *config = c;
    return json;
}

// ---- End session ------------------------------------------------------------------------------

QUrl buildEndSessionUrl(const QUrl &endpoint, const QString &clientId, const QString &idTokenHint,
                        const QUrl &postLogoutRedirectUri, const QString &state, const QString &uiLocales,
                        Error *error)
{
    if (!endpoint.isValid() || endpoint.isEmpty())
        return failWith(error, Error(ErrorCode::MissingEndpoint, QStringLiteral("the server has no end_session_endpoint")), QUrl());
    if (postLogoutRedirectUri.isValid() && !postLogoutRedirectUri.isEmpty() && postLogoutRedirectUri.isRelative())
        return failWith(error, Error(ErrorCode::InvalidArgument, QStringLiteral("post_logout_redirect_uri must be absolute")), QUrl());
    Parameters parameters;
    if (!idTokenHint.isEmpty())
        parameters.append({ QStringLiteral("id_token_hint"), idTokenHint });
    if (!clientId.isEmpty())
        parameters.append({ QStringLiteral("client_id"), clientId });
    if (!postLogoutRedirectUri.isEmpty())
        parameters.append({ QStringLiteral("post_logout_redirect_uri"), postLogoutRedirectUri.toString(QUrl::FullyEncoded) });
    if (!state.isEmpty())
        parameters.append({ QStringLiteral("state"), state });
    if (!uiLocales.isEmpty())
        parameters.append({ QStringLiteral("ui_locales"), uiLocales });
    QUrl url = endpoint;
    const QString existing = endpoint.query(QUrl::FullyEncoded);
    const QString added = queryString(parameters);
    url.setQuery(existing.isEmpty() ? added : existing + QLatin1Char('&') + added, QUrl::StrictMode);
    if (error)
        *error = Error();
    return url;
}

// ---- Protected resource metadata -------------------------------------------------------------

QUrl protectedResourceMetadataUrl(const QUrl &resource, Error *error)
{
    if (!resource.isValid() || resource.isRelative() || resource.host().isEmpty() || resource.hasFragment())
        return failWith(error, Error(ErrorCode::InvalidArgument, QStringLiteral("the resource must be an absolute URL without fragment")), QUrl());
    QString path = resource.path(QUrl::FullyEncoded);
    if (path == QLatin1String("/"))
        path.clear();
    QUrl url = resource;
    url.setPath(QStringLiteral("/.well-known/oauth-protected-resource") + path, QUrl::StrictMode);
    if (error)
        *error = Error();
    return url;
}

QUrl resourceMetadataUrlFromChallenge(const QList<QByteArray> &wwwAuthenticate, bool allowInsecureHttp, Error *error)
{
    const QList<AuthChallenge> challenges = parseWwwAuthenticate(wwwAuthenticate);
    for (const AuthChallenge &c : challenges) {
        const auto it = c.params.constFind(QByteArrayLiteral("resource_metadata"));
        if (it == c.params.constEnd())
            continue;
        QUrl url;
        if (Error e = Members::checkUrlString(QString::fromUtf8(*it), QStringLiteral("resource_metadata"), &url, allowInsecureHttp))
            return failWith(error, e, QUrl());
        if (error)
            *error = Error();
        return url;
    }
    return failWith(error, Error(ErrorCode::MissingMember, QStringLiteral("no resource_metadata parameter in WWW-Authenticate")), QUrl());
}

QJsonObject processProtectedResourceMetadata(const HttpResponse &response, const QUrl &resource, bool allowInsecureHttp,
                                             Error *error)
{
    Error e;
    const QJsonObject json = processJsonResponse(response, &e);
    if (e)
        return failWith(error, e, QJsonObject());
    QString value;
    if (Error e = Members::string(json, QLatin1String("resource"), &value, Members::Presence::Required))
        return failWith(error, e, QJsonObject());
    if (value != resource.toString(QUrl::FullyEncoded))
        return failWith(error, Error(ErrorCode::InvalidMember, QStringLiteral("\"resource\" is \"%1\", expected \"%2\"").arg(value.left(256), resource.toString(QUrl::FullyEncoded).left(256))), QJsonObject());
    QStringList servers;
    if (Error e = Members::stringArray(json, QLatin1String("authorization_servers"), &servers))
        return failWith(error, e, QJsonObject());
    for (const QString &s : std::as_const(servers)) {
        if (Error e = Members::checkUrlString(s, QStringLiteral("authorization_servers"), nullptr, allowInsecureHttp, Members::UrlKind::Issuer))
            return failWith(error, e, QJsonObject());
    }
    if (Error e = Members::url(json, QLatin1String("jwks_uri"), nullptr, allowInsecureHttp))
        return failWith(error, e, QJsonObject());
    for (const char *name : { "scopes_supported", "bearer_methods_supported", "resource_signing_alg_values_supported",
                              "dpop_signing_alg_values_supported" }) {
        if (Error e = Members::stringArray(json, QLatin1String(name), nullptr))
            return failWith(error, e, QJsonObject());
    }
    if (error)
        *error = Error();
    return json;
}

// ---- RFC 9068 --------------------------------------------------------------------------------

JwtValidator accessTokenJwtValidator(const QString &issuer, const QString &audience, const QStringList &algorithms)
{
    JwtValidator v;
    QStringList algs = algorithms;
    if (algs.isEmpty()) {
        const QStringList all = Jws::supportedAlgorithms();
        for (const QString &a : all) {
            if (Jws::isAsymmetric(a))
                algs.append(a);
        }
    }
    algs.removeIf([](const QString &a) { return a.startsWith(QLatin1String("HS")) || a == QLatin1String("none"); });
    v.setAllowedAlgorithms(algs);
    v.setExpectedTypes({ QStringLiteral("at+jwt") });
    v.setExpectedIssuer(issuer);
    v.setExpectedAudience(audience);
    v.setRequireExpiration(true);
    v.setRequiredClaims({ QStringLiteral("iat"), QStringLiteral("sub"), QStringLiteral("client_id"), QStringLiteral("jti") });
    return v;
}

} // namespace OAuth4Qt

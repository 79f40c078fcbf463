// SPDX-License-Identifier: BSD-3-Clause
//
//  W A R N I N G
//  -------------
// Internal API of oauth4qt (exported for its tests only). Not part of the public API.
//
// Request builders and response processors of the OpenID Connect / OAuth side endpoints:
// UserInfo, introspection, revocation, dynamic registration, RP-initiated logout, protected
// resource metadata. Plain functions without I/O; the signature checks needing the JWKS are done
// by the caller (Client) with JwtValidator.
#pragma once

#include <oauth4qt/clientconfig.h>
#include <oauth4qt/jwtvalidator.h>

#include "protocol/endpoints_p.h"
#include "transport/httptransport_p.h"

namespace OAuth4Qt {

// ---- UserInfo (section E) --------------------------------------------------------------------
//! GET with "Authorization: Bearer <token>" (the token never in the query or body, E5).
OAUTH4QT_TESTS_EXPORT HttpRequest buildUserInfoRequest(const QUrl &endpoint, const QString &accessToken,
                                                       Error *error = nullptr);

struct OAUTH4QT_TESTS_EXPORT UserInfoBody
{
    QJsonObject claims;  //!< a JSON response
    QByteArray jwt;      //!< an application/jwt response, still to be verified
};
/*!
    200 with JSON (when \a signedAlg is empty) or application/jwt (when it is set; E2):
    the other kind is refused (InvalidContentType). 401 with WWW-Authenticate -> the typed
    challenge (E3); other statuses via errorFromResponse.
*/
//! \a encrypted: an encryption alg is registered (a JSON response is refused: EncryptionRequired).
//! \a decryptable: decryption keys without a registered alg: an application/jwt response is
//! accepted (as well as JSON) when it is a compact JWE.
OAUTH4QT_TESTS_EXPORT UserInfoBody processUserInfoResponse(const HttpResponse &response,
                                                           const QString &signedAlg, Error *error = nullptr,
                                                           bool encrypted = false, bool decryptable = false);
//! A JwtValidator for a signed UserInfo response: algorithms by acceptedSigningAlgorithms()
//! (\a signedAlg, the server's \a serverAlgorithms userinfo_signing_alg_values_supported), exp not required.
OAUTH4QT_TESTS_EXPORT JwtValidator userInfoJwtValidator(const QString &signedAlg, const QByteArray &clientSecret,
                                                        const QStringList &serverAlgorithms = {});
//! UserInfo claims (E1, E2): sub a non-empty string equal to \a expectedSubject (when set);
//! iss equal to \a issuer and aud containing \a clientId when they are present (signed responses).
OAUTH4QT_TESTS_EXPORT Error checkUserInfoClaims(const QJsonObject &claims, const QString &expectedSubject,
                                                const QString &issuer = {}, const QString &clientId = {});

// ---- Introspection (RFC 7662, RFC 9701; I1, I2) ----------------------------------------------
OAUTH4QT_TESTS_EXPORT HttpRequest buildIntrospectionRequest(const QString &token, const QString &tokenTypeHint,
                                                            bool jwtResponse, const EndpointContext &context,
                                                            Error *error = nullptr);
/*!
    The JSON result: "active" must be a boolean (MissingMember / InvalidMember); when false the
    result is exactly {"active": false} and every other member is dropped.
*/
OAUTH4QT_TESTS_EXPORT QJsonObject checkIntrospectionResult(const QJsonObject &result, Error *error = nullptr);
struct OAUTH4QT_TESTS_EXPORT IntrospectionBody
{
    QJsonObject result;  //!< JSON response, checked
    QByteArray jwt;      //!< application/token-introspection+jwt response, still to be verified
};
OAUTH4QT_TESTS_EXPORT IntrospectionBody processIntrospectionResponse(const HttpResponse &response, bool jwtResponse,
                                                                     Error *error = nullptr);
//! typ token-introspection+jwt, iss, aud = client_id, iat required, exp optional; algorithms by
//! acceptedSigningAlgorithms() (\a alg, the server's introspection_signing_alg_values_supported).
OAUTH4QT_TESTS_EXPORT JwtValidator introspectionJwtValidator(const QString &issuer, const QString &clientId,
                                                             const QString &alg, const QByteArray &clientSecret,
                                                             const QStringList &serverAlgorithms = {});
//! The token_introspection claim of a verified JWT response, checked by checkIntrospectionResult.
OAUTH4QT_TESTS_EXPORT QJsonObject introspectionFromJwtClaims(const QJsonObject &claims, Error *error = nullptr);

// ---- Revocation (RFC 7009; I3) ---------------------------------------------------------------
OAUTH4QT_TESTS_EXPORT HttpRequest buildRevocationRequest(const QString &token, const QString &tokenTypeHint,
                                                         const EndpointContext &context, Error *error = nullptr);
//! 200 (any body) and 204 -> success; otherwise errorFromResponse (400 unsupported_token_type
//! -> OAuthError "unsupported_token_type"; 503 + Retry-After -> retryAfter set).
OAUTH4QT_TESTS_EXPORT Error processRevocationResponse(const HttpResponse &response);

// ---- Dynamic client registration (RFC 7591) ---------------------------------------------------
OAUTH4QT_TESTS_EXPORT HttpRequest buildRegistrationRequest(const QUrl &endpoint, const QJsonObject &metadata,
                                                           const QString &initialAccessToken, Error *error = nullptr);
//! 201 with a JSON object; client_id a non-empty string; the rest mapped by clientConfigFromRegistration.
OAUTH4QT_TESTS_EXPORT QJsonObject processRegistrationResponse(const HttpResponse &response, ClientConfig *config,
                                                              Error *error = nullptr);
OAUTH4QT_TESTS_EXPORT ClientConfig clientConfigFromRegistration(const QJsonObject &registration, Error *error = nullptr);

// ---- RP-initiated logout ---------------------------------------------------------------------
OAUTH4QT_TESTS_EXPORT QUrl buildEndSessionUrl(const QUrl &endSessionEndpoint, const QString &clientId,
                                              const QString &idTokenHint, const QUrl &postLogoutRedirectUri,
                                              const QString &state, const QString &uiLocales, Error *error = nullptr);

// ---- Protected resource metadata (RFC 9728) --------------------------------------------------
//! https://host/.well-known/oauth-protected-resource{path}{?query}
OAUTH4QT_TESTS_EXPORT QUrl protectedResourceMetadataUrl(const QUrl &resource, Error *error = nullptr);
//! The resource_metadata parameter of a Bearer/DPoP challenge in \a wwwAuthenticate values.
OAUTH4QT_TESTS_EXPORT QUrl resourceMetadataUrlFromChallenge(const QList<QByteArray> &wwwAuthenticate,
                                                            bool allowInsecureHttp, Error *error = nullptr);
//! 200 JSON; "resource" must equal \a resource exactly; authorization_servers an array of
//! https URLs; jwks_uri an https URL; *_supported arrays of strings.
OAUTH4QT_TESTS_EXPORT QJsonObject processProtectedResourceMetadata(const HttpResponse &response, const QUrl &resource,
                                                                   bool allowInsecureHttp, Error *error = nullptr);

// ---- RFC 9068 access tokens ------------------------------------------------------------------
//! typ at+jwt, iss, aud contains \a audience, exp, iat, sub, client_id, jti required.
OAUTH4QT_TESTS_EXPORT JwtValidator accessTokenJwtValidator(const QString &issuer, const QString &audience,
                                                           const QStringList &algorithms);

//! The issuer string as the server sent it (exact comparison of iss).
OAUTH4QT_TESTS_EXPORT QString issuerString(const ServerMetadata &metadata);

} // namespace OAuth4Qt

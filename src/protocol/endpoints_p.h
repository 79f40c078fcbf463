// SPDX-License-Identifier: BSD-3-Clause
//
//  W A R N I N G
//  -------------
// Internal API of oauth4qt (exported for its tests only). Not part of the public API.
//
// The protocol layer: for each endpoint a request builder and a response processor, plain
// functions without I/O so tests and fuzzers call them directly. The QObject layer (Client,
// flows) is a thin asynchronous shell over them.
#pragma once

#include <oauth4qt/clientconfig.h>
#include <oauth4qt/servermetadata.h>
#include <oauth4qt/tokenresponse.h>

#include "transport/httptransport_p.h"

#include <QtCore/QDateTime>

namespace OAuth4Qt {

// ---- Discovery ------------------------------------------------------------------------------
enum class DiscoveryKind { OpenIdConnect, OAuth2 };

/*!
    The well-known URL for \a issuer: OpenID Connect appends "/.well-known/openid-configuration"
    to the issuer's path; RFC 8414 inserts "/.well-known/oauth-authorization-server" between the
    host and the path. The issuer must be an absolute URL without query or fragment.
*/
OAUTH4QT_TESTS_EXPORT QUrl discoveryUrl(const QUrl &issuer, DiscoveryKind kind, Error *error = nullptr);
OAUTH4QT_TESTS_EXPORT HttpRequest buildDiscoveryRequest(const QUrl &issuer, DiscoveryKind kind,
                                                        Error *error = nullptr);
//! 200 + JSON object + ServerMetadata::fromJson with the expected issuer (section A).
OAUTH4QT_TESTS_EXPORT ServerMetadata processDiscoveryResponse(const HttpResponse &response,
                                                              const QUrl &expectedIssuer,
                                                              bool allowInsecureHttp,
                                                              Error *error = nullptr);

// ---- Client authentication -------------------------------------------------------------------
struct OAUTH4QT_TESTS_EXPORT EndpointContext
{
    ServerMetadata metadata;
    ClientConfig client;
    QDateTime now = QDateTime::currentDateTimeUtc();
};

//! A fresh random value, base64url of \a bytes random bytes (jti, state, nonce, verifier).
OAUTH4QT_TESTS_EXPORT QString randomToken(int bytes = 32);

//! The client assertion JWT (RFC 7523 section 3) for client_secret_jwt / private_key_jwt:
//! iss = sub = client_id, aud = the issuer identifier, unique jti, iat, exp = iat + 60 s.
OAUTH4QT_TESTS_EXPORT QByteArray buildClientAssertion(const EndpointContext &context, Error *error = nullptr);

/*!
    Builds an authenticated form POST to \a endpoint: \a parameters plus the client
    authentication of context.client (Basic header with form-encoded id and secret, or body
    parameters, or a client assertion). Fails with MissingEndpoint when \a endpoint is empty
    and InvalidConfiguration when the method lacks its secret or key.
*/
OAUTH4QT_TESTS_EXPORT HttpRequest buildAuthenticatedPost(const QUrl &endpoint, Parameters parameters,
                                                         const EndpointContext &context,
                                                         Error *error = nullptr);

// ---- Token endpoint --------------------------------------------------------------------------
namespace GrantType {
inline QString authorizationCode() { return QStringLiteral("authorization_code"); }
inline QString refreshToken() { return QStringLiteral("refresh_token"); }
inline QString clientCredentials() { return QStringLiteral("client_credentials"); }
inline QString deviceCode() { return QStringLiteral("urn:ietf:params:oauth:grant-type:device_code"); }
inline QString ciba() { return QStringLiteral("urn:openid:params:grant-type:ciba"); }
inline QString tokenExchange() { return QStringLiteral("urn:ietf:params:oauth:grant-type:token-exchange"); }
inline QString jwtBearer() { return QStringLiteral("urn:ietf:params:oauth:grant-type:jwt-bearer"); }
inline QString saml2Bearer() { return QStringLiteral("urn:ietf:params:oauth:grant-type:saml2-bearer"); }
} // namespace GrantType

//! A token request: grant_type plus \a parameters (scope, resource, code, ...), authenticated.
OAUTH4QT_TESTS_EXPORT HttpRequest buildTokenRequest(const QString &grantType, const Parameters &parameters,
                                                    const EndpointContext &context, Error *error = nullptr);

struct OAUTH4QT_TESTS_EXPORT TokenExpectations
{
    QString grantType;
    QString requestedScope;          //!< used as scope() when the response has none
    bool idTokenRequired = false;    //!< authorization_code with openid in the scope
    bool dpopProofSent = false;
    bool dpopRequired = false;       //!< with a proof sent, a Bearer token_type is refused
    QString nonce;                   //!< the authorization request's nonce (ID Token check)
    int maxAge = -1;                 //!< the authorization request's max_age (ID Token check)
    QString previousIdTokenIssuer;   //!< refresh: the original ID Token's iss (C13)
    QString previousIdTokenSubject;  //!< refresh: the original ID Token's sub (C13)
    QDateTime receivedAt = QDateTime::currentDateTimeUtc();
};

/*!
    Section C of the security checklist: status 200 with a JSON object; access_token a
    non-empty string; token_type present, compared case-insensitively with Bearer / DPoP
    (N_A only for token exchange), anything else UnsupportedTokenType; expires_in a non-negative
    integer (a string of digits accepted; negative, fractional, NaN, booleans refused; huge values
    clamped); scope a string; refresh_token / id_token non-empty strings when present;
    issued_token_type required for token exchange; an ID Token required when asked. The ID Token
    is only extracted here: its validation is the validation layer's.
*/
OAUTH4QT_TESTS_EXPORT TokenResponse processTokenResponse(const HttpResponse &response,
                                                         const TokenExpectations &expectations,
                                                         Error *error = nullptr);

//! True when \a scope (space-separated) contains \a value.
OAUTH4QT_TESTS_EXPORT bool scopeContains(const QString &scope, const QString &value);

} // namespace OAuth4Qt

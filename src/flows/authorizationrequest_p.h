// SPDX-License-Identifier: BSD-3-Clause
//
//  W A R N I N G
//  -------------
// Internal API of oauth4qt (exported for its tests only). Not part of the public API.
//
// The authorization request and response of the authorization code flow as plain functions
// without I/O: PKCE, the authorization URL, pushed authorization requests (RFC 9126), request
// objects (JAR, RFC 9101), callback validation (section B of the security checklist) and JARM
// (section H). AuthorizationCodeFlow is the asynchronous shell over them.
#pragma once

#include <oauth4qt/clientconfig.h>
#include <oauth4qt/error.h>
#include <oauth4qt/jwtvalidator.h>

#include "protocol/endpoints_p.h"

#include <QtCore/QJsonObject>
#include <QtCore/QString>
#include <QtCore/QUrl>

namespace OAuth4Qt {

// ---- PKCE (RFC 7636) ------------------------------------------------------------------------

//! A fresh code_verifier: 43 characters of base64url (32 random bytes).
OAUTH4QT_TESTS_EXPORT QString pkceCodeVerifier();
//! The S256 code_challenge of \a verifier: BASE64URL(SHA256(ASCII(verifier))).
OAUTH4QT_TESTS_EXPORT QString pkceChallengeS256(const QString &verifier);

// ---- The authorization URL -------------------------------------------------------------------

/*!
    \a endpoint with \a parameters appended to its query (an existing query is kept, A7). The
    endpoint must be an absolute https URL (http only with \a allowInsecureHttp: InsecureUrl;
    any other scheme: UnsupportedUrlScheme, A6), with a host and without a fragment. This is the
    only URL the flow ever hands to a browser.
*/
OAUTH4QT_TESTS_EXPORT QUrl buildAuthorizationUrl(const QUrl &endpoint, const Parameters &parameters,
                                                 bool allowInsecureHttp, Error *error = nullptr);

// ---- JAR (RFC 9101) --------------------------------------------------------------------------

/*!
    The request object: a JWT with typ "oauth-authz-req+jwt" signed with the client's private key
    (context.client.privateKey(), alg context.client.signingAlgorithm() or the key's default),
    holding every parameter of \a parameters (resource repeated becomes an array, max_age a
    number) plus iss = client_id, aud = the issuer, iat, nbf, exp = iat + \a lifetime and a
    unique jti. When the server lists request_object_signing_alg_values_supported the alg must
    be in it (H4, fail closed: AlgorithmNotAllowed). No private key: InvalidConfiguration.
*/
OAUTH4QT_TESTS_EXPORT QByteArray buildRequestObject(const Parameters &parameters, const EndpointContext &context,
                                                    int lifetime = 300, Error *error = nullptr);

// ---- PAR (RFC 9126) --------------------------------------------------------------------------

//! The pushed authorization request: an authenticated POST of \a parameters to the PAR endpoint
//! (MissingEndpoint when the server has none). client_id is sent once.
OAUTH4QT_TESTS_EXPORT HttpRequest buildPushedAuthorizationRequest(const Parameters &parameters,
                                                                  const EndpointContext &context,
                                                                  Error *error = nullptr);
/*!
    H1/H3: 201 with a JSON object (200 or any other status: UnexpectedStatus; 400 with an OAuth
    error: OAuthError; 429/503: RateLimited with Retry-After), request_uri a non-empty string
    (MissingMember / InvalidMember), expires_in a positive integer (missing: MissingMember;
    negative, zero or not a number: InvalidMember). Returns the object.
*/
OAUTH4QT_TESTS_EXPORT QJsonObject processPushedAuthorizationResponse(const HttpResponse &response,
                                                                     Error *error = nullptr);

// ---- The authorization response (callback) ----------------------------------------------------

//! Compares two state values in constant time (no early exit on the first difference).
OAUTH4QT_TESTS_EXPORT bool stateEquals(const QString &a, const QString &b);

struct OAUTH4QT_TESTS_EXPORT CallbackExpectations
{
    QString state;              //!< the state sent (always non-empty in the flow)
    QString issuer;             //!< the issuer identifier (exact string)
    bool issRequired = false;   //!< authorization_response_iss_parameter_supported (B5)
    bool jarm = false;          //!< response_mode=jwt was requested
    bool hybrid = false;        //!< response_type "code id_token" was requested
};

/*!
    Section B for a plain (not JARM) authorization response, in this order: a `response`
    parameter (unrequested JARM) or `id_token` / `access_token` (B10): UnexpectedParameter;
    state (B1-B3): StateMismatch; iss (B4/B5, RFC 9207): compared whenever present, required when
    expectations.issRequired: IssuerMismatch; error with code (B7): UnexpectedParameter; error
    (B6/B14): AuthorizationDenied carrying error, error_description and error_uri (never opened);
    no code or an empty code (B9): MissingMember. Returns the code.
    With expectations.hybrid an `id_token` is expected instead of refused: a response without
    an error must carry a non-empty one (MissingMember), returned in \a idToken unverified (the
    caller validates it, c_hash and s_hash included).
*/
OAUTH4QT_TESTS_EXPORT QString checkAuthorizationResponse(const Parameters &params,
                                                         const CallbackExpectations &expectations,
                                                         Error *error = nullptr, QString *idToken = nullptr);

/*!
    The outer parameters of a JARM callback: exactly one `response` (missing: MissingMember) and
    none of code, state, iss, error, error_description, error_uri, id_token, access_token beside
    it (H7: UnexpectedParameter). Returns the JWT.
*/
OAUTH4QT_TESTS_EXPORT QByteArray jarmResponseJwt(const Parameters &params, Error *error = nullptr);

/*!
    The state claim of a JARM response JWT, read WITHOUT verifying it: only for the redirect
    handler's callback filter, which refuses (without consuming) callbacks that are not meant for
    this attempt (H6). The verified claims are checked again afterwards. Empty when unreadable.
*/
OAUTH4QT_TESTS_EXPORT QString unverifiedJarmState(const QByteArray &jwt);

/*!
    The JwtValidator for JARM responses (H5): algorithms by acceptedSigningAlgorithms() from
    \a alg (the client's authorization_signed_response_alg, empty when not configured) and the
    server's \a serverAlgorithms (authorization_signing_alg_values_supported): never none, HS*
    with \a clientSecret only; iss = \a issuer, aud contains \a clientId, exp required.
*/
OAUTH4QT_TESTS_EXPORT JwtValidator jarmValidator(const QString &issuer, const QString &clientId, const QString &alg,
                                                 const QByteArray &clientSecret,
                                                 const QStringList &serverAlgorithms = {});

/*!
    The verified claims of a JARM response as authorization response parameters, then
    checkAuthorizationResponse() on them (state H6, iss, signed error H6 -> AuthorizationDenied,
    code). Claims that are not strings (other than the JWT's own aud/exp/iat/nbf) fail with
    InvalidMember.
*/
OAUTH4QT_TESTS_EXPORT QString checkJarmClaims(const QJsonObject &claims, const CallbackExpectations &expectations,
                                              Error *error = nullptr);

} // namespace OAuth4Qt

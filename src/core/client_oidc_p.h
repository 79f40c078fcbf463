// SPDX-License-Identifier: BSD-3-Clause
// Internal API of oauth4qt (exported for its tests only). Not part of the public API.
#pragma once

#include "core/client_p.h"

namespace OAuth4Qt {

class JwksCache;

//! The JWKS cache of \a client's issuer (created on first use, a child of the Client; its
//! jwks_uri follows the metadata, its clock the Client's clock).
OAUTH4QT_TESTS_EXPORT JwksCache *clientJwksCache(ClientPrivate *d);
OAUTH4QT_TESTS_EXPORT JwksCache *clientJwksCache(Client *client);

//! The ClientPrivate::tokenValidator that validates ID Tokens (IdTokenValidator with the
//! Client's configuration and the issuer's JWKS) and puts their claims into the TokenResponse.
OAUTH4QT_TESTS_EXPORT ClientPrivate::TokenValidator makeIdTokenValidator(ClientPrivate *d);

/*!
    Validates the ID Token of a hybrid authorization response (response_type "code id_token",
    OpenID Connect Core 3.3.2.11/3.3.2.12) like a token endpoint's ID Token (signature with the
    issuer's JWKS and the same algorithm precedence, decryption, iss, aud, exp, iat, \a nonce,
    \a maxAge), and also: c_hash is required and must match \a code; s_hash must match \a state
    when present, and is required with \a requireStateHash (the FAPI 1 detached signature).
    Calls \a done once with the claims or the error, unless \a context is gone.
*/
OAUTH4QT_TESTS_EXPORT void validateAuthorizationIdToken(ClientPrivate *d, QObject *context, const QByteArray &idToken,
                                                        const QString &nonce, int maxAge, const QString &code,
                                                        const QString &state, bool requireStateHash,
                                                        std::function<void(const QJsonObject &, const Error &)> done);

} // namespace OAuth4Qt

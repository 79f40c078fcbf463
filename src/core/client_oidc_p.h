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

} // namespace OAuth4Qt

// SPDX-License-Identifier: BSD-3-Clause
//
//  W A R N I N G
//  -------------
// Internal API of oauth4qt (exported for its tests only). Not part of the public API.
#pragma once

#include <oauth4qt/error.h>

#include <QtCore/QStringList>

namespace OAuth4Qt {

/*!
    The JWS algorithms accepted for a signed response: ID Tokens, JARM responses, signed UserInfo
    responses and JWT introspection responses all ask this one function (docs/algorithms.md).

    \list
    \li \a configured (the client's registered *_signed_response_alg) when set: that algorithm
        only, and, when the server advertises \a advertised (*_signing_alg_values_supported),
        only if it is listed there (the server's list never widens what is accepted);
    \li otherwise the server's \a advertised list intersected with what the library verifies;
    \li otherwise (nothing configured, nothing advertised) RS256.
    \endlist
    Never "none"; HS256/384/512 only with \a hasClientSecret (they are verified with the client
    secret) and only when configured or advertised. An empty result means nothing is acceptable
    (the response is refused with AlgorithmNotAllowed).
*/
OAUTH4QT_TESTS_EXPORT QStringList acceptedSigningAlgorithms(const QString &configured, const QStringList &advertised,
                                                            bool hasClientSecret);

} // namespace OAuth4Qt

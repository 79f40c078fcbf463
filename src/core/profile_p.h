// SPDX-License-Identifier: BSD-3-Clause
//
//  W A R N I N G
//  -------------
// Internal API of oauth4qt (exported for its tests only). Not part of the public API.
//
// The security profiles of Client::setProfile(): every check in one place, as plain functions
// without I/O. The configuration checks run before any request of an operation (before
// discovery too); the metadata checks once the metadata is known.
#pragma once

#include <oauth4qt/client.h>
#include <oauth4qt/clientconfig.h>
#include <oauth4qt/error.h>
#include <oauth4qt/servermetadata.h>

#include <QtCore/QStringList>

namespace OAuth4Qt {

//! What an operation asks of the profile.
enum class ProfileOperation {
    Any,            //!< any request of the Client: client authentication and algorithms
    TokenIssuance,  //!< token endpoint: also sender-constrained tokens (DPoP or mTLS)
    Authorization,  //!< the authorization code flow (and its PAR): also sender-constrained tokens
};

//! What the checks look at, taken from the Client.
struct OAUTH4QT_TESTS_EXPORT ProfileInputs
{
    Client::Profile profile = Client::Profile::None;
    ClientConfig config;
    QString dpopAlgorithm;          //!< empty: no DPoP key
    bool clientCertificate = false; //!< a TLS client certificate is configured
};

//! The JWS algorithms \a profile permits (empty: no restriction).
OAUTH4QT_TESTS_EXPORT QStringList profileAlgorithms(Client::Profile profile);

//! The configuration checks (no metadata needed): ProfileViolation naming the setting.
OAUTH4QT_TESTS_EXPORT Error checkProfileConfiguration(const ProfileInputs &inputs, ProfileOperation operation);

//! The checks that need the server's metadata (the PAR endpoint for Authorization).
OAUTH4QT_TESTS_EXPORT Error checkProfileMetadata(Client::Profile profile, const ServerMetadata &metadata,
                                                 ProfileOperation operation);

/*!
    The client assertion / request object algorithm under \a profile: \a config's
    signingAlgorithm() when set, PS256 for an RSA key under the FAPI 2.0 profile, the key's
    default otherwise. Returns \a config unchanged without a profile or with an algorithm set.
*/
OAUTH4QT_TESTS_EXPORT ClientConfig profileClientConfig(Client::Profile profile, const ClientConfig &config);

/*!
    Narrows the accepted algorithms of a signed response (ID Token, JARM) to the profile:
    \a configured (already checked) stays; otherwise \a advertised becomes its intersection with
    profileAlgorithms() (or profileAlgorithms() when the server lists none). When nothing is
    left, \a configured becomes an algorithm the server does not list, so that validation fails
    with AlgorithmNotAllowed instead of falling back to RS256.
*/
OAUTH4QT_TESTS_EXPORT void restrictAlgorithmsToProfile(Client::Profile profile, QString *configured,
                                                       QStringList *advertised);

} // namespace OAuth4Qt

// SPDX-License-Identifier: BSD-3-Clause
//
//  W A R N I N G
//  -------------
// Internal API of oauth4qt (exported for its tests only). Not part of the public API.
//
// The syntax of token values: what may be written into an HTTP header. A token that breaks its
// grammar (a CR/LF, a space, a non-ASCII character) is refused when received and never written
// into a header.
#pragma once

#include <oauth4qt/error.h>

#include <QtCore/QString>

namespace OAuth4Qt {

//! RFC 6750 2.1 b64token: 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"=".
//! The syntax of an access token sent in "Authorization: Bearer" or "Authorization: DPoP".
OAUTH4QT_TESTS_EXPORT bool isB64Token(QStringView value);
//! RFC 6749 Appendix A: 1*VSCHAR (%x20-7E): refresh tokens, and access tokens of other types.
OAUTH4QT_TESTS_EXPORT bool isVsCharString(QStringView value);

//! An access token the application passes in for an Authorization header: empty or not a
//! b64token -> InvalidArgument (a usage error; the message never contains the token).
OAUTH4QT_TESTS_EXPORT Error checkAccessTokenForHeader(const QString &accessToken);

} // namespace OAuth4Qt

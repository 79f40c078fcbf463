// SPDX-License-Identifier: BSD-3-Clause
// Internal API of oauth4qt (exported for its tests only). Not part of the public API.
#pragma once

#include <oauth4qt/clientconfig.h>

#include <QtCore/QByteArray>
#include <QtCore/QString>

namespace OAuth4Qt {

/*!
    application/x-www-form-urlencoded encoding of one name or value (WHATWG URL standard): space
    becomes '+', ALPHA, DIGIT and "*-._" stay, every other byte of the UTF-8 form is %XX.
*/
OAUTH4QT_TESTS_EXPORT QByteArray formEncode(const QString &text);
/*!
    The strictest form of the same encoding, for client_secret_basic (RFC 6749 2.3.1 and
    Appendix B): only ALPHA and DIGIT stay, space becomes '+', everything else is %XX, so the
    ':' separator and any '%' or '+' in an id or secret survive every server's decoder.
*/
OAUTH4QT_TESTS_EXPORT QByteArray formEncodeStrict(const QString &text);
//! name=value&... of \a parameters with formEncode().
OAUTH4QT_TESTS_EXPORT QByteArray formEncode(const Parameters &parameters);
//! The query string of \a parameters (for authorization URLs), same encoding.
OAUTH4QT_TESTS_EXPORT QString queryString(const Parameters &parameters);

} // namespace OAuth4Qt

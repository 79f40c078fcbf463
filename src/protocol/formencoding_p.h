// SPDX-License-Identifier: BSD-3-Clause
// Internal API of oauth4qt (exported for its tests only). Not part of the public API.
#pragma once

#include <oauth4qt/clientconfig.h>

#include <QtCore/QByteArray>
#include <QtCore/QString>

namespace OAuth4Qt {

/*!
    application/x-www-form-urlencoded encoding of one name or value: space becomes '+', ALPHA and
    DIGIT stay, every other byte of the UTF-8 form is %XX (upper case). This is the encoding RFC 6749
    Appendix B asks for, and what client_secret_basic applies to id and secret before Base64.
*/
OAUTH4QT_TESTS_EXPORT QByteArray formEncode(const QString &text);
//! name=value&... of \a parameters with formEncode().
OAUTH4QT_TESTS_EXPORT QByteArray formEncode(const Parameters &parameters);
//! The query string of \a parameters (for authorization URLs), same encoding.
OAUTH4QT_TESTS_EXPORT QString queryString(const Parameters &parameters);

} // namespace OAuth4Qt

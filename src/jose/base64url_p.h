// SPDX-License-Identifier: BSD-3-Clause
//
//  W A R N I N G
//  -------------
// Internal API of oauth4qt. Not part of the public API.
//
// Strict base64url decoding into a caller's buffer (Base64Url::decode without the allocation).
#pragma once

#include <oauth4qt/oauth4qt_export.h>

#include <QtCore/qglobal.h>

namespace OAuth4Qt {
namespace Base64Url {

//! The decoded size of \a textSize characters, or -1 for a length no base64url text has.
OAUTH4QT_TESTS_EXPORT qsizetype decodedSize(qsizetype textSize);

/*!
    Decodes \a n characters at \a text into \a out, which has room for decodedSize(n) bytes,
    with the rules of Base64Url::decode. Returns the bytes written, or -1 for an invalid text
    (\a out may then hold garbage).
*/
OAUTH4QT_TESTS_EXPORT qsizetype decodeInto(const char *text, qsizetype n, uchar *out);

} // namespace Base64Url
} // namespace OAuth4Qt

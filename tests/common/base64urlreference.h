// SPDX-License-Identifier: BSD-3-Clause
// A byte-at-a-time strict base64url decoder with the library's rules (alphabet only, no padding,
// no lone last character, zero trailing bits): the reference the block decoder is held to by
// tst_base64url and fuzz_base64url.
#pragma once

#include <QtCore/QByteArray>

namespace OAuth4Qt {
namespace Test {

inline QByteArray referenceBase64UrlDecode(const QByteArray &text, bool *ok)
{
    *ok = false;
    if (text.size() % 4 == 1)
        return {};
    quint32 bits = 0;
    int count = 0;
    QByteArray out;
    for (const char ch : text) {
        int v = -1;
        if (ch >= 'A' && ch <= 'Z') v = ch - 'A';
        else if (ch >= 'a' && ch <= 'z') v = ch - 'a' + 26;
        else if (ch >= '0' && ch <= '9') v = ch - '0' + 52;
        else if (ch == '-') v = 62;
        else if (ch == '_') v = 63;
        if (v < 0)
            return {};
        bits = (bits << 6) | quint32(v);
        count += 6;
        if (count >= 8) {
            count -= 8;
            out.append(char((bits >> count) & 0xFF));
        }
    }
    if (bits & ((1u << count) - 1))
        return {};
    *ok = true;
    return out;
}

} // namespace Test
} // namespace OAuth4Qt

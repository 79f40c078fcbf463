// SPDX-License-Identifier: BSD-3-Clause
#include <oauth4qt/jws.h>

namespace OAuth4Qt {
namespace Base64Url {

namespace {
// Value of a base64url alphabet character, -1 outside the alphabet.
int alphabetValue(char c)
{
    if (c >= 'A' && c <= 'Z')
        return c - 'A';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 26;
    if (c >= '0' && c <= '9')
        return c - '0' + 52;
    if (c == '-')
        return 62;
    if (c == '_')
        return 63;
    return -1;
}
} // namespace

QByteArray encode(const QByteArray &data)
{
    return data.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

QByteArray decode(const QByteArray &text, bool *ok)
{
    if (ok)
        *ok = false;
    // Qt's decoder accepts padding, a lone trailing character and non-zero trailing bits:
    // check the alphabet and the canonical form first.
    for (char c : text) {
        if (alphabetValue(c) < 0)
            return {};
    }
    const qsizetype rem = text.size() % 4;
    if (rem == 1)
        return {};
    if (rem != 0) {
        const int last = alphabetValue(text.back());
        if ((rem == 2 && (last & 0x0F) != 0) || (rem == 3 && (last & 0x03) != 0))
            return {};
    }
    auto result = QByteArray::fromBase64Encoding(text,
            QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals
            | QByteArray::AbortOnBase64DecodingErrors);
    if (!result)
        return {};
    if (ok)
        *ok = true;
    return std::move(result.decoded);
}

} // namespace Base64Url
} // namespace OAuth4Qt
